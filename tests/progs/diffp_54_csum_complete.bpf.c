/* SPDX-License-Identifier: MIT */
/* diffp_54_csum_complete: packet rewrites that keep a CHECKSUM_COMPLETE
 * skb->csum current (bpf_skb_store_bytes with BPF_F_RECOMPUTE_CSUM, a
 * pseudo-header l4_csum_replace) beside a store without the flag, which
 * leaves it stale: the harness runs SCHED_CLS inputs with and without
 * BPF_F_TEST_SKB_CHECKSUM_COMPLETE, and the kernel then fails the stale
 * one with -EBADMSG. */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

long rets[4];

SEC("tc")
int csum_complete(struct __sk_buff *skb)
{
	__u8 tos = 0x28, b = 0;

	rets[0] = bpf_skb_store_bytes(skb, 15, &tos, 1, BPF_F_RECOMPUTE_CSUM);
	rets[1] = bpf_l3_csum_replace(skb, 24, 0, 0x28, 2);
	if (skb->len > 100) {
		/* no BPF_F_RECOMPUTE_CSUM: skb->csum goes stale */
		rets[2] = bpf_skb_load_bytes(skb, 99, &b, 1);
		b ^= 0xff;
		rets[3] = bpf_skb_store_bytes(skb, 99, &b, 1, 0);
	}
	return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
