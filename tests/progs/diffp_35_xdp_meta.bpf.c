/* SPDX-License-Identifier: MIT */
/* diffp_35_xdp_meta: bpf_xdp_adjust_meta to reserve 8 bytes of metadata,
 * written and read back; a bad (unaligned) adjustment fails. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

long rets[3];
__u64 meta_seen;

SEC("xdp")
int meta(struct xdp_md *ctx)
{
	__u32 *m;
	void *d;

	rets[0] = bpf_xdp_adjust_meta(ctx, -3);
	rets[1] = bpf_xdp_adjust_meta(ctx, -8);
	if (rets[1])
		return XDP_ABORTED;
	m = (void *)(long)ctx->data_meta;
	d = (void *)(long)ctx->data;
	if ((void *)(m + 2) > d)
		return XDP_ABORTED;
	m[0] = ctx->data_end - ctx->data;
	m[1] = 0xfeedf00d;
	meta_seen += m[0] + m[1];
	rets[2] = bpf_xdp_adjust_meta(ctx, 8);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
