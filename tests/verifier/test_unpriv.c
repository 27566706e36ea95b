/* SPDX-License-Identifier: MIT */
/*
 * tests/verifier/test_unpriv.c - unprivileged loads (BH_PROG_LOAD_F_UNPRIV).
 * What the unprivileged rules must still accept (tests/verifier/negative/
 * unpriv_*.s holds what they refuse), and the loader's limits: program
 * types (-EPERM), 4096 instructions (-E2BIG), the helpers of the base set
 * the kernel keeps for CAP_BPF, and no unverified unprivileged load.
 */
#include "test.h"
#include "vharness.h"

/* A map lookup with a key on the stack, checked for NULL (maps of vharness.h). */
#define LOOKUP(idx)                                                             \
	"stw [%r10-4], 0\n"                                                     \
	"mov %r2, %r10\n"                                                       \
	"add %r2, -4\n"                                                         \
	"lddw %r1, map[idx:" #idx "]\n"                                         \
	"call 1\n"                                                              \
	"jeq %r0, 0, out\n"

static const struct {
	const char *name, *text;
} accepted[] = {
	{ "map value read",
	  LOOKUP(1) "ldxdw %r0, [%r0+0]\nexit\nout:\nmov %r0, 0\nexit\n" },
	{ "map value pointer checked twice against NULL",
	  LOOKUP(1) "jne %r0, 0, l\nmov %r0, 1\nexit\nl:\nstdw [%r0+0], 1\n"
		    "out:\nmov %r0, 0\nexit\n" },
	{ "number stored into a map value",
	  LOOKUP(1) "ldxw %r1, [%r10-4]\nstxdw [%r0+0], %r1\nout:\nmov %r0, 0\nexit\n" },
	{ "pointer spilled and filled whole",
	  "stxdw [%r10-8], %r1\nldxdw %r1, [%r10-8]\nldxw %r0, [%r1+0]\nexit\n" },
	{ "number spilled and filled: misc bytes",
	  "ldxw %r2, [%r1+0]\nstxdw [%r10-8], %r2\nldxdw %r0, [%r10-8]\nexit\n" },
	{ "zero stored and read back",
	  "stdw [%r10-8], 0\nldxdw %r0, [%r10-8]\nexit\n" },
	{ "map update with written key and value",
	  "stw [%r10-4], 0\nldxw %r3, [%r1+0]\nstxdw [%r10-16], %r3\n"
	  "mov %r2, %r10\nadd %r2, -4\nmov %r3, %r10\nadd %r3, -16\nmov %r4, 0\n"
	  "lddw %r1, map[idx:1]\ncall 2\nmov %r0, 0\nexit\n" },
	{ "queue pop into unwritten stack (the helper writes it)",
	  "mov %r2, %r10\nadd %r2, -8\nlddw %r1, map[idx:4]\ncall 88\n"
	  "jne %r0, 0, out\nldxw %r0, [%r10-8]\nexit\nout:\nmov %r0, 0\nexit\n" },
	{ "skb_load_bytes into unwritten stack",
	  "mov %r2, 0\nmov %r3, %r10\nadd %r3, -16\nmov %r4, 16\ncall 26\n"
	  "ldxdw %r0, [%r10-16]\nexit\n" },
	{ "ring buffer record with a number",
	  "lddw %r1, map[idx:5]\nmov %r2, 8\nmov %r3, 0\ncall 131\njeq %r0, 0, out\n"
	  "stdw [%r0+0], 7\nmov %r1, %r0\nmov %r2, 0\ncall 132\nout:\nmov %r0, 0\nexit\n" },
	{ "stack pointer arithmetic and a store through it",
	  "mov %r2, %r10\nadd %r2, -16\nstdw [%r2+8], 1\nldxdw %r0, [%r10-8]\nexit\n" },
	{ "scalar compared with scalar, forward jumps only",
	  "ldxw %r0, [%r1+0]\njgt %r0, 100, out\nmov %r0, 1\nout:\nexit\n" },
	{ "legacy packet load",
	  "mov %r6, %r1\nldabsb 12\nexit\n" },
};

static void test_unpriv__accepted(void)
{
	static char log[VH_LOG_SZ];
	int kernel = vh_kernel_available();
	struct vh_maps m;

	vh_maps_init(&m, kernel);
	for (size_t i = 0; i < BH_ARRAY_LEN(accepted); i++) {
		struct bpf_insn *insns;
		size_t cnt;
		char err[128];
		int b;

		if (bh_asm__parse(accepted[i].text, &insns, &cnt, err, sizeof(err))) {
			fprintf(stderr, "  %s: does not assemble: %s\n", accepted[i].name, err);
			CHECK("unpriv-accepted-asm", false);
			continue;
		}
		b = vh_bh_verify_as(BPF_PROG_TYPE_SOCKET_FILTER, true, insns, cnt, &m, log,
				    sizeof(log), 1, NULL);
		if (b)
			fprintf(stderr, "  %s: refused (%d):\n%s\n", accepted[i].name, b, log);
		CHECK_EQ("unpriv-accepted", b, 0);
		/* what an unprivileged loader may load, a privileged one may too,
		 * in bpfhost and (a check of the programs themselves) the kernel */
		CHECK_EQ("unpriv-accepted-priv",
			 vh_bh_verify(BPF_PROG_TYPE_SOCKET_FILTER, insns, cnt, &m, log,
				      sizeof(log), 1, NULL), 0);
		if (kernel) {
			b = vh_kernel_verify(BPF_PROG_TYPE_SOCKET_FILTER, insns, cnt, &m, log,
					     sizeof(log), 1);
			if (b)
				fprintf(stderr, "  %s: the kernel refuses it (%d):\n%s\n",
					accepted[i].name, b, log);
			CHECK_EQ("unpriv-accepted-kernel-priv", b, 0);
		}
		free(insns);
	}
	vh_maps_free(&m);
}

/* Where bpfhost is stricter than the kernel unprivileged: a 32-bit
 * comparison of a map value pointer with 0, which the kernel decides
 * (the pointer is not NULL) and bpfhost refuses (its low half may be 0). */
static void test_unpriv__ptr_cmp32_refused(void)
{
	static char log[VH_LOG_SZ];
	const char *text = LOOKUP(1) "jne32 %r0, 0, out\nmov %r0, 1\nexit\n"
				     "out:\nmov %r0, 0\nexit\n";
	struct bpf_insn *insns;
	struct vh_maps m;
	size_t cnt;
	char err[128];

	REQUIRE("unpriv-cmp32-asm", !bh_asm__parse(text, &insns, &cnt, err, sizeof(err)));
	vh_maps_init(&m, 0);
	CHECK_EQ("unpriv-cmp32-refused",
		 vh_bh_verify_as(BPF_PROG_TYPE_SOCKET_FILTER, true, insns, cnt, &m, log,
				 sizeof(log), 1, NULL), -EACCES);
	CHECK("unpriv-cmp32-log", strstr(log, "R0 pointer comparison prohibited"));
	CHECK_EQ("unpriv-cmp32-priv",
		 vh_bh_verify(BPF_PROG_TYPE_SOCKET_FILTER, insns, cnt, &m, log, sizeof(log),
			      1, NULL), 0);
	vh_maps_free(&m);
	free(insns);
}

static struct bh_prog *load(uint32_t type, const struct bpf_insn *insns, size_t cnt,
			    uint32_t bh_flags, char *log, size_t log_sz)
{
	BH_OPTS(bh_prog_load_opts, o, .bh_flags = bh_flags, .license = "GPL",
		.log_buf = log, .log_size = log_sz, .log_level = 1);

	log[0] = 0;
	return bh_prog__load(type, insns, cnt, &o);
}

static void test_unpriv__load_rules(void)
{
	static struct bpf_insn big[BH_MAX_INSNS_UNPRIV + 1];
	const struct bpf_insn ret7[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 7 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	const struct bpf_insn jiffies[] = {
		{ .code = BPF_JMP | BPF_CALL, .imm = BPF_FUNC_jiffies64 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	uint8_t pkt[64] = { 0 };
	char log[4096];
	struct bh_prog *p;

	/* a socket filter loads and runs */
	p = load(BPF_PROG_TYPE_SOCKET_FILTER, ret7, 2, BH_PROG_LOAD_F_UNPRIV, log,
		 sizeof(log));
	CHECK("unpriv-socket-filter", p != NULL);
	if (p) {
		BH_OPTS(bh_test_run_opts, o, .data_in = pkt, .data_size_in = sizeof(pkt));

		CHECK_EQ("unpriv-run", bh_prog__test_run(p, &o), 0);
		CHECK_EQ("unpriv-run-retval", o.retval, 7u);
		bh_prog__free(p);
	}
	/* other types: -EPERM, with the reason */
	p = load(BPF_PROG_TYPE_XDP, ret7, 2, BH_PROG_LOAD_F_UNPRIV, log, sizeof(log));
	CHECK("unpriv-xdp-refused", !p && errno == EPERM);
	CHECK("unpriv-xdp-log", strstr(log, "only socket filter and cgroup skb"));
	p = load(BPF_PROG_TYPE_SYSCALL, ret7, 2, BH_PROG_LOAD_F_UNPRIV, log, sizeof(log));
	CHECK("unpriv-syscall-refused", !p && errno == EPERM);
	/* 4096 instructions at most (BPF_MAXINSNS) */
	for (size_t i = 0; i < BH_ARRAY_LEN(big); i++)
		big[i] = ret7[0];
	big[BH_MAX_INSNS_UNPRIV - 1] = ret7[1];
	p = load(BPF_PROG_TYPE_SOCKET_FILTER, big, BH_MAX_INSNS_UNPRIV,
		 BH_PROG_LOAD_F_UNPRIV, log, sizeof(log));
	CHECK("unpriv-4096", p != NULL);
	bh_prog__free(p);
	big[BH_MAX_INSNS_UNPRIV - 1] = ret7[0];
	big[BH_MAX_INSNS_UNPRIV] = ret7[1];
	p = load(BPF_PROG_TYPE_SOCKET_FILTER, big, BH_MAX_INSNS_UNPRIV + 1,
		 BH_PROG_LOAD_F_UNPRIV, log, sizeof(log));
	CHECK("unpriv-4097", !p && errno == E2BIG);
	p = load(BPF_PROG_TYPE_SOCKET_FILTER, big, BH_MAX_INSNS_UNPRIV + 1, 0, log,
		 sizeof(log));
	CHECK("priv-4097", p != NULL);
	bh_prog__free(p);
	/* an unprivileged load is always verified */
	p = load(BPF_PROG_TYPE_SOCKET_FILTER, ret7, 2,
		 BH_PROG_LOAD_F_UNPRIV | BH_PROG_LOAD_F_NO_VERIFY, log, sizeof(log));
	CHECK("unpriv-no-verify", !p && errno == EINVAL);
	/* bpf_jiffies64: CAP_BPF's part of the base set */
	p = load(BPF_PROG_TYPE_SOCKET_FILTER, jiffies, 2, BH_PROG_LOAD_F_UNPRIV, log,
		 sizeof(log));
	CHECK("unpriv-jiffies-refused", !p && errno == EINVAL);
	CHECK("unpriv-jiffies-log",
	      strstr(log, "program of this type cannot use helper bpf_jiffies64#118"));
	p = load(BPF_PROG_TYPE_SOCKET_FILTER, jiffies, 2, 0, log, sizeof(log));
	CHECK("priv-jiffies", p != NULL);
	bh_prog__free(p);
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_unpriv__accepted),
	BH_TEST(test_unpriv__load_rules),
	BH_TEST(test_unpriv__ptr_cmp32_refused),
};

BH_TEST_MAIN(cases)
