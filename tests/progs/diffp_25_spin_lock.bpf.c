/* SPDX-License-Identifier: MIT */
/* diffp_25_spin_lock: values holding a bpf_spin_lock in an ARRAY and a
 * HASH, updated under the lock. */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

struct locked {
	struct bpf_spin_lock lock;
	__u32 pad;
	__u64 pkts, bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, struct locked);
} arr SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, struct locked);
} h SEC(".maps");

SEC("tc")
int spin(struct __sk_buff *skb)
{
	__u32 k = skb->len & 1;
	struct locked *v, init = {};

	v = bpf_map_lookup_elem(&arr, &k);
	if (!v)
		return TC_ACT_SHOT;
	bpf_spin_lock(&v->lock);
	v->pkts++;
	v->bytes += skb->len;
	bpf_spin_unlock(&v->lock);
	k = skb->protocol;
	v = bpf_map_lookup_elem(&h, &k);
	if (!v) {
		bpf_map_update_elem(&h, &k, &init, BPF_NOEXIST);
		v = bpf_map_lookup_elem(&h, &k);
		if (!v)
			return TC_ACT_SHOT;
	}
	bpf_spin_lock(&v->lock);
	v->pkts += 2;
	v->bytes ^= skb->len;
	bpf_spin_unlock(&v->lock);
	return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
