/* SPDX-License-Identifier: MIT */
/*
 * tests/exec/test_interp.c - instruction semantics of the interpreter
 * (RFC 9669), on both loops: every program is loaded twice, checked
 * (bh_flags 0) and unchecked (BH_PROG_LOAD_F_UNCHECKED), and both runs must
 * agree on the error, R0 and the memory they were given.  The checked loop's
 * own duties (bounds, the read-only XDP context, a zeroed stack) follow.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

#include <bpfhost/bpfhost.h>

#include "exec/internal.h"
#include "progs/internal.h"
#include "test.h"

/* ---- Instruction builders (test-local) ---------------------------------- */

#define INSN(c, d, s, o, i)                                                 \
	{ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) }
#define A64K(op, d, i) INSN(BPF_ALU64 | BPF_##op | BPF_K, d, 0, 0, i)
#define A64X(op, d, s) INSN(BPF_ALU64 | BPF_##op | BPF_X, d, s, 0, 0)
#define A32K(op, d, i) INSN(BPF_ALU | BPF_##op | BPF_K, d, 0, 0, i)
#define A32X(op, d, s) INSN(BPF_ALU | BPF_##op | BPF_X, d, s, 0, 0)
#define MOV64K(d, i) A64K(MOV, d, i)
#define MOV64X(d, s) A64X(MOV, d, s)
#define LDDW(d, v)                                                          \
	INSN(BPF_LD | BPF_IMM | BPF_DW, d, 0, 0,                            \
	     (int32_t)(uint32_t)(uint64_t)(v)),                             \
	INSN(0, 0, 0, 0, (int32_t)(uint32_t)((uint64_t)(v) >> 32))
#define JK(op, d, i, o) INSN(BPF_JMP | BPF_##op | BPF_K, d, 0, o, i)
#define JX(op, d, s, o) INSN(BPF_JMP | BPF_##op | BPF_X, d, s, o, 0)
#define JA(o) INSN(BPF_JMP | BPF_JA, 0, 0, o, 0)
#define GOTOL(i) INSN(BPF_JMP32 | BPF_JA, 0, 0, 0, i)
#define LDX(sz, d, s, o) INSN(BPF_LDX | BPF_MEM | BPF_##sz, d, s, o, 0)
#define LDXS(sz, d, s, o) INSN(BPF_LDX | BPF_MEMSX | BPF_##sz, d, s, o, 0)
#define STX(sz, d, s, o) INSN(BPF_STX | BPF_MEM | BPF_##sz, d, s, o, 0)
#define ST(sz, d, o, i) INSN(BPF_ST | BPF_MEM | BPF_##sz, d, 0, o, i)
#define ATOMIC(sz, d, s, o, op) INSN(BPF_STX | BPF_ATOMIC | BPF_##sz, d, s, o, op)
#define LD_ABS(sz, i) INSN(BPF_LD | BPF_ABS | BPF_##sz, 0, 0, 0, i)
#define LD_IND(sz, s, i) INSN(BPF_LD | BPF_IND | BPF_##sz, 0, s, 0, i)
#define CALL(id) INSN(BPF_JMP | BPF_CALL, 0, 0, 0, id)
#define CALL_LOCAL(i) INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, i)
#define CALLX(d) INSN(BPF_JMP | BPF_CALL | BPF_X, d, 0, 0, 0)
#define EXIT() INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define MODES 2 /* 0 checked, 1 unchecked */
#define RUN_LOAD_FAILED (-100000)

static const uint32_t mode_flags[MODES] = { 0, BH_PROG_LOAD_F_UNCHECKED };

/* Interpreter tests run programs the verifier refuses on purpose. */
#define NO_VERIFY \
	(&(struct bh_prog_load_opts){ .sz = sizeof(struct bh_prog_load_opts), \
				      .bh_flags = BH_PROG_LOAD_F_NO_VERIFY })

static struct bh_prog *load_mode(const struct bpf_insn *insns, size_t cnt,
				 int mode, uint32_t entry_args)
{
	char log[256] = "";
	BH_OPTS(bh_prog_load_opts, opts,
		.bh_flags = mode_flags[mode] | BH_PROG_LOAD_F_NO_VERIFY,
		.entry_args = entry_args, .log_buf = log,
		.log_size = sizeof(log));
	struct bh_prog *prog = bh_prog__load(BPF_PROG_TYPE_SYSCALL, insns, cnt,
					     &opts);

	if (!prog)
		fprintf(stderr, "  load (mode %d) failed: errno %d, log: %s\n",
			mode, errno, log);
	return prog;
}

/*
 * Run @insns in one mode with R1 = a private copy of @mem (when @mem is set;
 * else R1 = 0) and R2..R5 = @extra.  The copy is written back into @mem.
 * Returns bh_prog__exec()'s result, or RUN_LOAD_FAILED.
 */
static int run_mode(const struct bpf_insn *insns, size_t cnt, int mode,
		    void *mem, size_t mem_sz, const uint64_t *extra,
		    unsigned int nextra, uint64_t *r0)
{
	uint64_t args[5] = { 0 };
	uint8_t *copy = NULL;
	struct bh_prog *prog;
	int err;

	prog = load_mode(insns, cnt, mode, 1 + nextra);
	if (!prog)
		return RUN_LOAD_FAILED;
	if (mem) {
		copy = malloc(mem_sz ? mem_sz : 1);
		memcpy(copy, mem, mem_sz);
		args[0] = (uintptr_t)copy;
	}
	for (unsigned int i = 0; i < nextra; i++)
		args[1 + i] = extra[i];
	*r0 = 0xdeadbeefdeadbeefull;
	err = bh_prog__exec(prog, args, 1 + nextra, copy, mem_sz, r0);
	if (mem) {
		memcpy(mem, copy, mem_sz);
		free(copy);
	}
	bh_prog__free(prog);
	return err;
}

/*
 * Run in both modes from the same starting memory; both must agree on the
 * result, R0 and the final memory.  Returns the (checked) result; @mem ends
 * as the checked run left it.
 */
static int run_both_x(const struct bpf_insn *insns, size_t cnt, void *mem,
		      size_t mem_sz, const uint64_t *extra, unsigned int nextra,
		      uint64_t *r0)
{
	uint8_t *m[MODES] = { NULL, NULL };
	uint64_t r[MODES];
	int err[MODES];
	bool agree;

	for (int mode = 0; mode < MODES; mode++) {
		if (mem) {
			m[mode] = malloc(mem_sz ? mem_sz : 1);
			memcpy(m[mode], mem, mem_sz);
		}
		err[mode] = run_mode(insns, cnt, mode, m[mode], mem_sz, extra,
				     nextra, &r[mode]);
	}
	agree = err[0] == err[1] && (err[0] || r[0] == r[1]) &&
		(!mem || !memcmp(m[0], m[1], mem_sz));
	if (!agree)
		fprintf(stderr,
			"  modes disagree: checked err %d r0 %#" PRIx64
			", unchecked err %d r0 %#" PRIx64 "\n",
			err[0], r[0], err[1], r[1]);
	CHECK("interp-modes-agree", agree);
	if (mem)
		memcpy(mem, m[0], mem_sz);
	free(m[0]);
	free(m[1]);
	*r0 = r[0];
	return err[0];
}

#define RUN_BOTH(prog, mem, sz, r0) \
	run_both_x(prog, NELEM(prog), mem, sz, NULL, 0, r0)

/* ---- Table-driven one-instruction ALU cases ----------------------------- */

struct alu_row {
	uint8_t code;
	int16_t off;
	uint64_t dst; /* initial dst */
	uint64_t src; /* source register, or the immediate (low 32 bits) */
	uint64_t want;
};

/* r0 = dst; r2 = src; r0 <op>= r2 / imm; exit.  Returns rows that failed. */
static int run_alu_rows(const struct alu_row *rows, size_t n)
{
	int bad = 0;

	for (size_t i = 0; i < n; i++) {
		const struct alu_row *row = &rows[i];
		bool x = BPF_SRC(row->code) == BPF_X;
		uint8_t op = BPF_OP(row->code);
		/* NEG has no source; END's source bit is the byte order */
		bool unary = op == BPF_NEG || op == BPF_END;
		int32_t imm = unary ? (op == BPF_END ? (int32_t)row->src : 0)
				    : (x ? 0 : (int32_t)(uint32_t)row->src);
		struct bpf_insn prog[] = {
			LDDW(0, row->dst),
			LDDW(2, row->src),
			INSN(row->code, 0, x && !unary ? 2 : 0, row->off, imm),
			EXIT(),
		};
		uint64_t r0 = 0;
		int err;

		err = RUN_BOTH(prog, NULL, 0, &r0);
		if (err || r0 != row->want) {
			fprintf(stderr,
				"  row %zu: op %#x off %d dst %#" PRIx64
				" src %#" PRIx64 ": err %d r0 %#" PRIx64
				", want %#" PRIx64 "\n",
				i, row->code, row->off, row->dst, row->src, err,
				r0, row->want);
			bad++;
		}
	}
	return bad;
}

#define K64(op) (BPF_ALU64 | BPF_##op | BPF_K)
#define X64(op) (BPF_ALU64 | BPF_##op | BPF_X)
#define K32(op) (BPF_ALU | BPF_##op | BPF_K)
#define X32(op) (BPF_ALU | BPF_##op | BPF_X)
#define NEG1 0xffffffffffffffffull
#define I64MIN 0x8000000000000000ull

static void test_alu64__every_op(void)
{
	static const struct alu_row rows[] = {
		{ K64(ADD), 0, 0xffffffff00000001ull, (uint32_t)-1, 0xffffffff00000000ull },
		{ X64(ADD), 0, NEG1, 2, 1 },
		{ K64(SUB), 0, 0, 1, NEG1 },
		{ X64(SUB), 0, 5, 7, (uint64_t)-2 },
		{ K64(MUL), 0, 0x100000000ull, 3, 0x300000000ull },
		{ K64(MUL), 0, 3, (uint32_t)-2, (uint64_t)-6 },
		{ X64(MUL), 0, NEG1, 2, 0xfffffffffffffffeull },
		{ K64(DIV), 0, 100, 7, 14 },
		/* the immediate is sign-extended, then divided as unsigned */
		{ K64(DIV), 0, NEG1, (uint32_t)-1, 1 },
		{ K64(DIV), 0, 5, (uint32_t)-1, 0 },
		{ X64(DIV), 0, NEG1, 0x100000000ull, 0xffffffffull },
		{ K64(OR), 0, 0x100, 0x0f, 0x10f },
		{ K64(OR), 0, 0, (uint32_t)-16, 0xfffffffffffffff0ull },
		{ X64(OR), 0, 0xf000000000000000ull, 1, 0xf000000000000001ull },
		{ K64(AND), 0, NEG1, 0x7fffffff, 0x7fffffff },
		{ K64(AND), 0, NEG1, (uint32_t)-256, 0xffffffffffffff00ull },
		{ X64(AND), 0, 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull, 0x0f000f000f000f00ull },
		{ K64(LSH), 0, 1, 63, I64MIN },
		{ X64(LSH), 0, 3, 4, 48 },
		{ K64(RSH), 0, I64MIN, 63, 1 },
		{ X64(RSH), 0, NEG1, 60, 0xf },
		{ K64(NEG), 0, 5, 0, (uint64_t)-5 },
		{ K64(NEG), 0, 0, 0, 0 },
		{ K64(NEG), 0, I64MIN, 0, I64MIN },
		{ K64(MOD), 0, 100, 7, 2 },
		{ X64(MOD), 0, NEG1, 10, 5 },
		{ K64(XOR), 0, 0xff, (uint32_t)-1, 0xffffffffffffff00ull },
		{ X64(XOR), 0, 0xaaaa, 0xffff, 0x5555 },
		{ K64(MOV), 0, 7, (uint32_t)-1, NEG1 },
		{ K64(MOV), 0, 7, 0x7fffffff, 0x7fffffff },
		{ X64(MOV), 0, 7, 0x123456789abcdef0ull, 0x123456789abcdef0ull },
		{ K64(ARSH), 0, I64MIN, 63, NEG1 },
		{ K64(ARSH), 0, 0x4000000000000000ull, 62, 1 },
		{ X64(ARSH), 0, (uint64_t)-16, 2, (uint64_t)-4 },
	};

	CHECK_EQ("interp-alu64-rows", run_alu_rows(rows, NELEM(rows)), 0);
}

/* Every ALU32 result is zero-extended: dst starts with junk in its high half. */
static void test_alu32__every_op_zero_extends(void)
{
	static const struct alu_row rows[] = {
		{ K32(ADD), 0, 0xdeadbeefffffffffull, 1, 0 },
		{ X32(ADD), 0, 0xdeadbeef00000001ull, 0x1111111100000002ull, 3 },
		{ K32(SUB), 0, 0xdeadbeef00000000ull, 1, 0xffffffff },
		{ X32(SUB), 0, 0xdeadbeef00000005ull, 0xffffffff00000007ull, 0xfffffffe },
		{ K32(MUL), 0, 0xdeadbeef00010000ull, 0x10000, 0 },
		{ X32(MUL), 0, 0xdeadbeef00000003ull, 0xfffffffffffffffeull, 0xfffffffa },
		{ K32(DIV), 0, 0xdeadbeefffffffffull, (uint32_t)-1, 1 },
		{ X32(DIV), 0, 0xdeadbeef00000064ull, 0x100000007ull, 14 },
		{ K32(OR), 0, 0xdeadbeef00000000ull, (uint32_t)-16, 0xfffffff0 },
		{ X32(OR), 0, 0xdeadbeef00000001ull, 0xffffffff00000002ull, 3 },
		{ K32(AND), 0, 0xdeadbeefffffffffull, 0xff, 0xff },
		{ X32(AND), 0, 0xdeadbeefffffffffull, 0xffffffff0000f0f0ull, 0xf0f0 },
		{ K32(LSH), 0, 0xdeadbeef00000001ull, 31, 0x80000000 },
		{ X32(LSH), 0, 0xdeadbeefffffffffull, 4, 0xfffffff0 },
		{ K32(RSH), 0, 0xffffffff80000000ull, 31, 1 },
		{ X32(RSH), 0, 0xdeadbeefffffffffull, 28, 0xf },
		{ K32(NEG), 0, 0xdeadbeef00000005ull, 0, 0xfffffffb },
		{ K32(NEG), 0, 0xffffffff00000000ull, 0, 0 },
		{ K32(MOD), 0, 0xdeadbeef00000064ull, 7, 2 },
		{ X32(MOD), 0, 0xdeadbeefffffffffull, 0x100000010ull, 0xf },
		{ K32(XOR), 0, 0xdeadbeef000000ffull, (uint32_t)-1, 0xffffff00 },
		{ X32(XOR), 0, 0xdeadbeef0000aaaaull, 0xffffffff0000ffffull, 0x5555 },
		{ K32(MOV), 0, 0xdeadbeefdeadbeefull, (uint32_t)-1, 0xffffffff },
		{ X32(MOV), 0, 7, 0xdeadbeefcafebabeull, 0xcafebabe },
		{ K32(ARSH), 0, 0xdeadbeef80000000ull, 31, 0xffffffff },
		{ K32(ARSH), 0, 0xdeadbeef40000000ull, 30, 1 },
		{ X32(ARSH), 0, 0xdeadbeeffffffff0ull, 2, 0xfffffffc },
	};

	CHECK_EQ("interp-alu32-rows", run_alu_rows(rows, NELEM(rows)), 0);
}

/* Shift counts are masked to the operand width (RFC 9669 section 4.1). */
static void test_alu__shift_count_masked(void)
{
	static const struct alu_row rows[] = {
		{ K64(LSH), 0, 3, 65, 6 },        /* lsh by 65 == lsh by 1 */
		{ X64(LSH), 0, 3, 65, 6 },
		{ X64(LSH), 0, 3, 64, 3 },
		{ K64(RSH), 0, 0x100, 64 + 4, 0x10 },
		{ X64(RSH), 0, 0x100, 0xffffffffffffff04ull, 0x10 },
		{ K64(ARSH), 0, I64MIN, 127, NEG1 },
		{ K32(LSH), 0, 3, 33, 6 },         /* 32-bit: masked by 31 */
		{ K32(LSH), 0, 0xdeadbeef00000003ull, 32, 3 },
		{ X32(LSH), 0, 3, 0x100000021ull, 6 },
		{ K32(RSH), 0, 0x100, 36, 0x10 },
		{ X32(ARSH), 0, 0x80000000, 63, 0xffffffff },
	};

	CHECK_EQ("interp-shift-rows", run_alu_rows(rows, NELEM(rows)), 0);
}

/* div by 0 gives 0, mod by 0 leaves the dividend (ALU32: its low half). */
static void test_alu__div_mod_by_zero(void)
{
	static const struct alu_row rows[] = {
		{ X64(DIV), 0, 123, 0, 0 },
		{ K64(DIV), 0, 123, 0, 0 },
		{ X64(MOD), 0, 0xdeadbeefcafe0000ull, 0, 0xdeadbeefcafe0000ull },
		{ K64(MOD), 0, 0xdeadbeefcafe0000ull, 0, 0xdeadbeefcafe0000ull },
		{ X32(DIV), 0, 0xffff00000000007bull, 0, 0 },
		{ X32(MOD), 0, 0xdeadbeef0000007bull, 0, 0x7b },
		{ K32(MOD), 0, 0xdeadbeef0000007bull, 0, 0x7b },
		/* ALU32 sees only the low half of the divisor: zero here */
		{ X32(DIV), 0, 0xdeadbeef0000007bull, 0x100000000ull, 0 },
		{ X32(MOD), 0, 0xdeadbeef0000007bull, 0x100000000ull, 0x7b },
		{ X64(MOD), 0, 0x17b, 0x100000000ull, 0x17b },
		/* signed forms: the same rules */
		{ X64(DIV), 1, (uint64_t)-7, 0, 0 },
		{ X64(MOD), 1, (uint64_t)-7, 0, (uint64_t)-7 },
		{ X32(DIV), 1, 0xdeadbeeffffffff9ull, 0, 0 },
		{ X32(MOD), 1, 0xdeadbeeffffffff9ull, 0, 0xfffffff9 },
	};

	CHECK_EQ("interp-divzero-rows", run_alu_rows(rows, NELEM(rows)), 0);
}

static void test_alu__sdiv_smod(void)
{
	static const struct alu_row rows[] = {
		{ X64(DIV), 1, (uint64_t)-7, 2, (uint64_t)-3 },  /* truncates to 0 */
		{ X64(DIV), 0, (uint64_t)-7, 2, 0x7ffffffffffffffcull },
		{ X64(MOD), 1, (uint64_t)-7, 2, (uint64_t)-1 },
		{ X64(MOD), 1, 7, (uint64_t)-2, 1 },
		{ X64(DIV), 1, I64MIN, NEG1, I64MIN },           /* no trap */
		{ X64(MOD), 1, I64MIN, NEG1, 0 },
		{ X64(MOD), 1, 12345, NEG1, 0 },
		{ X64(DIV), 1, 12345, NEG1, (uint64_t)-12345 },
		{ K64(DIV), 1, (uint64_t)-100, 7, (uint64_t)-14 },
		{ K64(DIV), 1, I64MIN, (uint32_t)-1, I64MIN },
		{ K64(MOD), 1, I64MIN, (uint32_t)-1, 0 },
		{ K64(MOD), 1, (uint64_t)-100, 7, (uint64_t)-2 },
		{ X32(DIV), 1, 0xdeadbeeffffffff9ull, 2, 0xfffffffd },
		{ X32(DIV), 0, 0xdeadbeeffffffff9ull, 2, 0x7ffffffc },
		{ X32(MOD), 1, 0xdeadbeeffffffff9ull, 2, 0xffffffff },
		{ X32(DIV), 1, 0x80000000, 0xffffffff, 0x80000000 },
		{ X32(MOD), 1, 0x80000000, 0xffffffff, 0 },
		{ K32(DIV), 1, (uint32_t)-7, (uint32_t)-2, 3 },
		{ K32(MOD), 1, (uint32_t)-7, (uint32_t)-2, 0xffffffff },
		{ K32(DIV), 1, 0x80000000, (uint32_t)-1, 0x80000000 },
	};

	CHECK_EQ("interp-sdiv-rows", run_alu_rows(rows, NELEM(rows)), 0);
}

static void test_alu__movsx(void)
{
	static const struct alu_row rows[] = {
		{ X64(MOV), 8, 0, 0x80, 0xffffffffffffff80ull },
		{ X64(MOV), 8, 0, 0x123456789abcde7full, 0x7f },
		{ X64(MOV), 16, 0, 0x8000, 0xffffffffffff8000ull },
		{ X64(MOV), 16, 0, 0xffff7fffull, 0x7fff },
		{ X64(MOV), 32, 0, 0x80000000, 0xffffffff80000000ull },
		{ X64(MOV), 32, 0, 0x17fffffffull, 0x7fffffff },
		/* ALU32: sign-extend to 32 bits, then zero-extend */
		{ X32(MOV), 8, NEG1, 0x80, 0xffffff80 },
		{ X32(MOV), 8, NEG1, 0x17f, 0x7f },
		{ X32(MOV), 16, NEG1, 0xdeadbeef00008001ull, 0xffff8001 },
	};

	CHECK_EQ("interp-movsx-rows", run_alu_rows(rows, NELEM(rows)), 0);
}

/* For BPF_END rows the "src" column is the width (16/32/64). */
static void test_alu__bswap_and_endian(void)
{
	static const uint64_t v = 0x0123456789abcdefull;
	static const struct alu_row rows[] = {
		{ BPF_ALU64 | BPF_END | BPF_TO_LE, 0, v, 16, 0xefcd },
		{ BPF_ALU64 | BPF_END | BPF_TO_LE, 0, v, 32, 0xefcdab89 },
		{ BPF_ALU64 | BPF_END | BPF_TO_LE, 0, v, 64, 0xefcdab8967452301ull },
		{ BPF_ALU | BPF_END | BPF_TO_BE, 0, v, 16, 0xefcd },
		{ BPF_ALU | BPF_END | BPF_TO_BE, 0, v, 32, 0xefcdab89 },
		{ BPF_ALU | BPF_END | BPF_TO_BE, 0, v, 64, 0xefcdab8967452301ull },
		{ BPF_ALU | BPF_END | BPF_TO_LE, 0, v, 16, 0xcdef },
		{ BPF_ALU | BPF_END | BPF_TO_LE, 0, v, 32, 0x89abcdef },
		{ BPF_ALU | BPF_END | BPF_TO_LE, 0, v, 64, v },
	};

	CHECK_EQ("interp-endian-rows", run_alu_rows(rows, NELEM(rows)), 0);
}

/* ---- Jumps --------------------------------------------------------------- */

struct jmp_row {
	uint8_t code;
	uint64_t dst, src; /* src: register, or the immediate's low 32 bits */
	bool taken;
};

#define JK64(op) (BPF_JMP | BPF_##op | BPF_K)
#define JX64(op) (BPF_JMP | BPF_##op | BPF_X)
#define JK32(op) (BPF_JMP32 | BPF_##op | BPF_K)
#define JX32(op) (BPF_JMP32 | BPF_##op | BPF_X)

static void test_jmp__every_condition(void)
{
	static const struct jmp_row rows[] = {
		{ JK64(JEQ), 5, 5, true },
		{ JK64(JEQ), 5, 6, false },
		{ JK64(JEQ), NEG1, (uint32_t)-1, true },     /* imm sign-extends */
		{ JK64(JEQ), 0xffffffff, (uint32_t)-1, false },
		{ JX64(JEQ), 0xaaaa00000005ull, 0xbbbb00000005ull, false },
		{ JK64(JNE), 5, 6, true },
		{ JX64(JNE), 5, 5, false },
		{ JK64(JGT), NEG1, 1, true },                /* unsigned */
		{ JX64(JGT), 1, NEG1, false },
		{ JK64(JGE), 5, 5, true },
		{ JX64(JGE), 4, 5, false },
		{ JK64(JLT), 1, (uint32_t)-1, true },
		{ JX64(JLT), NEG1, 1, false },
		{ JK64(JLE), 5, 5, true },
		{ JX64(JLE), 6, 5, false },
		{ JK64(JSGT), NEG1, 1, false },              /* signed */
		{ JX64(JSGT), 1, NEG1, true },
		{ JK64(JSGE), (uint64_t)-5, (uint32_t)-5, true },
		{ JX64(JSGE), (uint64_t)-6, (uint64_t)-5, false },
		{ JK64(JSLT), NEG1, 1, true },
		{ JX64(JSLT), 1, NEG1, false },
		{ JK64(JSLE), (uint64_t)-6, (uint32_t)-5, true },
		{ JX64(JSLE), (uint64_t)-4, (uint64_t)-5, false },
		{ JK64(JSET), 0x10, 0x30, true },
		{ JK64(JSET), 0x10, 0x0f, false },
		{ JK64(JSET), I64MIN, (uint32_t)-1, true },  /* imm sign-extends */
		{ JX64(JSET), 0x100000000ull, 0x100000000ull, true },
		{ JX64(JSET), 0x100000000ull, 0xffffffffull, false },
		/* 32-bit jumps compare the low halves only */
		{ JK32(JEQ), 0x100000000ull, 0, true },
		{ JK32(JEQ), 0xffffffff, (uint32_t)-1, true },
		{ JX32(JEQ), 0xaaaa00000005ull, 0xbbbb00000005ull, true },
		{ JK32(JNE), 0x100000000ull, 0, false },
		{ JX32(JNE), 1, 0x100000001ull, false },
		{ JK32(JGT), 0x80000000, 1, true },
		{ JX32(JGT), 0x100000000ull, 1, false },
		{ JK32(JGE), 0xffffffff00000007ull, 7, true },
		{ JX32(JGE), 6, 7, false },
		{ JK32(JLT), 0x500000001ull, 2, true },
		{ JX32(JLT), 3, 2, false },
		{ JK32(JLE), 0x100000002ull, 2, true },
		{ JX32(JLE), 3, 0x200000002ull, false },
		{ JK32(JSGT), 0x80000000, 0, false },          /* negative in 32 bits */
		{ JK64(JSGT), 0x80000000, 0, true },           /* positive in 64 */
		{ JX32(JSGT), 1, 0xffffffff, true },
		{ JK32(JSGE), 0xffffffff, (uint32_t)-1, true },
		{ JX32(JSGE), 0xfffffffe, 0xffffffff, false },
		{ JK32(JSLT), 0x80000000, 0, true },
		{ JX32(JSLT), 0x7fffffff, 0x80000000, false },
		{ JK32(JSLE), 0xfffffffb, (uint32_t)-5, true },
		{ JX32(JSLE), 0, 0x1ffffffffull, false },
		{ JK32(JSET), I64MIN, (uint32_t)-1, false },
		{ JK32(JSET), 0x100000008ull, 0x8, true },
		{ JX32(JSET), 0x100000000ull, 0x100000000ull, false },
		{ JX32(JSET), 0x3, 0xff00000002ull, true },
	};
	int bad = 0;

	for (size_t i = 0; i < NELEM(rows); i++) {
		const struct jmp_row *row = &rows[i];
		bool x = BPF_SRC(row->code) == BPF_X;
		struct bpf_insn prog[] = {
			LDDW(1, row->dst),
			LDDW(2, row->src),
			MOV64K(0, 0),
			INSN(row->code, 1, x ? 2 : 0, 1,
			     x ? 0 : (int32_t)(uint32_t)row->src),
			EXIT(),
			MOV64K(0, 1),
			EXIT(),
		};
		uint64_t r0 = 0;
		int err = RUN_BOTH(prog, NULL, 0, &r0);

		if (err || r0 != (uint64_t)row->taken) {
			fprintf(stderr,
				"  row %zu: op %#x dst %#" PRIx64 " src %#" PRIx64
				": err %d taken %" PRIu64 "\n",
				i, row->code, row->dst, row->src, err, r0);
			bad++;
		}
	}
	CHECK_EQ("interp-jmp-rows", bad, 0);
}

/* ja forward and backward (a counted loop) and gotol (JMP32 ja, imm). */
static void test_jmp__ja_and_gotol(void)
{
	struct bpf_insn fwd[] = {
		MOV64K(0, 1),
		JA(1),
		MOV64K(0, 2),
		EXIT(),
	};
	/* r0 = 0; r1 = 10; do { r0 += 3; r1 -= 1; } while (r1 != 0) via ja */
	struct bpf_insn loop[] = {
		MOV64K(0, 0),
		MOV64K(1, 10),
		JK(JEQ, 1, 0, 3),  /* 2: to 6 */
		A64K(ADD, 0, 3),
		A64K(SUB, 1, 1),
		JA(-4),            /* 5: to 2 */
		EXIT(),
	};
	struct bpf_insn gotol[] = {
		MOV64K(0, 0),
		GOTOL(3),          /* 1: to 5 */
		A64K(ADD, 0, 100), /* 2: back-jump target */
		EXIT(),
		MOV64K(0, 99),
		A64K(ADD, 0, 1),   /* 5 */
		GOTOL(-5),         /* 6: to 2 */
	};
	uint64_t r0;

	CHECK_EQ("interp-ja-fwd-err", RUN_BOTH(fwd, NULL, 0, &r0), 0);
	CHECK_EQ("interp-ja-fwd", r0, 1);
	CHECK_EQ("interp-ja-loop-err", RUN_BOTH(loop, NULL, 0, &r0), 0);
	CHECK_EQ("interp-ja-loop", r0, 30);
	CHECK_EQ("interp-gotol-err", RUN_BOTH(gotol, NULL, 0, &r0), 0);
	CHECK_EQ("interp-gotol", r0, 101);
}

/* ---- Loads and stores ------------------------------------------------------ */

static void test_mem__ldx_st_stx_every_size(void)
{
	uint8_t mem[64];
	struct bpf_insn prog[] = {
		ST(B, 1, 0, 0x1ff),          /* truncated to 0xff */
		ST(H, 1, 2, 0x12345),        /* 0x2345 */
		ST(W, 1, 4, -1),
		ST(DW, 1, 8, -2),            /* sign-extended imm */
		LDDW(2, 0x1122334455667788ull),
		STX(B, 1, 2, 16),
		STX(H, 1, 2, 18),
		STX(W, 1, 2, 20),
		STX(DW, 1, 2, 24),
		MOV64X(6, 1),
		A64K(ADD, 6, 32),
		LDX(B, 3, 6, -16),           /* 0x88 */
		LDX(H, 4, 6, -14),           /* 0x7788 */
		LDX(W, 5, 6, -12),           /* 0x55667788 */
		LDX(DW, 7, 6, -8),
		STX(DW, 1, 3, 32),
		STX(DW, 1, 4, 40),
		STX(DW, 1, 5, 48),
		LDX(DW, 0, 1, 9),            /* unaligned: bytes 9..16 */
		STX(DW, 1, 7, 56),
		EXIT(),
	};
	static const uint8_t want_lo[32] = {
		0xff, 0xaa, 0x45, 0x23, 0xff, 0xff, 0xff, 0xff,
		0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0x88, 0xaa, 0x88, 0x77, 0x88, 0x77, 0x66, 0x55,
		0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11,
	};
	uint64_t r0, v;

	memset(mem, 0xaa, sizeof(mem));
	CHECK_EQ("interp-mem-err", RUN_BOTH(prog, mem, sizeof(mem), &r0), 0);
	CHECK("interp-mem-layout", !memcmp(mem, want_lo, sizeof(want_lo)));
	memcpy(&v, mem + 32, 8);
	CHECK_EQ("interp-mem-ldxb", v, 0x88);
	memcpy(&v, mem + 40, 8);
	CHECK_EQ("interp-mem-ldxh", v, 0x7788);
	memcpy(&v, mem + 48, 8);
	CHECK_EQ("interp-mem-ldxw", v, 0x55667788);
	memcpy(&v, mem + 56, 8);
	CHECK_EQ("interp-mem-ldxdw", v, 0x1122334455667788ull);
	CHECK_EQ("interp-mem-unaligned", r0, 0x88ffffffffffffffull);
}

/* The stack is little-endian memory like any other: fp-1 is the top byte. */
static void test_mem__stack_layout(void)
{
	struct bpf_insn prog[] = {
		LDDW(2, 0x1122334455667788ull),
		STX(DW, 10, 2, -8),
		LDX(B, 3, 10, -1),       /* 0x11 */
		LDX(H, 4, 10, -8),       /* 0x7788 */
		LDX(W, 5, 10, -4),       /* 0x11223344 */
		ST(W, 10, -16, 0x12345678),
		ST(W, 10, -12, 0x1234),
		ST(H, 10, -12, 0x5678),  /* overwrites the low half only */
		LDX(DW, 6, 10, -16),     /* 0x0000567812345678 */
		MOV64X(0, 3),
		A64X(ADD, 0, 4),
		A64X(ADD, 0, 5),
		A64X(XOR, 0, 6),
		EXIT(),
	};
	uint64_t r0, want;

	want = (0x11 + 0x7788 + 0x11223344ull) ^ 0x0000567812345678ull;
	CHECK_EQ("interp-stack-err", RUN_BOTH(prog, NULL, 0, &r0), 0);
	CHECK_EQ("interp-stack-value", r0, want);
}

static void test_mem__ldxs_sign_extends(void)
{
	uint8_t mem[48] = {
		[0] = 0x80, [1] = 0x7f,
		[2] = 0x00, [3] = 0x80, [4] = 0xff, [5] = 0x7f,
		[8] = 0x00, [9] = 0x00, [10] = 0x00, [11] = 0x80,
		[12] = 0xff, [13] = 0xff, [14] = 0xff, [15] = 0x7f,
	};
	struct bpf_insn prog[] = {
		LDXS(B, 2, 1, 0),
		STX(DW, 1, 2, 16),
		LDXS(B, 2, 1, 1),
		A64X(ADD, 2, 2),  /* 0xfe: proves a 64-bit value 0x7f */
		LDXS(H, 3, 1, 2),
		STX(DW, 1, 3, 24),
		LDXS(H, 3, 1, 4),
		LDXS(W, 4, 1, 8),
		STX(DW, 1, 4, 32),
		LDXS(W, 4, 1, 12),
		LDX(B, 5, 1, 0),  /* the plain load zero-extends */
		STX(DW, 1, 5, 40),
		MOV64X(0, 2),
		A64X(ADD, 0, 3),
		A64X(ADD, 0, 4),
		EXIT(),
	};
	uint64_t r0, v;

	CHECK_EQ("interp-ldxs-err", RUN_BOTH(prog, mem, sizeof(mem), &r0), 0);
	memcpy(&v, mem + 16, 8);
	CHECK_EQ("interp-ldxsb", v, 0xffffffffffffff80ull);
	memcpy(&v, mem + 24, 8);
	CHECK_EQ("interp-ldxsh", v, 0xffffffffffff8000ull);
	memcpy(&v, mem + 32, 8);
	CHECK_EQ("interp-ldxsw", v, 0xffffffff80000000ull);
	memcpy(&v, mem + 40, 8);
	CHECK_EQ("interp-ldxb-zext", v, 0x80);
	CHECK_EQ("interp-ldxs-pos", r0, 0xfeull + 0x7fff + 0x7fffffff);
}

/* ---- Atomics --------------------------------------------------------------- */

struct atomic_row {
	bool dw;
	int32_t op;
	uint64_t mem, src;
	uint64_t want_mem, want_src; /* src register afterwards */
};

static void test_atomic__every_op(void)
{
	static const struct atomic_row rows[] = {
		{ true, BPF_ADD, 0x100000000ull, 5, 0x100000005ull, 5 },
		{ true, BPF_ADD | BPF_FETCH, 0x100000000ull, 5, 0x100000005ull, 0x100000000ull },
		{ true, BPF_ADD, NEG1, 2, 1, 2 },
		{ true, BPF_OR, 0xf0, 0x0f, 0xff, 0x0f },
		{ true, BPF_OR | BPF_FETCH, 0xf0, 0x0f, 0xff, 0xf0 },
		{ true, BPF_AND, 0xff00ff, 0xf0f0f0, 0xf000f0, 0xf0f0f0 },
		{ true, BPF_AND | BPF_FETCH, 0xff00ff, 0xf0f0f0, 0xf000f0, 0xff00ff },
		{ true, BPF_XOR, 0xff, 0x0f, 0xf0, 0x0f },
		{ true, BPF_XOR | BPF_FETCH, 0xff, 0x0f, 0xf0, 0xff },
		{ true, BPF_XCHG, 0x1111, 0x2222000000000000ull, 0x2222000000000000ull, 0x1111 },
		/* 32-bit: the source's high half is ignored; fetch zero-extends */
		{ false, BPF_ADD, 0xffffffff, 0xdeadbeef00000002ull, 1, 0xdeadbeef00000002ull },
		{ false, BPF_ADD | BPF_FETCH, 0xffffffff, 0xdeadbeef00000002ull, 1, 0xffffffff },
		{ false, BPF_OR, 0xf0, 0xaaaaaaaa0000000full, 0xff, 0xaaaaaaaa0000000full },
		{ false, BPF_OR | BPF_FETCH, 0x800000f0, 0xaaaaaaaa0000000full, 0x800000ff, 0x800000f0 },
		{ false, BPF_AND, 0xff00ff, 0xffffffff00f0f0f0ull, 0xf000f0, 0xffffffff00f0f0f0ull },
		{ false, BPF_AND | BPF_FETCH, 0xff00ff, 0xf0f0f0, 0xf000f0, 0xff00ff },
		{ false, BPF_XOR, 0xff, 0x0f, 0xf0, 0x0f },
		{ false, BPF_XOR | BPF_FETCH, 0xff, 0x10000000full, 0xf0, 0xff },
		{ false, BPF_XCHG, 0x11111111, 0xffffffff22222222ull, 0x22222222, 0x11111111 },
	};
	int bad = 0;

	for (size_t i = 0; i < NELEM(rows); i++) {
		const struct atomic_row *row = &rows[i];
		uint8_t mem[24];
		struct bpf_insn prog[] = {
			LDDW(2, row->src),
			INSN(BPF_STX | BPF_ATOMIC | (row->dw ? BPF_DW : BPF_W), 1,
			     2, 8, row->op),
			MOV64X(0, 2),
			EXIT(),
		};
		uint64_t r0 = 0, got = 0, mask = row->dw ? NEG1 : 0xffffffff;
		bool ok;
		int err;

		memset(mem, 0x5a, sizeof(mem));
		memcpy(mem + 8, &row->mem, row->dw ? 8 : 4);
		err = RUN_BOTH(prog, mem, sizeof(mem), &r0);
		memcpy(&got, mem + 8, row->dw ? 8 : 4);
		ok = !err && r0 == row->want_src &&
		     got == (row->want_mem & mask) && mem[7] == 0x5a &&
		     mem[row->dw ? 16 : 12] == 0x5a;
		if (!ok) {
			fprintf(stderr,
				"  row %zu: err %d src %#" PRIx64 " mem %#" PRIx64
				"\n", i, err, r0, got);
			bad++;
		}
	}
	CHECK_EQ("interp-atomic-rows", bad, 0);
}

static void test_atomic__cmpxchg(void)
{
	static const struct {
		bool dw;
		uint64_t mem, expect, new_val;
		uint64_t want_mem, want_r0;
	} rows[] = {
		{ true, 7, 7, 9, 9, 7 },                      /* success */
		{ true, 7, 8, 9, 7, 7 },                      /* failure */
		{ true, 0x100000007ull, 7, 9, 0x100000007ull, 0x100000007ull },
		{ false, 7, 0xffffffff00000007ull, 0xaa00000009ull, 9, 7 },
		{ false, 7, 8, 9, 7, 7 },
		{ false, 0xfffffff0, 0xfffffff0, 1, 1, 0xfffffff0 },
	};
	int bad = 0;

	for (size_t i = 0; i < NELEM(rows); i++) {
		uint8_t mem[24];
		struct bpf_insn prog[] = {
			LDDW(0, rows[i].expect),
			LDDW(2, rows[i].new_val),
			INSN(BPF_STX | BPF_ATOMIC | (rows[i].dw ? BPF_DW : BPF_W),
			     1, 2, 8, BPF_CMPXCHG),
			EXIT(),
		};
		uint64_t r0 = 0, got = 0;
		int err;

		memset(mem, 0x5a, sizeof(mem));
		memcpy(mem + 8, &rows[i].mem, rows[i].dw ? 8 : 4);
		err = RUN_BOTH(prog, mem, sizeof(mem), &r0);
		memcpy(&got, mem + 8, rows[i].dw ? 8 : 4);
		if (err || r0 != rows[i].want_r0 || got != rows[i].want_mem) {
			fprintf(stderr, "  row %zu: err %d r0 %#" PRIx64
				" mem %#" PRIx64 "\n", i, err, r0, got);
			bad++;
		}
	}
	CHECK_EQ("interp-cmpxchg-rows", bad, 0);
}

static void test_ld_imm64__values(void)
{
	static const uint64_t vals[] = {
		0, 1, 0xffffffff, 0xffffffff00000000ull, 0x8000000000000001ull,
		0x7fffffff80000000ull, NEG1,
	};

	for (size_t i = 0; i < NELEM(vals); i++) {
		struct bpf_insn prog[] = { LDDW(0, vals[i]), EXIT() };
		uint64_t r0 = 0;

		CHECK_EQ("interp-lddw-err", RUN_BOTH(prog, NULL, 0, &r0), 0);
		CHECK_EQ("interp-lddw", r0, vals[i]);
	}
}

/* ---- Calls ----------------------------------------------------------------- */

/*
 * The caller sets R6..R9, writes its stack and calls a subprogram that
 * clobbers R6..R9 and writes its own frame; after the return R6..R9, R10 and
 * the caller's stack are intact.  The callee returns (caller fp - its fp) +
 * R2, i.e. 512 + 40: frames are MAX_BPF_STACK apart and R1..R5 are passed.
 */
static void test_call__bpf2bpf_preserves_callee_saved(void)
{
	struct bpf_insn prog[] = {
		MOV64K(6, 6),
		MOV64K(7, 7),
		MOV64K(8, 8),
		MOV64K(9, 9),
		ST(DW, 10, -8, 0x55),
		STX(DW, 10, 10, -16),
		MOV64X(1, 10),
		MOV64K(2, 40),
		CALL_LOCAL(13),           /* 8: to 22 */
		JK(JNE, 6, 6, 10),        /* 9: to 20 */
		JK(JNE, 7, 7, 9),
		JK(JNE, 8, 8, 8),
		JK(JNE, 9, 9, 7),
		LDX(DW, 3, 10, -16),
		JX(JNE, 3, 10, 5),
		LDX(DW, 3, 10, -8),
		JK(JNE, 3, 0x55, 3),
		LDX(DW, 3, 10, -520),     /* the callee's slot at its fp-8 */
		JK(JNE, 3, 0x77, 1),
		EXIT(),
		MOV64K(0, -1),            /* 20 */
		EXIT(),
		MOV64K(6, 60),            /* 22: the subprogram */
		MOV64K(7, 70),
		MOV64K(8, 80),
		MOV64K(9, 90),
		ST(DW, 10, -8, 0x77),
		MOV64X(0, 1),
		A64X(SUB, 0, 10),
		A64X(ADD, 0, 2),
		EXIT(),
	};
	uint64_t r0;

	CHECK_EQ("interp-call-err", RUN_BOTH(prog, NULL, 0, &r0), 0);
	CHECK_EQ("interp-call-r0", r0, 512 + 40);
}

/* sub(n) = n ? sub(n - 1) + 1 : 0, called from main with R1 = n. */
static const struct bpf_insn recurse_prog[] = {
	CALL_LOCAL(1),         /* 0: to 2 */
	EXIT(),
	ST(DW, 10, -512, 1),   /* 2: touch the bottom of this frame */
	JK(JNE, 1, 0, 2),      /* 3: to 6 */
	MOV64K(0, 0),
	EXIT(),
	A64K(SUB, 1, 1),       /* 6 */
	CALL_LOCAL(-6),        /* 7: to 2 */
	A64K(ADD, 0, 1),
	EXIT(),
};

static void test_call__eight_frame_limit(void)
{
	uint64_t r0, n;

	for (int mode = 0; mode < MODES; mode++) {
		struct bh_prog *prog = load_mode(recurse_prog,
						 NELEM(recurse_prog), mode, 1);

		REQUIRE("interp-depth-load", prog);
		n = 6; /* main + sub(6) .. sub(0): 8 frames, the limit */
		CHECK_EQ("interp-depth8", bh_prog__exec(prog, &n, 1, NULL, 0, &r0), 0);
		CHECK_EQ("interp-depth8-r0", r0, 6);
		n = 7; /* a ninth frame */
		errno = 0;
		CHECK_EQ("interp-depth9",
			 bh_prog__exec(prog, &n, 1, NULL, 0, &r0), -EFAULT);
		CHECK_EQ("interp-depth9-errno", errno, EFAULT);
		bh_prog__free(prog);
	}
}

static void test_call__infinite_recursion_faults(void)
{
	struct bpf_insn prog[] = {
		CALL_LOCAL(1),  /* to 2 */
		EXIT(),
		CALL_LOCAL(-1), /* 2: calls itself */
		EXIT(),
	};
	uint64_t r0;

	CHECK_EQ("interp-recurse-fault", RUN_BOTH(prog, NULL, 0, &r0), -EFAULT);
}

static void test_callx__helper_by_register(void)
{
	struct bpf_insn rnd[] = {
		MOV64K(3, BPF_FUNC_get_prandom_u32),
		CALLX(3),
		EXIT(),
	};
	struct bpf_insn none[] = {
		LDDW(4, 9999),
		CALLX(4),
		EXIT(),
	};
	struct bpf_insn zero[] = {
		MOV64K(5, 0),
		CALLX(5),
		MOV64K(0, 1),
		EXIT(),
	};
	struct bpf_insn huge[] = {
		LDDW(5, 0x100000007ull), /* the id is the whole register */
		CALLX(5),
		EXIT(),
	};

	for (int mode = 0; mode < MODES; mode++) {
		uint64_t vals[8], r0;
		bool all_same = true;
		struct bh_prog *prog = load_mode(rnd, NELEM(rnd), mode, 1);

		REQUIRE("interp-callx-load", prog);
		for (int i = 0; i < 8; i++) {
			vals[i] = NEG1;
			CHECK_EQ("interp-callx-rnd-err",
				 bh_prog__exec(prog, NULL, 0, NULL, 0, &vals[i]), 0);
			CHECK("interp-callx-rnd-u32", vals[i] <= UINT32_MAX);
			all_same &= vals[i] == vals[0];
		}
		CHECK("interp-callx-rnd-varies", !all_same);
		bh_prog__free(prog);

		CHECK_EQ("interp-callx-none",
			 run_mode(none, NELEM(none), mode, NULL, 0, NULL, 0, &r0),
			 -EFAULT);
		CHECK_EQ("interp-callx-zero",
			 run_mode(zero, NELEM(zero), mode, NULL, 0, NULL, 0, &r0),
			 -EFAULT);
		CHECK_EQ("interp-callx-huge",
			 run_mode(huge, NELEM(huge), mode, NULL, 0, NULL, 0, &r0),
			 -EFAULT);
	}
}

/* ---- Legacy packet loads (no public API feeds env->pkt: exec_run) -------- */

static int run_pkt(const struct bpf_insn *insns, size_t cnt, int mode,
		   const uint8_t *pkt, uint32_t pkt_len, uint64_t *r0)
{
	struct bh_exec_env env = { 0 };
	struct bh_prog *prog = load_mode(insns, cnt, mode, 1);
	int err;

	if (!prog)
		return RUN_LOAD_FAILED;
	env.prog = prog;
	env.args[0] = 0x1234; /* R1: any context; R6 gets it */
	env.pkt = pkt;
	env.pkt_len = pkt_len;
	*r0 = NEG1;
	err = exec_run(&env, r0);
	bh_prog__free(prog);
	return err;
}

static void test_ld_abs__big_endian_and_bounds(void)
{
	static const uint8_t pkt[16] = {
		0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
		0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x80,
	};
	static const struct {
		struct bpf_insn ld;
		int64_t r2;
		uint64_t want; /* R0; 0x77 marks "went on after the load" */
		bool went_on;
	} rows[] = {
		{ LD_ABS(B, 0), 0, 0x01, true },
		{ LD_ABS(B, 15), 0, 0x80, true },      /* no sign extension */
		{ LD_ABS(H, 1), 0, 0x0203, true },
		{ LD_ABS(W, 3), 0, 0x04050607, true },
		{ LD_ABS(W, 12), 0, 0x0d0e0f80, true }, /* the last 4 bytes */
		{ LD_ABS(W, 13), 0, 0, false },         /* one byte past */
		{ LD_ABS(H, 15), 0, 0, false },
		{ LD_ABS(B, 16), 0, 0, false },
		{ LD_ABS(B, -1), 0, 0, false },
		{ LD_IND(B, 2, 1), 4, 0x06, true },
		{ LD_IND(H, 2, -2), 4, 0x0304, true },
		{ LD_IND(W, 2, 0), 12, 0x0d0e0f80, true },
		{ LD_IND(W, 2, 1), 12, 0, false },
		{ LD_IND(B, 2, 0), -1, 0, false },
		{ LD_IND(B, 2, 0), 0x100000000ll, 0x01, true }, /* 32-bit offset */
	};
	int bad = 0;

	for (size_t i = 0; i < NELEM(rows); i++) {
		for (int mode = 0; mode < MODES; mode++) {
			struct bpf_insn prog[] = {
				MOV64X(6, 1),
				LDDW(2, rows[i].r2),
				rows[i].ld,
				JK(JNE, 0, (int32_t)rows[i].want, 2),
				MOV64K(0, 0x77),
				EXIT(),
				MOV64K(0, 0x55), /* loaded a wrong value */
				EXIT(),
			};
			uint64_t r0;
			int err = run_pkt(prog, NELEM(prog), mode, pkt,
					  sizeof(pkt), &r0);
			uint64_t want = rows[i].went_on ? 0x77 : 0;

			if (err || r0 != want) {
				fprintf(stderr, "  row %zu mode %d: err %d r0 %#"
					PRIx64 "\n", i, mode, err, r0);
				bad++;
			}
		}
	}
	CHECK_EQ("interp-ldabs-rows", bad, 0);
}

/*
 * Negative legacy offsets name headers, as the kernel's
 * bpf_internal_load_pointer_neg_helper(): SKF_NET_OFF + k reads the network
 * header, SKF_LL_OFF + k the link-layer header, within the buffer.
 */
static void test_ld_abs__negative_header_offsets(void)
{
	/* buf: 2 bytes headroom, a 4-byte "mac" header, then the data, which
	 * starts at the "network" header (as a socket filter sees it) */
	static const uint8_t buf[12] = {
		0xee, 0xee, 0x11, 0x12, 0x13, 0x14,
		0x45, 0x00, 0x00, 0x54, 0x11, 0x22,
	};
	static const struct {
		int32_t k;
		unsigned int size;
		uint64_t want;
		bool ok;
	} rows[] = {
		{ -0x100000 + 0, 1, 0x45, true },          /* SKF_NET_OFF */
		{ -0x100000 + 2, 2, 0x0054, true },
		{ -0x200000 + 0, 4, 0x11121314, true },    /* SKF_LL_OFF */
		{ -0x200000 + 4, 2, 0x4500, true },        /* mac header runs on */
		{ -0x200000 - 2 + 0, 1, 0, false },        /* below SKF_LL_OFF */
		{ -0x100000 + 6, 1, 0, false },            /* past the packet */
		{ -0x100000 + 4, 4, 0, false },            /* straddles the end */
		{ -0x1000, 1, 0, false },                  /* SKF_AD_OFF: nothing */
	};
	int bad = 0;

	for (size_t i = 0; i < NELEM(rows); i++) {
		for (int mode = 0; mode < MODES; mode++) {
			struct bpf_insn ld = {
				.code = BPF_LD | BPF_ABS |
					(rows[i].size == 1 ? BPF_B
					 : rows[i].size == 2 ? BPF_H : BPF_W),
				.imm = rows[i].k,
			};
			struct bpf_insn prog[] = {
				MOV64X(6, 1), ld,
				JK(JNE, 0, (int32_t)rows[i].want, 2),
				MOV64K(0, 0x77), EXIT(),
				MOV64K(0, 0x55), EXIT(),
			};
			struct bh_exec_env env = { 0 };
			struct bh_prog *p = load_mode(prog, NELEM(prog), mode, 1);
			uint64_t r0 = NEG1;

			if (!p) {
				bad++;
				continue;
			}
			env.prog = p;
			env.args[0] = 0x1234;
			env.pkt = buf + 6;
			env.pkt_len = 6;
			env.pkt_head = buf;
			env.pkt_mac = buf + 2;
			env.pkt_net = buf + 6;
			if (exec_run(&env, &r0) || r0 != (rows[i].ok ? 0x77u : 0u)) {
				fprintf(stderr, "  row %zu mode %d: r0 %#" PRIx64 "\n",
					i, mode, r0);
				bad++;
			}
			bh_prog__free(p);
		}
	}
	CHECK_EQ("interp-ldabs-neg-rows", bad, 0);
}

static void test_ld_abs__no_packet_returns_zero(void)
{
	struct bpf_insn prog[] = {
		MOV64X(6, 1),
		LD_ABS(B, 0),
		MOV64K(0, 0x77),
		EXIT(),
	};
	uint64_t r0;

	for (int mode = 0; mode < MODES; mode++) {
		CHECK_EQ("interp-ldabs-nopkt-err",
			 run_pkt(prog, NELEM(prog), mode, NULL, 0, &r0), 0);
		CHECK_EQ("interp-ldabs-nopkt", r0, 0);
	}
}

/* ---- Checked mode ------------------------------------------------------------ */

static int run_checked(const struct bpf_insn *insns, size_t cnt, void *mem,
		       size_t mem_sz, uint64_t *r0)
{
	return run_mode(insns, cnt, 0, mem, mem_sz, NULL, 0, r0);
}

static void test_checked__region_bounds(void)
{
	uint8_t mem[16] = { [8] = 0x11, [15] = 0x22 };
	struct bpf_insn last_ok[] = { LDX(DW, 0, 1, 8), EXIT() };
	struct bpf_insn past[] = { LDX(DW, 0, 1, 9), MOV64K(0, 0), EXIT() };
	struct bpf_insn before[] = { LDX(B, 0, 1, -1), MOV64K(0, 0), EXIT() };
	struct bpf_insn store_past[] = { ST(B, 1, 16, 1), MOV64K(0, 0), EXIT() };
	struct bpf_insn atomic_past[] = {
		MOV64K(2, 1), ATOMIC(W, 1, 2, 13, BPF_ADD), MOV64K(0, 0), EXIT(),
	};
	struct bpf_insn wild[] = {
		MOV64K(2, 4096), LDX(B, 0, 2, 0), MOV64K(0, 0), EXIT(),
	};
	struct bpf_insn null_ld[] = { MOV64K(2, 0), LDX(W, 0, 2, 0), EXIT() };
	uint64_t r0;

	CHECK_EQ("interp-chk-last-ok",
		 run_checked(last_ok, NELEM(last_ok), mem, sizeof(mem), &r0), 0);
	CHECK_EQ("interp-chk-last-val", r0, 0x2200000000000011ull);
	/* the same in-bounds load agrees across modes */
	CHECK_EQ("interp-chk-last-both", RUN_BOTH(last_ok, mem, sizeof(mem), &r0), 0);
	errno = 0;
	CHECK_EQ("interp-chk-past",
		 run_checked(past, NELEM(past), mem, sizeof(mem), &r0), -EFAULT);
	CHECK_EQ("interp-chk-past-errno", errno, EFAULT);
	CHECK_EQ("interp-chk-before",
		 run_checked(before, NELEM(before), mem, sizeof(mem), &r0), -EFAULT);
	CHECK_EQ("interp-chk-store-past",
		 run_checked(store_past, NELEM(store_past), mem, sizeof(mem), &r0),
		 -EFAULT);
	CHECK_EQ("interp-chk-atomic-past",
		 run_checked(atomic_past, NELEM(atomic_past), mem, sizeof(mem), &r0),
		 -EFAULT);
	CHECK_EQ("interp-chk-wild",
		 run_checked(wild, NELEM(wild), mem, sizeof(mem), &r0), -EFAULT);
	CHECK_EQ("interp-chk-null",
		 run_checked(null_ld, NELEM(null_ld), NULL, 0, &r0), -EFAULT);
	CHECK_EQ("interp-chk-mem-untouched", mem[15], 0x22);
}

static void test_checked__stack_bounds(void)
{
	/* 8 frames of 512 bytes: fp-4096 is the lowest valid byte */
	struct bpf_insn lowest[] = {
		ST(B, 10, -4096, 7), LDX(B, 0, 10, -4096), EXIT(),
	};
	struct bpf_insn below[] = { LDX(B, 0, 10, -4097), MOV64K(0, 0), EXIT() };
	struct bpf_insn above[] = { LDX(B, 0, 10, 0), MOV64K(0, 0), EXIT() };
	struct bpf_insn straddle[] = { LDX(DW, 0, 10, -4), MOV64K(0, 0), EXIT() };
	struct bpf_insn top_ok[] = { ST(DW, 10, -8, 3), LDX(DW, 0, 10, -8), EXIT() };
	uint64_t r0;

	CHECK_EQ("interp-chk-stack-lowest",
		 run_checked(lowest, NELEM(lowest), NULL, 0, &r0), 0);
	CHECK_EQ("interp-chk-stack-lowest-val", r0, 7);
	CHECK_EQ("interp-chk-stack-below",
		 run_checked(below, NELEM(below), NULL, 0, &r0), -EFAULT);
	CHECK_EQ("interp-chk-stack-above",
		 run_checked(above, NELEM(above), NULL, 0, &r0), -EFAULT);
	CHECK_EQ("interp-chk-stack-straddle",
		 run_checked(straddle, NELEM(straddle), NULL, 0, &r0), -EFAULT);
	CHECK_EQ("interp-chk-stack-top",
		 RUN_BOTH(top_ok, NULL, 0, &r0), 0);
	CHECK_EQ("interp-chk-stack-top-val", r0, 3);
}

/* The XDP context (struct xdp_md) is read-only; the packet is writable. */
static void test_checked__xdp_ctx_store_faults(void)
{
	struct bpf_insn store_ctx[] = {
		ST(W, 1, 0, 0), MOV64K(0, 2), EXIT(),
	};
	struct bpf_insn read_ctx[] = {
		LDX(W, 2, 1, 0),
		LDX(W, 3, 1, 4),
		ST(B, 2, 0, 0x42),   /* the packet is writable */
		MOV64X(0, 3),
		A64X(SUB, 0, 2),
		EXIT(),
	};
	uint8_t pkt[64] = { 0 }, out[64];
	struct bh_prog *prog;
	int err;

	prog = bh_prog__load(BPF_PROG_TYPE_XDP, store_ctx, NELEM(store_ctx), NO_VERIFY);
	REQUIRE("interp-xdp-ctx-load", prog);
	{
		BH_OPTS(bh_test_run_opts, opts, .data_in = pkt,
			.data_size_in = sizeof(pkt));

		errno = 0;
		err = bh_prog__test_run(prog, &opts);
		CHECK_EQ("interp-xdp-ctx-store", err, -EFAULT);
		CHECK_EQ("interp-xdp-ctx-store-errno", errno, EFAULT);
	}
	bh_prog__free(prog);

	prog = bh_prog__load(BPF_PROG_TYPE_XDP, read_ctx, NELEM(read_ctx), NO_VERIFY);
	REQUIRE("interp-xdp-read-load", prog);
	{
		BH_OPTS(bh_test_run_opts, opts, .data_in = pkt,
			.data_size_in = sizeof(pkt), .data_out = out,
			.data_size_out = sizeof(out));

		CHECK_EQ("interp-xdp-read", bh_prog__test_run(prog, &opts), 0);
		CHECK_EQ("interp-xdp-read-ret", opts.retval, sizeof(pkt));
		CHECK_EQ("interp-xdp-read-write", out[0], 0x42);
	}
	bh_prog__free(prog);
}

/* Checked runs start from a zeroed stack, whatever an earlier run left. */
static void test_checked__stack_zeroed(void)
{
	struct bpf_insn dirty[] = {
		MOV64X(1, 10),
		A64K(SUB, 1, 4096),
		LDDW(2, NEG1),
		STX(DW, 1, 2, 0),   /* 4 */
		A64K(ADD, 1, 8),
		JX(JLT, 1, 10, -3), /* to 4 */
		MOV64K(0, 0),
		EXIT(),
	};
	struct bpf_insn scan[] = {
		MOV64X(1, 10),
		A64K(SUB, 1, 4096),
		MOV64K(0, 0),
		LDX(DW, 2, 1, 0),   /* 3 */
		A64X(OR, 0, 2),
		A64K(ADD, 1, 8),
		JX(JLT, 1, 10, -4), /* to 3 */
		EXIT(),
	};
	struct bh_prog *d = load_mode(dirty, NELEM(dirty), 0, 1);
	struct bh_prog *s = load_mode(scan, NELEM(scan), 0, 1);
	uint64_t r0;

	REQUIRE("interp-zero-load", d && s);
	for (int i = 0; i < 3; i++) {
		CHECK_EQ("interp-zero-dirty", bh_prog__exec(d, NULL, 0, NULL, 0, &r0), 0);
		r0 = NEG1;
		CHECK_EQ("interp-zero-scan", bh_prog__exec(s, NULL, 0, NULL, 0, &r0), 0);
		CHECK_EQ("interp-zero-stack", r0, 0);
	}
	bh_prog__free(d);
	bh_prog__free(s);
}

/* bh_prog__exec passes up to five arguments, the rest are 0. */
static void test_exec__arguments(void)
{
	struct bpf_insn prog[] = {
		MOV64X(0, 1),
		A64X(ADD, 0, 2),
		A64X(ADD, 0, 3),
		A64X(ADD, 0, 4),
		A64X(ADD, 0, 5),
		EXIT(),
	};
	uint64_t args[5] = { 1, 20, 300, 4000, 50000 };

	for (int mode = 0; mode < MODES; mode++) {
		struct bh_prog *p = load_mode(prog, NELEM(prog), mode, 5);
		uint64_t r0;

		REQUIRE("interp-args-load", p);
		CHECK_EQ("interp-args-5", bh_prog__exec(p, args, 5, NULL, 0, &r0), 0);
		CHECK_EQ("interp-args-5-r0", r0, 54321);
		CHECK_EQ("interp-args-2", bh_prog__exec(p, args, 2, NULL, 0, &r0), 0);
		CHECK_EQ("interp-args-2-r0", r0, 21);
		errno = 0;
		CHECK_EQ("interp-args-6", bh_prog__exec(p, args, 6, NULL, 0, &r0),
			 -EINVAL);
		CHECK_EQ("interp-args-6-errno", errno, EINVAL);
		CHECK_EQ("interp-args-null", bh_prog__exec(p, NULL, 1, NULL, 0, &r0),
			 -EINVAL);
		CHECK_EQ("interp-args-noret", bh_prog__exec(p, args, 1, NULL, 0, NULL),
			 -EINVAL);
		bh_prog__free(p);
	}
	CHECK_EQ("interp-args-noprog", bh_prog__exec(NULL, args, 1, NULL, 0, args),
		 -EINVAL);
}


/* Checked runs refuse atomics that are not naturally aligned (the kernel's
 * verifier refuses them; on x86 they would be split-lock accesses). */
static void test_interp__misaligned_atomic_faults(void)
{
	uint64_t mem[4] = { 0 }, r0 = 0;
	const struct bpf_insn prog[] = {
		MOV64K(2, 1), ATOMIC(DW, 1, 2, 4, BPF_ADD), MOV64K(0, 0), EXIT(),
	};
	const struct bpf_insn prog32[] = {
		MOV64K(2, 1), ATOMIC(W, 1, 2, 2, BPF_ADD), MOV64K(0, 0), EXIT(),
	};
	const struct bpf_insn aligned[] = {
		MOV64K(2, 1), ATOMIC(W, 1, 2, 4, BPF_ADD), MOV64K(0, 0), EXIT(),
	};

	CHECK_EQ("interp-atomic-misaligned64",
		 run_mode(prog, NELEM(prog), 0, mem, sizeof(mem), NULL, 0, &r0), -EFAULT);
	CHECK_EQ("interp-atomic-misaligned32",
		 run_mode(prog32, NELEM(prog32), 0, mem, sizeof(mem), NULL, 0, &r0), -EFAULT);
	CHECK_EQ("interp-atomic-misaligned-untouched", mem[0] | mem[1], 0);
	CHECK_EQ("interp-atomic-aligned32",
		 run_mode(aligned, NELEM(aligned), 0, mem, sizeof(mem), NULL, 0, &r0), 0);
	CHECK_EQ("interp-atomic-aligned32-value", mem[0] >> 32, 1);
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_interp__misaligned_atomic_faults),
	BH_TEST(test_alu64__every_op),
	BH_TEST(test_alu32__every_op_zero_extends),
	BH_TEST(test_alu__shift_count_masked),
	BH_TEST(test_alu__div_mod_by_zero),
	BH_TEST(test_alu__sdiv_smod),
	BH_TEST(test_alu__movsx),
	BH_TEST(test_alu__bswap_and_endian),
	BH_TEST(test_jmp__every_condition),
	BH_TEST(test_jmp__ja_and_gotol),
	BH_TEST(test_mem__ldx_st_stx_every_size),
	BH_TEST(test_mem__stack_layout),
	BH_TEST(test_mem__ldxs_sign_extends),
	BH_TEST(test_atomic__every_op),
	BH_TEST(test_atomic__cmpxchg),
	BH_TEST(test_ld_imm64__values),
	BH_TEST(test_call__bpf2bpf_preserves_callee_saved),
	BH_TEST(test_call__eight_frame_limit),
	BH_TEST(test_call__infinite_recursion_faults),
	BH_TEST(test_callx__helper_by_register),
	BH_TEST(test_ld_abs__big_endian_and_bounds),
	BH_TEST(test_ld_abs__negative_header_offsets),
	BH_TEST(test_ld_abs__no_packet_returns_zero),
	BH_TEST(test_checked__region_bounds),
	BH_TEST(test_checked__stack_bounds),
	BH_TEST(test_checked__xdp_ctx_store_faults),
	BH_TEST(test_checked__stack_zeroed),
	BH_TEST(test_exec__arguments),
};

BH_TEST_MAIN(cases)
