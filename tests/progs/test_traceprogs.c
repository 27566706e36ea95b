/* SPDX-License-Identifier: MIT */
/*
 * tests/progs/test_traceprogs.c - KPROBE, TRACEPOINT and PERF_EVENT: their
 * context rules at the kernel's offsets and sizes (the tables and the
 * verifier's "invalid bpf_context access"), helpers, return values,
 * test_run with a caller-given context, and hooks fired with one.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <bpfhost/bpfhost.h>

#include "progs/ctx_access.h"
#include "progs/insn_builders.h"
#include "progs/internal.h"
#include "test.h"

#define REGS(f) ((int16_t)offsetof(struct bh_pt_regs, f))
#define PE(f) ((int16_t)offsetof(struct bh_perf_event_data, f))

static char log_buf[4096];

static struct bh_prog *load_attach(uint32_t type, uint32_t attach,
				   const struct bpf_insn *insns, size_t cnt)
{
	BH_OPTS(bh_prog_load_opts, opts, .license = "GPL", .log_buf = log_buf,
		.log_size = sizeof(log_buf), .expected_attach_type = attach);

	log_buf[0] = '\0';
	return bh_prog__load(type, insns, cnt, &opts);
}

static struct bh_prog *load(uint32_t type, const struct bpf_insn *insns,
			    size_t cnt)
{
	return load_attach(type, 0, insns, cnt);
}

/* Is the load of @insns refused with @msg in the log? */
static bool refused(uint32_t type, const struct bpf_insn *insns, size_t cnt,
		    const char *msg)
{
	struct bh_prog *p = load(type, insns, cnt);
	bool ok = !p && strstr(log_buf, msg);

	if (!ok)
		fprintf(stderr, "  expected '%s', log: %s\n", msg, log_buf);
	bh_prog__free(p);
	return ok;
}

static const struct bh_ctx_desc *desc(uint32_t type)
{
	return prog_type_ops(type)->ctx_desc(0);
}

/* ---- Context rules ------------------------------------------------------------ */

static void test_traceprogs__kprobe_ctx_rules(void)
{
	const struct bh_ctx_desc *d = desc(BPF_PROG_TYPE_KPROBE);

	CHECK_EQ("kp-size", d->size, 168);
	CHECK("kp-r15", ctx_access_check(d, 0, 8, false, NULL));
	CHECK("kp-di", ctx_access_check(d, REGS(di), 8, false, NULL));
	CHECK("kp-di-byte", ctx_access_check(d, REGS(di) + 3, 1, false, NULL));
	CHECK("kp-si-half", ctx_access_check(d, REGS(si) + 2, 2, false, NULL));
	CHECK("kp-ip-word", ctx_access_check(d, REGS(ip) + 4, 4, false, NULL));
	CHECK("kp-ss-last", ctx_access_check(d, 160, 8, false, NULL));
	CHECK("kp-ss-last-word", ctx_access_check(d, 164, 4, false, NULL));
	CHECK("kp-past", !ctx_access_check(d, 168, 8, false, NULL));
	CHECK("kp-past-byte", !ctx_access_check(d, 168, 1, false, NULL));
	CHECK("kp-misaligned", !ctx_access_check(d, 2, 4, false, NULL));
	CHECK("kp-misaligned-dw", !ctx_access_check(d, 4, 8, false, NULL));
	CHECK("kp-write", !ctx_access_check(d, REGS(ax), 8, true, NULL));
	CHECK("kp-write-byte", !ctx_access_check(d, 0, 1, true, NULL));
}

static void test_traceprogs__tracepoint_ctx_rules(void)
{
	const struct bh_ctx_desc *d = desc(BPF_PROG_TYPE_TRACEPOINT);

	CHECK("tp-hdr", !ctx_access_check(d, 0, 8, false, NULL));
	CHECK("tp-hdr-pid", !ctx_access_check(d, 4, 4, false, NULL));
	CHECK("tp-hdr-byte", !ctx_access_check(d, 7, 1, false, NULL));
	CHECK("tp-first", ctx_access_check(d, 8, 8, false, NULL));
	CHECK("tp-byte", ctx_access_check(d, 9, 1, false, NULL));
	CHECK("tp-half", ctx_access_check(d, 10, 2, false, NULL));
	CHECK("tp-last", ctx_access_check(d, 8184, 8, false, NULL));
	CHECK("tp-last-byte", ctx_access_check(d, 8191, 1, false, NULL));
	CHECK("tp-past", !ctx_access_check(d, 8192, 8, false, NULL));
	CHECK("tp-past-byte", !ctx_access_check(d, 8192, 1, false, NULL));
	CHECK("tp-misaligned", !ctx_access_check(d, 12, 8, false, NULL));
	CHECK("tp-write", !ctx_access_check(d, 8, 8, true, NULL));
}

static void test_traceprogs__perf_event_ctx_rules(void)
{
	const struct bh_ctx_desc *d = desc(BPF_PROG_TYPE_PERF_EVENT);

	CHECK_EQ("pe-size", d->size, 184);
	CHECK("pe-regs", ctx_access_check(d, PE(regs.ip), 8, false, NULL));
	CHECK("pe-regs-word", !ctx_access_check(d, PE(regs.ip), 4, false, NULL));
	CHECK("pe-regs-byte", !ctx_access_check(d, 0, 1, false, NULL));
	CHECK("pe-period", ctx_access_check(d, PE(sample_period), 8, false, NULL));
	CHECK("pe-period-word", ctx_access_check(d, PE(sample_period) + 4, 4, false, NULL));
	CHECK("pe-period-half", ctx_access_check(d, PE(sample_period) + 2, 2, false, NULL));
	CHECK("pe-period-byte", ctx_access_check(d, PE(sample_period) + 7, 1, false, NULL));
	CHECK("pe-addr", ctx_access_check(d, PE(addr), 8, false, NULL));
	CHECK("pe-addr-byte", ctx_access_check(d, PE(addr) + 1, 1, false, NULL));
	CHECK("pe-addr-misaligned", !ctx_access_check(d, PE(addr) + 2, 4, false, NULL));
	CHECK("pe-past", !ctx_access_check(d, 184, 8, false, NULL));
	CHECK("pe-write", !ctx_access_check(d, PE(sample_period), 8, true, NULL));
	CHECK("pe-write-regs", !ctx_access_check(d, 0, 8, true, NULL));
}

/* The verifier applies the tables: loads refused with the kernel's message. */
static void test_traceprogs__verifier_ctx_access(void)
{
	const struct bpf_insn kp_write[] = { MOV64K(2, 0), STX(DW, 1, 2, REGS(ax)),
					     MOV64K(0, 0), EXIT() };
	const struct bpf_insn kp_past[] = { LDX(DW, 0, 1, 168), EXIT() };
	const struct bpf_insn kp_narrow[] = { LDX(B, 0, 1, REGS(di) + 7), EXIT() };
	const struct bpf_insn tp_hdr[] = { LDX(W, 0, 1, 4), EXIT() };
	const struct bpf_insn tp_last[] = { LDX(DW, 0, 1, 8184), EXIT() };
	const struct bpf_insn tp_past[] = { LDX(B, 0, 1, 8192), EXIT() };
	const struct bpf_insn pe_regs_w[] = { LDX(W, 0, 1, 0), EXIT() };
	const struct bpf_insn pe_period_h[] = { LDX(H, 0, 1, PE(sample_period) + 6),
						EXIT() };
	const struct bpf_insn pe_write[] = { MOV64K(2, 0), STX(DW, 1, 2, PE(addr)),
					     MOV64K(0, 0), EXIT() };
	struct bh_prog *p;

	CHECK("vkp-write", refused(BPF_PROG_TYPE_KPROBE, kp_write, NELEM(kp_write),
				   "invalid bpf_context access off=80 size=8"));
	CHECK("vkp-past", refused(BPF_PROG_TYPE_KPROBE, kp_past, NELEM(kp_past),
				  "invalid bpf_context access off=168 size=8"));
	p = load(BPF_PROG_TYPE_KPROBE, kp_narrow, NELEM(kp_narrow));
	CHECK("vkp-narrow", p != NULL);
	bh_prog__free(p);
	CHECK("vtp-hdr", refused(BPF_PROG_TYPE_TRACEPOINT, tp_hdr, NELEM(tp_hdr),
				 "invalid bpf_context access off=4 size=4"));
	CHECK("vtp-past", refused(BPF_PROG_TYPE_TRACEPOINT, tp_past, NELEM(tp_past),
				  "invalid bpf_context access off=8192 size=1"));
	p = load(BPF_PROG_TYPE_TRACEPOINT, tp_last, NELEM(tp_last));
	CHECK("vtp-last", p != NULL);
	bh_prog__free(p);
	CHECK("vpe-regs-word", refused(BPF_PROG_TYPE_PERF_EVENT, pe_regs_w, NELEM(pe_regs_w),
				       "invalid bpf_context access off=0 size=4"));
	CHECK("vpe-write", refused(BPF_PROG_TYPE_PERF_EVENT, pe_write, NELEM(pe_write),
				   "invalid bpf_context access off=176 size=8"));
	p = load(BPF_PROG_TYPE_PERF_EVENT, pe_period_h, NELEM(pe_period_h));
	CHECK("vpe-period-half", p != NULL);
	bh_prog__free(p);
}

/* ---- Helpers and return values -------------------------------------------------- */

static void test_traceprogs__helpers(void)
{
	static const uint32_t types[] = { BPF_PROG_TYPE_KPROBE, BPF_PROG_TYPE_TRACEPOINT,
					  BPF_PROG_TYPE_PERF_EVENT };
	const struct bpf_insn pid[] = { CALL(BPF_FUNC_get_current_pid_tgid), EXIT() };
	const struct bpf_insn coarse[] = { CALL(BPF_FUNC_ktime_get_coarse_ns), EXIT() };
	const struct bpf_insn skb[] = { MOV64K(2, 0), MOV64K(3, 0), MOV64K(4, 0),
					CALL(BPF_FUNC_skb_load_bytes), EXIT() };
	const struct bpf_insn probe_read[] = { MOV64X(1, 10), A64K(ADD, 1, -8), MOV64K(2, 8),
					       MOV64K(3, 0), CALL(BPF_FUNC_probe_read_kernel),
					       EXIT() };
	const struct bpf_insn read_value[] = { MOV64X(2, 10), A64K(ADD, 2, -24), MOV64K(3, 24),
					       CALL(BPF_FUNC_perf_prog_read_value), EXIT() };
	const struct bpf_insn func_ip[] = { CALL(BPF_FUNC_get_func_ip), EXIT() };

	for (size_t i = 0; i < NELEM(types); i++) {
		struct bh_prog *p = load(types[i], pid, NELEM(pid));

		CHECK("helper-pid-tgid", p != NULL);
		bh_prog__free(p);
		/* the tracing set: no coarse clock, no packet helpers */
		CHECK("helper-coarse", refused(types[i], coarse, NELEM(coarse),
					       "cannot use helper bpf_ktime_get_coarse_ns#160"));
		CHECK("helper-skb", refused(types[i], skb, NELEM(skb),
					    "cannot use helper bpf_skb_load_bytes#26"));
		/* the kernel's, bpfhost has none: named, not "unknown" */
		CHECK("helper-probe-read", refused(types[i], probe_read, NELEM(probe_read),
			"helper bpf_probe_read_kernel#113 is not implemented by bpfhost"));
	}
	CHECK("helper-read-value", refused(BPF_PROG_TYPE_PERF_EVENT, read_value,
					   NELEM(read_value),
		"helper bpf_perf_prog_read_value#56 is not implemented by bpfhost"));
	CHECK("helper-func-ip", refused(BPF_PROG_TYPE_KPROBE, func_ip, NELEM(func_ip),
		"helper bpf_get_func_ip#173 is not implemented by bpfhost"));
}

static void test_traceprogs__return_values(void)
{
	const struct bpf_insn ret2[] = { MOV64K(0, 2), EXIT() };
	const struct bpf_insn ret1[] = { MOV64K(0, 1), EXIT() };
	const struct bpf_insn retneg[] = { MOV64K(0, -5), EXIT() };
	struct bh_prog *p;

	/* any value, as the kernel's check_return_code() for these types */
	p = load(BPF_PROG_TYPE_KPROBE, ret2, NELEM(ret2));
	CHECK("ret-kprobe-any", p != NULL);
	bh_prog__free(p);
	p = load(BPF_PROG_TYPE_TRACEPOINT, retneg, NELEM(retneg));
	CHECK("ret-tp-any", p != NULL);
	bh_prog__free(p);
	p = load(BPF_PROG_TYPE_PERF_EVENT, ret2, NELEM(ret2));
	CHECK("ret-pe-any", p != NULL);
	bh_prog__free(p);
	p = load_attach(BPF_PROG_TYPE_KPROBE, BPF_TRACE_KPROBE_MULTI, ret2, NELEM(ret2));
	CHECK("ret-kprobe-multi-any", p != NULL);
	bh_prog__free(p);
	/* a session program returns 0 or 1 */
	p = load_attach(BPF_PROG_TYPE_KPROBE, BPF_TRACE_KPROBE_SESSION, ret2, NELEM(ret2));
	CHECK("ret-session-2", !p && strstr(log_buf, "should have been in [0, 1]"));
	bh_prog__free(p);
	p = load_attach(BPF_PROG_TYPE_KPROBE, BPF_TRACE_UPROBE_SESSION, ret2, NELEM(ret2));
	CHECK("ret-usession-2", !p);
	bh_prog__free(p);
	p = load_attach(BPF_PROG_TYPE_KPROBE, BPF_TRACE_KPROBE_SESSION, ret1, NELEM(ret1));
	CHECK("ret-session-1", p != NULL);
	bh_prog__free(p);
}

/* ---- Running with a caller-given context ---------------------------------------- */

/* return di + si + sample-like low byte of ip */
static const struct bpf_insn kp_sum[] = {
	LDX(DW, 0, 1, REGS(di)), LDX(DW, 2, 1, REGS(si)), A64X(ADD, 0, 2),
	LDX(B, 2, 1, REGS(ip)), A64X(ADD, 0, 2), EXIT(),
};

static void test_traceprogs__kprobe_test_run(void)
{
	struct bh_prog *p = load(BPF_PROG_TYPE_KPROBE, kp_sum, NELEM(kp_sum));
	struct bh_pt_regs regs = { .di = 40, .si = 2, .ip = 0xffffffff81000105ull };
	struct bh_pt_regs out;
	uint8_t data[16] = { 0 };
	BH_OPTS(bh_test_run_opts, o, .ctx_in = &regs, .ctx_size_in = sizeof(regs));

	REQUIRE("kprun-load", p);
	CHECK_EQ("kprun-run", bh_prog__test_run(p, &o), 0);
	CHECK_EQ("kprun-retval", o.retval, 40 + 2 + 5);
	regs.di = 1000;
	o.ctx_out = &out;
	o.ctx_size_out = sizeof(out);
	o.repeat = 50;
	CHECK_EQ("kprun-repeat", bh_prog__test_run(p, &o), 0);
	CHECK_EQ("kprun-retval2", o.retval, 1000 + 2 + 5);
	CHECK("kprun-ctx-out", !memcmp(&out, &regs, sizeof(regs)));
	o.ctx_out = NULL;
	o.ctx_size_out = 0;
	o.repeat = 0;
	/* the program reads up to ip's first byte: offset 129 */
	o.ctx_size_in = REGS(ip);
	CHECK_EQ("kprun-ctx-short", bh_prog__test_run(p, &o), -EINVAL);
	o.ctx_size_in = REGS(ip) + 1;
	CHECK_EQ("kprun-ctx-enough", bh_prog__test_run(p, &o), 0);
	o.ctx_size_in = sizeof(regs) + 8;
	CHECK_EQ("kprun-ctx-long", bh_prog__test_run(p, &o), -EINVAL);
	o.ctx_size_in = sizeof(regs);
	o.data_in = data;
	o.data_size_in = sizeof(data);
	CHECK_EQ("kprun-data", bh_prog__test_run(p, &o), -EINVAL);
	o.data_in = NULL;
	o.data_size_in = 0;
	o.flags = BPF_F_TEST_RUN_ON_CPU;
	o.cpu = 0;
	CHECK_EQ("kprun-on-cpu", bh_prog__test_run(p, &o), 0);
	o.flags = 0x80;
	CHECK_EQ("kprun-bad-flag", bh_prog__test_run(p, &o), -EINVAL);
	o.flags = 0;
	o.ctx_in = NULL;
	o.ctx_size_in = 0;
	CHECK_EQ("kprun-no-ctx", bh_prog__test_run(p, &o), -EINVAL);
	bh_prog__free(p);
}

static void test_traceprogs__tracepoint_test_run(void)
{
	/* sys_enter: return id + args[0] */
	const struct bpf_insn insns[] = { LDX(DW, 0, 1, 8), LDX(DW, 2, 1, 16),
					  A64X(ADD, 0, 2), EXIT() };
	const struct bpf_insn far[] = { LDX(W, 0, 1, 8188), EXIT() };
	struct bh_prog *p = load(BPF_PROG_TYPE_TRACEPOINT, insns, NELEM(insns));
	struct bh_prog *pf = load(BPF_PROG_TYPE_TRACEPOINT, far, NELEM(far));
	uint64_t rec[8] = { 0x1234, 59, 7 };
	static uint8_t big[8200];
	BH_OPTS(bh_test_run_opts, o, .ctx_in = rec, .ctx_size_in = sizeof(rec));

	REQUIRE("tprun-load", p && pf);
	CHECK_EQ("tprun-run", bh_prog__test_run(p, &o), 0);
	CHECK_EQ("tprun-retval", o.retval, 66);
	memset(big, 0, sizeof(big));
	big[8188] = 0x2a;
	o.ctx_in = big;
	o.ctx_size_in = 8192;
	CHECK_EQ("tprun-far", bh_prog__test_run(pf, &o), 0);
	CHECK_EQ("tprun-far-retval", o.retval, 0x2a);
	o.ctx_size_in = 8191;
	CHECK_EQ("tprun-far-short", bh_prog__test_run(pf, &o), -EINVAL);
	o.ctx_size_in = 8200;
	CHECK_EQ("tprun-too-big", bh_prog__test_run(p, &o), -EINVAL);
	bh_prog__free(p);
	bh_prog__free(pf);
}

static void test_traceprogs__perf_event_test_run(void)
{
	/* return sample_period's low word + addr's low byte + regs.sp */
	const struct bpf_insn insns[] = {
		LDX(W, 0, 1, PE(sample_period)), LDX(B, 2, 1, PE(addr)),
		A64X(ADD, 0, 2), LDX(DW, 2, 1, PE(regs.sp)), A64X(ADD, 0, 2), EXIT(),
	};
	struct bh_prog *p = load(BPF_PROG_TYPE_PERF_EVENT, insns, NELEM(insns));
	struct bh_perf_event_data d = { .regs.sp = 1000, .sample_period = 0x100000064ull,
					.addr = 0xabcd07 };
	BH_OPTS(bh_test_run_opts, o, .ctx_in = &d, .ctx_size_in = sizeof(d));

	REQUIRE("perun-load", p);
	CHECK_EQ("perun-run", bh_prog__test_run(p, &o), 0);
	CHECK_EQ("perun-retval", o.retval, 100 + 7 + 1000);
	o.ctx_size_in = sizeof(d) + 1;
	CHECK_EQ("perun-too-big", bh_prog__test_run(p, &o), -EINVAL);
	o.ctx_size_in = PE(addr);
	CHECK_EQ("perun-short", bh_prog__test_run(p, &o), -EINVAL);
	bh_prog__free(p);
}

/* An unverified program reading past a short context faults the checked run. */
static void test_traceprogs__unverified_short_ctx(void)
{
	BH_OPTS(bh_prog_load_opts, lo, .license = "GPL",
		.bh_flags = BH_PROG_LOAD_F_NO_VERIFY);
	struct bh_prog *p = bh_prog__load(BPF_PROG_TYPE_KPROBE, kp_sum, NELEM(kp_sum), &lo);
	struct bh_pt_regs regs = { .di = 1 };
	BH_OPTS(bh_test_run_opts, o, .ctx_in = &regs, .ctx_size_in = 120);

	REQUIRE("kpnv-load", p);
	CHECK_EQ("kpnv-fault", bh_prog__test_run(p, &o), -EFAULT);
	o.ctx_size_in = sizeof(regs);
	CHECK_EQ("kpnv-full", bh_prog__test_run(p, &o), 0);
	bh_prog__free(p);
}

/* ---- Hooks: a host fires a probe with its registers ------------------------------ */

static void test_traceprogs__probe_hook(void)
{
	BH_OPTS(bh_hook_opts, ho, .policy = BH_HOOK_POLICY_TCX,
		.ctx_size = sizeof(struct bh_pt_regs));
	BH_OPTS(bh_hook_opts, small, .policy = BH_HOOK_POLICY_TCX, .ctx_size = 64);
	struct bh_hook *hook = bh_hook__new(BPF_PROG_TYPE_KPROBE, &ho);
	struct bh_hook *short_hook = bh_hook__new(BPF_PROG_TYPE_KPROBE, &small);
	struct bh_prog *p = load(BPF_PROG_TYPE_KPROBE, kp_sum, NELEM(kp_sum));
	struct bh_prog *p2 = load(BPF_PROG_TYPE_KPROBE, kp_sum, NELEM(kp_sum));
	struct bh_pt_regs regs = { .di = 7, .si = 8, .ip = 0x10 };
	uint64_t ret = 0;

	REQUIRE("hook-setup", hook && short_hook && p && p2);
	CHECK_EQ("hook-attach", bh_hook__attach(hook, p, NULL), 0);
	CHECK_EQ("hook-run", bh_hook__run(hook, &regs, &ret), 0);
	CHECK_EQ("hook-ret", ret, 7 + 8 + 0x10);
	regs.si = 100;
	CHECK_EQ("hook-run2", bh_hook__run(hook, &regs, &ret), 0);
	CHECK_EQ("hook-ret2", ret, 7 + 100 + 0x10);
	/* 64 bytes do not hold di: the checked run faults, nothing is read */
	CHECK_EQ("hook-short-attach", bh_hook__attach(short_hook, p2, NULL), 0);
	CHECK_EQ("hook-short-fault", bh_hook__run(short_hook, &regs, &ret), -EFAULT);
	bh_hook__free(hook);
	bh_hook__free(short_hook);
}

/*
 * A probe that tail-calls: its target (same type) may read further than
 * the entry program, so a hook whose buffer does not hold the whole
 * pt_regs runs the chain checked, and test_run gives the target the whole
 * context, zeroed past ctx_in.
 */
static void test_traceprogs__tail_call_reads_further(void)
{
	BH_OPTS(bh_map_create_opts, mo);
	struct bh_map *pa = bh_map__create(BPF_MAP_TYPE_PROG_ARRAY, NULL, 4, 4, 1, &mo);
	const struct bpf_insn target[] = { LDX(DW, 0, 1, REGS(di)), EXIT() };
	struct bpf_insn entry[] = {
		INSN(BPF_LD | BPF_IMM | BPF_DW, 2, BPF_PSEUDO_MAP_FD, 0,
		     pa ? (int32_t)bh_map__id(pa) : 0),
		INSN(0, 0, 0, 0, 0),
		MOV64K(3, 0), CALL(BPF_FUNC_tail_call), MOV64K(0, 99), EXIT(),
	};
	BH_OPTS(bh_hook_opts, ho, .ctx_size = 64);
	struct bh_hook *hook = bh_hook__new(BPF_PROG_TYPE_KPROBE, &ho);
	struct bh_prog *t = load(BPF_PROG_TYPE_KPROBE, target, NELEM(target));
	struct bh_prog *e = load(BPF_PROG_TYPE_KPROBE, entry, NELEM(entry));
	uint8_t small[64] = { 0 };
	struct bh_pt_regs regs = { .di = 1234 };
	uint64_t ret = 0;
	uint32_t k = 0, id;
	BH_OPTS(bh_test_run_opts, o, .ctx_in = small, .ctx_size_in = sizeof(small));

	REQUIRE("tc-setup", pa && hook && t && e);
	id = bh_prog__id(t);
	REQUIRE("tc-insert", bh_map__update_elem(pa, &k, &id, BPF_ANY) == 0);
	/* the entry reads nothing; its target reads di at 112 */
	CHECK_EQ("tc-test-run-short", bh_prog__test_run(e, &o), 0);
	CHECK_EQ("tc-test-run-short-zero", o.retval, 0);
	o.ctx_in = &regs;
	o.ctx_size_in = sizeof(regs);
	CHECK_EQ("tc-test-run", bh_prog__test_run(e, &o), 0);
	CHECK_EQ("tc-test-run-di", o.retval, 1234);
	CHECK_EQ("tc-hook-attach", bh_hook__attach(hook, e, NULL), 0);
	CHECK_EQ("tc-hook-short-fault", bh_hook__run(hook, small, &ret), -EFAULT);
	bh_hook__free(hook);
	ho.ctx_size = sizeof(regs);
	hook = bh_hook__new(BPF_PROG_TYPE_KPROBE, &ho);
	e = load(BPF_PROG_TYPE_KPROBE, entry, NELEM(entry));
	REQUIRE("tc-hook2", hook && e);
	CHECK_EQ("tc-hook-attach2", bh_hook__attach(hook, e, NULL), 0);
	CHECK_EQ("tc-hook-full", bh_hook__run(hook, &regs, &ret), 0);
	CHECK_EQ("tc-hook-full-di", ret, 1234);
	bh_hook__free(hook);
	k = 0;
	bh_map__delete_elem(pa, &k);
	bh_prog__free(t);
	bh_map__free(pa);
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_traceprogs__kprobe_ctx_rules),
	BH_TEST(test_traceprogs__tracepoint_ctx_rules),
	BH_TEST(test_traceprogs__perf_event_ctx_rules),
	BH_TEST(test_traceprogs__verifier_ctx_access),
	BH_TEST(test_traceprogs__helpers),
	BH_TEST(test_traceprogs__return_values),
	BH_TEST(test_traceprogs__kprobe_test_run),
	BH_TEST(test_traceprogs__tracepoint_test_run),
	BH_TEST(test_traceprogs__perf_event_test_run),
	BH_TEST(test_traceprogs__unverified_short_ctx),
	BH_TEST(test_traceprogs__probe_hook),
	BH_TEST(test_traceprogs__tail_call_reads_further),
};

BH_TEST_MAIN(cases)
