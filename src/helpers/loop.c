/* SPDX-License-Identifier: MIT */
/*
 * helpers/loop.c - bpf_loop (kernel/bpf/bpf_iter.c): call a BPF callback
 * up to nr_loops times with (index, callback_ctx); a non-zero return
 * stops early.  Returns the number of calls made, -EINVAL for non-zero
 * flags, -E2BIG beyond BPF_MAX_LOOPS (zero-extended from 32 bits, as the
 * kernel's inlined bpf_loop gives it).  The callback runs nested in the
 * caller's run (exec/callback.h), so a checked callback sees the caller's
 * stack and regions, and a fault in it ends the whole run.
 */
#include "exec/callback.h"
#include "helpers/internal.h"

#define BPF_MAX_LOOPS (8 * 1024 * 1024)

/* long bpf_loop(u32 nr_loops, void *callback_fn, void *callback_ctx, u64 flags) */
static uint64_t loop(uint64_t nr_loops, uint64_t fn, uint64_t ctx,
		     uint64_t flags, uint64_t r5)
{
	struct bh_exec_env *env = bh_exec_current;
	uint32_t n = (uint32_t)nr_loops, i;
	struct exec_callback cb;
	long idx;

	if (flags)
		return (uint64_t)-EINVAL;
	/*
	 * The kernel's verifier inlines bpf_loop when flags are a constant 0
	 * (inline_bpf_loop()), and the inlined code sets -E2BIG with a 32-bit
	 * move: the program sees 0xfffffff9, not -7.  flags are 0 here, as
	 * they are (a literal) in practice; diffp_53 compares it with Linux.
	 */
	if (n > BPF_MAX_LOOPS)
		return (uint32_t)-E2BIG;
	idx = env ? exec_callback_index(env, fn) : -EINVAL;
	if (idx < 0 || exec_callback_prepare(&cb, env, (uint32_t)idx))
		return (uint64_t)-EINVAL;
	for (i = 0; i < n; i++) {
		const uint64_t args[5] = { i, ctx };
		uint64_t r0 = 0;

		if (exec_callback_call(&cb, args, &r0))
			return 0; /* the fault ends the run; R0 is moot */
		if (r0)
			return (uint64_t)i + 1;
	}
	return i;
}

const struct bh_helper_proto helper_loop_proto = {
	.name = "loop",
	.fn = loop,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_ANYTHING, BH_ARG_PTR_TO_FUNC,
		      BH_ARG_PTR_TO_STACK_OR_NULL, BH_ARG_ANYTHING },
};
