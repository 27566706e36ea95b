/* SPDX-License-Identifier: MIT */
/* diffp_34_skb_ctx: reads of __sk_buff fields (len, protocol, pkt_type,
 * ifindex, mark, priority, cb[], ingress_ifindex, data_end - data) and
 * writes of mark, priority, cb[] and tc_index; ctx_out shows them. */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

__u64 r[10];

SEC("tc")
int skb_ctx(struct __sk_buff *skb)
{
	r[0] = skb->len;
	r[1] = skb->protocol;
	r[2] = skb->pkt_type;
	r[3] = skb->ifindex;
	r[4] = skb->mark;
	r[5] = skb->priority;
	r[6] = skb->cb[0] + skb->cb[4];
	r[7] = skb->ingress_ifindex;
	r[8] = skb->data_end - skb->data;
	r[9] = skb->queue_mapping + skb->vlan_present + skb->tc_index;
	skb->mark = skb->mark * 3 + skb->len;
	skb->priority = skb->protocol ^ 0x55;
	skb->cb[0] += 1;
	skb->cb[3] = skb->len << 4;
	skb->tc_index = 7;
	return skb->pkt_type == 0 ? TC_ACT_OK : TC_ACT_SHOT;
}

char LICENSE[] SEC("license") = "GPL";
