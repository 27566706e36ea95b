/* SPDX-License-Identifier: MIT */
/*
 * progs/test_run.c - BPF_PROG_TEST_RUN: the dispatch to the program type and
 * the steps every type shares (repeat, timing, copying results out).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/rcu.h"
#include "progs/internal.h"

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

BH_API int bh_prog__test_run(struct bh_prog *prog,
			     struct bh_test_run_opts *opts)
{
	if (!prog || !opts || !BH_OPTS_VALID(opts, bh_test_run_opts))
		return bh_err(-EINVAL);
	if (!prog->ops->test_run)
		return bh_err(-ENOTSUPP);
	/* bpf_prog_test_run(): a context pointer and its size come together */
	if (!opts->ctx_size_in != !opts->ctx_in ||
	    !opts->ctx_size_out != !opts->ctx_out)
		return bh_err(-EINVAL);
	return bh_err(prog->ops->test_run(prog, opts));
}

int test_run_check_common(const struct bh_test_run_opts *opts,
			  uint32_t allowed_flags)
{
	if (BH_OPTS_GET(opts, repeat, 0) < 0)
		return -EINVAL;
	if ((opts->data_size_in && !opts->data_in) ||
	    (opts->ctx_size_in && !opts->ctx_in))
		return -EINVAL;
	if (BH_OPTS_GET(opts, flags, 0) & ~allowed_flags)
		return -EINVAL;
	if (!(BH_OPTS_GET(opts, flags, 0) & BPF_F_TEST_RUN_ON_CPU) &&
	    BH_OPTS_GET(opts, cpu, 0))
		return -EINVAL;
	if (BH_OPTS_GET(opts, cpu, 0) >= bh_cpu_count())
		return -ENXIO;
	return 0;
}

/* Runs per RCU read-side section in test_run_repeat(). */
#define TEST_RUN_RCU_BATCH 256

/*
 * The kernel's bpf_test_run(): the program runs @repeat times (0 means
 * once) on one CPU; duration is the mean in ns, capped to u32.
 */
int test_run_repeat(struct bh_prog *prog, struct bh_exec_env *env,
		    struct bh_test_run_opts *opts, uint64_t *r0)
{
	int repeat = BH_OPTS_GET(opts, repeat, 0);
	bool on_cpu = BH_OPTS_GET(opts, flags, 0) & BPF_F_TEST_RUN_ON_CPU;
	uint64_t start, total;
	int ret = 0;

	if (repeat <= 0)
		repeat = 1;
	env->prog = prog;
	bh_cpu_enter(on_cpu ? (int)opts->cpu : -1);
	/*
	 * As the kernel's bpf_test_timer: one CPU slot and one RCU read-side
	 * section for a batch of runs, not per run; the section is left and
	 * re-entered every TEST_RUN_RCU_BATCH runs so that a grace period
	 * (a map or program freed meanwhile) waits for a bounded batch only.
	 */
	bh_rcu_read_lock();
	start = now_ns();
	for (int i = 0; i < repeat && !ret; i++) {
		if (i && i % TEST_RUN_RCU_BATCH == 0) {
			bh_rcu_read_unlock();
			bh_rcu_read_lock();
		}
		ret = prog_run_held(prog, env, r0);
	}
	total = now_ns() - start;
	bh_rcu_read_unlock();
	bh_cpu_exit();
	if (ret)
		return ret;
	opts->retval = (uint32_t)*r0;
	opts->duration = (uint32_t)BH_MIN(total / (uint64_t)repeat, UINT32_MAX);
	return 0;
}

int test_run_data_out(struct bh_test_run_opts *opts, const void *data,
		      uint32_t size)
{
	uint32_t copy = size;
	int ret = 0;

	/* bpf_test_finish(): a data_size_out of 0 means "no limit" */
	if (opts->data_size_out && copy > opts->data_size_out) {
		copy = opts->data_size_out;
		ret = -ENOSPC;
	}
	if (opts->data_out)
		memcpy(opts->data_out, data, copy);
	opts->data_size_out = size;
	return ret;
}

int test_run_ctx_out(struct bh_test_run_opts *opts, const void *ctx,
		     uint32_t size)
{
	uint32_t copy = size;
	int ret = 0;

	/* bpf_ctx_finish(): nothing without ctx_out; cut to ctx_size_out */
	if (!opts->ctx_out)
		return 0;
	if (copy > opts->ctx_size_out) {
		copy = opts->ctx_size_out;
		ret = -ENOSPC;
	}
	memcpy(opts->ctx_out, ctx, copy);
	opts->ctx_size_out = size;
	return ret;
}

int test_run_ctx_mem(struct bh_prog *prog, struct bh_test_run_opts *opts,
		     uint32_t ctx_max)
{
	struct bh_exec_env env = { 0 };
	uint32_t size = opts->ctx_size_in;
	void *ctx = NULL;
	uint64_t r0 = 0;
	int ret = test_run_check_common(opts, BPF_F_TEST_RUN_ON_CPU);

	if (ret)
		return ret;
	if (opts->data_in || opts->data_size_in || opts->data_out ||
	    opts->data_size_out)
		return -EINVAL;
	/* max_ctx_offset: the furthest byte the verifier saw the program read */
	if (size < prog->max_ctx_offset || size > ctx_max)
		return -EINVAL;
	/*
	 * The whole context, zeroed past ctx_in: a tail-call target (of the
	 * same type) may read further than the entry program, up to the
	 * type's context size, and runs unchecked when verified.  A checked
	 * run may only touch ctx_in's bytes.
	 */
	ctx = calloc(1, ctx_max);
	if (!ctx)
		return -ENOMEM;
	if (size) {
		memcpy(ctx, opts->ctx_in, size);
		exec_add_region(&env, ctx, size, false);
	}
	env.args[0] = (uintptr_t)ctx;
	ret = test_run_repeat(prog, &env, opts, &r0);
	if (!ret && size)
		ret = test_run_ctx_out(opts, ctx, size);
	free(ctx);
	return ret;
}
