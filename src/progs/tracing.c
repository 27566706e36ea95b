/* SPDX-License-Identifier: MIT */
/*
 * progs/tracing.c - BPF_PROG_TYPE_TRACING (seed 003, "bpf: Replace
 * prog_raw_tp+btf_id with prog_tracing"): BPF_TRACE_RAW_TP, BPF_TRACE_FENTRY
 * and BPF_TRACE_FEXIT programs whose context is the u64 array of a
 * function's typed arguments (fexit: then its return value).
 *
 * The kernel attaches these to kernel functions named by BTF through a
 * trampoline.  bpfhost has no kernel functions: the host registers "attach
 * functions" (bpfhost/progtypes.h) with their argument sizes, programs
 * attach to them, and bh_attach_func__call() is the trampoline: fentry
 * programs, the function, fexit programs.  bpfhost pre-registers the
 * kernel's test targets bpf_fentry_test1..9, and BPF_PROG_TEST_RUN calls
 * them with the kernel's arguments exactly as bpf_prog_test_run_tracing()
 * does, so a program attached to "bpf_fentry_test1" sees the same context
 * in both.  As in the kernel, test_run itself reports retval 0: the
 * programs' effects show in maps.
 *
 * Locking: funcs_lock (rank 70) guards the function list and every
 * function's program array; a call holds it for reading across the run.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers/internal.h"
#include "progs/ctx_access.h"
#include "progs/internal.h"
#include "bpfhost/progtypes.h"

#define MAX_BPF_FUNC_ARGS 12
#define ATTACH_MAX_PROGS 16
#define ATTACH_NAME_MAX 64

struct bh_attach_func {
	struct bh_attach_func *next;
	char name[ATTACH_NAME_MAX];
	unsigned int nargs;
	uint8_t arg_sizes[MAX_BPF_FUNC_ARGS];
	uint8_t ret_size;
	bh_attach_func_fn fn;
	void *fn_ctx;
	struct bh_prog *progs[ATTACH_MAX_PROGS];
	unsigned int prog_cnt;
};

static pthread_rwlock_t funcs_lock = PTHREAD_RWLOCK_INITIALIZER;
static struct bh_attach_func *funcs;
static pthread_once_t builtins_once = PTHREAD_ONCE_INIT;

/* ---- The context ---------------------------------------------------------- */

/* The arguments are plain u64 here: an attach function's arguments are
 * numbers the host passed, not kernel objects a program could follow
 * through BTF (the kernel's btf_ctx_access types them). */
static const struct bh_ctx_field tracing_fields[] = {
	{ "args", 0, (MAX_BPF_FUNC_ARGS + 1) * 8, BH_SZ_NARROW8, 0,
	  BH_CTX_SCALAR },
};

static const struct bh_ctx_desc tracing_ctx_desc = {
	.prog_ctx = "u64[] (BTF-typed args, fexit: then the return value)",
	.host_ctx = "struct bh_attach_func args",
	.size = (MAX_BPF_FUNC_ARGS + 1) * 8,
	.fields = tracing_fields,
	.field_cnt = BH_ARRAY_SIZE(tracing_fields),
};

static const struct bh_ctx_desc *tracing_ctx(uint32_t attach_type)
{
	return &tracing_ctx_desc;
}

static int tracing_check_load(const struct bh_prog *prog, struct bh_log *log)
{
	switch (prog->expected_attach_type) {
	case BPF_TRACE_RAW_TP:
	case BPF_TRACE_FENTRY:
	case BPF_TRACE_FEXIT:
		return 0;
	default:
		bh_log(log, "tracing programs support only BPF_TRACE_RAW_TP, BPF_TRACE_FENTRY and BPF_TRACE_FEXIT\n");
		return -EINVAL;
	}
}

/* tracing_prog_func_proto(): the tracing set. */
static const struct bh_helper_proto *tracing_func_proto(uint32_t func_id,
							 const struct bh_prog *prog)
{
	return helper_tracing_func_proto(func_id, prog);
}

/* ---- Attach functions ----------------------------------------------------- */

static uint64_t truncate_to(uint64_t v, uint8_t size)
{
	return size >= 8 ? v : v & ((1ull << (size * 8)) - 1);
}

static struct bh_attach_func *find_locked(const char *name)
{
	for (struct bh_attach_func *f = funcs; f; f = f->next)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}

static struct bh_attach_func *register_func(const char *name, unsigned int nargs,
					    const uint8_t *sizes, uint8_t ret_size,
					    bh_attach_func_fn fn, void *fn_ctx)
{
	struct bh_attach_func *f;
	int err = -EINVAL;

	if (!name || !*name || strlen(name) >= ATTACH_NAME_MAX || !fn ||
	    nargs > MAX_BPF_FUNC_ARGS || (nargs && !sizes) || ret_size > 8 ||
	    (ret_size & (ret_size - 1)))
		return bh_err_ptr(err);
	for (unsigned int i = 0; i < nargs; i++)
		if (!sizes[i] || sizes[i] > 8 || (sizes[i] & (sizes[i] - 1)))
			return bh_err_ptr(err);
	f = calloc(1, sizeof(*f));
	if (!f)
		return bh_err_ptr(-ENOMEM);
	strcpy(f->name, name);
	f->nargs = nargs;
	if (nargs)
		memcpy(f->arg_sizes, sizes, nargs);
	f->ret_size = ret_size;
	f->fn = fn;
	f->fn_ctx = fn_ctx;
	pthread_rwlock_wrlock(&funcs_lock);
	if (find_locked(name)) {
		pthread_rwlock_unlock(&funcs_lock);
		free(f);
		return bh_err_ptr(-EEXIST);
	}
	f->next = funcs;
	funcs = f;
	pthread_rwlock_unlock(&funcs_lock);
	return f;
}

/* The kernel's test targets (net/bpf/test_run.c), same arguments. */
static uint64_t fentry_test(const uint64_t *a, void *ctx)
{
	switch ((uintptr_t)ctx) {
	case 1: return (uint32_t)((int32_t)a[0] + 1);
	case 2: return (uint32_t)((int32_t)a[0] + a[1]);
	case 3: return (uint32_t)((int8_t)a[0] + (int32_t)a[1] + a[2]);
	case 4: return (uint32_t)(a[0] + (int8_t)a[1] + (int32_t)a[2] + a[3]);
	case 5: return (uint32_t)(a[0] + a[1] + (int16_t)a[2] + (int32_t)a[3] + a[4]);
	case 6:
		return (uint32_t)(a[0] + a[1] + (int16_t)a[2] + (int32_t)a[3] +
				  a[4] + a[5]);
	case 7: return (uint32_t)a[0];
	case 8: return (uint32_t)*(const uint64_t *)(uintptr_t)a[0];
	default: return *(const uint32_t *)(uintptr_t)a[0];
	}
}

static void register_builtins(void)
{
	static const struct {
		const char *name;
		unsigned int nargs;
		uint8_t sizes[6];
	} t[] = {
		{ "bpf_fentry_test1", 1, { 4 } },
		{ "bpf_fentry_test2", 2, { 4, 8 } },
		{ "bpf_fentry_test3", 3, { 1, 4, 8 } },
		{ "bpf_fentry_test4", 4, { 8, 1, 4, 8 } },
		{ "bpf_fentry_test5", 5, { 8, 8, 2, 4, 8 } },
		{ "bpf_fentry_test6", 6, { 8, 8, 2, 4, 8, 8 } },
		{ "bpf_fentry_test7", 1, { 8 } },
		{ "bpf_fentry_test8", 1, { 8 } },
		{ "bpf_fentry_test9", 1, { 8 } },
	};

	for (size_t i = 0; i < BH_ARRAY_SIZE(t); i++)
		register_func(t[i].name, t[i].nargs, t[i].sizes, 4, fentry_test,
			      (void *)(uintptr_t)(i + 1));
}

BH_API struct bh_attach_func *bh_attach_func__register(
	const char *name, unsigned int nargs, const uint8_t *arg_sizes,
	uint8_t ret_size, bh_attach_func_fn fn, void *fn_ctx)
{
	pthread_once(&builtins_once, register_builtins);
	return register_func(name, nargs, arg_sizes, ret_size, fn, fn_ctx);
}

BH_API struct bh_attach_func *bh_attach_func__find(const char *name)
{
	struct bh_attach_func *f;

	pthread_once(&builtins_once, register_builtins);
	pthread_rwlock_rdlock(&funcs_lock);
	f = name ? find_locked(name) : NULL;
	pthread_rwlock_unlock(&funcs_lock);
	return f ? f : bh_err_ptr(-ENOENT);
}

BH_API int bh_attach_func__attach(struct bh_attach_func *f, struct bh_prog *prog)
{
	int ret = 0;

	if (!f || !prog || prog->type != BPF_PROG_TYPE_TRACING ||
	    (prog->expected_attach_type != BPF_TRACE_FENTRY &&
	     prog->expected_attach_type != BPF_TRACE_FEXIT))
		return bh_err(-EINVAL);
	pthread_rwlock_wrlock(&funcs_lock);
	for (unsigned int i = 0; i < f->prog_cnt; i++)
		if (f->progs[i] == prog)
			ret = -EEXIST;
	if (!ret && f->prog_cnt == ATTACH_MAX_PROGS)
		ret = -E2BIG;
	if (!ret)
		f->progs[f->prog_cnt++] = bh_prog__get(prog);
	pthread_rwlock_unlock(&funcs_lock);
	return bh_err(ret);
}

BH_API int bh_attach_func__detach(struct bh_attach_func *f, struct bh_prog *prog)
{
	int ret = -ENOENT;

	if (!f || !prog)
		return bh_err(-EINVAL);
	pthread_rwlock_wrlock(&funcs_lock);
	for (unsigned int i = 0; i < f->prog_cnt; i++) {
		if (f->progs[i] != prog)
			continue;
		memmove(&f->progs[i], &f->progs[i + 1],
			(f->prog_cnt - i - 1) * sizeof(f->progs[0]));
		f->prog_cnt--;
		ret = 0;
		break;
	}
	pthread_rwlock_unlock(&funcs_lock);
	if (!ret)
		bh_prog__free(prog);
	return bh_err(ret);
}

/* Run the programs of @kind with @ctx of @n u64 (fexit: args + ret). */
static void run_kind(struct bh_attach_func *f, uint32_t kind, uint64_t *ctx,
		     unsigned int n)
{
	for (unsigned int i = 0; i < f->prog_cnt; i++) {
		struct bh_exec_env env = { 0 };
		uint64_t r0;

		if (f->progs[i]->expected_attach_type != kind)
			continue;
		env.args[0] = (uintptr_t)ctx;
		exec_add_region(&env, ctx, n * sizeof(*ctx), false);
		/* A faulting tracing program is not the caller's failure,
		 * as in the kernel: its result is ignored. */
		prog_run(f->progs[i], &env, &r0);
	}
}

BH_API uint64_t bh_attach_func__call(struct bh_attach_func *f,
				     const uint64_t *args)
{
	uint64_t ctx[MAX_BPF_FUNC_ARGS + 1] = { 0 }, ret;

	for (unsigned int i = 0; i < f->nargs; i++)
		ctx[i] = truncate_to(args[i], f->arg_sizes[i]);
	pthread_rwlock_rdlock(&funcs_lock);
	run_kind(f, BPF_TRACE_FENTRY, ctx, f->nargs);
	ret = f->fn(ctx, f->fn_ctx);
	ctx[f->nargs] = truncate_to(ret, f->ret_size);
	run_kind(f, BPF_TRACE_FEXIT, ctx, f->nargs + 1);
	pthread_rwlock_unlock(&funcs_lock);
	return ret;
}

/* ---- test_run: bpf_prog_test_run_tracing() --------------------------------- */

static uint64_t call_builtin(unsigned int n, const uint64_t *args)
{
	char name[32];

	snprintf(name, sizeof(name), "bpf_fentry_test%u", n);
	return bh_attach_func__call(bh_attach_func__find(name), args);
}

static int tracing_test_run(struct bh_prog *prog, struct bh_test_run_opts *opts)
{
	static const uint64_t a[][6] = {
		{ 1 }, { 2, 3 }, { 4, 5, 6 }, { 7, 8, 9, 10 },
		{ 11, 12, 13, 14, 15 }, { 16, 17, 18, 19, 20, 21 }, { 0 },
	};
	static const uint32_t want[] = { 2, 5, 15, 34, 65, 111, 0 };
	uint64_t arg = 0; /* struct bpf_fentry_test_t { a = NULL } */
	uint32_t retval = 0;
	uint64_t p;

	if (BH_OPTS_GET(opts, flags, 0) || BH_OPTS_GET(opts, cpu, 0) ||
	    BH_OPTS_GET(opts, batch_size, 0))
		return -EINVAL;
	if (prog->expected_attach_type != BPF_TRACE_FENTRY &&
	    prog->expected_attach_type != BPF_TRACE_FEXIT)
		return -EFAULT;
	pthread_once(&builtins_once, register_builtins);
	for (unsigned int i = 0; i < BH_ARRAY_SIZE(want); i++)
		if ((uint32_t)call_builtin(i + 1, a[i]) != want[i])
			return -EFAULT;
	p = (uintptr_t)&arg;
	if (call_builtin(8, &p))
		return -EFAULT;
	p = (uintptr_t)&retval;
	if (call_builtin(9, &p))
		return -EFAULT;
	opts->retval = 0; /* ((u32)side_effect << 16) | ret, both 0 */
	return 0;
}

/* check_return_code(): fentry and fexit programs return 0. */
static bool tracing_ret_range(uint32_t attach_type, int32_t *lo, int32_t *hi)
{
	if (attach_type != BPF_TRACE_FENTRY && attach_type != BPF_TRACE_FEXIT)
		return false;
	*lo = 0;
	*hi = 0;
	return true;
}

const struct bh_prog_ops tracing_prog_ops = {
	.name = "tracing",
	.test_run = tracing_test_run,
	.ctx_desc = tracing_ctx,
	.get_func_proto = tracing_func_proto,
	.ret_range = tracing_ret_range,
	.check_load = tracing_check_load,
};
