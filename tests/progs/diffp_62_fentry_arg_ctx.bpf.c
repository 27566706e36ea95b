/* SPDX-License-Identifier: MIT */
/* diffp_62_fentry_arg_ctx: a TRACING program's context passed to a global
 * function as `void *ctx __arg_ctx` (TRACING has no context struct to
 * name, so only the tag makes it the context). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#ifndef __arg_ctx
#define __arg_ctx __attribute__((btf_decl_tag("arg:ctx")))
#endif

__u64 fentry_sum;

__attribute__((noinline)) int first_arg(void *ctx __arg_ctx)
{
	return (int)((__u64 *)ctx)[0];
}

SEC("fentry/bpf_fentry_test1")
int BPF_PROG(fentry_arg_ctx, int a)
{
	fentry_sum += first_arg(ctx) * 10 + a;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
