/* SPDX-License-Identifier: MIT */
/* diffp_04_bpf_loop: bpf_loop with a callback reading the packet through a
 * context struct on the stack, early stop (return 1), result in .data. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct lctx {
	void *data, *end;
	__u64 acc;
	__u32 seen;
};

__u64 acc_total = 5;
__u32 iters;
long last_ret;

static int cb(__u32 i, struct lctx *c)
{
	unsigned char *p = c->data;

	if (i > 200)
		return 1;
	if ((void *)(p + i + 1) > c->end)
		return 1;
	c->acc = c->acc * 31 + p[i];
	c->seen++;
	return 0;
}

SEC("xdp")
int bloop(struct xdp_md *ctx)
{
	struct lctx c = {
		.data = (void *)(long)ctx->data,
		.end = (void *)(long)ctx->data_end,
	};

	last_ret = bpf_loop(1000, cb, &c, 0);
	acc_total += c.acc;
	iters += c.seen;
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
