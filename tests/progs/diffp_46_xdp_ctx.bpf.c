/* SPDX-License-Identifier: MIT */
/* diffp_46_xdp_ctx: reads every xdp_md field a plain XDP program may
 * (data, data_end, data_meta as lengths; ingress_ifindex, rx_queue_index):
 * the test_run device is the loopback device, queue 0. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__u64 seen[5];

SEC("xdp")
int xdp_ctx(struct xdp_md *ctx)
{
	seen[0] = ctx->data_end - ctx->data;
	seen[1] = ctx->data - ctx->data_meta;
	seen[2] = ctx->ingress_ifindex;
	seen[3] = ctx->rx_queue_index;
	seen[4]++;
	return ctx->ingress_ifindex == 1 ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
