/* SPDX-License-Identifier: MIT */
/*
 * progs/raw_tp.c - BPF_PROG_TYPE_RAW_TRACEPOINT and
 * BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE (seed 003, "bpf: add writable
 * context for raw tracepoints").  The two share everything but the first
 * argument, so they live in one file, as in the kernel's bpf_trace.c.
 *
 * The context is the tracepoint's arguments as an array of u64, read-only.
 * A writable tracepoint passes a buffer as its first argument: a
 * RAW_TRACEPOINT_WRITABLE program may read and write it (its size is the
 * tracepoint's), a RAW_TRACEPOINT program only sees the pointer.
 *
 * test_run (RAW_TRACEPOINT only: the kernel has none for the writable
 * type) follows bpf_prog_test_run_raw_tp(): ctx_in is the args array (at
 * most 12 u64, at least as far as the verifier saw the program read: its
 * max_ctx_offset), nothing else may be given (no data, ctx_out, repeat,
 * duration, batch_size), BPF_F_TEST_RUN_ON_CPU picks the CPU slot.  A
 * program loaded without the verifier has no max_ctx_offset; a read past
 * ctx_in then faults the checked run (-EFAULT) instead of -EINVAL.
 * bh_prog__run_raw_tp() runs either type with a writable buffer.
 */
#include <stdlib.h>
#include <string.h>

#include "helpers/internal.h"
#include "progs/ctx_access.h"
#include "progs/internal.h"
#include "progs/test_run_rules.h"
#include "bpfhost/progtypes.h"

#define MAX_BPF_FUNC_ARGS 12

static const struct bh_ctx_field raw_tp_fields[] = {
	{ "args", 0, MAX_BPF_FUNC_ARGS * 8, BH_SZ_NARROW8, 0, BH_CTX_SCALAR },
};

static const struct bh_ctx_field raw_tp_w_fields[] = {
	{ "args[0]", 0, 8, BH_SZ8, 0, BH_CTX_TP_BUFFER },
	{ "args[1..]", 8, (MAX_BPF_FUNC_ARGS - 1) * 8, BH_SZ_NARROW8, 0,
	  BH_CTX_SCALAR },
};

static const struct bh_ctx_desc raw_tp_ctx_desc = {
	.prog_ctx = "struct bpf_raw_tracepoint_args",
	.host_ctx = "u64[]",
	.size = MAX_BPF_FUNC_ARGS * 8,
	.fields = raw_tp_fields,
	.field_cnt = BH_ARRAY_SIZE(raw_tp_fields),
};

static const struct bh_ctx_desc raw_tp_w_ctx_desc = {
	.prog_ctx = "struct bpf_raw_tracepoint_args",
	.host_ctx = "u64[] (args[0]: the writable buffer)",
	.size = MAX_BPF_FUNC_ARGS * 8,
	.fields = raw_tp_w_fields,
	.field_cnt = BH_ARRAY_SIZE(raw_tp_w_fields),
};

static const struct bh_ctx_desc *raw_tp_ctx(uint32_t attach_type)
{
	return &raw_tp_ctx_desc;
}

static const struct bh_ctx_desc *raw_tp_w_ctx(uint32_t attach_type)
{
	return &raw_tp_w_ctx_desc;
}

/* raw_tp_prog_func_proto(): the tracing set. */
static const struct bh_helper_proto *raw_tp_func_proto(uint32_t func_id,
							const struct bh_prog *prog)
{
	return helper_tracing_func_proto(func_id, prog);
}

/* Run once with @ctx (@ctx_sz bytes) and an optional writable buffer. */
static int raw_tp_run(struct bh_prog *prog, uint64_t *ctx, size_t ctx_sz,
		      void *wbuf, size_t wbuf_sz, int cpu, uint64_t *r0)
{
	struct bh_exec_env env = { 0 };
	int ret;

	env.args[0] = (uintptr_t)ctx;
	if (ctx_sz)
		exec_add_region(&env, ctx, ctx_sz, false);
	if (wbuf && wbuf_sz)
		exec_add_region(&env, wbuf, wbuf_sz,
				prog->type == BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE);
	bh_cpu_enter(cpu);
	ret = prog_run(prog, &env, r0);
	bh_cpu_exit();
	return ret;
}

static int raw_tp_test_run(struct bh_prog *prog, struct bh_test_run_opts *opts)
{
	uint32_t flags = BH_OPTS_GET(opts, flags, 0);
	uint32_t cpu = BH_OPTS_GET(opts, cpu, 0);
	uint32_t size = opts->ctx_size_in;
	uint64_t *ctx = NULL, r0 = 0;
	int ret;

	if (test_run_check_ctx_args(opts))
		return -EINVAL;
	if (opts->data_in || opts->data_out || opts->ctx_out ||
	    opts->duration || BH_OPTS_GET(opts, repeat, 0) ||
	    BH_OPTS_GET(opts, batch_size, 0))
		return -EINVAL;
	/* max_ctx_offset: the furthest argument the verifier saw read */
	if (size < prog->max_ctx_offset || size > MAX_BPF_FUNC_ARGS * 8)
		return -EINVAL;
	if (!(flags & BPF_F_TEST_RUN_ON_CPU) && cpu)
		return -EINVAL;
	if ((flags & BPF_F_TEST_RUN_ON_CPU) && cpu >= bh_cpu_count())
		return -ENXIO;
	if (size) {
		if (!opts->ctx_in)
			return -EFAULT;
		ctx = malloc(size);
		if (!ctx)
			return -ENOMEM;
		memcpy(ctx, opts->ctx_in, size);
	}
	ret = raw_tp_run(prog, ctx, size, NULL, 0,
			 (flags & BPF_F_TEST_RUN_ON_CPU) ? (int)cpu : -1, &r0);
	if (!ret)
		opts->retval = (uint32_t)r0;
	free(ctx);
	return ret;
}

BH_API int bh_prog__run_raw_tp(struct bh_prog *prog, const uint64_t *args,
			       unsigned int nargs, void *wbuf, size_t wbuf_sz,
			       uint64_t *ret)
{
	uint64_t ctx[MAX_BPF_FUNC_ARGS] = { 0 };
	bool writable;

	if (!prog || !ret || nargs > MAX_BPF_FUNC_ARGS || (nargs && !args) ||
	    (prog->type != BPF_PROG_TYPE_RAW_TRACEPOINT &&
	     prog->type != BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE))
		return bh_err(-EINVAL);
	writable = prog->type == BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE;
	if ((wbuf_sz && !wbuf) || (writable && !wbuf) || (wbuf && !nargs))
		return bh_err(-EINVAL);
	if (nargs)
		memcpy(ctx, args, nargs * sizeof(*args));
	if (wbuf)
		ctx[0] = (uintptr_t)wbuf;
	return bh_err(raw_tp_run(prog, ctx, nargs * sizeof(*ctx), wbuf, wbuf_sz,
				 -1, ret));
}

const struct bh_prog_ops raw_tracepoint_prog_ops = {
	.name = "raw_tracepoint",
	.test_run = raw_tp_test_run,
	.ctx_desc = raw_tp_ctx,
	.get_func_proto = raw_tp_func_proto,
};

/* No test_run, as in Linux: the writable buffer is the tracepoint's. */
const struct bh_prog_ops raw_tracepoint_writable_prog_ops = {
	.name = "raw_tracepoint_writable",
	.ctx_desc = raw_tp_w_ctx,
	.get_func_proto = raw_tp_func_proto,
};
