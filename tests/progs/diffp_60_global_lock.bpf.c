/* SPDX-License-Identifier: MIT */
/* diffp_60_global_lock: global (BTF_FUNC_GLOBAL) functions, each verified
 * once on its own from its BTF prototype: a scalar argument, the context,
 * a pointer to memory that may be NULL (global data, the stack, NULL);
 * one of them takes a map value's bpf_spin_lock itself. */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

struct locked {
	struct bpf_spin_lock lock;
	__u32 hits;
	__u64 bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, struct locked);
} vals SEC(".maps");

__u64 out[4];

__attribute__((noinline)) int bump(__u32 key, __u32 len)
{
	struct locked *v = bpf_map_lookup_elem(&vals, &key);
	__u32 hits;

	if (!v)
		return -1;
	bpf_spin_lock(&v->lock);
	hits = ++v->hits;
	v->bytes += len;
	bpf_spin_unlock(&v->lock);
	return hits;
}

__attribute__((noinline)) int add_to(__u64 *acc, __u64 x)
{
	if (!acc)
		return 0;
	*acc += x;
	return 1;
}

__attribute__((noinline)) int pkt_len(struct __sk_buff *skb)
{
	return skb->len;
}

SEC("tc")
int glock(struct __sk_buff *skb)
{
	__u64 local = 0;
	int r = bump(skb->len & 3, pkt_len(skb));

	out[0] += r;
	add_to(&out[1], skb->len);
	add_to(&local, 7);
	out[3] += add_to(0, 1);
	out[2] += local;
	return r > 0 ? TC_ACT_OK : TC_ACT_SHOT;
}

char LICENSE[] SEC("license") = "GPL";
