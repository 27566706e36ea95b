/* SPDX-License-Identifier: MIT */
/* diffp_41_redirect: bpf_redirect from TC and XDP: verdicts
 * TC_ACT_REDIRECT / XDP_REDIRECT, and TC_ACT_SHOT / XDP_ABORTED for bad
 * flags, chosen by the packet's length. */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

SEC("tc")
int tc_redirect(struct __sk_buff *skb)
{
	if (skb->len & 1)
		return bpf_redirect(1, 0);
	if (skb->len & 2)
		return bpf_redirect(1, 0x100);
	return TC_ACT_OK;
}

SEC("xdp")
int xdp_redirect(struct xdp_md *ctx)
{
	__u32 len = ctx->data_end - ctx->data;

	if (len & 1)
		return bpf_redirect(1, 0);
	if (len & 2)
		return bpf_redirect(1, 0x100);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
