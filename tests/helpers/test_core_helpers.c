/* SPDX-License-Identifier: MIT */
/*
 * tests/helpers/test_core_helpers.c - helpers every program type may call:
 * the clocks (boot, coarse, tai, jiffies64), bpf_get_current_pid_tgid,
 * bpf_strncmp, bpf_snprintf, bpf_strtol / bpf_strtoul, bpf_loop with a BPF callback, bpf_spin_lock /
 * unlock (and a checked run taking a lock twice), and the per-type helper
 * sets (helper_base_func_proto / tracing / the types' get_func_proto).
 *
 * The programs load with BH_PROG_LOAD_F_NO_VERIFY: they test the helpers'
 * run-time semantics in checked runs (helper_mem_ok included), some on
 * memory the verifier would not hand these helpers (a spin lock in a
 * SYSCALL context), some with helpers it does not verify yet.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <bpfhost/bpfhost.h>

#include "helpers/internal.h"
#include "progs/insn_builders.h"
#include "progs/internal.h"
#include "test.h"

static struct bh_prog *load(const struct bpf_insn *insns, size_t cnt)
{
	char log[256] = "";
	BH_OPTS(bh_prog_load_opts, opts, .license = "GPL", .log_buf = log,
		.log_size = sizeof(log), .bh_flags = BH_PROG_LOAD_F_NO_VERIFY);
	struct bh_prog *prog = bh_prog__load(BPF_PROG_TYPE_SYSCALL, insns, cnt, &opts);

	if (!prog)
		fprintf(stderr, "  load failed: errno %d, log: %s\n", errno, log);
	return prog;
}

/* Run a SYSCALL program once on @ctx (written back); R0 in *@r0. */
static int run(const struct bpf_insn *insns, size_t cnt, void *ctx,
	       uint32_t ctx_sz, uint64_t *r0)
{
	struct bh_prog *prog = load(insns, cnt);
	BH_OPTS(bh_test_run_opts, opts, .ctx_in = ctx, .ctx_size_in = ctx_sz);
	int ret;

	if (!prog)
		return -errno;
	ret = bh_prog__test_run(prog, &opts);
	*r0 = opts.retval;
	bh_prog__free(prog);
	return ret;
}

static uint64_t now(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Store the helper's 64-bit result into ctx[0]. */
#define CALL_TO_CTX(id) { MOV64X(6, 1), CALL(id), STX(DW, 6, 0, 0), MOV64K(0, 0), EXIT() }

static void test_time__clocks(void)
{
	static const struct { int id; clockid_t clk; uint64_t slack; } t[] = {
		{ BPF_FUNC_ktime_get_boot_ns, CLOCK_BOOTTIME, 0 },
		{ BPF_FUNC_ktime_get_coarse_ns, CLOCK_MONOTONIC_COARSE, 10000000 },
		{ BPF_FUNC_ktime_get_tai_ns, CLOCK_TAI, 0 },
	};

	for (size_t i = 0; i < NELEM(t); i++) {
		const struct bpf_insn insns[] = CALL_TO_CTX(t[i].id);
		uint64_t ctx = 0, r0, before = now(t[i].clk), after;

		CHECK_EQ("time-run", run(insns, NELEM(insns), &ctx, 8, &r0), 0);
		after = now(t[i].clk);
		CHECK("time-in-window", ctx + t[i].slack >= before && ctx <= after + t[i].slack);
	}
}

static void test_time__jiffies_and_pid(void)
{
	const struct bpf_insn jiff[] = CALL_TO_CTX(BPF_FUNC_jiffies64);
	const struct bpf_insn pid[] = CALL_TO_CTX(BPF_FUNC_get_current_pid_tgid);
	uint64_t ctx = 0, r0, ms = now(CLOCK_MONOTONIC) / 1000000;

	CHECK_EQ("jiffies-run", run(jiff, NELEM(jiff), &ctx, 8, &r0), 0);
	CHECK("jiffies-ms", ctx >= ms && ctx <= ms + 1000);
	CHECK_EQ("pid-run", run(pid, NELEM(pid), &ctx, 8, &r0), 0);
	CHECK_EQ("pid-tgid", ctx >> 32, (uint32_t)getpid());
	CHECK_EQ("pid-tid", (uint32_t)ctx, (uint32_t)syscall(SYS_gettid));
}

static void test_strncmp__results(void)
{
	/* strncmp(ctx, 3, "abc" on the stack) */
	const struct bpf_insn insns[] = {
		ST(W, 10, -8, 0x00636261), MOV64K(2, 3), MOV64X(3, 10),
		A64K(ADD, 3, -8), CALL(BPF_FUNC_strncmp), EXIT(),
	};
	char ctx[4];
	uint64_t r0;

	memcpy(ctx, "abd", 4);
	CHECK_EQ("strncmp-run", run(insns, NELEM(insns), ctx, 4, &r0), 0);
	CHECK_EQ("strncmp-gt", r0, 1);
	memcpy(ctx, "abb", 4);
	run(insns, NELEM(insns), ctx, 4, &r0);
	CHECK_EQ("strncmp-lt", (int32_t)r0, -1);
	memcpy(ctx, "abcz", 4);
	run(insns, NELEM(insns), ctx, 4, &r0);
	CHECK_EQ("strncmp-eq-prefix", r0, 0);
}

static void test_snprintf__format(void)
{
	/* fmt "%d:%s" at fp-16, "hi" at fp-24, args {42, &"hi"} at fp-40;
	 * output 8 bytes at fp-56, copied to ctx */
	const struct bpf_insn insns[] = {
		MOV64X(6, 1),
		LDDW(1, 0x73253a6425ull), STX(DW, 10, 1, -16),
		ST(W, 10, -24, 0x6968),
		ST(DW, 10, -40, 42), MOV64X(1, 10), A64K(ADD, 1, -24),
		STX(DW, 10, 1, -32),
		MOV64X(1, 10), A64K(ADD, 1, -56), MOV64K(2, 8),
		MOV64X(3, 10), A64K(ADD, 3, -16),
		MOV64X(4, 10), A64K(ADD, 4, -40), MOV64K(5, 16),
		CALL(BPF_FUNC_snprintf),
		LDX(DW, 1, 10, -56), STX(DW, 6, 1, 0), EXIT(),
	};
	const struct bpf_insn odd_len[] = {
		ST(W, 10, -8, 0x64), MOV64K(1, 0), MOV64K(2, 0), MOV64X(3, 10),
		A64K(ADD, 3, -8), MOV64X(4, 10), A64K(ADD, 4, -16), MOV64K(5, 12),
		CALL(BPF_FUNC_snprintf), EXIT(),
	};
	char ctx[8];
	uint64_t r0;

	memset(ctx, 'z', sizeof(ctx));
	CHECK_EQ("snprintf-run", run(insns, NELEM(insns), ctx, 8, &r0), 0);
	CHECK_EQ("snprintf-ret", r0, 6); /* "42:hi" and the NUL */
	CHECK("snprintf-out", !strcmp(ctx, "42:hi"));
	run(odd_len, NELEM(odd_len), ctx, 8, &r0);
	CHECK_EQ("snprintf-odd-len", (int32_t)r0, -EINVAL);
}

static void test_strtol__values(void)
{
	/* strtol / strtoul(ctx, 8, flags, fp-8) -> ctx[8..16) = *res */
#define STRTOX(helper, flags)                                                   \
	{ MOV64X(6, 1), MOV64K(2, 8), MOV64K(3, flags), MOV64X(4, 10),          \
	  A64K(ADD, 4, -8), CALL(helper), LDX(DW, 1, 10, -8), STX(DW, 6, 1, 8), \
	  EXIT() }
	const struct bpf_insn l10[] = STRTOX(BPF_FUNC_strtol, 10);
	const struct bpf_insn l0[] = STRTOX(BPF_FUNC_strtol, 0);
	const struct bpf_insn ul0[] = STRTOX(BPF_FUNC_strtoul, 0);
	const struct bpf_insn bad_base[] = STRTOX(BPF_FUNC_strtol, 2);
	struct { char s[8]; int64_t res; } ctx;
	uint64_t r0;

	memcpy(ctx.s, " -42abc", 8);
	CHECK_EQ("strtol-run", run(l10, NELEM(l10), &ctx, 16, &r0), 0);
	CHECK_EQ("strtol-consumed", r0, 4);
	CHECK_EQ("strtol-value", ctx.res, -42);
	memcpy(ctx.s, "0x1fz\0\0", 8);
	run(l0, NELEM(l0), &ctx, 16, &r0);
	CHECK_EQ("strtol-hex-consumed", r0, 4);
	CHECK_EQ("strtol-hex", ctx.res, 31);
	memcpy(ctx.s, "0777\0\0\0", 8);
	run(l0, NELEM(l0), &ctx, 16, &r0);
	CHECK_EQ("strtol-octal", ctx.res, 511);
	memcpy(ctx.s, "-5\0\0\0\0\0", 8);
	run(ul0, NELEM(ul0), &ctx, 16, &r0);
	CHECK_EQ("strtoul-negative", (int32_t)r0, -EINVAL);
	CHECK_EQ("strtoul-negative-res", ctx.res, 0);
	memcpy(ctx.s, "xyz\0\0\0\0", 8);
	run(l10, NELEM(l10), &ctx, 16, &r0);
	CHECK_EQ("strtol-no-digits", (int32_t)r0, -EINVAL);
	run(bad_base, NELEM(bad_base), &ctx, 16, &r0);
	CHECK_EQ("strtol-bad-base", (int32_t)r0, -EINVAL);
}

static void test_loop__callback(void)
{
	/* bpf_loop(10, cb, ctx, 0); cb: (*(u64 *)ctx)++; stop at index 6 */
	const struct bpf_insn insns[] = {
		MOV64X(3, 1), MOV64K(1, 10), LD_FUNC(2, 4), MOV64K(4, 0),
		CALL(BPF_FUNC_loop), EXIT(),
		/* 7: the callback (r1 = index, r2 = ctx) */
		LDX(DW, 3, 2, 0), A64K(ADD, 3, 1), STX(DW, 2, 3, 0),
		MOV64K(0, 0), JK(JNE, 1, 6, 1), MOV64K(0, 1), EXIT(),
	};
	const struct bpf_insn flags[] = {
		MOV64X(3, 1), MOV64K(1, 10), LD_FUNC(2, 4), MOV64K(4, 1),
		CALL(BPF_FUNC_loop), EXIT(),
		MOV64K(0, 0), EXIT(),
	};
	const struct bpf_insn too_many[] = {
		MOV64X(3, 1), LDDW(1, 8 * 1024 * 1024 + 1), LD_FUNC(2, 4), MOV64K(4, 0),
		CALL(BPF_FUNC_loop), EXIT(),
		MOV64K(0, 0), EXIT(),
	};
	uint64_t ctx = 0, r0;

	CHECK_EQ("loop-run", run(insns, NELEM(insns), &ctx, 8, &r0), 0);
	CHECK_EQ("loop-ret", r0, 7);
	CHECK_EQ("loop-calls", ctx, 7);
	run(flags, NELEM(flags), &ctx, 8, &r0);
	CHECK_EQ("loop-flags", (int32_t)r0, -EINVAL);
	run(too_many, NELEM(too_many), &ctx, 8, &r0);
	CHECK_EQ("loop-e2big", (int32_t)r0, -E2BIG);
}

/* bpf_loop in a bpf_loop callback, whose callback comes earlier in the
 * program than the outer one: callback addresses are indexes into the
 * loaded program, not into the copy the outer callback runs as. */
static void test_loop__nested_earlier_callback(void)
{
	static const char text[] =
		"mov %r3, %r1\n"
		"mov %r1, 2\n"
		"lddw %r2, subprog[outer]\n"
		"mov %r4, 0\n"
		"call 181\n"
		"exit\n"
		"inner:\n"
		"ldxdw %r3, [%r2+0]\n"
		"add %r3, 1\n"
		"stxdw [%r2+0], %r3\n"
		"mov %r0, 0\n"
		"exit\n"
		"outer:\n"
		"mov %r3, %r2\n"
		"mov %r1, 3\n"
		"lddw %r2, subprog[inner]\n"
		"mov %r4, 0\n"
		"call 181\n"
		"mov %r0, 0\n"
		"exit\n";
	struct bpf_insn *insns = NULL;
	size_t cnt = 0;
	uint64_t ctx = 0, r0 = 0;

	REQUIRE("loop-nested-asm", !bh_asm__parse(text, &insns, &cnt, NULL, 0));
	CHECK_EQ("loop-nested-run", run(insns, cnt, &ctx, 8, &r0), 0);
	CHECK_EQ("loop-nested-ret", r0, 2);
	CHECK_EQ("loop-nested-calls", ctx, 6);
	free(insns);
}

/* A lock and a counter in ctx: lock; counter++; unlock; N times. */
static const struct bpf_insn locked_inc[] = {
	MOV64X(6, 1), MOV64K(7, 0),
	MOV64X(1, 6), CALL(BPF_FUNC_spin_lock),
	LDX(DW, 1, 6, 8), A64K(ADD, 1, 1), STX(DW, 6, 1, 8),
	MOV64X(1, 6), CALL(BPF_FUNC_spin_unlock),
	A64K(ADD, 7, 1), JK(JLT, 7, 1000, -9),
	MOV64K(0, 0), EXIT(),
};

struct lock_arg {
	struct bh_prog *prog;
	uint64_t *shared;
};

static void *lock_thread(void *p)
{
	struct lock_arg *a = p;
	uint64_t r0;

	for (int i = 0; i < 20; i++)
		bh_prog__exec(a->prog, (uint64_t[]){ (uintptr_t)a->shared }, 1,
			      a->shared, 16, &r0);
	return NULL;
}

static void test_spin_lock__mutual_exclusion(void)
{
	struct bh_prog *prog = load(locked_inc, NELEM(locked_inc));
	uint64_t shared[2] = { 0, 0 };
	struct lock_arg a = { prog, shared };
	pthread_t t[4];

	REQUIRE("spin-load", prog);
	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, lock_thread, &a);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	CHECK_EQ("spin-count", shared[1], 4 * 20 * 1000);
	CHECK_EQ("spin-released", (uint32_t)shared[0], 0);
	bh_prog__free(prog);
}

static void test_spin_lock__twice_faults(void)
{
	const struct bpf_insn insns[] = {
		MOV64X(6, 1), CALL(BPF_FUNC_spin_lock), MOV64X(1, 6),
		A64K(ADD, 1, 4), CALL(BPF_FUNC_spin_lock), MOV64K(0, 0), EXIT(),
	};
	uint64_t ctx[2] = { 0 }, r0;

	/* a checked run (no verifier) stops instead of deadlocking */
	CHECK_EQ("spin-twice", run(insns, NELEM(insns), ctx, 16, &r0), -EFAULT);
}

static void test_func_proto__sets(void)
{
	const struct bh_prog_ops *sf = prog_type_ops(BPF_PROG_TYPE_SOCKET_FILTER);
	const struct bh_prog_ops *tc = prog_type_ops(BPF_PROG_TYPE_SCHED_CLS);
	const struct bh_prog_ops *xdp = prog_type_ops(BPF_PROG_TYPE_XDP);
	const struct bh_prog_ops *rtp = prog_type_ops(BPF_PROG_TYPE_RAW_TRACEPOINT);
	const struct bh_prog_ops *sys = prog_type_ops(BPF_PROG_TYPE_CGROUP_SYSCTL);

	REQUIRE("fp-ops", sf && tc && xdp && rtp && sys && sf->get_func_proto &&
				  xdp->get_func_proto);
	CHECK("fp-sf-load", sf->get_func_proto(BPF_FUNC_skb_load_bytes, NULL));
	CHECK("fp-sf-store", !sf->get_func_proto(BPF_FUNC_skb_store_bytes, NULL));
	CHECK("fp-tc-store", tc->get_func_proto(BPF_FUNC_skb_store_bytes, NULL));
	CHECK("fp-tc-adjust", !tc->get_func_proto(BPF_FUNC_xdp_adjust_head, NULL));
	CHECK("fp-xdp-adjust", xdp->get_func_proto(BPF_FUNC_xdp_adjust_head, NULL));
	CHECK("fp-xdp-l3", !xdp->get_func_proto(BPF_FUNC_l3_csum_replace, NULL));
	CHECK("fp-xdp-csum-diff", xdp->get_func_proto(BPF_FUNC_csum_diff, NULL));
	CHECK("fp-rtp-coarse", !rtp->get_func_proto(BPF_FUNC_ktime_get_coarse_ns, NULL));
	CHECK("fp-rtp-pid", rtp->get_func_proto(BPF_FUNC_get_current_pid_tgid, NULL));
	CHECK("fp-sys-name", sys->get_func_proto(BPF_FUNC_sysctl_get_name, NULL));
	CHECK("fp-base-loop", helper_base_func_proto(BPF_FUNC_loop, NULL));
	CHECK("fp-base-redirect", !helper_base_func_proto(BPF_FUNC_redirect, NULL));
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_time__clocks),
	BH_TEST(test_time__jiffies_and_pid),
	BH_TEST(test_strncmp__results),
	BH_TEST(test_snprintf__format),
	BH_TEST(test_strtol__values),
	BH_TEST(test_loop__callback),
	BH_TEST(test_loop__nested_earlier_callback),
	BH_TEST(test_spin_lock__mutual_exclusion),
	BH_TEST(test_spin_lock__twice_faults),
	BH_TEST(test_func_proto__sets),
};

BH_TEST_MAIN(cases)
