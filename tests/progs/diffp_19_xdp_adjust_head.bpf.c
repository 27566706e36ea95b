/* SPDX-License-Identifier: MIT */
/* diffp_19_xdp_adjust_head: IPv4 packets get an 8-byte outer tag pushed
 * in front (bpf_xdp_adjust_head -8, MACs moved); others lose their
 * Ethernet header (+14); data_out shows the rewrite. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

long rets[2];

SEC("xdp")
int adjust_head(struct xdp_md *ctx)
{
	unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;

	if (d + 14 > e)
		return XDP_ABORTED;
	if (d[12] == 0x08 && d[13] == 0x00) {
		rets[0] = bpf_xdp_adjust_head(ctx, -8);
		if (rets[0])
			return XDP_ABORTED;
		d = (void *)(long)ctx->data;
		e = (void *)(long)ctx->data_end;
		if (d + 22 > e)
			return XDP_ABORTED;
		__builtin_memmove(d, d + 8, 12);
		d[12] = 0x88; d[13] = 0xb5;
		for (int i = 14; i < 20; i++)
			d[i] = i * 3;
		d[20] = 0x08; d[21] = 0x00;
		return XDP_TX;
	}
	rets[1] = bpf_xdp_adjust_head(ctx, 14);
	return rets[1] ? XDP_ABORTED : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
