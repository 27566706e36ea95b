/* SPDX-License-Identifier: MIT */
/* diffp_08_percpu_array: PERCPU_ARRAY of (packets, bytes, max length)
 * structures, indexed by the packet length's bucket. */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

struct st {
	__u64 pkts, bytes;
	__u32 maxlen, minlen;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, struct st);
} stats SEC(".maps");

SEC("tc")
int percpu_array(struct __sk_buff *skb)
{
	__u32 k = skb->len >> 5;
	struct st *s;

	if (k > 7)
		k = 7;
	s = bpf_map_lookup_elem(&stats, &k);
	if (!s)
		return TC_ACT_SHOT;
	s->pkts++;
	s->bytes += skb->len;
	if (skb->len > s->maxlen)
		s->maxlen = skb->len;
	return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
