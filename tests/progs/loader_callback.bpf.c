/* SPDX-License-Identifier: MIT */
/*
 * loader_callback: a callback passed by address (ld_imm64 of a function:
 * BPF_PSEUDO_FUNC) to bpf_loop, static .text functions calling each
 * other, and a string literal in .rodata.str1.1.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct loop_ctx {
	__u64 sum;
};

__u64 result;
char copied[8];

static __attribute__((noinline)) __u64 square(__u64 x)
{
	return x * x;
}

static __attribute__((noinline)) __u64 square_plus(__u64 x)
{
	return square(x) + 1;
}

static int loop_cb(__u32 idx, struct loop_ctx *c)
{
	c->sum += square_plus(idx);
	return 0;
}

SEC("syscall")
int run_loop(void *ctx)
{
	struct loop_ctx c = { 0 };
	const char *s = "strlit";

	bpf_loop(5, loop_cb, &c, 0);
	result = c.sum;
	for (int i = 0; i < 7; i++)
		copied[i] = s[i];
	return (int)square_plus(3);
}

char LICENSE[] SEC("license") = "GPL";
