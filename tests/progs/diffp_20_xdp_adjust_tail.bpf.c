/* SPDX-License-Identifier: MIT */
/* diffp_20_xdp_adjust_tail: trims packets longer than 64 bytes to 60,
 * grows shorter ones by 16 bytes and fills them; too-large shrink fails. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

long rets[3];

SEC("xdp")
int adjust_tail(struct xdp_md *ctx)
{
	unsigned char *d, *e;
	int len = ctx->data_end - ctx->data;

	rets[2] = bpf_xdp_adjust_tail(ctx, -100000);
	if (len > 64) {
		rets[0] = bpf_xdp_adjust_tail(ctx, 60 - len);
		return XDP_PASS;
	}
	rets[1] = bpf_xdp_adjust_tail(ctx, 16);
	d = (void *)(long)ctx->data;
	e = (void *)(long)ctx->data_end;
	if (len < 0 || len > 64)
		return XDP_ABORTED;
	d += len & 127;
	if (d + 16 > e)
		return XDP_ABORTED;
	for (int i = 0; i < 16; i++)
		d[i] = 0xa0 + i;
	return XDP_TX;
}

char LICENSE[] SEC("license") = "GPL";
