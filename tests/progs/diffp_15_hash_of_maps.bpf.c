/* SPDX-License-Identifier: MIT */
/* diffp_15_hash_of_maps: a HASH_OF_MAPS keyed by EtherType whose inner
 * maps are HASHes; lookups of missing keys miss. */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct inner {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u32);
};

struct inner v4 SEC(".maps"), v6 SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH_OF_MAPS);
	__uint(max_entries, 8);
	__type(key, __u32);
	__array(values, struct inner);
} by_type SEC(".maps") = {
	.values = { [0x0800 & 7] = &v4, [0x86dd & 7] = &v6 },
};

__u32 misses;

SEC("tc")
int hom(struct __sk_buff *skb)
{
	__u32 k = bpf_ntohs(skb->protocol) & 7, len = skb->len, one = 1;
	void *m = bpf_map_lookup_elem(&by_type, &k);
	__u32 *c;

	if (!m) {
		misses++;
		return TC_ACT_UNSPEC;
	}
	c = bpf_map_lookup_elem(m, &len);
	if (c)
		(*c)++;
	else
		bpf_map_update_elem(m, &len, &one, BPF_NOEXIST);
	return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
