/* SPDX-License-Identifier: MIT */
/* diffp_61_global_spin_lock: struct bpf_spin_lock in global data (the
 * kernel builds a btf_record from the section's DATASEC): a lock variable
 * in .bss guarding two counters, a lock inside a struct variable of an
 * initialised .data.stats; and programs passing BPF_F_LOCK to
 * bpf_map_update_elem (in place under the value's lock; -EINVAL on a value
 * without one).  Hidden variables, as the kernel's selftests write them:
 * libbpf then does not make the maps mmapable (the kernel refuses to mmap
 * a value holding a lock). */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

#define __hidden __attribute__((visibility("hidden")))

__hidden struct bpf_spin_lock glock;
__hidden __u64 pkts, bytes;

struct stats {
	__u32 seen;
	struct bpf_spin_lock lock;
	__u64 min_len, max_len;
};

__hidden struct stats st SEC(".data.stats") = { .seen = 7, .min_len = ~0ULL };

struct locked {
	struct bpf_spin_lock lock;
	__u32 seq;
	__u64 sum;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, struct locked);
} larr SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, struct locked);
} lhash SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} plain SEC(".maps");

SEC("tc")
int global_lock(struct __sk_buff *skb)
{
	__u64 len = skb->len;

	bpf_spin_lock(&glock);
	pkts++;
	bytes += len;
	bpf_spin_unlock(&glock);

	bpf_spin_lock(&st.lock);
	st.seen++;
	if (len < st.min_len)
		st.min_len = len;
	if (len > st.max_len)
		st.max_len = len;
	bpf_spin_unlock(&st.lock);
	return TC_ACT_OK;
}

SEC("tc")
int update_locked(struct __sk_buff *skb)
{
	struct locked v = { .seq = skb->len, .sum = (__u64)skb->len * 3 };
	__u32 k = skb->len & 1, hk = skb->len & 3;
	__u64 pv = skb->len;
	long r[4];

	r[0] = bpf_map_update_elem(&larr, &k, &v, BPF_F_LOCK);
	/* inserts the first time, then -EEXIST */
	r[1] = bpf_map_update_elem(&lhash, &hk, &v, BPF_NOEXIST | BPF_F_LOCK);
	v.sum += 1;
	r[2] = bpf_map_update_elem(&lhash, &hk, &v, BPF_EXIST | BPF_F_LOCK);
	r[3] = bpf_map_update_elem(&plain, &hk, &pv, BPF_F_LOCK); /* -EINVAL */
	return (int)((r[0] & 0xff) | (r[1] & 0xff) << 8 | (r[2] & 0xff) << 16 |
		     (r[3] & 0x7f) << 24);
}

char LICENSE[] SEC("license") = "GPL";
