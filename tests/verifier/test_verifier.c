/* SPDX-License-Identifier: MIT */
/*
 * tests/verifier/test_verifier.c - the table of small programs
 * (vcases.h): each is accepted, or refused with its message, by bpfhost's
 * verifier; and the kernel, where bpf() works, gives the same verdict
 * (differences are listed below with the reason bpfhost stays safe, and in
 * docs/verifier.md).
 */
#include "test.h"
#include "vcases.h"
#include "vharness.h"

/* Cases where bpfhost knowingly differs from the kernel (docs/verifier.md). */
static const struct {
	const char *name;
	const char *why;
} known_diffs[] = {
	{ NULL, NULL },
};

static const char *known_diff(const char *name)
{
	for (size_t i = 0; known_diffs[i].name; i++)
		if (!strcmp(known_diffs[i].name, name))
			return known_diffs[i].why;
	return NULL;
}

static int assemble(const struct vcase *c, struct bpf_insn **insns, size_t *cnt)
{
	char err[256];
	int ret = bh_asm__parse(c->text, insns, cnt, err, sizeof(err));

	if (ret)
		fprintf(stderr, "  %s: does not assemble: %s\n", c->name, err);
	return ret;
}

static void test_verifier__table(void)
{
	static char log[VH_LOG_SZ];
	struct vh_maps m;
	int bad = 0;

	vh_maps_init(&m, 0);
	for (size_t i = 0; i < BH_ARRAY_LEN(vcases); i++) {
		const struct vcase *c = &vcases[i];
		struct bpf_insn *insns;
		size_t cnt;
		int ret;

		if (assemble(c, &insns, &cnt)) {
			bad++;
			continue;
		}
		ret = vh_bh_verify(c->type, insns, cnt, &m, log, sizeof(log), 1, NULL);
		if (!c->err && ret) {
			fprintf(stderr, "  %s: refused (%d), expected accepted; log:\n%s\n",
				c->name, ret, log);
			bad++;
		} else if (c->err && !ret) {
			fprintf(stderr, "  %s: accepted, expected '%s'\n", c->name, c->err);
			bad++;
		} else if (c->err && !strstr(log, c->err)) {
			fprintf(stderr, "  %s: refused without '%s'; log:\n%s\n", c->name,
				c->err, log);
			bad++;
		} else if (c->err && ret != -EACCES && ret != -EINVAL && ret != -E2BIG) {
			fprintf(stderr, "  %s: errno %d\n", c->name, ret);
			bad++;
		}
		free(insns);
	}
	vh_maps_free(&m);
	CHECK_EQ("verifier-table", bad, 0);
}

static void test_verifier__kernel_agrees(void)
{
	static char log[VH_LOG_SZ], klog[VH_LOG_SZ];
	int agree = 0, differ = 0, documented = 0, unsafe = 0, errno_differ = 0;
	int loader_errno = 0, not_comparable = 0;
	struct vh_maps m;

	if (!vh_kernel_available())
		SKIP("bpf() is refused here: no kernel to compare with");
	vh_maps_init(&m, 1);
	for (size_t i = 0; i < BH_ARRAY_LEN(vcases); i++) {
		const struct vcase *c = &vcases[i];
		struct bpf_insn *insns;
		size_t cnt;
		int b, k;

		if (VCASE_KERNEL_NEEDS_BTF(c)) {
			not_comparable++;
			continue;
		}
		if (assemble(c, &insns, &cnt))
			continue;
		b = vh_bh_verify(c->type, insns, cnt, &m, log, sizeof(log), 1, NULL);
		k = vh_kernel_verify(c->type, insns, cnt, &m, klog, sizeof(klog), 1);
		free(insns);
		if ((b == 0) == (k == 0)) {
			agree++;
			/* the loader's encoding check (src/isa/check.c) runs first and
			 * answers -EINVAL where the kernel's verifier says -EACCES
			 * (R%d !read_ok, frame pointer is read only): documented */
			if (b != k && strstr(log, "processed ")) {
				errno_differ++;
				fprintf(stderr, "  %s: errno bpfhost %d, kernel %d\n", c->name, b, k);
			} else if (b != k) {
				loader_errno++;
			}
			continue;
		}
		if (b == 0) /* bpfhost accepts what the kernel refuses */
			unsafe++;
		if (known_diff(c->name)) {
			documented++;
			continue;
		}
		differ++;
		fprintf(stderr, "  %s: bpfhost %d, kernel %d\n  bpfhost log:\n%s  kernel log:\n%s\n",
			c->name, b, k, log, klog);
	}
	vh_maps_free(&m);
	printf("# kernel agreement: %zu programs (%d need BTF in the kernel: not compared), %d agree (%d with another errno from the verifier, %d from the loader's encoding check), %d documented differences, %d undocumented, %d bpfhost-accepts-kernel-refuses\n",
	       BH_ARRAY_LEN(vcases), not_comparable, agree, errno_differ, loader_errno, documented, differ,
	       unsafe);
	CHECK_EQ("verifier-kernel-undocumented", differ, 0);
	CHECK_EQ("verifier-kernel-unsafe", unsafe, 0);
	CHECK_EQ("verifier-kernel-errno", errno_differ, 0);
}

/* bpfhost's extension: R2..R5 set at entry are numbers, never pointers. */
static void test_verifier__entry_args(void)
{
	static char log[4096];
	struct bpf_insn *insns;
	size_t cnt;
	char err[64];
	struct bh_log l;
	int ret;

	REQUIRE("ventry-asm", !bh_asm__parse("mov %r0, %r2\nadd %r0, %r3\nexit\n",
					     &insns, &cnt, err, sizeof(err)));
	bh_log_init(&l, log, sizeof(log), 1);
	ret = verifier_check_prog(BPF_PROG_TYPE_SYSCALL, 0, 0, 3, insns, cnt, NULL, NULL, &l);
	CHECK_EQ("ventry-3-ok", ret, 0);
	bh_log_init(&l, log, sizeof(log), 1);
	ret = verifier_check_prog(BPF_PROG_TYPE_SYSCALL, 0, 0, 2, insns, cnt, NULL, NULL, &l);
	CHECK_EQ("ventry-2-r3", ret, -EACCES);
	CHECK("ventry-2-msg", strstr(log, "R3 !read_ok"));
	free(insns);
	REQUIRE("ventry-asm2", !bh_asm__parse("ldxdw %r0, [%r2+0]\nexit\n",
					      &insns, &cnt, err, sizeof(err)));
	bh_log_init(&l, log, sizeof(log), 1);
	ret = verifier_check_prog(BPF_PROG_TYPE_SYSCALL, 0, 0, 2, insns, cnt, NULL, NULL, &l);
	CHECK_EQ("ventry-deref", ret, -EACCES);
	CHECK("ventry-deref-msg", strstr(log, "R2 invalid mem access 'scalar'"));
	free(insns);
}

/* The log at levels 1 and 2, as the kernel writes it. */
static void test_verifier__log_levels(void)
{
	static char log[8192];
	struct bpf_insn *insns;
	size_t cnt;
	char err[64];
	struct bh_log l;

	REQUIRE("vlog-asm", !bh_asm__parse("mov %r0, 0\nexit\n", &insns, &cnt, err,
					   sizeof(err)));
	bh_log_init(&l, log, sizeof(log), 1);
	CHECK_EQ("vlog-1-ok", verifier_check_prog(BPF_PROG_TYPE_XDP, 0, 0, 1, insns, cnt,
						  NULL, NULL, &l), 0);
	CHECK("vlog-1-stats-only",
	      !strcmp(log, "processed 2 insns (limit 1000000) max_states_per_insn 0 "
			   "total_states 0 peak_states 0 mark_read 0\n"));
	bh_log_init(&l, log, sizeof(log), 2);
	CHECK_EQ("vlog-2-ok", verifier_check_prog(BPF_PROG_TYPE_XDP, 0, 0, 1, insns, cnt,
						  NULL, NULL, &l), 0);
	CHECK("vlog-2-state", strstr(log, "0: R1=ctx() R10=fp0\n"));
	CHECK("vlog-2-insn", strstr(log, "0: (b7) r0 = 0                        ; R0=0\n"));
	CHECK("vlog-2-exit", strstr(log, "1: (95) exit\n"));
	bh_log_init(&l, log, sizeof(log), 0);
	CHECK_EQ("vlog-0-ok", verifier_check_prog(BPF_PROG_TYPE_XDP, 0, 0, 1, insns, cnt,
						  NULL, NULL, &l), 0);
	CHECK_EQ("vlog-0-empty", log[0], 0);
	free(insns);
}

static uint32_t processed_in(const char *log)
{
	const char *p = strstr(log, "processed ");

	return p ? (uint32_t)strtoul(p + 10, NULL, 10) : 0;
}

/*
 * Programs that verify only thanks to precision tracking (vcases.h,
 * "prec_fork_*"): bpfhost needs no more than ten times the instructions the
 * kernel processes (the same order), and far fewer than the 1M limit that
 * every-scalar-precise pruning hits.
 */
static void test_verifier__precision_counts(void)
{
	static char log[VH_LOG_SZ], klog[VH_LOG_SZ];
	int kernel = vh_kernel_available(), seen = 0;
	struct vh_maps m;

	vh_maps_init(&m, kernel);
	for (size_t i = 0; i < BH_ARRAY_LEN(vcases); i++) {
		const struct vcase *c = &vcases[i];
		struct bh_verifier_output out;
		struct bpf_insn *insns;
		size_t cnt;
		int b;

		if (strncmp(c->name, "prec_fork_", 10) || assemble(c, &insns, &cnt))
			continue;
		seen++;
		b = vh_bh_verify(c->type, insns, cnt, &m, log, sizeof(log), 1, &out);
		CHECK_EQ("prec-count-accepted", b, 0);
		CHECK("prec-count-small", out.insn_processed < 10000);
		if (kernel && !vh_kernel_verify(c->type, insns, cnt, &m, klog, sizeof(klog), 4)) {
			uint32_t k = processed_in(klog);

			printf("# %s: processed %u insns, the kernel %u\n", c->name,
			       out.insn_processed, k);
			CHECK("prec-count-kernel-order", k && out.insn_processed <= 10 * k);
		}
		free(insns);
	}
	CHECK("prec-count-cases", seen > 0);
	vh_maps_free(&m);
}

/*
 * Precision tracking's level-2 log lines ("mark_precise: frame0: last_idx 9
 * first_idx 0 subseq_idx -1", "regs=r2 stack= before 8: (bf) r2 = r1",
 * "parent state regs=... stack=...:", "frame 0: propagating r7", "falling
 * back to forcing all scalars precise"): bpfhost's must be the kernel's,
 * line for line, on programs whose checkpoints fall where the kernel's do.
 * Compared without what follows "parent state ...:" (the state dump: the
 * kernel gives spilled scalars ids bpfhost does not) and with ld_imm64 map
 * operands (addresses in the kernel) as "MAP".
 */
static const struct {
	const char *name, *text;
} prec_log[] = {
	{ "prec_log_mov_chain",
	  "stw [%r10-4], 0\nmov %r2, %r10\nadd %r2, -4\n"
	  "lddw %r1, map[idx:1]\ncall 1\njeq %r0, 0, out\nmov %r1, 2\n"
	  "mov %r2, %r1\nadd %r0, %r2\nldxb %r0, [%r0+0]\nout:\n"
	  "mov %r0, 0\nexit\n" },
	{ "prec_log_parent_states",
	  "mov %r6, 0\ncall 7\nmov %r7, %r0\nand %r7, 3\njeq %r7, 1, a\n"
	  "add %r6, 1\na:\njeq %r7, 2, b\nadd %r6, 2\nb:\nmov %r8, %r7\n"
	  "stw [%r10-4], 0\nmov %r2, %r10\nadd %r2, -4\n"
	  "lddw %r1, map[idx:1]\ncall 1\njeq %r0, 0, out\nadd %r0, %r8\n"
	  "ldxb %r0, [%r0+0]\nout:\nmov %r0, 0\nexit\n" },
	{ "prec_log_subprog",
	  "call 7\nmov %r1, %r0\ncall local f\nmov %r8, %r0\n"
	  "stw [%r10-4], 0\nmov %r2, %r10\nadd %r2, -4\n"
	  "lddw %r1, map[idx:1]\ncall 1\njeq %r0, 0, out\nadd %r0, %r8\n"
	  "ldxb %r0, [%r0+0]\nout:\nmov %r0, 0\nexit\nf:\nmov %r0, %r1\n"
	  "and %r0, 3\njeq %r0, 1, f1\nmov %r0, 2\nf1:\nexit\n" },
	{ "prec_log_loop",
	  "mov %r6, 0\nmov %r7, 0\nloop:\nadd %r7, 2\nadd %r6, 1\n"
	  "jlt %r6, 4, loop\nstw [%r10-4], 0\nmov %r2, %r10\nadd %r2, -4\n"
	  "lddw %r1, map[idx:1]\ncall 1\njeq %r0, 0, out\nand %r7, 7\n"
	  "add %r0, %r7\nldxb %r0, [%r0+0]\nout:\nmov %r0, 0\nexit\n" },
	{ "prec_log_spill_fill",
	  "call 7\nmov %r6, %r0\ncall 7\nand %r0, 3\nstxdw [%r10-16], %r0\n"
	  "jeq %r6, 1, a\nmov %r9, 1\na:\njeq %r6, 2, b\nmov %r9, 2\nb:\n"
	  "ldxdw %r8, [%r10-16]\nstw [%r10-4], 0\nmov %r2, %r10\n"
	  "add %r2, -4\nlddw %r1, map[idx:1]\ncall 1\njeq %r0, 0, out\n"
	  "add %r0, %r8\nldxb %r0, [%r0+0]\nout:\nmov %r0, 0\nexit\n" },
};

/* The precision lines of @log, normalised, into @out. */
static void precision_lines(const char *log, char *out, size_t out_sz)
{
	size_t n = 0;

	out[0] = 0;
	for (const char *l = log; *l;) {
		const char *e = strchr(l, '\n') ? strchr(l, '\n') : l + strlen(l);
		char line[512], *cut;

		snprintf(line, sizeof(line), "%.*s", (int)(e - l), l);
		l = *e ? e + 1 : e;
		if (strncmp(line, "mark_precise: ", 14) && strncmp(line, "force_precise: ", 15) &&
		    !(strstr(line, ": propagating ") && !strncmp(line, "frame ", 6)))
			continue;
		if ((cut = strstr(line, "parent state ")) && (cut = strstr(cut, ": ")))
			cut[1] = 0;
		if ((cut = strstr(line, " = map[idx:")) || (cut = strstr(line, " = 0x")))
			strcpy(cut, " = MAP");
		n += (size_t)snprintf(out + n, out_sz - n, "%s\n", line);
		if (n >= out_sz)
			break;
	}
}

static void test_verifier__precision_log(void)
{
	static char log[VH_LOG_SZ], klog[VH_LOG_SZ], b[1 << 16], k[1 << 16];
	int kernel = vh_kernel_available(), same = 0;
	struct vh_maps m;

	vh_maps_init(&m, kernel);
	for (size_t i = 0; i < BH_ARRAY_LEN(prec_log); i++) {
		struct vcase c = { prec_log[i].name, X, prec_log[i].text, NULL };
		struct bpf_insn *insns;
		size_t cnt;

		if (assemble(&c, &insns, &cnt))
			continue;
		CHECK_EQ("prec-log-accepted", vh_bh_verify(X, insns, cnt, &m, log, sizeof(log), 2,
							   NULL), 0);
		precision_lines(log, b, sizeof(b));
		CHECK("prec-log-lines", strstr(b, "mark_precise: frame0: last_idx ") != NULL);
		if (kernel && !vh_kernel_verify(X, insns, cnt, &m, klog, sizeof(klog), 2)) {
			precision_lines(klog, k, sizeof(k));
			if (!strcmp(b, k))
				same++;
			else
				fprintf(stderr, "  %s: precision lines differ\n  bpfhost:\n%s  kernel:\n%s\n",
					c.name, b, k);
		}
		free(insns);
	}
	if (kernel) {
		printf("# precision log lines: %d of %zu programs as the kernel's\n", same,
		       BH_ARRAY_LEN(prec_log));
		CHECK_EQ("prec-log-kernel", same, (int)BH_ARRAY_LEN(prec_log));
	}
	vh_maps_free(&m);
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_verifier__log_levels),
	BH_TEST(test_verifier__entry_args),
	BH_TEST(test_verifier__table),
	BH_TEST(test_verifier__kernel_agrees),
	BH_TEST(test_verifier__precision_counts),
	BH_TEST(test_verifier__precision_log),
};

BH_TEST_MAIN(cases)
