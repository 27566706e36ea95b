/* SPDX-License-Identifier: MIT */
/* diffp_02_branch: a decision tree over Ethernet / IP fields with signed and
 * unsigned comparisons, 32-bit jumps; counts per class in an ARRAY. */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} classes SEC(".maps");

SEC("tc")
int branch(struct __sk_buff *skb)
{
	unsigned char *d = (void *)(long)skb->data, *e = (void *)(long)skb->data_end;
	__u32 cls, k;
	__u64 *v;
	__s8 sb;
	__u16 proto;

	if (d + 34 > e)
		return TC_ACT_SHOT;
	proto = (d[12] << 8) | d[13];
	sb = (__s8)d[22];
	if (proto == 0x0800) {
		if (d[23] == 6)
			cls = sb < 0 ? 1 : 2;
		else if (d[23] == 17)
			cls = (__s32)skb->len > 60 ? 3 : 4;
		else
			cls = 5;
	} else if (proto == 0x86dd) {
		cls = 6;
	} else if (proto < 0x600) {
		cls = 7;
	} else {
		cls = 0;
	}
	k = cls;
	v = bpf_map_lookup_elem(&classes, &k);
	if (v)
		*v += skb->len;
	if (cls >= 5)
		return TC_ACT_SHOT;
	return cls & 1 ? TC_ACT_OK : TC_ACT_PIPE;
}

char LICENSE[] SEC("license") = "GPL";
