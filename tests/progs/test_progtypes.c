/* SPDX-License-Identifier: MIT */
/*
 * tests/progs/test_progtypes.c - RAW_TRACEPOINT and its writable variant,
 * TRACING (attach functions, fentry / fexit, test_run on the kernel's
 * bpf_fentry_test* targets), CGROUP_SYSCTL with the four sysctl helpers,
 * CGROUP_SOCKOPT for both hooks; each with the host-run API of
 * <bpfhost/progtypes.h>, the kernel's test_run rules where it has one,
 * and the context access tables.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

#include <bpfhost/bpfhost.h>

#include "progs/cgroup.h"
#include "progs/ctx_access.h"
#include "progs/insn_builders.h"
#include "test.h"

static struct bh_prog *load_opts(uint32_t type, uint32_t attach,
				 const struct bpf_insn *insns, size_t cnt,
				 uint32_t bh_flags, char *log, size_t log_sz)
{
	BH_OPTS(bh_prog_load_opts, opts, .license = "GPL", .log_buf = log,
		.log_size = log_sz, .expected_attach_type = attach,
		.bh_flags = bh_flags);
	struct bh_prog *prog;

	if (log_sz)
		log[0] = '\0';
	prog = bh_prog__load(type, insns, cnt, &opts);
	return prog;
}

static struct bh_prog *load(uint32_t type, uint32_t attach,
			    const struct bpf_insn *insns, size_t cnt)
{
	char log[512];
	struct bh_prog *prog = load_opts(type, attach, insns, cnt, 0, log,
					 sizeof(log));

	if (!prog)
		fprintf(stderr, "  load failed: errno %d, log: %s\n", errno, log);
	return prog;
}

/* ---- RAW_TRACEPOINT ------------------------------------------------------------- */

static const struct bpf_insn sum_args[] = {
	LDX(DW, 0, 1, 0), LDX(DW, 2, 1, 8), A64X(ADD, 0, 2), LDX(W, 2, 1, 16),
	A64X(ADD, 0, 2), EXIT(),
};

static void test_raw_tp__test_run(void)
{
	struct bh_prog *prog = load(BPF_PROG_TYPE_RAW_TRACEPOINT, 0, sum_args,
				    NELEM(sum_args));
	uint64_t args[12] = { 1, 2, 0x100000003ull };
	uint8_t data[16];
	BH_OPTS(bh_test_run_opts, opts, .ctx_in = args, .ctx_size_in = 24);

	REQUIRE("rawtp-load", prog);
	CHECK_EQ("rawtp-run", bh_prog__test_run(prog, &opts), 0);
	CHECK_EQ("rawtp-retval", opts.retval, 6);
	opts.flags = BPF_F_TEST_RUN_ON_CPU;
	opts.cpu = 0;
	CHECK_EQ("rawtp-on-cpu", bh_prog__test_run(prog, &opts), 0);
	opts.cpu = 100000;
	CHECK_EQ("rawtp-bad-cpu", bh_prog__test_run(prog, &opts), -ENXIO);
	opts.flags = 0;
	opts.cpu = 1;
	CHECK_EQ("rawtp-cpu-no-flag", bh_prog__test_run(prog, &opts), -EINVAL);
	opts.cpu = 0;
	opts.ctx_size_in = 97;
	CHECK_EQ("rawtp-ctx-too-big", bh_prog__test_run(prog, &opts), -EINVAL);
	opts.ctx_size_in = 96;
	CHECK_EQ("rawtp-ctx-max", bh_prog__test_run(prog, &opts), 0);
	opts.repeat = 2;
	CHECK_EQ("rawtp-repeat", bh_prog__test_run(prog, &opts), -EINVAL);
	opts.repeat = 0;
	opts.data_in = data;
	opts.data_size_in = sizeof(data);
	CHECK_EQ("rawtp-data", bh_prog__test_run(prog, &opts), -EINVAL);
	opts.data_in = NULL;
	opts.data_size_in = 0;
	opts.ctx_out = data;
	opts.ctx_size_out = sizeof(data);
	CHECK_EQ("rawtp-ctx-out", bh_prog__test_run(prog, &opts), -EINVAL);
	opts.ctx_out = NULL;
	opts.ctx_size_out = 0;
	opts.ctx_size_in = 0; /* a pointer without a size */
	CHECK_EQ("rawtp-ctx-no-size", bh_prog__test_run(prog, &opts), -EINVAL);
	bh_prog__free(prog);
}

static void test_raw_tp__writable_buffer(void)
{
	/* args[0] is the buffer: buf[1] = buf[0] + args[1]; return buf[0] */
	const struct bpf_insn insns[] = {
		LDX(DW, 2, 1, 0), LDX(DW, 3, 1, 8), LDX(DW, 0, 2, 0),
		MOV64X(4, 0), A64X(ADD, 4, 3), STX(DW, 2, 4, 8), EXIT(),
	};
	char log[256];
	/* Checked runs: the point is what the run lets each type write (the
	 * verifier refuses the plain type's store outright). */
	struct bh_prog *w = load_opts(BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE, 0,
				      insns, NELEM(insns), BH_PROG_LOAD_F_NO_VERIFY,
				      log, sizeof(log));
	struct bh_prog *ro = load_opts(BPF_PROG_TYPE_RAW_TRACEPOINT, 0, insns,
				       NELEM(insns), BH_PROG_LOAD_F_NO_VERIFY,
				       log, sizeof(log));
	uint64_t buf[2] = { 40, 0 }, args[2] = { 0, 2 }, ret = 0;
	BH_OPTS(bh_test_run_opts, opts, .ctx_in = args, .ctx_size_in = 16);

	REQUIRE("rawtpw-load", w && ro);
	CHECK_EQ("rawtpw-run", bh_prog__run_raw_tp(w, args, 2, buf, sizeof(buf), &ret), 0);
	CHECK_EQ("rawtpw-ret", ret, 40);
	CHECK_EQ("rawtpw-written", buf[1], 42);
	/* the plain type may read the buffer but not write it (checked run) */
	buf[1] = 0;
	CHECK_EQ("rawtpw-ro-fault", bh_prog__run_raw_tp(ro, args, 2, buf, sizeof(buf), &ret),
		 -EFAULT);
	CHECK_EQ("rawtpw-ro-untouched", buf[1], 0);
	/* no test_run for the writable type, as in Linux */
	CHECK_EQ("rawtpw-no-test-run", bh_prog__test_run(w, &opts), -ENOTSUPP);
	/* API rules */
	CHECK_EQ("rawtpw-needs-buf", bh_prog__run_raw_tp(w, args, 2, NULL, 0, &ret), -EINVAL);
	CHECK_EQ("rawtpw-too-many", bh_prog__run_raw_tp(ro, args, 13, NULL, 0, &ret), -EINVAL);
	bh_prog__free(w);
	bh_prog__free(ro);
}

/* ---- TRACING ----------------------------------------------------------------------- */

static uint64_t seen[4];

static uint64_t my_add(const uint64_t *args, void *ctx)
{
	return args[0] + args[1] + (uintptr_t)ctx;
}

static void test_tracing__attach_func_trampoline(void)
{
	/* fentry: seen[0] = a0, seen[1] = a1; fexit: seen[2] = ret */
	const struct bpf_insn fentry[] = {
		LDDW(2, (uintptr_t)seen), LDX(DW, 3, 1, 0), STX(DW, 2, 3, 0),
		LDX(DW, 3, 1, 8), STX(DW, 2, 3, 8), MOV64K(0, 0), EXIT(),
	};
	const struct bpf_insn fexit[] = {
		LDDW(2, (uintptr_t)seen), LDX(DW, 3, 1, 16), STX(DW, 2, 3, 16),
		MOV64K(0, 0), EXIT(),
	};
	static const uint8_t sizes[] = { 1, 8 };
	char log[256];
	struct bh_prog *en = load_opts(BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY,
				       fentry, NELEM(fentry),
				       BH_PROG_LOAD_F_UNCHECKED | BH_PROG_LOAD_F_NO_VERIFY,
				       log, sizeof(log));
	struct bh_prog *ex = load_opts(BPF_PROG_TYPE_TRACING, BPF_TRACE_FEXIT,
				       fexit, NELEM(fexit),
				       BH_PROG_LOAD_F_UNCHECKED | BH_PROG_LOAD_F_NO_VERIFY,
				       log, sizeof(log));
	struct bh_attach_func *f = bh_attach_func__register("test_my_add", 2, sizes,
							    4, my_add, (void *)100);
	uint64_t args[2] = { 0x1ff, 5 };

	REQUIRE("trace-load", en && ex && f);
	CHECK("trace-dup-name", !bh_attach_func__register("test_my_add", 2, sizes,
							  4, my_add, NULL) &&
					errno == EEXIST);
	CHECK("trace-find", bh_attach_func__find("test_my_add") == f);
	CHECK_EQ("trace-attach-en", bh_attach_func__attach(f, en), 0);
	CHECK_EQ("trace-attach-ex", bh_attach_func__attach(f, ex), 0);
	CHECK_EQ("trace-attach-twice", bh_attach_func__attach(f, en), -EEXIST);
	memset(seen, 0, sizeof(seen));
	/* the host function sees the truncated arg: 0xff + 5 + 100 */
	CHECK_EQ("trace-call", bh_attach_func__call(f, args), 360);
	CHECK_EQ("trace-fentry-a0", seen[0], 0xff); /* a 1-byte argument */
	CHECK_EQ("trace-fentry-a1", seen[1], 5);
	CHECK_EQ("trace-fexit-ret", seen[2], 360);
	CHECK_EQ("trace-detach", bh_attach_func__detach(f, en), 0);
	CHECK_EQ("trace-detach-again", bh_attach_func__detach(f, en), -ENOENT);
	memset(seen, 0, sizeof(seen));
	bh_attach_func__call(f, args);
	CHECK_EQ("trace-detached-silent", seen[0], 0);
	CHECK_EQ("trace-fexit-still", seen[2], 360);
	CHECK_EQ("trace-detach-ex", bh_attach_func__detach(f, ex), 0);
	bh_prog__free(en);
	bh_prog__free(ex);
}

static void test_tracing__test_run_fentry_targets(void)
{
	/* attached to bpf_fentry_test3(char a, int b, u64 c): record a+b+c
	 * and, in fexit, the return value */
	const struct bpf_insn fentry[] = {
		LDDW(2, (uintptr_t)seen), LDX(DW, 3, 1, 0), LDX(DW, 4, 1, 8),
		A64X(ADD, 3, 4), LDX(DW, 4, 1, 16), A64X(ADD, 3, 4),
		STX(DW, 2, 3, 0), MOV64K(0, 0), EXIT(),
	};
	const struct bpf_insn fexit[] = {
		LDDW(2, (uintptr_t)seen), LDX(DW, 3, 1, 24), STX(DW, 2, 3, 8),
		MOV64K(0, 0), EXIT(),
	};
	char log[256];
	struct bh_prog *en = load_opts(BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY,
				       fentry, NELEM(fentry),
				       BH_PROG_LOAD_F_UNCHECKED | BH_PROG_LOAD_F_NO_VERIFY,
				       log, sizeof(log));
	struct bh_prog *ex = load_opts(BPF_PROG_TYPE_TRACING, BPF_TRACE_FEXIT,
				       fexit, NELEM(fexit),
				       BH_PROG_LOAD_F_UNCHECKED | BH_PROG_LOAD_F_NO_VERIFY,
				       log, sizeof(log));
	struct bh_attach_func *f = bh_attach_func__find("bpf_fentry_test3");
	BH_OPTS(bh_test_run_opts, opts);

	REQUIRE("trace-tr-load", en && ex && f);
	REQUIRE("trace-tr-attach", !bh_attach_func__attach(f, en) &&
					   !bh_attach_func__attach(f, ex));
	memset(seen, 0, sizeof(seen));
	opts.retval = 77;
	CHECK_EQ("trace-tr-run", bh_prog__test_run(en, &opts), 0);
	CHECK_EQ("trace-tr-retval", opts.retval, 0);
	CHECK_EQ("trace-tr-fentry", seen[0], 4 + 5 + 6);
	CHECK_EQ("trace-tr-fexit", seen[1], 15);
	opts.flags = 1;
	CHECK_EQ("trace-tr-flags", bh_prog__test_run(en, &opts), -EINVAL);
	bh_attach_func__detach(f, en);
	bh_attach_func__detach(f, ex);
	bh_prog__free(en);
	bh_prog__free(ex);
}

static void test_tracing__load_rules(void)
{
	const struct bpf_insn ret0[] = { MOV64K(0, 0), EXIT() };
	const struct bpf_insn coarse[] = { CALL(BPF_FUNC_ktime_get_coarse_ns),
					   MOV64K(0, 0), EXIT() };
	struct bh_prog *p;
	char log[256];

	errno = 0;
	p = load_opts(BPF_PROG_TYPE_TRACING, 0, ret0, NELEM(ret0), 0, log, sizeof(log));
	CHECK("trace-load-no-attach", !p && errno == EINVAL);
	bh_prog__free(p);
	p = load_opts(BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, coarse,
		      NELEM(coarse), 0, log, sizeof(log));
	CHECK("trace-load-coarse-refused", !p && strstr(log, "cannot use helper"));
	bh_prog__free(p);
	p = load(BPF_PROG_TYPE_TRACING, BPF_TRACE_RAW_TP, ret0, NELEM(ret0));
	CHECK("trace-load-raw-tp", p);
	bh_prog__free(p);
}

/* ---- CGROUP_SYSCTL ---------------------------------------------------------------- */

static void test_sysctl__name_and_values(void)
{
	/* r7 = get_name(full) ; r8 = get_name(base) ; r9 = get_current_value
	 * (buffer of 3) ; return r7 | r8 << 8 | (r9 & 0xff) << 16 |
	 * write << 24, name copied to host[] */
	const struct bpf_insn insns[] = {
		MOV64X(6, 1),
		MOV64X(2, 10), A64K(ADD, 2, -32), MOV64K(3, 32), MOV64K(4, 0),
		CALL(BPF_FUNC_sysctl_get_name), MOV64X(7, 0),
		MOV64X(1, 6), MOV64X(2, 10), A64K(ADD, 2, -64), MOV64K(3, 32),
		MOV64K(4, BPF_F_SYSCTL_BASE_NAME),
		CALL(BPF_FUNC_sysctl_get_name), MOV64X(8, 0),
		MOV64X(1, 6), MOV64X(2, 10), A64K(ADD, 2, -72), MOV64K(3, 3),
		CALL(BPF_FUNC_sysctl_get_current_value), MOV64X(9, 0),
		MOV64X(0, 7), A64K(LSH, 8, 8), A64X(OR, 0, 8),
		A64K(AND, 9, 0xff), A64K(LSH, 9, 16), A64X(OR, 0, 9),
		LDX(W, 2, 6, 0), A64K(LSH, 2, 24), A64X(OR, 0, 2),
		EXIT(),
	};
	char log[256];
	/* returns a packed report, not 0/1: no verifier (ret_range) */
	struct bh_prog *prog = load_opts(BPF_PROG_TYPE_CGROUP_SYSCTL,
					 BPF_CGROUP_SYSCTL, insns, NELEM(insns),
					 BH_PROG_LOAD_F_NO_VERIFY, log, sizeof(log));
	BH_OPTS(bh_sysctl_ctx, ctx, .name = "net/ipv4/tcp_mem",
		.cur_val = "1024 2048 4096\n", .cur_len = 15);

	REQUIRE("sysctl-load", prog);
	CHECK_EQ("sysctl-run", bh_prog__run_sysctl(prog, &ctx), 0);
	CHECK_EQ("sysctl-full-len", ctx.retval & 0xff, 16);
	CHECK_EQ("sysctl-base-len", (ctx.retval >> 8) & 0xff, 7);
	CHECK_EQ("sysctl-cur-e2big", (ctx.retval >> 16) & 0xff, (uint8_t)-E2BIG);
	CHECK_EQ("sysctl-write-0", ctx.retval >> 24, 0);
	CHECK_EQ("sysctl-not-updated", ctx.new_updated, 0);
	ctx.write = 1;
	ctx.new_val = "1 2 3";
	ctx.new_len = 5;
	CHECK_EQ("sysctl-run-write", bh_prog__run_sysctl(prog, &ctx), 0);
	CHECK_EQ("sysctl-write-1", ctx.retval >> 24, 1);
	bh_prog__free(prog);
}

static void test_sysctl__set_new_value_and_deny(void)
{
	/* if (!write) return 0; set_new_value("42"); file_pos = 7; return 1 */
	const struct bpf_insn insns[] = {
		MOV64X(6, 1), LDX(W, 2, 6, 0), JK(JNE, 2, 0, 2), MOV64K(0, 0), EXIT(),
		ST(H, 10, -8, 0x3234), MOV64X(1, 6), MOV64X(2, 10), A64K(ADD, 2, -8),
		MOV64K(3, 2), CALL(BPF_FUNC_sysctl_set_new_value),
		MOV64K(2, 7), STX(W, 6, 2, 4), MOV64K(0, 1), EXIT(),
	};
	struct bh_prog *prog = load(BPF_PROG_TYPE_CGROUP_SYSCTL, BPF_CGROUP_SYSCTL,
				    insns, NELEM(insns));
	char out[8] = "";
	BH_OPTS(bh_sysctl_ctx, ctx, .name = "kernel/ns_last_pid", .write = 1,
		.new_val = "100", .new_len = 3, .new_out = out,
		.new_out_sz = sizeof(out));

	REQUIRE("sysctl-set-load", prog);
	CHECK_EQ("sysctl-set-run", bh_prog__run_sysctl(prog, &ctx), 0);
	CHECK_EQ("sysctl-set-updated", ctx.new_updated, 1);
	CHECK_EQ("sysctl-set-len", ctx.new_out_len, 2);
	CHECK("sysctl-set-val", !memcmp(out, "42", 2));
	CHECK_EQ("sysctl-set-pos", ctx.file_pos, 7);
	ctx.new_out_sz = 1;
	CHECK_EQ("sysctl-set-enospc", bh_prog__run_sysctl(prog, &ctx), -ENOSPC);
	ctx.write = 0;
	CHECK_EQ("sysctl-deny", bh_prog__run_sysctl(prog, &ctx), -EPERM);
	CHECK_EQ("sysctl-deny-errno", errno, EPERM);
	ctx.name = NULL;
	CHECK_EQ("sysctl-bad-ctx", bh_prog__run_sysctl(prog, &ctx), -EINVAL);
	bh_prog__free(prog);
}

static void test_sysctl__set_retval(void)
{
	/* set_retval(-EINVAL); return write (1 allows, 0 denies) */
	const struct bpf_insn insns[] = {
		MOV64X(6, 1), MOV64K(1, -EINVAL), CALL(BPF_FUNC_set_retval),
		CALL(BPF_FUNC_get_retval), MOV64X(7, 0),
		LDX(W, 0, 6, 0), A64K(AND, 0, 1), EXIT(),
	};
	struct bh_prog *prog = load(BPF_PROG_TYPE_CGROUP_SYSCTL, BPF_CGROUP_SYSCTL,
				    insns, NELEM(insns));
	BH_OPTS(bh_sysctl_ctx, ctx, .name = "kernel/ostype", .write = 1);

	REQUIRE("sysctl-retval-load", prog);
	/* allowed, but the retval set stands (the kernel returns it too) */
	CHECK_EQ("sysctl-retval-allow", bh_prog__run_sysctl(prog, &ctx), -EINVAL);
	/* denied with an error already set: that error, not -EPERM */
	ctx.write = 0;
	CHECK_EQ("sysctl-retval-deny", bh_prog__run_sysctl(prog, &ctx), -EINVAL);
	bh_prog__free(prog);
}

static void test_sysctl__helpers_only_here(void)
{
	const struct bpf_insn insns[] = { MOV64K(2, 0), MOV64K(3, 0), MOV64K(4, 0),
					  CALL(BPF_FUNC_sysctl_get_name), EXIT() };
	char log[256];
	struct bh_prog *p = load_opts(BPF_PROG_TYPE_SOCKET_FILTER, 0, insns,
				      NELEM(insns), 0, log, sizeof(log));

	CHECK("sysctl-helper-refused", !p && strstr(log, "bpf_sysctl_get_name#101"));
	bh_prog__free(p);
}

static void test_sysctl__ctx_rules(void)
{
	const struct bh_ctx_desc *d =
		prog_type_ops(BPF_PROG_TYPE_CGROUP_SYSCTL)->ctx_desc(BPF_CGROUP_SYSCTL);

	CHECK("sysctl-acc-write-r", ctx_access_check(d, 0, 1, false, NULL));
	CHECK("sysctl-acc-write-w", !ctx_access_check(d, 0, 4, true, NULL));
	CHECK("sysctl-acc-pos-w", ctx_access_check(d, 4, 4, true, NULL));
	CHECK("sysctl-acc-pos-w-narrow", !ctx_access_check(d, 4, 2, true, NULL));
	CHECK("sysctl-acc-past", !ctx_access_check(d, 8, 4, false, NULL));
}

/* ---- CGROUP_SOCKOPT --------------------------------------------------------------- */

#define SO(f) ((int16_t)offsetof(struct bpf_sockopt, f))

static void test_sockopt__setsockopt(void)
{
	/* if (optval + 4 > optval_end) return 1; *(u32 *)optval = 99;
	 * optlen = 4; optname += 1; return 1 */
	const struct bpf_insn insns[] = {
		LDX(DW, 2, 1, SO(optval)), LDX(DW, 3, 1, SO(optval_end)),
		MOV64X(4, 2), A64K(ADD, 4, 4), JX(JGT, 4, 3, 6),
		ST(W, 2, 0, 99), MOV64K(5, 4), STX(W, 1, 5, SO(optlen)),
		LDX(W, 5, 1, SO(optname)), A64K(ADD, 5, 1), STX(W, 1, 5, SO(optname)),
		MOV64K(0, 1), EXIT(),
	};
	struct bh_prog *prog = load(BPF_PROG_TYPE_CGROUP_SOCKOPT,
				    BPF_CGROUP_SETSOCKOPT, insns, NELEM(insns));
	uint8_t val[16] = { 1, 2 };
	BH_OPTS(bh_sockopt_ctx, ctx, .level = 6, .optname = 13, .optval = val,
		.optlen = 2, .optval_cap = sizeof(val));

	REQUIRE("sockopt-set-load", prog);
	/* the buffer is max(16, optlen): room to grow a 2-byte value to 4 */
	CHECK_EQ("sockopt-set-run", bh_prog__run_sockopt(prog, &ctx), 0);
	CHECK_EQ("sockopt-set-optlen", ctx.optlen, 4);
	CHECK_EQ("sockopt-set-val", val[0], 99);
	CHECK_EQ("sockopt-set-optname", ctx.optname, 14);
	CHECK_EQ("sockopt-set-level", ctx.level, 6);
	ctx.optval_cap = 2;
	ctx.optlen = 2;
	CHECK_EQ("sockopt-set-enospc", bh_prog__run_sockopt(prog, &ctx), -ENOSPC);
	bh_prog__free(prog);
}

static void test_sockopt__set_bypass_bad_len_deny(void)
{
	const struct bpf_insn bypass[] = {
		MOV64K(2, -1), STX(W, 1, 2, SO(optlen)), MOV64K(0, 1), EXIT(),
	};
	const struct bpf_insn toolong[] = {
		MOV64K(2, 17), STX(W, 1, 2, SO(optlen)), MOV64K(0, 1), EXIT(),
	};
	const struct bpf_insn deny[] = { MOV64K(0, 0), EXIT() };
	struct bh_prog *a = load(BPF_PROG_TYPE_CGROUP_SOCKOPT, BPF_CGROUP_SETSOCKOPT,
				 bypass, NELEM(bypass));
	struct bh_prog *b = load(BPF_PROG_TYPE_CGROUP_SOCKOPT, BPF_CGROUP_SETSOCKOPT,
				 toolong, NELEM(toolong));
	struct bh_prog *c = load(BPF_PROG_TYPE_CGROUP_SOCKOPT, BPF_CGROUP_SETSOCKOPT,
				 deny, NELEM(deny));
	uint8_t val[32] = { 0 };
	BH_OPTS(bh_sockopt_ctx, ctx, .level = 1, .optname = 2, .optval = val,
		.optlen = 4, .optval_cap = sizeof(val));

	REQUIRE("sockopt-misc-load", a && b && c);
	CHECK_EQ("sockopt-bypass", bh_prog__run_sockopt(a, &ctx), 1);
	CHECK_EQ("sockopt-too-long", bh_prog__run_sockopt(b, &ctx), -EFAULT);
	CHECK_EQ("sockopt-deny", bh_prog__run_sockopt(c, &ctx), -EPERM);
	bh_prog__free(a);
	bh_prog__free(b);
	bh_prog__free(c);
}

static void test_sockopt__getsockopt(void)
{
	/* retval = 0 (override the handler's error); optval[0] = 'x';
	 * optlen = 1; return 1 */
	const struct bpf_insn insns[] = {
		LDX(DW, 2, 1, SO(optval)), LDX(DW, 3, 1, SO(optval_end)),
		MOV64X(4, 2), A64K(ADD, 4, 1), JX(JGT, 4, 3, 5),
		ST(B, 2, 0, 'x'), MOV64K(5, 1), STX(W, 1, 5, SO(optlen)),
		MOV64K(5, 0), STX(W, 1, 5, SO(retval)),
		MOV64K(0, 1), EXIT(),
	};
	struct bh_prog *prog = load(BPF_PROG_TYPE_CGROUP_SOCKOPT,
				    BPF_CGROUP_GETSOCKOPT, insns, NELEM(insns));
	uint8_t val[8] = "abcdefg";
	BH_OPTS(bh_sockopt_ctx, ctx, .level = 1, .optname = 2, .optval = val,
		.optlen = 8, .optval_cap = sizeof(val), .retval = -ENOPROTOOPT);

	REQUIRE("sockopt-get-load", prog);
	CHECK_EQ("sockopt-get-run", bh_prog__run_sockopt(prog, &ctx), 0);
	CHECK_EQ("sockopt-get-retval", ctx.retval, 0);
	CHECK_EQ("sockopt-get-optlen", ctx.optlen, 1);
	CHECK_EQ("sockopt-get-val", val[0], 'x');
	bh_prog__free(prog);
}

static void test_sockopt__get_retval_is_ctx_retval(void)
{
	/* r7 = get_retval(); set_retval(0); optlen = 0 (keep); return 1
	 * ... and report r7 through optval[0] */
	const struct bpf_insn insns[] = {
		MOV64X(6, 1), CALL(BPF_FUNC_get_retval), MOV64X(7, 0),
		MOV64K(1, 0), CALL(BPF_FUNC_set_retval),
		LDX(DW, 2, 6, SO(optval)), LDX(DW, 3, 6, SO(optval_end)),
		MOV64X(4, 2), A64K(ADD, 4, 1), JX(JGT, 4, 3, 2),
		A64K(NEG, 7, 0), STX(B, 2, 7, 0),
		MOV64K(5, 1), STX(W, 6, 5, SO(optlen)), MOV64K(0, 1), EXIT(),
	};
	struct bh_prog *prog = load(BPF_PROG_TYPE_CGROUP_SOCKOPT,
				    BPF_CGROUP_GETSOCKOPT, insns, NELEM(insns));
	uint8_t val[4] = { 0 };
	BH_OPTS(bh_sockopt_ctx, ctx, .level = 1, .optname = 2, .optval = val,
		.optlen = 4, .optval_cap = sizeof(val), .retval = -ENOPROTOOPT);

	REQUIRE("sockopt-retval-load", prog);
	CHECK_EQ("sockopt-retval-run", bh_prog__run_sockopt(prog, &ctx), 0);
	CHECK_EQ("sockopt-retval-seen", val[0], ENOPROTOOPT);
	CHECK_EQ("sockopt-retval-cleared", ctx.retval, 0);
	bh_prog__free(prog);
}

static void test_sockopt__load_and_ctx_rules(void)
{
	const struct bpf_insn ret1[] = { MOV64K(0, 1), EXIT() };
	const struct bh_prog_ops *ops = prog_type_ops(BPF_PROG_TYPE_CGROUP_SOCKOPT);
	const struct bh_ctx_desc *set = ops->ctx_desc(BPF_CGROUP_SETSOCKOPT);
	const struct bh_ctx_desc *get = ops->ctx_desc(BPF_CGROUP_GETSOCKOPT);
	uint8_t reg;
	char log[64];
	struct bh_prog *p;

	errno = 0;
	p = load_opts(BPF_PROG_TYPE_CGROUP_SOCKOPT, 0, ret1, NELEM(ret1), 0, log,
		      sizeof(log));
	CHECK("sockopt-no-hook", !p && errno == EINVAL);
	bh_prog__free(p);
	CHECK("sockopt-acc-optval", ctx_access_check(set, SO(optval), 8, false, &reg) &&
					    reg == BH_CTX_PKT);
	CHECK("sockopt-acc-optval-end", ctx_access_check(get, SO(optval_end), 8, false,
							 &reg) && reg == BH_CTX_PKT_END);
	CHECK("sockopt-acc-set-level-w", ctx_access_check(set, SO(level), 4, true, NULL));
	CHECK("sockopt-acc-get-level-w", !ctx_access_check(get, SO(level), 4, true, NULL));
	CHECK("sockopt-acc-get-retval-w", ctx_access_check(get, SO(retval), 4, true, NULL));
	CHECK("sockopt-acc-set-retval-w", !ctx_access_check(set, SO(retval), 4, true, NULL));
	CHECK("sockopt-acc-optlen-w", ctx_access_check(set, SO(optlen), 4, true, NULL) &&
					      ctx_access_check(get, SO(optlen), 4, true, NULL));
	CHECK("sockopt-acc-level-narrow", !ctx_access_check(set, SO(level), 2, false, NULL));
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_raw_tp__test_run),
	BH_TEST(test_raw_tp__writable_buffer),
	BH_TEST(test_tracing__attach_func_trampoline),
	BH_TEST(test_tracing__test_run_fentry_targets),
	BH_TEST(test_tracing__load_rules),
	BH_TEST(test_sysctl__name_and_values),
	BH_TEST(test_sysctl__set_new_value_and_deny),
	BH_TEST(test_sysctl__set_retval),
	BH_TEST(test_sysctl__helpers_only_here),
	BH_TEST(test_sysctl__ctx_rules),
	BH_TEST(test_sockopt__setsockopt),
	BH_TEST(test_sockopt__set_bypass_bad_len_deny),
	BH_TEST(test_sockopt__getsockopt),
	BH_TEST(test_sockopt__get_retval_is_ctx_retval),
	BH_TEST(test_sockopt__load_and_ctx_rules),
};

BH_TEST_MAIN(cases)
