/* SPDX-License-Identifier: MIT */
/*
 * progs/syscall.c - BPF_PROG_TYPE_SYSCALL: the context is plain memory the
 * caller passes in (at most 65535 bytes); test_run writes it back into
 * ctx_in as the kernel does, and accepts no data, ctx_out, repeat or flags.
 */
#include <stdlib.h>
#include <string.h>

#include "progs/internal.h"

#define SYSCALL_CTX_MAX 65535 /* U16_MAX */

static int syscall_test_run(struct bh_prog *prog, struct bh_test_run_opts *opts)
{
	struct bh_exec_env env = { 0 };
	void *ctx = NULL;
	uint64_t r0 = 0;
	int ret;

	if (opts->data_in || opts->data_out || opts->ctx_out ||
	    BH_OPTS_GET(opts, repeat, 0) || BH_OPTS_GET(opts, flags, 0) ||
	    opts->ctx_size_in > SYSCALL_CTX_MAX ||
	    (opts->ctx_size_in && !opts->ctx_in) ||
	    opts->ctx_size_in < prog->max_ctx_offset) /* as the kernel */
		return -EINVAL;
	if (opts->ctx_size_in) {
		ctx = malloc(opts->ctx_size_in);
		if (!ctx)
			return -ENOMEM;
		memcpy(ctx, opts->ctx_in, opts->ctx_size_in);
		exec_add_region(&env, ctx, opts->ctx_size_in, true);
	}
	env.args[0] = (uintptr_t)ctx;
	ret = prog_run(prog, &env, &r0);
	if (!ret) {
		opts->retval = (uint32_t)r0;
		if (ctx) /* the kernel copies the context back over ctx_in */
			memcpy((void *)opts->ctx_in, ctx, opts->ctx_size_in);
	}
	free(ctx);
	return ret;
}

const struct bh_prog_ops syscall_prog_ops = {
	.name = "syscall",
	.test_run = syscall_test_run,
};
