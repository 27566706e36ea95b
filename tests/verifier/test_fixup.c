/* SPDX-License-Identifier: MIT */
/*
 * tests/verifier/test_fixup.c - the rewrites after verification
 * (src/verifier/fixup.c): the shape of the rewritten ("xlated") program,
 * and results equal to the program as written.
 *
 * Each program runs three ways: verified, so rewritten, in the fast
 * interpreter (which divides without a check and has no lookup helper
 * call left); as written and unverified in the checked interpreter (which
 * keeps its own division checks and calls the helper): the reference;
 * and, where bpf() works, in the kernel (BPF_PROG_TYPE_SYSCALL test_run,
 * which copies the context back).  The context is three u64s: two inputs
 * and the output the program stores.
 */
#include "test.h"
#include "vharness.h"

/* vharness.h's other helpers are for the verifier's own tests */
static void (*const unused_vh[])(void) __attribute__((unused)) = {
	(void (*)(void))vh_bh_verify, (void (*)(void))vh_maps_free,
	(void (*)(void))vh_maps_init,
};

struct ctx3 {
	uint64_t a, b, out;
};

static struct bpf_insn *parse(const char *text, size_t *cnt)
{
	struct bpf_insn *insns = NULL;
	char err[128];

	if (bh_asm__parse(text, &insns, cnt, err, sizeof(err))) {
		fprintf(stderr, "  asm: %s\n%s\n", err, text);
		return NULL;
	}
	return insns;
}

static struct bh_prog *load(const struct bpf_insn *insns, size_t cnt, uint32_t bh_flags,
			    struct bh_map **maps, size_t map_cnt)
{
	static char log[1 << 16];
	BH_OPTS(bh_prog_load_opts, o, .bh_flags = bh_flags, .maps = maps,
		.map_cnt = map_cnt, .log_buf = log, .log_size = sizeof(log), .log_level = 1);
	struct bh_prog *p = bh_prog__load(BPF_PROG_TYPE_SYSCALL, insns, cnt, &o);

	if (!p)
		fprintf(stderr, "  load: %d\n%s\n", -errno, log);
	return p;
}

/* Run @p on {a, b}: the u64 it stores; *err set on failure. */
static uint64_t run(struct bh_prog *p, uint64_t a, uint64_t b, int *err)
{
	struct ctx3 c = { a, b, 0xdeadbeef };
	uint64_t args[1] = { (uintptr_t)&c }, r0;

	*err = bh_prog__exec(p, args, 1, &c, sizeof(c), &r0);
	return c.out;
}

/* The kernel's result, or 1 in *ok = 0 when bpf() can't say. */
static int kernel_fd(const struct bpf_insn *insns, size_t cnt, const int *map_fds)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.prog_type = BPF_PROG_TYPE_SYSCALL;
	a.insns = (uintptr_t)insns;
	a.insn_cnt = (uint32_t)cnt;
	a.license = (uintptr_t)"GPL";
	a.prog_flags = BPF_F_SLEEPABLE;
	a.fd_array = (uintptr_t)map_fds;
	return (int)syscall(__NR_bpf, BPF_PROG_LOAD, &a, sizeof(a));
}

static int kernel_run(int fd, uint64_t a0, uint64_t b0, uint64_t *out)
{
	struct ctx3 c = { a0, b0, 0xdeadbeef };
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.test.prog_fd = (uint32_t)fd;
	a.test.ctx_in = (uintptr_t)&c;
	a.test.ctx_size_in = sizeof(c);
	if (syscall(__NR_bpf, BPF_PROG_TEST_RUN, &a, sizeof(a)))
		return -errno;
	*out = c.out;
	return 0;
}

/* ---- division and modulo ---- */

static const uint64_t dividends[] = {
	0, 7, (uint64_t)-7, 0x8000000000000000ULL, 0xffffffff80000000ULL,
	0x80000000ULL, 0xffffffff00000005ULL, 0x123456789abcdefULL,
};
static const uint64_t divisors[] = {
	0, 1, (uint64_t)-1, 3, (uint64_t)-3, 0xffffffffULL, 0x100000000ULL,
	0x100000003ULL, 0x8000000000000000ULL,
};

/* Every width and signedness by a register: rewritten == as written ==
 * the kernel, over dividends and divisors with 0 and -1 in each width. */
static void test_fixup__div_mod_by_reg(void)
{
	static const char *const ops[] = { "div", "sdiv", "mod", "smod" };
	int kernel = vh_kernel_available(), compared = 0;

	for (int o = 0; o < 8; o++) {
		char text[256];
		struct bpf_insn *insns;
		struct bh_prog *v, *u;
		size_t cnt, xcnt = 0;
		int kfd = -1;

		snprintf(text, sizeof(text),
			 "ldxdw %%r2, [%%r1+0]\nldxdw %%r3, [%%r1+8]\n%s%s %%r2, %%r3\n"
			 "stxdw [%%r1+16], %%r2\nmov %%r0, 0\nexit\n",
			 ops[o / 2], o % 2 ? "32" : "");
		insns = parse(text, &cnt);
		REQUIRE("div-parse", insns);
		v = load(insns, cnt, 0, NULL, 0);
		u = load(insns, cnt, BH_PROG_LOAD_F_NO_VERIFY, NULL, 0);
		REQUIRE("div-load", v && u);
		/* the guard is there: more instructions, all from insn 2 */
		bh_prog__insns(v, &xcnt);
		CHECK("div-grown", xcnt > cnt);
		CHECK_EQ("div-orig-first", bh_prog__orig_insn_idx(v, 2), 2);
		CHECK_EQ("div-orig-last", bh_prog__orig_insn_idx(v, xcnt - 4), 2);
		CHECK_EQ("div-orig-store", bh_prog__orig_insn_idx(v, xcnt - 3), 3);
		CHECK_EQ("div-orig-exit", bh_prog__orig_insn_idx(v, xcnt - 1), cnt - 1);
		CHECK_EQ("div-orig-end", bh_prog__orig_insn_idx(v, xcnt), -ENOENT);
		if (kernel)
			kfd = kernel_fd(insns, cnt, NULL);
		for (size_t i = 0; i < BH_ARRAY_LEN(dividends); i++) {
			for (size_t j = 0; j < BH_ARRAY_LEN(divisors); j++) {
				int e1, e2;
				uint64_t x = run(v, dividends[i], divisors[j], &e1);
				uint64_t ref = run(u, dividends[i], divisors[j], &e2);
				uint64_t k;

				CHECK("div-runs", !e1 && !e2);
				if (x != ref)
					fprintf(stderr, "  %s: %#llx by %#llx: %#llx, as written %#llx\n",
						text, (unsigned long long)dividends[i],
						(unsigned long long)divisors[j],
						(unsigned long long)x, (unsigned long long)ref);
				CHECK("div-same", x == ref);
				if (kfd >= 0 && !kernel_run(kfd, dividends[i], divisors[j], &k)) {
					compared++;
					if (k != x)
						fprintf(stderr, "  %s: %#llx by %#llx: %#llx, kernel %#llx\n",
							text, (unsigned long long)dividends[i],
							(unsigned long long)divisors[j],
							(unsigned long long)x, (unsigned long long)k);
					CHECK("div-kernel", k == x);
				}
			}
		}
		if (kfd >= 0)
			close(kfd);
		bh_prog__free(v);
		bh_prog__free(u);
		free(insns);
	}
	if (kernel)
		CHECK_EQ("div-kernel-all", compared, 8 * BH_ARRAY_LEN(dividends) * BH_ARRAY_LEN(divisors));
	printf("# division: %d results compared with the kernel\n", compared);
}

/* The signed constant -1 becomes neg / "= 0"; the constant 0 (refused by
 * the verifier, loadable unverified) becomes "= 0" / a move onto itself:
 * the fast loop (unverified, unchecked) agrees with the checked one. */
static void test_fixup__div_mod_by_imm(void)
{
	static const char *const forms[] = {
		"sdiv %r2, -1", "sdiv32 %r2, -1", "smod %r2, -1", "smod32 %r2, -1",
		"div %r2, 0", "div32 %r2, 0", "mod %r2, 0", "mod32 %r2, 0",
		"sdiv %r2, 0", "smod32 %r2, 0", "div %r2, 3", "smod32 %r2, -3",
	};

	for (size_t f = 0; f < BH_ARRAY_LEN(forms); f++) {
		char text[256];
		struct bpf_insn *insns;
		struct bh_prog *fast, *ref;
		size_t cnt, xcnt = 0;
		const struct bpf_insn *x;

		snprintf(text, sizeof(text),
			 "ldxdw %%r2, [%%r1+0]\n%s\nstxdw [%%r1+16], %%r2\nmov %%r0, 0\nexit\n",
			 forms[f]);
		insns = parse(text, &cnt);
		REQUIRE("imm-parse", insns);
		fast = load(insns, cnt, BH_PROG_LOAD_F_NO_VERIFY | BH_PROG_LOAD_F_UNCHECKED, NULL, 0);
		ref = load(insns, cnt, BH_PROG_LOAD_F_NO_VERIFY, NULL, 0);
		REQUIRE("imm-load", fast && ref);
		x = bh_prog__insns(fast, &xcnt);
		CHECK_EQ("imm-same-count", xcnt, cnt);
		/* rewritten unless a plain division by a constant */
		if (f < 10)
			CHECK("imm-rewritten", BPF_OP(x[1].code) != BPF_OP(insns[1].code));
		else
			CHECK("imm-kept", !memcmp(&x[1], &insns[1], sizeof(x[1])));
		for (size_t i = 0; i < BH_ARRAY_LEN(dividends); i++) {
			int e1, e2;
			uint64_t a = run(fast, dividends[i], 0, &e1);
			uint64_t b = run(ref, dividends[i], 0, &e2);

			CHECK("imm-runs", !e1 && !e2);
			if (a != b)
				fprintf(stderr, "  %s on %#llx: %#llx, checked %#llx\n", forms[f],
					(unsigned long long)dividends[i], (unsigned long long)a,
					(unsigned long long)b);
			CHECK("imm-same", a == b);
		}
		bh_prog__free(fast);
		bh_prog__free(ref);
		free(insns);
	}
}

/* Jumps across patched instructions, backward and forward, and a local
 * call after one, keep their targets (a loop of divisions). */
static void test_fixup__jumps_across_patches(void)
{
	static const char text[] =
		"ldxdw %r2, [%r1+0]\nldxdw %r3, [%r1+8]\nmov %r6, %r1\nmov %r4, 0\n"
		"L1:\n"
		"div %r2, %r3\n"
		"jeq %r2, 0, L2\n"
		"mod32 %r3, %r2\n"
		"add %r4, 1\n"
		"jlt %r4, 5, L1\n"
		"L2:\n"
		"mov %r1, %r2\nmov %r2, %r3\ncall local f\n"
		"stxdw [%r6+16], %r0\nmov %r0, 0\nexit\n"
		"f:\n"
		"smod %r1, %r2\nmov %r0, %r1\nadd %r0, %r2\nexit\n";
	static const uint64_t in[][2] = { { 1000000, 3 }, { 999, 0 }, { 12345678, 7 },
					  { (uint64_t)-100, 2 }, { 5, 1 } };
	int kernel = vh_kernel_available(), kfd = -1;
	struct bpf_insn *insns;
	struct bh_prog *v, *u;
	size_t cnt;

	insns = parse(text, &cnt);
	REQUIRE("jmp-parse", insns);
	v = load(insns, cnt, 0, NULL, 0);
	u = load(insns, cnt, BH_PROG_LOAD_F_NO_VERIFY, NULL, 0);
	REQUIRE("jmp-load", v && u);
	if (kernel)
		kfd = kernel_fd(insns, cnt, NULL);
	for (size_t i = 0; i < BH_ARRAY_LEN(in); i++) {
		int e1, e2;
		uint64_t a = run(v, in[i][0], in[i][1], &e1), b = run(u, in[i][0], in[i][1], &e2);
		uint64_t k;

		CHECK("jmp-runs", !e1 && !e2);
		CHECK("jmp-same", a == b);
		if (kfd >= 0) {
			CHECK_EQ("jmp-kernel-run", kernel_run(kfd, in[i][0], in[i][1], &k), 0);
			CHECK("jmp-kernel", k == a);
		}
	}
	if (kfd >= 0)
		close(kfd);
	bh_prog__free(v);
	bh_prog__free(u);
	free(insns);
}

/* A jump over a division that the guard pushes past 32767 instructions:
 * the kernel's message and errno. */
static void test_fixup__jump_out_of_range(void)
{
	size_t n = 32771;
	struct bpf_insn *insns = calloc(n, sizeof(*insns));
	static char log[4096];
	BH_OPTS(bh_prog_load_opts, o, .bh_flags = BH_PROG_LOAD_F_NO_VERIFY,
		.log_buf = log, .log_size = sizeof(log), .log_level = 1);
	struct bh_prog *p;

	REQUIRE("range-alloc", insns);
	insns[0] = (struct bpf_insn){ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0 };
	insns[1] = (struct bpf_insn){ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 2, .imm = 1 };
	insns[2] = (struct bpf_insn){ .code = BPF_JMP | BPF_JNE | BPF_K, .dst_reg = 2, .off = 32767 };
	insns[3] = (struct bpf_insn){ .code = BPF_ALU64 | BPF_DIV | BPF_X, .dst_reg = 0, .src_reg = 2 };
	for (size_t i = 4; i < n - 1; i++)
		insns[i] = (struct bpf_insn){ .code = BPF_ALU64 | BPF_ADD | BPF_K };
	insns[n - 1] = (struct bpf_insn){ .code = BPF_JMP | BPF_EXIT };
	p = bh_prog__load(BPF_PROG_TYPE_SYSCALL, insns, n, &o);
	CHECK("range-refused", !p && errno == ENOMEM);
	CHECK("range-msg", strstr(log, "insn 2 cannot be patched due to 16-bit range"));
	bh_prog__free(p);
	/* one instruction less to jump over: it fits */
	insns[2].off = 32764;
	insns[32767] = insns[n - 1];
	p = bh_prog__load(BPF_PROG_TYPE_SYSCALL, insns, 32768, &o);
	CHECK("range-fits", p);
	if (p) {
		const struct bpf_insn *x = bh_prog__insns(p, NULL);

		CHECK_EQ("range-fits-off", x[2].off, 32767);
	}
	bh_prog__free(p);
	free(insns);
}

/* ---- inlined ARRAY lookups ---- */

/* out = *(u64 *)lookup(map, &(u32)a), or -1 when the lookup gives NULL */
static const char lookup_text[] =
	"ldxdw %r2, [%r1+0]\nstxw [%r10-4], %r2\nmov %r6, %r1\n"
	"mov %r2, %r10\nadd %r2, -4\nlddw %r1, map[idx:0]\ncall 1\n"
	"mov %r3, -1\njeq %r0, 0, L\nldxdw %r3, [%r0+0]\n"
	"L:\nstxdw [%r6+16], %r3\nmov %r0, 0\nexit\n";

static void check_array_lookup(const char *tag, uint32_t value_size, uint32_t max,
			       uint32_t flags, bool mul)
{
	BH_OPTS(bh_map_create_opts, mo, .map_flags = flags);
	struct bh_map *m = bh_map__create(BPF_MAP_TYPE_ARRAY, "arr", 4, value_size, max, &mo);
	const uint64_t keys[] = { 0, 1, max - 1, max, max + 1ULL, 0x7fffffff, 0x80000000,
				  0xffffffff, 0x100000000ULL /* the key is its low u32: 0 */ };
	struct bpf_insn *insns;
	const struct bpf_insn *x;
	struct bh_prog *v, *u;
	size_t cnt, xcnt = 0;
	uint8_t val[64] = { 0 };

	REQUIRE("arr-map", m && value_size >= 8 && value_size <= sizeof(val));
	for (uint32_t i = 0; i < max; i++) {
		uint64_t n = 1000 + i;

		memcpy(val, &n, sizeof(n));
		bh_map__update_elem(m, &i, val, 0);
	}
	insns = parse(lookup_text, &cnt);
	REQUIRE("arr-parse", insns);
	v = load(insns, cnt, 0, &m, 1);
	u = load(insns, cnt, BH_PROG_LOAD_F_NO_VERIFY, &m, 1);
	REQUIRE("arr-load", v && u);
	/* xlated: the call at 7 became the kernel's array_map_gen_lookup */
	x = bh_prog__insns(v, &xcnt);
	CHECK_EQ("arr-count", xcnt, cnt + 7);
	CHECK_EQ("arr-ldx", x[7].code, BPF_LDX | BPF_MEM | BPF_W);
	CHECK("arr-ldx-regs", x[7].dst_reg == 0 && x[7].src_reg == 2 && !x[7].off);
	CHECK_EQ("arr-jge", x[8].code, BPF_JMP | BPF_JGE | BPF_K);
	CHECK_EQ("arr-jge-max", x[8].imm, (int32_t)max);
	CHECK_EQ("arr-scale", x[9].code, mul ? (BPF_ALU64 | BPF_MUL | BPF_K)
					     : (BPF_ALU64 | BPF_LSH | BPF_K));
	CHECK_EQ("arr-ldimm", x[10].code, BPF_LD | BPF_IMM | BPF_DW);
	CHECK_EQ("arr-add", x[12].code, BPF_ALU64 | BPF_ADD | BPF_X);
	CHECK_EQ("arr-null", x[14].code, BPF_ALU64 | BPF_MOV | BPF_K);
	for (size_t i = 0; i < xcnt; i++)
		CHECK("arr-no-call", x[i].code != (BPF_JMP | BPF_CALL));
	CHECK_EQ("arr-orig-call", bh_prog__orig_insn_idx(v, 7), 7);
	CHECK_EQ("arr-orig-call-end", bh_prog__orig_insn_idx(v, 14), 7);
	CHECK_EQ("arr-orig-after", bh_prog__orig_insn_idx(v, 15), 8);
	/* the jump over the load still lands on "L" */
	CHECK_EQ("arr-jeq-target", 16 + 1 + x[16].off, 18);
	for (size_t i = 0; i < BH_ARRAY_LEN(keys); i++) {
		int e1, e2, e3;
		uint64_t a = run(v, keys[i], 0, &e1), b = run(u, keys[i], 0, &e2), c;
		uint32_t k = (uint32_t)keys[i];
		uint64_t want = k < max ? 1000 + k : (uint64_t)-1;

		CHECK("arr-runs", !e1 && !e2);
		if (a != b || a != want)
			fprintf(stderr, "  %s key %#llx: %#llx, as written %#llx, want %#llx\n",
				tag, (unsigned long long)keys[i], (unsigned long long)a,
				(unsigned long long)b, (unsigned long long)want);
		CHECK_EQ("arr-same", a, b);
		CHECK_EQ("arr-want", a, want);
		/* the rewritten program in the checked loop: no fault */
		v->unchecked = false;
		c = run(v, keys[i], 0, &e3);
		v->unchecked = true;
		CHECK_EQ("arr-checked-runs", e3, 0);
		CHECK_EQ("arr-checked-same", c, a);
	}
	bh_prog__free(v);
	bh_prog__free(u);
	bh_map__free(m);
	free(insns);
}

static void test_fixup__array_lookup(void)
{
	check_array_lookup("arr-8x4", 8, 4, 0, false);
	check_array_lookup("arr-20x5-mul", 20, 5, 0, true);      /* elem 24 */
	check_array_lookup("arr-16x1", 16, 1, 0, false);
	check_array_lookup("arr-8x1000-mmap", 8, 1000, BPF_F_MMAPABLE, false);
	check_array_lookup("arr-8x3-rdonly", 8, 3, BPF_F_RDONLY_PROG, false);
}

/*
 * PERCPU_ARRAY lookups inlined (the kernel's percpu_array_map_gen_lookup):
 * the ARRAY sequence plus the internal per-CPU move before "goto out"; the
 * value read is the running CPU slot's, in the fast and the checked loop,
 * as the helper's.
 */
static void test_fixup__percpu_array_lookup(void)
{
	const uint32_t max = 5, ncpu = bh_cpu_count_get();
	struct bh_map *m = bh_map__create(BPF_MAP_TYPE_PERCPU_ARRAY, "pc", 4, 8, max, NULL);
	uint64_t *vals = calloc(ncpu, sizeof(*vals));
	struct bpf_insn *insns;
	const struct bpf_insn *x;
	struct bh_prog *v, *u;
	size_t cnt, xcnt = 0;
	char text[96];

	REQUIRE("pcpu-map", m && vals);
	for (uint32_t i = 0; i < max; i++) {
		for (uint32_t c = 0; c < ncpu; c++)
			vals[c] = 1000 * (c + 1) + i;
		bh_map__update_elem(m, &i, vals, 0);
	}
	insns = parse(lookup_text, &cnt);
	REQUIRE("pcpu-parse", insns);
	v = load(insns, cnt, 0, &m, 1);
	u = load(insns, cnt, BH_PROG_LOAD_F_NO_VERIFY, &m, 1);
	REQUIRE("pcpu-load", v && u);
	x = bh_prog__insns(v, &xcnt);
	CHECK_EQ("pcpu-count", xcnt, cnt + 8);
	CHECK_EQ("pcpu-jge-null", 8 + 1 + x[8].off, 15);
	CHECK_EQ("pcpu-add", x[12].code, BPF_ALU64 | BPF_ADD | BPF_X);
	CHECK_EQ("pcpu-move", x[13].code, BPF_ALU64 | BPF_MOV | BPF_X);
	CHECK_EQ("pcpu-move-off", x[13].off, -1);
	CHECK_EQ("pcpu-move-stride", (uint32_t)x[13].imm, 8 * max);
	CHECK_EQ("pcpu-ja", x[14].code, BPF_JMP | BPF_JA);
	CHECK_EQ("pcpu-null", x[15].code, BPF_ALU64 | BPF_MOV | BPF_K);
	/* what `bpfhost prog dump xlated` prints for it */
	bh_disasm__insn(x, xcnt, 13, BH_DISASM_KERNEL, text, sizeof(text));
	CHECK("pcpu-dump", !strcmp(text, "r0 = &(void __percpu *)(r0)"));
	for (size_t i = 0; i < xcnt; i++)
		CHECK("pcpu-no-call", x[i].code != (BPF_JMP | BPF_CALL));
	/* the encoding check refuses the internal move in a loaded program */
	{
		struct bpf_insn bad[2] = { x[13], { .code = BPF_JMP | BPF_EXIT } };

		bad[0].imm = 0;
		CHECK("pcpu-move-refused", !load(bad, 2, BH_PROG_LOAD_F_NO_VERIFY, NULL, 0));
	}
	for (uint32_t c = 0; c < ncpu && c < 4; c++) {
		for (uint64_t k = 0; k <= max; k++) {
			uint64_t want = k < max ? 1000 * (c + 1) + k : (uint64_t)-1, a, b, ch;
			int e1, e2, e3;

			bh_cpu_enter((int)c);
			a = run(v, k, 0, &e1);
			b = run(u, k, 0, &e2);
			v->unchecked = false;
			ch = run(v, k, 0, &e3);
			v->unchecked = true;
			bh_cpu_exit();
			CHECK("pcpu-runs", !e1 && !e2 && !e3);
			if (a != want || b != want || ch != want)
				fprintf(stderr, "  cpu %u key %llu: %llu, helper %llu, checked %llu, want %llu\n",
					c, (unsigned long long)k, (unsigned long long)a,
					(unsigned long long)b, (unsigned long long)ch,
					(unsigned long long)want);
			CHECK_EQ("pcpu-want", a, want);
			CHECK_EQ("pcpu-helper-same", b, want);
			CHECK_EQ("pcpu-checked-same", ch, want);
		}
	}
	bh_prog__free(v);
	bh_prog__free(u);
	bh_map__free(m);
	free(vals);
	free(insns);
}

/* A call site that sees two maps, a HASH: the call stays. */
static void test_fixup__lookup_kept(void)
{
	static const char two_maps[] =
		"ldxdw %r2, [%r1+0]\nstxw [%r10-4], %r2\nmov %r6, %r1\nldxdw %r7, [%r1+8]\n"
		"mov %r2, %r10\nadd %r2, -4\nlddw %r1, map[idx:0]\njeq %r7, 0, L1\n"
		"lddw %r1, map[idx:1]\nL1:\ncall 1\n"
		"mov %r3, -1\njeq %r0, 0, L\nldxdw %r3, [%r0+0]\n"
		"L:\nstxdw [%r6+16], %r3\nmov %r0, 0\nexit\n";
	struct bh_map *m[2] = {
		bh_map__create(BPF_MAP_TYPE_ARRAY, "a", 4, 8, 4, NULL),
		bh_map__create(BPF_MAP_TYPE_ARRAY, "b", 4, 8, 8, NULL),
	};
	struct bh_map *h = bh_map__create(BPF_MAP_TYPE_HASH, "h", 4, 8, 4, NULL);
	struct bpf_insn *insns;
	size_t cnt, xcnt;
	struct bh_prog *v;
	int err;

	REQUIRE("kept-maps", m[0] && m[1] && h);
	for (uint32_t i = 0; i < 8; i++) {
		uint64_t n = 10 + i, n2 = 20 + i;

		bh_map__update_elem(m[1], &i, &n2, 0);
		if (i < 4)
			bh_map__update_elem(m[0], &i, &n, 0);
	}
	insns = parse(two_maps, &cnt);
	REQUIRE("kept-parse", insns);
	v = load(insns, cnt, 0, m, 2);
	REQUIRE("kept-load", v);
	bh_prog__insns(v, &xcnt);
	CHECK_EQ("kept-two-maps", xcnt, cnt);
	CHECK_EQ("kept-map0", run(v, 2, 0, &err), 12);
	CHECK_EQ("kept-map1", run(v, 6, 1, &err), 26);
	CHECK_EQ("kept-map1-null", run(v, 8, 1, &err), (uint64_t)-1);
	bh_prog__free(v);
	free(insns);

	insns = parse(lookup_text, &cnt);
	REQUIRE("kept-parse2", insns);
	v = load(insns, cnt, 0, &h, 1);
	REQUIRE("kept-load-hash", v);
	bh_prog__insns(v, &xcnt);
	CHECK_EQ("kept-hash", xcnt, cnt);
	bh_prog__free(v);
	/* unverified: nothing inlined (no verifier knowledge) */
	v = load(insns, cnt, BH_PROG_LOAD_F_NO_VERIFY, m, 1);
	REQUIRE("kept-load-unverified", v);
	bh_prog__insns(v, &xcnt);
	CHECK_EQ("kept-unverified", xcnt, cnt);
	bh_prog__free(v);
	free(insns);
	bh_map__free(m[0]);
	bh_map__free(m[1]);
	bh_map__free(h);
}

static struct bh_prog *load_xdp(const char *text, struct bh_map **maps, size_t map_cnt)
{
	BH_OPTS(bh_prog_load_opts, o, .maps = maps, .map_cnt = map_cnt);
	struct bpf_insn *insns;
	struct bh_prog *p;
	size_t cnt;

	insns = parse(text, &cnt);
	if (!insns)
		return NULL;
	p = bh_prog__load(BPF_PROG_TYPE_XDP, insns, cnt, &o);
	free(insns);
	return p;
}

/* A checked run that tail-calls a program with an inlined lookup gives
 * the target the array's memory (the helper used to, per value). */
static void test_fixup__tail_call_checked(void)
{
	struct bh_map *arr = bh_map__create(BPF_MAP_TYPE_ARRAY, "a", 4, 4, 4, NULL);
	struct bh_map *pa = bh_map__create(BPF_MAP_TYPE_PROG_ARRAY, "pa", 4, 4, 1, NULL);
	struct bh_prog *entry = NULL, *target = NULL;
	uint32_t k = 1, v = 7, zero = 0, id;
	uint8_t pkt[64] = { 0 };
	size_t xcnt = 0;

	REQUIRE("tc-maps", arr && pa);
	bh_map__update_elem(arr, &k, &v, 0);
	target = load_xdp("stw [%r10-4], 1\nmov %r2, %r10\nadd %r2, -4\n"
			  "lddw %r1, map[idx:0]\ncall 1\njeq %r0, 0, L\n"
			  "ldxw %r0, [%r0+0]\nexit\nL:\nmov %r0, 0\nexit\n", &arr, 1);
	entry = load_xdp("lddw %r2, map[idx:0]\nmov %r3, 0\ncall 12\nmov %r0, 99\nexit\n",
			 &pa, 1);
	REQUIRE("tc-load", target && entry);
	bh_prog__insns(target, &xcnt);
	CHECK_EQ("tc-inlined", xcnt, 11 + 7);
	id = bh_prog__id(target);
	REQUIRE("tc-slot", !bh_map__update_elem(pa, &zero, &id, 0));
	for (int checked = 0; checked < 2; checked++) {
		BH_OPTS(bh_test_run_opts, o, .data_in = pkt, .data_size_in = sizeof(pkt));

		entry->unchecked = !checked;
		CHECK_EQ("tc-run", bh_prog__test_run(entry, &o), 0);
		CHECK_EQ("tc-retval", o.retval, 7);
	}
	bh_prog__free(entry);
	bh_prog__free(target);
	bh_map__free(pa);
	bh_map__free(arr);
}

/* ---- dead code ---- */

/*
 * r2 = 5 makes "if r2 > 10" never taken and "if r2 < 10" always taken;
 * the code only they lead to goes, "goto +0" goes, and the loop's
 * backward jump across the removed instructions keeps its target.
 */
static void test_fixup__dead_code(void)
{
	static const char text[] =
		"ldxdw %r3, [%r1+0]\nmov %r6, %r1\nmov %r2, 5\nmov %r4, 0\n" /* 0-3 */
		"L1:\n"
		"add %r4, %r3\n"                /* 4 */
		"jgt %r2, 10, D1\n"             /* 5: never taken: removed */
		"ja +0\n"                       /* 6: a nop: removed */
		"jlt %r2, 10, L2\n"             /* 7: always taken: goto */
		"mov %r4, 77\n"                 /* 8: dead */
		"L2:\n"
		"add %r2, 1\n"                  /* 9 */
		"jlt %r2, 8, L1\n"              /* 10: both ways */
		"stxdw [%r6+16], %r4\nmov %r0, 0\nexit\n" /* 11-13 */
		"D1:\n"
		"mov %r4, 99\nlddw %r5, 0x1122334455\nstxdw [%r6+16], %r4\nmov %r0, 1\nexit\n";
	struct bpf_insn *insns;
	const struct bpf_insn *x;
	struct bh_prog *v, *u;
	size_t cnt, xcnt = 0;
	int kernel = vh_kernel_available(), kfd = -1;

	insns = parse(text, &cnt);
	REQUIRE("dead-parse", insns);
	CHECK_EQ("dead-loaded-cnt", cnt, 20);
	v = load(insns, cnt, 0, NULL, 0);
	u = load(insns, cnt, BH_PROG_LOAD_F_NO_VERIFY, NULL, 0);
	REQUIRE("dead-load", v && u);
	x = bh_prog__insns(v, &xcnt);
	/* 20 - jgt - ja 0 - mov 77 - the 6 slots after D1 */
	CHECK_EQ("dead-cnt", xcnt, 11);
	CHECK_EQ("dead-orig-5", bh_prog__orig_insn_idx(v, 5), 7);
	CHECK_EQ("dead-goto", x[5].code, BPF_JMP | BPF_JA);
	CHECK_EQ("dead-goto-target", 5 + 1 + x[5].off, 6); /* the old L2 */
	CHECK_EQ("dead-orig-6", bh_prog__orig_insn_idx(v, 6), 9);
	CHECK_EQ("dead-loop", 7 + 1 + x[7].off, 4);        /* L1 */
	CHECK_EQ("dead-exit", x[10].code, BPF_JMP | BPF_EXIT);
	if (kernel)
		kfd = kernel_fd(insns, cnt, NULL);
	for (uint64_t a = 0; a < 4; a++) {
		int e1, e2;
		uint64_t r1 = run(v, a * 1000, 0, &e1), r2 = run(u, a * 1000, 0, &e2), k;

		CHECK("dead-runs", !e1 && !e2);
		CHECK_EQ("dead-same", r1, r2);
		CHECK_EQ("dead-value", r1, 3 * a * 1000);
		if (kfd >= 0) {
			CHECK_EQ("dead-kernel-run", kernel_run(kfd, a * 1000, 0, &k), 0);
			CHECK_EQ("dead-kernel", k, r1);
		}
	}
	if (kfd >= 0)
		close(kfd);
	bh_prog__free(v);
	bh_prog__free(u);
	free(insns);
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_fixup__div_mod_by_reg),
	BH_TEST(test_fixup__div_mod_by_imm),
	BH_TEST(test_fixup__jumps_across_patches),
	BH_TEST(test_fixup__jump_out_of_range),
	BH_TEST(test_fixup__array_lookup),
	BH_TEST(test_fixup__percpu_array_lookup),
	BH_TEST(test_fixup__lookup_kept),
	BH_TEST(test_fixup__tail_call_checked),
	BH_TEST(test_fixup__dead_code),
};

BH_TEST_MAIN(cases)
