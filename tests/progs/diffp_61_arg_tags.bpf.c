/* SPDX-License-Identifier: MIT */
/* diffp_61_arg_tags: global functions whose arguments carry BTF decl tags
 * ("arg:ctx", "arg:nonnull": libbpf 1.1's headers lack the __arg_*
 * macros, defined here as newer bpf_helpers.h does), and context structs
 * recognised by name, for the program types run here: XDP, tc, raw_tp
 * and SYSCALL (fentry: diffp_62_fentry_arg_ctx, apart, as the kernel may
 * refuse tracing programs, which skips the whole object). */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

#include "diff_objects.h"

#ifndef __arg_ctx
#define __arg_ctx __attribute__((btf_decl_tag("arg:ctx")))
#endif
#ifndef __arg_nonnull
#define __arg_nonnull __attribute__((btf_decl_tag("arg:nonnull")))
#endif

__u64 xdp_lens, tc_sum, tp_sum, sys_sum, nonnull_sum;

/* the packet's length through a `void *` context */
__attribute__((noinline)) int pkt_len(void *ctx __arg_ctx)
{
	struct xdp_md *x = ctx;
	void *data = (void *)(long)x->data, *end = (void *)(long)x->data_end;

	if (data + 14 > end)
		return 0;
	return (int)(end - data) + *(__u8 *)data;
}

/* a pointer the function reads with no NULL check of its own */
__attribute__((noinline)) int add_nonnull(__u64 *p __arg_nonnull, __u64 v)
{
	*p += v;
	return (int)(*p & 0xff);
}

SEC("xdp")
int xdp_tags(struct xdp_md *ctx)
{
	__u64 acc = 7;
	int n = pkt_len(ctx);

	xdp_lens += n;
	nonnull_sum += add_nonnull(&acc, n);
	return n > 100 ? XDP_PASS : XDP_DROP;
}

__attribute__((noinline)) int skb_fields(struct __sk_buff *skb __arg_ctx)
{
	return skb->len + skb->mark;
}

/* untagged: the name of the context struct makes it the context */
__attribute__((noinline)) int skb_proto(struct __sk_buff *skb)
{
	return skb->protocol;
}

SEC("tc")
int tc_tags(struct __sk_buff *skb)
{
	tc_sum += skb_fields(skb) + skb_proto(skb);
	return TC_ACT_OK;
}

__attribute__((noinline)) __u64 tp_first(__u64 *args __arg_ctx)
{
	return args[0] + args[1];
}

__attribute__((noinline)) __u64 tp_third(struct bpf_raw_tracepoint_args *ctx)
{
	return ctx->args[2];
}

SEC("raw_tp/sys_enter")
int raw_tp_tags(struct bpf_raw_tracepoint_args *ctx)
{
	tp_sum += tp_first((__u64 *)ctx) * 3 + tp_third(ctx);
	return 0;
}

__attribute__((noinline)) int sys_fill(void *ctx __arg_ctx)
{
	struct diffp_sys_ctx *c = ctx;

	c->out[0] = c->a * 2 + c->b;
	return (int)(c->a & 0x7f);
}

SEC("syscall")
int sys_tags(struct diffp_sys_ctx *ctx)
{
	int r = sys_fill(ctx);

	sys_sum += r;
	return r;
}

char LICENSE[] SEC("license") = "GPL";
