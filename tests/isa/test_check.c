/* SPDX-License-Identifier: MIT */
/*
 * tests/isa/test_check.c - the loader's checks: every way isa_check_prog()
 * and bh_prog__load() refuse a program, with the errno and the log text the
 * kernel would give, and the options bh_prog__load() refuses.
 *
 * Each rejection is checked twice: through isa_check_prog() directly and
 * through bh_prog__load(); both must give the same error and log.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include <bpfhost/bpfhost.h>

#include "isa/internal.h"
#include "progs/internal.h"
#include "test.h"

/* ---- Instruction builders (test-local) ---------------------------------- */

#define INSN(c, d, s, o, i)                                                 \
	{ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) }
#define A64K(op, d, i) INSN(BPF_ALU64 | BPF_##op | BPF_K, d, 0, 0, i)
#define A64X(op, d, s) INSN(BPF_ALU64 | BPF_##op | BPF_X, d, s, 0, 0)
#define A32K(op, d, i) INSN(BPF_ALU | BPF_##op | BPF_K, d, 0, 0, i)
#define MOV64K(d, i) A64K(MOV, d, i)
#define MOV64X(d, s) A64X(MOV, d, s)
#define LDDW_SRC(d, s, v)                                                   \
	INSN(BPF_LD | BPF_IMM | BPF_DW, d, s, 0, (int32_t)(v)), INSN(0, 0, 0, 0, 0)
#define LDDW(d, v) LDDW_SRC(d, 0, v)
#define JK(op, d, i, o) INSN(BPF_JMP | BPF_##op | BPF_K, d, 0, o, i)
#define JA(o) INSN(BPF_JMP | BPF_JA, 0, 0, o, 0)
#define GOTOL(i) INSN(BPF_JMP32 | BPF_JA, 0, 0, 0, i)
#define LDX(sz, d, s, o) INSN(BPF_LDX | BPF_MEM | BPF_##sz, d, s, o, 0)
#define STX(sz, d, s, o) INSN(BPF_STX | BPF_MEM | BPF_##sz, d, s, o, 0)
#define ATOMIC(sz, d, s, o, op) INSN(BPF_STX | BPF_ATOMIC | BPF_##sz, d, s, o, op)
#define LD_ABS(sz, i) INSN(BPF_LD | BPF_ABS | BPF_##sz, 0, 0, 0, i)
#define CALL(id) INSN(BPF_JMP | BPF_CALL, 0, 0, 0, id)
#define CALL_LOCAL(i) INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, i)
#define CALLX(d) INSN(BPF_JMP | BPF_CALL | BPF_X, d, 0, 0, 0)
#define EXIT() INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- Helpers --------------------------------------------------------------- */

/*
 * Load through both paths; *log gets bh_prog__load()'s log.  Returns 0 when
 * both accepted, -errno when both refused alike, or 1 when they disagree.
 */
/* Loader tests check encodings, not safety: they skip the verifier. */
#define NO_VERIFY \
	(&(struct bh_prog_load_opts){ .sz = sizeof(struct bh_prog_load_opts), \
				      .bh_flags = BH_PROG_LOAD_F_NO_VERIFY })

static int load_both(const struct bpf_insn *insns, size_t cnt,
		     uint32_t entry_args, char *log, size_t log_sz)
{
	char direct_log[512] = "";
	struct bh_log l;
	struct bh_prog *prog;
	int direct, err;

	bh_log_init(&l, direct_log, sizeof(direct_log), 1);
	direct = isa_check_prog(insns, cnt, entry_args ? entry_args : 1, &l);

	/* the encoding checks alone: the verifier has its own tests */
	BH_OPTS(bh_prog_load_opts, opts, .log_buf = log, .log_size = log_sz,
		.entry_args = entry_args, .bh_flags = BH_PROG_LOAD_F_NO_VERIFY);
	log[0] = '\0';
	errno = 0;
	prog = bh_prog__load(BPF_PROG_TYPE_SYSCALL, insns, cnt, &opts);
	err = prog ? 0 : -errno;
	bh_prog__free(prog);
	if (direct != err || strcmp(direct_log, log)) {
		fprintf(stderr,
			"  isa_check_prog %d '%s' vs bh_prog__load %d '%s'\n",
			direct, direct_log, err, log);
		return 1;
	}
	return err;
}

/* Is the program refused with @want_err and a log containing @want_log? */
static bool rejects(const struct bpf_insn *insns, size_t cnt,
		    uint32_t entry_args, int want_err, const char *want_log)
{
	char log[512];
	int err = load_both(insns, cnt, entry_args, log, sizeof(log));

	if (err != -want_err || !strstr(log, want_log)) {
		fprintf(stderr, "  want -%d '%s', got %d log '%s'\n", want_err,
			want_log, err, log);
		return false;
	}
	return true;
}

static bool accepts(const struct bpf_insn *insns, size_t cnt,
		    uint32_t entry_args)
{
	char log[512];
	int err = load_both(insns, cnt, entry_args, log, sizeof(log));

	if (err)
		fprintf(stderr, "  refused: %d '%s'\n", err, log);
	return err == 0;
}

#define REJECTS(tag, prog, text) \
	CHECK(tag, rejects(prog, NELEM(prog), 0, EINVAL, text))
#define REJECTS_ARGS(tag, prog, args, text) \
	CHECK(tag, rejects(prog, NELEM(prog), args, EINVAL, text))
#define ACCEPTS(tag, prog) CHECK(tag, accepts(prog, NELEM(prog), 0))

/* One bad instruction at pc 0, then `r0 = 0; exit`: refused with @text. */
struct bad_row {
	struct bpf_insn insn;
	const char *text;
};

static int reject_rows(const struct bad_row *rows, size_t n)
{
	int bad = 0;

	for (size_t i = 0; i < n; i++) {
		struct bpf_insn prog[] = { rows[i].insn, MOV64K(0, 0), EXIT() };

		if (!rejects(prog, NELEM(prog), 0, EINVAL, rows[i].text)) {
			fprintf(stderr, "  (row %zu: code %#x)\n", i,
				rows[i].insn.code);
			bad++;
		}
	}
	return bad;
}

/* ---- Opcodes and reserved fields ----------------------------------------- */

static void test_check__unknown_opcode(void)
{
	static const struct bad_row rows[] = {
		{ INSN(0xff, 0, 0, 0, 0), "0: unknown opcode ff" },
		{ INSN(0x00, 0, 0, 0, 0), "0: unknown opcode 00" },  /* ld w imm */
		{ INSN(0x8c, 0, 1, 0, 0), "0: unknown opcode 8c" },  /* neg32 x */
		{ INSN(0x8f, 0, 1, 0, 0), "0: unknown opcode 8f" },  /* neg64 x */
		{ INSN(0xdf, 0, 0, 0, 16), "0: unknown opcode df" }, /* alu64 end x */
		{ INSN(0xe7, 0, 0, 0, 1), "0: unknown opcode e7" },  /* alu op 0xe0 */
		{ INSN(0x86, 0, 0, 0, 7), "0: unknown opcode 86" },  /* call32 */
		{ INSN(0x96, 0, 0, 0, 0), "0: unknown opcode 96" },  /* exit32 */
		{ INSN(0x0e, 0, 0, 0, 0), "0: unknown opcode 0e" },  /* ja32 x */
		{ INSN(0xd3, 10, 1, -8, 0), "0: unknown opcode d3" }, /* atomic b */
		{ INSN(0xcb, 10, 1, -8, 0), "0: unknown opcode cb" }, /* atomic h */
		{ INSN(0x60, 0, 0, 0, 0), "0: unknown opcode 60" },  /* ld mem */
		{ INSN(0x38, 0, 0, 0, 0), "0: unknown opcode 38" },  /* ld abs dw */
		{ INSN(0x99, 0, 1, 0, 0), "0: unknown opcode 99" },  /* ldxsdw */
		{ INSN(0x9a, 10, 0, -8, 0), "0: unknown opcode 9a" }, /* st memsx */
		{ INSN(0xf5, 0, 0, 0, 0), "0: unknown opcode f5" },  /* jmp op 0xf0 */
	};

	CHECK_EQ("check-opcode-rows", reject_rows(rows, NELEM(rows)), 0);
}

static void test_check__reserved_fields_alu(void)
{
	static const struct bad_row rows[] = {
		{ INSN(0x07, 0, 1, 0, 1), "0: (07) uses reserved fields" }, /* add k src */
		{ INSN(0x0f, 0, 1, 0, 1), "0: (0f) uses reserved fields" }, /* add x imm */
		{ INSN(0x07, 0, 0, 1, 1), "0: (07) uses reserved fields" }, /* off */
		{ INSN(0x04, 0, 0, 1, 1), "0: (04) uses reserved fields" },
		{ INSN(0x6c, 0, 1, 0, 1), "0: (6c) uses reserved fields" },
		{ INSN(0x87, 0, 0, 0, 1), "0: (87) uses reserved fields" }, /* neg imm */
		{ INSN(0x84, 0, 1, 0, 0), "0: (84) uses reserved fields" }, /* neg src */
		{ INSN(0x87, 0, 0, 1, 0), "0: (87) uses reserved fields" },
		{ INSN(0xdc, 0, 0, 0, 8), "0: (dc) uses reserved fields" }, /* be8 */
		{ INSN(0xd4, 0, 0, 0, 0), "0: (d4) uses reserved fields" },
		{ INSN(0xd7, 0, 0, 0, 128), "0: (d7) uses reserved fields" },
		{ INSN(0xdc, 0, 1, 0, 16), "0: (dc) uses reserved fields" },
		{ INSN(0xd7, 0, 0, 1, 16), "0: (d7) uses reserved fields" },
		{ INSN(0xb7, 0, 0, 8, 1), "0: (b7) uses reserved fields" }, /* mov k off */
		{ INSN(0xb7, 0, 1, 0, 1), "0: (b7) uses reserved fields" }, /* mov k src */
		{ INSN(0xbf, 0, 1, 0, 1), "0: (bf) uses reserved fields" }, /* mov x imm */
		{ INSN(0xbf, 0, 1, 7, 0), "0: (bf) uses reserved fields" }, /* movsx 7 */
		{ INSN(0xbf, 0, 1, 64, 0), "0: (bf) uses reserved fields" },
		{ INSN(0xbc, 0, 1, 32, 0), "0: (bc) uses reserved fields" }, /* movsx32 32 */
		{ INSN(0x37, 0, 0, 2, 1), "0: (37) uses reserved fields" }, /* div off 2 */
		{ INSN(0x3c, 0, 1, -1, 0), "0: (3c) uses reserved fields" },
		{ INSN(0x3f, 0, 1, 0, 1), "0: (3f) uses reserved fields" }, /* div x imm */
		{ INSN(0x97, 0, 1, 0, 1), "0: (97) uses reserved fields" }, /* mod k src */
		{ INSN(0x9c, 0, 1, 1, 1), "0: (9c) uses reserved fields" },
		{ INSN(0xc7, 0, 0, 1, 1), "0: (c7) uses reserved fields" }, /* arsh off */
	};

	CHECK_EQ("check-alu-field-rows", reject_rows(rows, NELEM(rows)), 0);
}

static void test_check__reserved_fields_jmp(void)
{
	static const struct bad_row rows[] = {
		{ INSN(0x05, 0, 0, 0, 1), "0: (05) uses reserved fields" }, /* ja imm */
		{ INSN(0x05, 1, 0, 0, 0), "0: (05) uses reserved fields" }, /* ja dst */
		{ INSN(0x05, 0, 1, 0, 0), "0: (05) uses reserved fields" },
		{ INSN(0x06, 0, 0, 1, 0), "0: (06) uses reserved fields" }, /* gotol off */
		{ INSN(0x06, 1, 0, 0, 0), "0: (06) uses reserved fields" },
		{ INSN(0x95, 0, 0, 0, 1), "0: (95) uses reserved fields" }, /* exit imm */
		{ INSN(0x95, 1, 0, 0, 0), "0: (95) uses reserved fields" },
		{ INSN(0x95, 0, 1, 0, 0), "0: (95) uses reserved fields" },
		{ INSN(0x95, 0, 0, 1, 0), "0: (95) uses reserved fields" },
		{ INSN(0x85, 1, 0, 0, 7), "0: (85) uses reserved fields" }, /* call dst */
		{ INSN(0x85, 0, 0, 1, 7), "0: (85) uses reserved fields" }, /* call off */
		{ INSN(0x85, 0, 3, 0, 7), "0: (85) uses reserved fields" }, /* call src 3 */
		{ INSN(0x8d, 1, 0, 0, 1), "0: (8d) uses reserved fields" }, /* callx imm */
		{ INSN(0x8d, 1, 2, 0, 0), "0: (8d) uses reserved fields" },
		{ INSN(0x8d, 1, 0, 1, 0), "0: (8d) uses reserved fields" },
		{ INSN(0x15, 0, 1, 0, 0), "0: (15) uses reserved fields" }, /* jeq k src */
		{ INSN(0x1d, 0, 1, 0, 1), "0: (1d) uses reserved fields" }, /* jeq x imm */
		{ INSN(0x16, 0, 1, 0, 0), "0: (16) uses reserved fields" },
		{ INSN(0x4e, 0, 1, 0, 1), "0: (4e) uses reserved fields" },
	};

	CHECK_EQ("check-jmp-field-rows", reject_rows(rows, NELEM(rows)), 0);
}

static void test_check__reserved_fields_mem(void)
{
	static const struct bad_row rows[] = {
		{ INSN(0x79, 0, 10, -8, 1), "0: (79) uses reserved fields" }, /* ldx imm */
		{ INSN(0x91, 0, 10, -8, 1), "0: (91) uses reserved fields" },
		{ INSN(0x7a, 10, 1, -8, 0), "0: (7a) uses reserved fields" }, /* st src */
		{ INSN(0x7b, 10, 1, -8, 1), "0: (7b) uses reserved fields" }, /* stx imm */
		{ INSN(0xdb, 10, 1, -8, BPF_SUB), "0: (db) uses reserved fields" },
		{ INSN(0xdb, 10, 1, -8, 0xe0), "0: (db) uses reserved fields" }, /* xchg w/o fetch */
		{ INSN(0xc3, 10, 1, -8, 0xf0), "0: (c3) uses reserved fields" },
		{ INSN(0xc3, 10, 1, -8, 0x02), "0: (c3) uses reserved fields" },
		{ INSN(0xc3, 10, 1, -8, BPF_MUL | BPF_FETCH), "0: (c3) uses reserved fields" },
		{ INSN(0x20, 1, 0, 0, 0), "0: (20) uses reserved fields" }, /* ld_abs dst */
		{ INSN(0x28, 0, 1, 0, 0), "0: (28) uses reserved fields" }, /* ld_abs src */
		{ INSN(0x30, 0, 0, 1, 0), "0: (30) uses reserved fields" }, /* ld_abs off */
		{ INSN(0x40, 0, 1, 1, 0), "0: (40) uses reserved fields" }, /* ld_ind off */
		{ INSN(0x50, 2, 1, 0, 0), "0: (50) uses reserved fields" }, /* ld_ind dst */
	};
	struct bpf_insn lddw_off[] = {
		INSN(BPF_LD | BPF_IMM | BPF_DW, 0, 0, 1, 5), INSN(0, 0, 0, 0, 0),
		EXIT(),
	};

	CHECK_EQ("check-mem-field-rows", reject_rows(rows, NELEM(rows)), 0);
	REJECTS("check-lddw-off", lddw_off, "0: (18) uses reserved fields");
}

/* The same encodings with their fields used as allowed load fine. */
static void test_check__valid_encodings_accepted(void)
{
	struct bpf_insn alu[] = {
		MOV64K(0, 1),
		MOV64K(1, -1),
		INSN(0xbf, 2, 1, 8, 0),     /* movsx64 8/16/32 */
		INSN(0xbf, 2, 1, 16, 0),
		INSN(0xbf, 2, 1, 32, 0),
		INSN(0xbc, 2, 1, 8, 0),     /* movsx32 8/16 */
		INSN(0xbc, 2, 1, 16, 0),
		INSN(0x3f, 0, 1, 1, 0),     /* sdiv, smod */
		INSN(0x97, 0, 0, 1, 3),
		INSN(0x34, 0, 0, 0, 0),     /* div by an immediate 0: runtime 0 */
		INSN(0xd7, 0, 0, 0, 16),    /* bswap16/32/64 */
		INSN(0xd7, 0, 0, 0, 32),
		INSN(0xd7, 0, 0, 0, 64),
		INSN(0xdc, 0, 0, 0, 64),
		INSN(0xd4, 0, 0, 0, 16),
		INSN(0x87, 0, 0, 0, 0),
		INSN(0x67, 0, 0, 0, 65),    /* shift by >= 64: masked at runtime */
		EXIT(),
	};
	struct bpf_insn atomics[] = {
		MOV64K(0, 0),
		MOV64K(1, 1),
		STX(DW, 10, 1, -8),
		ATOMIC(DW, 10, 1, -8, BPF_ADD),
		ATOMIC(DW, 10, 1, -8, BPF_ADD | BPF_FETCH),
		ATOMIC(W, 10, 1, -8, BPF_OR),
		ATOMIC(W, 10, 1, -8, BPF_OR | BPF_FETCH),
		ATOMIC(DW, 10, 1, -8, BPF_AND),
		ATOMIC(DW, 10, 1, -8, BPF_AND | BPF_FETCH),
		ATOMIC(W, 10, 1, -8, BPF_XOR),
		ATOMIC(W, 10, 1, -8, BPF_XOR | BPF_FETCH),
		ATOMIC(DW, 10, 1, -8, BPF_XCHG),
		ATOMIC(W, 10, 1, -8, BPF_CMPXCHG),
		EXIT(),
	};
	struct bpf_insn jumps[] = {
		MOV64K(0, 0),
		GOTOL(1),                      /* gotol: offset in imm */
		EXIT(),
		INSN(0x1d, 0, 1, 1, 0),        /* jeq x, off only */
		INSN(0x16, 0, 0, 0, 5),        /* jeq32 k */
		MOV64K(3, BPF_FUNC_ktime_get_ns),
		CALLX(3),
		CALL(BPF_FUNC_get_prandom_u32),
		EXIT(),
	};
	struct bpf_insn ld_ind[] = {
		MOV64X(6, 1),
		MOV64K(2, 0),
		INSN(0x40, 0, 2, 0, 0),        /* ld_ind may use src */
		INSN(0x30, 0, 0, 0, 3),
		EXIT(),
	};

	ACCEPTS("check-ok-alu", alu);
	ACCEPTS("check-ok-atomics", atomics);
	ACCEPTS("check-ok-jumps", jumps);
	ACCEPTS("check-ok-ld-ind", ld_ind);
}

static void test_check__invalid_register(void)
{
	static const struct bad_row rows[] = {
		{ INSN(0xb7, 11, 0, 0, 0), "0: R11 is invalid" },
		{ INSN(0xbf, 0, 12, 0, 0), "0: R12 is invalid" },
		{ INSN(0x79, 15, 10, -8, 0), "0: R15 is invalid" },
		{ INSN(0x7a, 11, 0, 0, 0), "0: R11 is invalid" },
		{ INSN(0x7b, 10, 13, -8, 0), "0: R13 is invalid" },
		{ INSN(0x1d, 14, 1, 0, 0), "0: R14 is invalid" },
		{ INSN(0x8d, 11, 0, 0, 0), "0: R11 is invalid" },
		{ INSN(0x40, 0, 11, 0, 0), "0: R11 is invalid" },
	};
	struct bpf_insn lddw[] = { LDDW(11, 0), EXIT() };

	CHECK_EQ("check-reg-rows", reject_rows(rows, NELEM(rows)), 0);
	REJECTS("check-reg-lddw", lddw, "0: R11 is invalid");
}

static void test_check__frame_pointer_read_only(void)
{
	static const struct bad_row rows[] = {
		{ MOV64K(10, 0), "0: frame pointer is read only" },
		{ A32K(ADD, 10, 1), "0: frame pointer is read only" },
		{ INSN(0x87, 10, 0, 0, 0), "0: frame pointer is read only" },
		{ INSN(0xdc, 10, 0, 0, 16), "0: frame pointer is read only" },
		{ LDX(DW, 10, 10, -8), "0: frame pointer is read only" },
		{ ATOMIC(DW, 10, 10, -8, BPF_ADD | BPF_FETCH),
		  "0: frame pointer is read only" },
		{ ATOMIC(W, 10, 10, -8, BPF_XCHG), "0: frame pointer is read only" },
	};
	struct bpf_insn lddw[] = { MOV64K(0, 0), LDDW(10, 0), EXIT() };
	/* reading R10, using it as a base, or R0-writing cmpxchg are fine */
	struct bpf_insn ok[] = {
		MOV64X(1, 10),
		STX(DW, 10, 10, -8),
		MOV64K(0, 0),
		ATOMIC(DW, 10, 10, -8, BPF_ADD),
		ATOMIC(DW, 10, 10, -8, BPF_CMPXCHG),
		MOV64K(0, 0),
		EXIT(),
	};

	CHECK_EQ("check-fp-rows", reject_rows(rows, NELEM(rows)), 0);
	REJECTS("check-fp-lddw", lddw, "1: frame pointer is read only");
	ACCEPTS("check-fp-ok", ok);
}

/* ---- ld_imm64 ------------------------------------------------------------- */

static void test_check__ld_imm64_pairs(void)
{
	struct bpf_insn truncated[] = {
		MOV64K(0, 0), EXIT(), INSN(BPF_LD | BPF_IMM | BPF_DW, 0, 0, 0, 1),
	};
	struct bpf_insn hi_code[] = {
		INSN(0x18, 0, 0, 0, 1), INSN(0x07, 0, 0, 0, 0), EXIT(),
	};
	struct bpf_insn hi_dst[] = {
		INSN(0x18, 0, 0, 0, 1), INSN(0, 1, 0, 0, 0), EXIT(),
	};
	struct bpf_insn hi_src[] = {
		INSN(0x18, 0, 0, 0, 1), INSN(0, 0, 1, 0, 0), EXIT(),
	};
	struct bpf_insn hi_off[] = {
		INSN(0x18, 0, 0, 0, 1), INSN(0, 0, 0, 1, 0), EXIT(),
	};
	struct bpf_insn hi_imm_ok[] = {
		INSN(0x18, 0, 0, 0, 1), INSN(0, 0, 0, 0, -1), EXIT(),
	};

	REJECTS("check-lddw-truncated", truncated, "2: invalid bpf_ld_imm64 insn");
	REJECTS("check-lddw-hi-code", hi_code, "0: invalid bpf_ld_imm64 insn");
	REJECTS("check-lddw-hi-dst", hi_dst, "0: invalid bpf_ld_imm64 insn");
	REJECTS("check-lddw-hi-src", hi_src, "0: invalid bpf_ld_imm64 insn");
	REJECTS("check-lddw-hi-off", hi_off, "0: invalid bpf_ld_imm64 insn");
	ACCEPTS("check-lddw-hi-imm", hi_imm_ok);
}

/*
 * Map sources are resolved by the loader before these checks run
 * (progs/map_refs.c, tests/maps/test_map_progs.c); a BTF id has no
 * resolver yet.  The loader refuses references to maps that do not exist.
 */
static void test_check__ld_imm64_map_source(void)
{
	static const struct { uint8_t src; int err; } rows[] = {
		{ BPF_PSEUDO_MAP_FD, EBADF }, { BPF_PSEUDO_MAP_VALUE, EBADF },
		{ BPF_PSEUDO_MAP_IDX, EPROTO }, { BPF_PSEUDO_MAP_IDX_VALUE, EPROTO },
	};
	struct bpf_insn btf[] = { LDDW_SRC(1, BPF_PSEUDO_BTF_ID, 3), MOV64K(0, 0), EXIT() };
	int bad = 0;

	REJECTS("check-lddw-btf-id", btf,
		"0: ld_imm64 source 3 refers to a map; no map with fd 3 exists");
	for (size_t i = 0; i < NELEM(rows); i++) {
		/* an id no map has */
		struct bpf_insn prog[] = { LDDW_SRC(1, rows[i].src, 0x7ffffff0),
					   MOV64K(0, 0), EXIT() };

		errno = 0;
		if (bh_prog__load(BPF_PROG_TYPE_SYSCALL, prog, NELEM(prog), NO_VERIFY) ||
		    errno != rows[i].err)
			bad++;
	}
	CHECK_EQ("check-lddw-map-rows", bad, 0);
}

/* ---- Control flow ----------------------------------------------------------- */

static void test_check__jump_out_of_range(void)
{
	struct bpf_insn fwd[] = { JA(5), MOV64K(0, 0), EXIT() };
	struct bpf_insn past_end[] = {
		MOV64K(0, 0), JK(JEQ, 0, 0, 1), EXIT(), /* target 3 == cnt */
	};
	struct bpf_insn back[] = { MOV64K(0, 0), JA(-5), EXIT() };
	/* a target of exactly -1 once slipped through as "no target" */
	struct bpf_insn minus_one[] = { MOV64K(0, 0), JA(-3), EXIT() };
	struct bpf_insn minus_one_cond[] = {
		MOV64K(0, 0), JK(JEQ, 0, 0, -3), EXIT(),
	};
	struct bpf_insn minus_one_call[] = {
		MOV64K(0, 0), CALL_LOCAL(-3), EXIT(),
	};
	struct bpf_insn minus_one_gotol[] = { MOV64K(0, 0), GOTOL(-3), EXIT() };
	struct bpf_insn call_fwd[] = { CALL_LOCAL(100), EXIT() };
	struct bpf_insn gotol_fwd[] = { MOV64K(0, 0), GOTOL(1000), EXIT() };
	struct bpf_insn self_loop_ok[] = { MOV64K(0, 0), JK(JEQ, 0, 1, -1), EXIT() };

	REJECTS("check-range-fwd", fwd, "jump out of range from insn 0 to 6");
	REJECTS("check-range-end", past_end, "jump out of range from insn 1 to 3");
	REJECTS("check-range-back", back, "jump out of range from insn 1 to -3");
	REJECTS("check-range-minus1", minus_one,
		"jump out of range from insn 1 to -1");
	REJECTS("check-range-minus1-cond", minus_one_cond,
		"jump out of range from insn 1 to -1");
	REJECTS("check-range-minus1-call", minus_one_call,
		"jump out of range from insn 1 to -1");
	REJECTS("check-range-minus1-gotol", minus_one_gotol,
		"jump out of range from insn 1 to -1");
	REJECTS("check-range-call", call_fwd, "jump out of range from insn 0 to 101");
	REJECTS("check-range-gotol", gotol_fwd,
		"jump out of range from insn 1 to 1002");
	ACCEPTS("check-range-self", self_loop_ok);
}

static void test_check__jump_into_ld_imm64(void)
{
	struct bpf_insn ja[] = { JA(1), LDDW(0, 1), EXIT() };
	struct bpf_insn back[] = {
		LDDW(0, 1), JK(JEQ, 0, 0, -2), EXIT(), /* 2: to 1 */
	};
	struct bpf_insn call[] = {
		MOV64K(0, 0), CALL_LOCAL(2), EXIT(), LDDW(0, 1), EXIT(), /* to 4 */
	};
	struct bpf_insn gotol[] = { GOTOL(1), LDDW(0, 1), EXIT() };

	REJECTS("check-mid-lddw-ja", ja, "jump into the middle of ldimm64 insn 1");
	REJECTS("check-mid-lddw-back", back, "jump into the middle of ldimm64 insn 0");
	REJECTS("check-mid-lddw-call", call, "jump into the middle of ldimm64 insn 3");
	REJECTS("check-mid-lddw-gotol", gotol, "jump into the middle of ldimm64 insn 1");
}

static void test_check__jump_across_subprograms(void)
{
	struct bpf_insn into_main[] = {
		CALL_LOCAL(2),     /* 0: to 3 */
		MOV64K(0, 0),      /* 1 */
		EXIT(),
		JA(-3),            /* 3: to 1, in main */
		EXIT(),
	};
	struct bpf_insn into_sub[] = {
		MOV64K(0, 0),
		JK(JEQ, 0, 0, 3),  /* 1: to 5, in the subprogram */
		CALL_LOCAL(2),     /* 2: to 5 */
		EXIT(),
		EXIT(),
		MOV64K(0, 1),      /* 5 */
		EXIT(),
	};

	REJECTS("check-across-to-main", into_main, "jump out of range from insn 3 to 1");
	REJECTS("check-across-to-sub", into_sub, "jump out of range from insn 1 to 5");
}

static void test_check__last_insn_not_exit(void)
{
	struct bpf_insn fallthrough[] = { MOV64K(0, 0) };
	struct bpf_insn cond_last[] = { MOV64K(0, 0), JK(JEQ, 0, 0, -2) };
	struct bpf_insn call_last[] = { MOV64K(0, 0), CALL(BPF_FUNC_ktime_get_ns) };
	/* main runs into its subprogram */
	struct bpf_insn into_sub[] = {
		CALL_LOCAL(1),    /* to 2 */
		MOV64K(0, 0),
		MOV64K(0, 1),     /* 2: the subprogram */
		EXIT(),
	};
	struct bpf_insn ja_last_ok[] = {
		MOV64K(0, 0), JK(JEQ, 0, 0, 1), EXIT(), JA(-2), /* 3: to 2 */
	};

	REJECTS("check-last-mov", fallthrough, "last insn is not an exit or jmp");
	REJECTS("check-last-cond", cond_last, "last insn is not an exit or jmp");
	REJECTS("check-last-call", call_last, "last insn is not an exit or jmp");
	REJECTS("check-last-sub", into_sub, "last insn is not an exit or jmp");
	ACCEPTS("check-last-ja", ja_last_ok);
}

/* ---- Calls ------------------------------------------------------------------ */

static void test_check__unknown_helper(void)
{
	struct bpf_insn big[] = { CALL(9999), EXIT() };
	struct bpf_insn neg[] = { CALL(-1), EXIT() };
	struct bpf_insn zero[] = { CALL(0), EXIT() };
	struct bpf_insn max[] = { CALL(__BPF_FUNC_MAX_ID), EXIT() };
	struct bpf_insn later[] = { MOV64K(0, 0), CALL(123456), EXIT() };

	REJECTS("check-helper-big", big, "0: invalid func unknown#9999");
	REJECTS("check-helper-neg", neg, "0: invalid func unknown#-1");
	REJECTS("check-helper-zero", zero, "0: invalid func unknown#0");
	REJECTS("check-helper-max", max, "0: invalid func unknown#");
	REJECTS("check-helper-later", later, "1: invalid func unknown#123456");
}

/* kfunc ids are bpfhost's (kfunc_ids.def): an unknown one is refused, a
 * known one passes (the verifier checks the rest) */
static void test_check__kfunc_call(void)
{
	struct bpf_insn prog[] = {
		INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, 4242), EXIT(),
	};
	struct bpf_insn known[] = {
		INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, BH_KFUNC_rcu_read_lock),
		INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, BH_KFUNC_rcu_read_unlock),
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0), EXIT(),
	};

	REJECTS("check-kfunc", prog,
		"0: kernel function call #4242: bpfhost has no such kfunc (kfunc_ids.def)");
	char log[256] = "";
	struct bh_prog *p;

	CHECK_EQ("check-kfunc-known", isa_check_encoding(known, NELEM(known), NULL), 0);
	/* every kfunc is GPL-only (the kernel's add_kfunc_call) */
	{
		BH_OPTS(bh_prog_load_opts, o, .log_buf = log, .log_size = sizeof(log),
			.bh_flags = BH_PROG_LOAD_F_NO_VERIFY);

		errno = 0;
		p = bh_prog__load(BPF_PROG_TYPE_SYSCALL, known, NELEM(known), &o);
		CHECK("check-kfunc-gpl", !p && errno == EINVAL &&
			  strstr(log, "cannot call kernel function from non-GPL compatible program"));
		bh_prog__free(p);
	}
	{
		BH_OPTS(bh_prog_load_opts, o, .license = "GPL",
			.bh_flags = BH_PROG_LOAD_F_NO_VERIFY);

		p = bh_prog__load(BPF_PROG_TYPE_SYSCALL, known, NELEM(known), &o);
		CHECK("check-kfunc-gpl-ok", p != NULL);
		bh_prog__free(p);
	}
}

/* ---- Uninitialised registers ------------------------------------------------ */

/*
 * The checks above load with BH_PROG_LOAD_F_NO_VERIFY, where this pass is the
 * only guard.  A verified load skips it: the verifier refuses an uninitialised
 * read with the kernel's message and -EACCES, and only on a path that can be
 * taken (this pass also flags impossible ones).
 */
static void test_check__uninit_when_verified(void)
{
	struct bpf_insn r5[] = { MOV64X(0, 5), EXIT() };
	struct bpf_insn impossible[] = {
		MOV64K(0, 0),
		JK(JEQ, 0, 0, 1),  /* 1: always to 3 */
		MOV64X(0, 5),      /* 2: never runs */
		EXIT(),
	};
	char log[256] = "";
	BH_OPTS(bh_prog_load_opts, opts, .log_buf = log, .log_size = sizeof(log),
		.log_level = 1);
	struct bh_prog *prog;

	errno = 0;
	prog = bh_prog__load(BPF_PROG_TYPE_SYSCALL, r5, NELEM(r5), &opts);
	CHECK("check-verified-uninit-refused", !prog && errno == EACCES);
	CHECK("check-verified-uninit-log", strstr(log, "R5 !read_ok") != NULL);
	bh_prog__free(prog);
	REJECTS("check-unverified-impossible", impossible, "2: R5 !read_ok");
	prog = bh_prog__load(BPF_PROG_TYPE_SYSCALL, impossible, NELEM(impossible),
			     NULL);
	CHECK("check-verified-impossible-accepted", prog != NULL);
	bh_prog__free(prog);
}

static void test_check__uninit_r0_at_exit(void)
{
	struct bpf_insn bare[] = { EXIT() };
	struct bpf_insn sub[] = {
		CALL_LOCAL(2),  /* to 3 */
		MOV64K(0, 0),
		EXIT(),
		EXIT(),         /* 3: the subprogram returns nothing */
	};

	REJECTS("check-uninit-r0", bare, "0: R0 !read_ok");
	REJECTS("check-uninit-r0-sub", sub, "3: R0 !read_ok");
}

static void test_check__uninit_entry_args(void)
{
	struct bpf_insn r2[] = { MOV64X(0, 2), EXIT() };
	struct bpf_insn r5[] = { MOV64X(0, 5), EXIT() };
	struct bpf_insn r1[] = { MOV64X(0, 1), EXIT() };
	struct bpf_insn r6[] = { MOV64X(0, 6), EXIT() };

	REJECTS_ARGS("check-uninit-r2", r2, 1, "0: R2 !read_ok");
	REJECTS("check-uninit-r2-default", r2, "0: R2 !read_ok");
	CHECK("check-init-r2-args2", accepts(r2, NELEM(r2), 2));
	REJECTS_ARGS("check-uninit-r5", r5, 4, "0: R5 !read_ok");
	CHECK("check-init-r5-args5", accepts(r5, NELEM(r5), 5));
	CHECK("check-init-r5-args9", accepts(r5, NELEM(r5), 9)); /* clamped to 5 */
	ACCEPTS("check-init-r1", r1);
	REJECTS_ARGS("check-uninit-r6", r6, 5, "0: R6 !read_ok");
}

static void test_check__uninit_after_helper_call(void)
{
	struct bpf_insn r1[] = {
		CALL(BPF_FUNC_get_prandom_u32), MOV64X(0, 1), EXIT(),
	};
	struct bpf_insn r5[] = {
		MOV64K(5, 1), CALL(BPF_FUNC_ktime_get_ns), A64X(ADD, 0, 5), EXIT(),
	};
	/* R6..R9 survive calls; R0 holds the result */
	struct bpf_insn r6_ok[] = {
		MOV64X(6, 1), CALL(BPF_FUNC_ktime_get_ns), A64X(ADD, 0, 6), EXIT(),
	};
	/* a BPF-to-BPF call clobbers R1..R5 too */
	struct bpf_insn local[] = {
		MOV64K(2, 0),
		CALL_LOCAL(2),  /* to 4 */
		A64X(ADD, 0, 2),
		EXIT(),
		MOV64K(0, 0),
		EXIT(),
	};
	struct bpf_insn callx[] = {
		MOV64K(3, BPF_FUNC_ktime_get_ns), CALLX(3), MOV64X(0, 3), EXIT(),
	};
	struct bpf_insn ld_abs[] = {
		MOV64X(6, 1), MOV64K(4, 0), LD_ABS(B, 0), A64X(ADD, 0, 4), EXIT(),
	};

	REJECTS("check-uninit-helper-r1", r1, "1: R1 !read_ok");
	REJECTS("check-uninit-helper-r5", r5, "2: R5 !read_ok");
	ACCEPTS("check-init-helper-r6", r6_ok);
	REJECTS("check-uninit-local-r2", local, "2: R2 !read_ok");
	REJECTS("check-uninit-callx-r3", callx, "2: R3 !read_ok");
	REJECTS("check-uninit-ldabs-r4", ld_abs, "3: R4 !read_ok");
}

static void test_check__uninit_on_one_path(void)
{
	struct bpf_insn one_path[] = {
		MOV64K(0, 0),
		JK(JEQ, 1, 0, 1),  /* 1: to 3 */
		MOV64K(3, 1),
		A64X(ADD, 0, 3),   /* 3: R3 set only on the fall-through */
		EXIT(),
	};
	struct bpf_insn both_paths[] = {
		MOV64K(0, 0),
		JK(JEQ, 1, 0, 2),  /* 1: to 4 */
		MOV64K(3, 1),
		JA(1),             /* to 5 */
		MOV64K(3, 2),      /* 4 */
		A64X(ADD, 0, 3),   /* 5 */
		EXIT(),
	};
	/* R4 is written later in the loop body: unset on the first entry */
	struct bpf_insn loop[] = {
		MOV64K(0, 0),
		JK(JGT, 0, 5, 3),  /* 1: to 5 */
		A64X(ADD, 0, 4),   /* 2 */
		MOV64K(4, 1),
		JA(-4),            /* 4: to 1 */
		EXIT(),
	};
	struct bpf_insn exit_path[] = {
		JK(JEQ, 1, 0, 1),  /* to 2 */
		MOV64K(0, 0),
		EXIT(),            /* 2: R0 unset on the jump */
	};
	struct bpf_insn store_src[] = {
		MOV64K(0, 0), JK(JEQ, 1, 0, 1), MOV64K(2, 1), STX(DW, 10, 2, -8), EXIT(),
	};
	struct bpf_insn cmpxchg_r0[] = {
		MOV64K(2, 0),
		STX(DW, 10, 2, -8),
		ATOMIC(DW, 10, 2, -8, BPF_CMPXCHG),
		EXIT(),
	};

	REJECTS("check-uninit-one-path", one_path, "3: R3 !read_ok");
	ACCEPTS("check-init-both-paths", both_paths);
	REJECTS("check-uninit-loop", loop, "2: R4 !read_ok");
	REJECTS("check-uninit-exit-path", exit_path, "2: R0 !read_ok");
	REJECTS("check-uninit-store-src", store_src, "3: R2 !read_ok");
	REJECTS("check-uninit-cmpxchg", cmpxchg_r0, "2: R0 !read_ok");
}

static void test_check__uninit_in_subprogram(void)
{
	/* a subprogram starts with R1..R5 and R10 only */
	struct bpf_insn r6[] = {
		MOV64K(6, 1),
		CALL_LOCAL(1),    /* to 3 */
		EXIT(),
		MOV64X(0, 6),     /* 3 */
		EXIT(),
	};
	struct bpf_insn args_ok[] = {
		MOV64K(0, 0),
		CALL_LOCAL(1),    /* to 3 */
		EXIT(),
		MOV64X(0, 5),     /* 3 */
		A64X(ADD, 0, 1),
		EXIT(),
	};

	REJECTS("check-uninit-sub-r6", r6, "3: R6 !read_ok");
	ACCEPTS("check-init-sub-args", args_ok);
}

/* ---- Sizes and the log ------------------------------------------------------ */

static void test_check__empty_program(void)
{
	char log[128] = "x";
	struct bpf_insn one = EXIT();
	struct bh_log l;
	BH_OPTS(bh_prog_load_opts, opts, .log_buf = log, .log_size = sizeof(log));

	errno = 0;
	CHECK("check-empty-null", !bh_prog__load(BPF_PROG_TYPE_SYSCALL, NULL, 0, &opts));
	CHECK_EQ("check-empty-null-errno", errno, EINVAL);
	CHECK("check-empty-null-log", strstr(log, "program has no instructions"));
	log[0] = 'x';
	errno = 0;
	CHECK("check-empty-ptr", !bh_prog__load(BPF_PROG_TYPE_SYSCALL, &one, 0, &opts));
	CHECK_EQ("check-empty-ptr-errno", errno, EINVAL);
	CHECK("check-empty-ptr-log", strstr(log, "program has no instructions"));
	bh_log_init(&l, log, sizeof(log), 1);
	CHECK_EQ("check-empty-direct", isa_check_prog(&one, 0, 1, &l), -EINVAL);
	errno = 0;
	CHECK("check-null-insns", !bh_prog__load(BPF_PROG_TYPE_SYSCALL, NULL, 1, &opts));
	CHECK_EQ("check-null-insns-errno", errno, EINVAL);
}

static void test_check__size_limit(void)
{
	size_t n = BH_MAX_INSNS + 1;
	struct bpf_insn *insns = calloc(n, sizeof(*insns));
	struct bpf_insn mov = MOV64K(0, 0), exit_ = EXIT();
	char log[256] = "";
	struct bh_log l;
	struct bh_prog *prog;

	REQUIRE("check-size-alloc", insns);
	for (size_t i = 0; i < n; i++)
		insns[i] = mov;
	insns[n - 1] = exit_;
	errno = 0;
	CHECK("check-size-over", !bh_prog__load(BPF_PROG_TYPE_SYSCALL, insns, n, NULL));
	CHECK_EQ("check-size-over-errno", errno, E2BIG);
	bh_log_init(&l, log, sizeof(log), 1);
	CHECK_EQ("check-size-over-direct", isa_check_prog(insns, n, 1, &l), -E2BIG);
	CHECK("check-size-over-log", strstr(log, "is too large"));

	/* exactly BPF_COMPLEXITY_LIMIT_INSNS instructions load */
	insns[n - 2] = exit_;
	prog = bh_prog__load(BPF_PROG_TYPE_SYSCALL, insns, n - 1, NULL);
	CHECK("check-size-max", prog);
	if (prog) {
		size_t cnt = 0;

		bh_prog__insns(prog, &cnt);
		CHECK_EQ("check-size-max-cnt", cnt, BH_MAX_INSNS);
	}
	bh_prog__free(prog);
	free(insns);
}

/* A log that does not fit fails the load with ENOSPC, cut and NUL-terminated
 * (the encoding check's log: loaded unverified). */
static void test_check__log_too_small(void)
{
	struct bpf_insn prog[] = { EXIT() };
	static const char full[] = "0: R0 !read_ok\n";
	char log[64];
	size_t sizes[] = { 1, 2, 8, sizeof(full) - 1 };
	struct bh_prog *p;

	for (size_t i = 0; i < NELEM(sizes); i++) {
		BH_OPTS(bh_prog_load_opts, opts, .log_buf = log,
			.log_size = sizes[i], .bh_flags = BH_PROG_LOAD_F_NO_VERIFY);

		memset(log, '#', sizeof(log));
		errno = 0;
		p = bh_prog__load(BPF_PROG_TYPE_SYSCALL, prog, 1, &opts);
		CHECK("check-log-small-fails", !p);
		bh_prog__free(p);
		CHECK_EQ("check-log-small-errno", errno, ENOSPC);
		CHECK_EQ("check-log-small-nul", log[sizes[i] - 1], '\0');
		CHECK("check-log-small-prefix", !strncmp(log, full, sizes[i] - 1));
		CHECK_EQ("check-log-small-len", strlen(log), sizes[i] - 1);
		CHECK_EQ("check-log-small-untouched", log[sizes[i]], '#');
	}
	/* one more byte and the log fits: the load's own error comes back */
	{
		BH_OPTS(bh_prog_load_opts, opts, .log_buf = log,
			.log_size = sizeof(full),
			.bh_flags = BH_PROG_LOAD_F_NO_VERIFY);

		memset(log, '#', sizeof(log));
		errno = 0;
		p = bh_prog__load(BPF_PROG_TYPE_SYSCALL, prog, 1, &opts);
		CHECK("check-log-fits-fails", !p);
		bh_prog__free(p);
		CHECK_EQ("check-log-fits-errno", errno, EINVAL);
		CHECK("check-log-fits-text", !strcmp(log, full));
	}
	/* no buffer, or a size of 0: no log and no ENOSPC */
	{
		BH_OPTS(bh_prog_load_opts, opts, .log_buf = log, .log_size = 0,
			.bh_flags = BH_PROG_LOAD_F_NO_VERIFY);

		log[0] = '#';
		errno = 0;
		CHECK("check-log-zero", !bh_prog__load(BPF_PROG_TYPE_SYSCALL, prog, 1, &opts));
		CHECK_EQ("check-log-zero-errno", errno, EINVAL);
		CHECK_EQ("check-log-zero-untouched", log[0], '#');
	}
	{
		BH_OPTS(bh_prog_load_opts, opts, .log_buf = NULL, .log_size = 16,
			.bh_flags = BH_PROG_LOAD_F_NO_VERIFY);

		errno = 0;
		CHECK("check-log-null", !bh_prog__load(BPF_PROG_TYPE_SYSCALL, prog, 1, &opts));
		CHECK_EQ("check-log-null-errno", errno, EINVAL);
	}
}

/* A successful load leaves an empty, NUL-terminated log. */
static void test_check__log_empty_on_success(void)
{
	struct bpf_insn prog[] = { MOV64K(0, 0), EXIT() };
	char log[32];
	/* unverified: a verified load logs the kernel's statistics line */
	BH_OPTS(bh_prog_load_opts, opts, .log_buf = log, .log_size = sizeof(log),
		.log_level = 1, .bh_flags = BH_PROG_LOAD_F_NO_VERIFY);
	struct bh_prog *p;

	memset(log, '#', sizeof(log));
	p = bh_prog__load(BPF_PROG_TYPE_SYSCALL, prog, NELEM(prog), &opts);
	CHECK("check-log-ok-loads", p);
	CHECK_EQ("check-log-ok-empty", log[0], '\0');
	bh_prog__free(p);
}

/* ---- Options ------------------------------------------------------------------ */

static bool load_fails(const struct bh_prog_load_opts *opts, uint32_t type,
		       int want_errno)
{
	struct bpf_insn prog[] = { MOV64K(0, 0), EXIT() };
	struct bh_prog *p;

	errno = 0;
	p = bh_prog__load(type, prog, NELEM(prog), opts);
	if (p) {
		bh_prog__free(p);
		fprintf(stderr, "  loaded, want errno %d\n", want_errno);
		return false;
	}
	if (errno != want_errno)
		fprintf(stderr, "  errno %d, want %d\n", errno, want_errno);
	return errno == want_errno;
}

static void test_check__bad_opts(void)
{
	struct bpf_insn prog[] = { MOV64K(0, 0), EXIT() };
	struct {
		struct bh_prog_load_opts o;
		uint64_t tail[2];
	} big;
	char log[128];
	struct bh_prog *p;

	{
		BH_OPTS(bh_prog_load_opts, opts);

		opts.sz = 4; /* does not even cover sz */
		CHECK("check-opts-sz-small", load_fails(&opts, BPF_PROG_TYPE_SYSCALL, EINVAL));
	}
	memset(&big, 0, sizeof(big));
	big.o.sz = sizeof(big);
	p = bh_prog__load(BPF_PROG_TYPE_SYSCALL, prog, NELEM(prog), &big.o);
	CHECK("check-opts-zero-tail", p);
	bh_prog__free(p);
	big.tail[1] = 1;
	CHECK("check-opts-tail", load_fails(&big.o, BPF_PROG_TYPE_SYSCALL, EINVAL));
	{
		BH_OPTS(bh_prog_load_opts, opts, .bh_flags = 1u << 3);

		CHECK("check-opts-bh-flags", load_fails(&opts, BPF_PROG_TYPE_SYSCALL, EINVAL));
		opts.bh_flags = 1u << 31;
		CHECK("check-opts-bh-flags-hi", load_fails(&opts, BPF_PROG_TYPE_SYSCALL, EINVAL));
	}
	{
		BH_OPTS(bh_prog_load_opts, opts, .prog_flags = 1u << 30);

		CHECK("check-opts-prog-flags", load_fails(&opts, BPF_PROG_TYPE_SYSCALL, EINVAL));
	}
	{
		BH_OPTS(bh_prog_load_opts, opts, .name = "sixteen_chars_xx",
			.log_buf = log, .log_size = sizeof(log));

		CHECK("check-opts-name-long", load_fails(&opts, BPF_PROG_TYPE_SYSCALL, EINVAL));
		CHECK("check-opts-name-log", strstr(log, "program name 'sixteen_chars_xx'"));
		opts.name = "fifteen_chars_x";
		p = bh_prog__load(BPF_PROG_TYPE_SYSCALL, prog, NELEM(prog), &opts);
		CHECK("check-opts-name-15", p);
		if (p)
			CHECK("check-opts-name-kept", !strcmp(bh_prog__name(p), "fifteen_chars_x"));
		bh_prog__free(p);
	}
	{
		BH_OPTS(bh_prog_load_opts, opts, .log_buf = log, .log_size = sizeof(log));

		CHECK("check-opts-type", load_fails(&opts, 9999, EINVAL));
		CHECK("check-opts-type-log", strstr(log, "unknown program type 9999"));
		CHECK("check-opts-type-unspec", load_fails(&opts, BPF_PROG_TYPE_UNSPEC, EINVAL));
	}
	/* a caller compiled against a shorter struct: later fields read as 0 */
	{
		BH_OPTS(bh_prog_load_opts, opts, .bh_flags = BH_PROG_LOAD_F_UNCHECKED,
			.name = "ignored");

		opts.sz = offsetof(struct bh_prog_load_opts, name);
		p = bh_prog__load(BPF_PROG_TYPE_SYSCALL, prog, NELEM(prog), &opts);
		CHECK("check-opts-short", p);
		if (p) {
			/* no BH_PROG_LOAD_F_UNCHECKED: checked unless verified */
			CHECK("check-opts-short-checked", p->unchecked == p->verified);
			CHECK_EQ("check-opts-short-name", bh_prog__name(p)[0], '\0');
		}
		bh_prog__free(p);
	}
	p = bh_prog__load(BPF_PROG_TYPE_SYSCALL, prog, NELEM(prog), NULL);
	CHECK("check-opts-null", p);
	bh_prog__free(p);
}


static struct bh_prog *load_licensed(const struct bpf_insn *insns, size_t cnt,
				     const char *license, char *log, size_t log_sz)
{
	BH_OPTS(bh_prog_load_opts, opts, .license = license, .log_buf = log,
		.log_size = log_sz, .bh_flags = BH_PROG_LOAD_F_NO_VERIFY);

	return bh_prog__load(BPF_PROG_TYPE_SYSCALL, insns, cnt, &opts);
}

/* bpf_trace_printk is GPL-only: refused without a GPL-compatible licence. */
static void test_check__gpl_only_helper(void)
{
	static const char fmt_ok[] = "GPL";
	const struct bpf_insn prog[] = {
		MOV64K(1, 0), MOV64K(2, 0), CALL(BPF_FUNC_trace_printk), EXIT(),
	};
	const char *bad[] = { NULL, "Proprietary", "gpl", "" };
	const char *good[] = { fmt_ok, "GPL v2", "Dual BSD/GPL", "Dual MIT/GPL" };
	char log[256];

	for (size_t i = 0; i < NELEM(bad); i++) {
		struct bh_prog *p = load_licensed(prog, NELEM(prog), bad[i], log,
						  sizeof(log));

		CHECK("check-gpl-refused", !p && errno == EINVAL);
		CHECK("check-gpl-msg",
		      strstr(log, "cannot call GPL-restricted function from non-GPL compatible program"));
		bh_prog__free(p);
	}
	for (size_t i = 0; i < NELEM(good); i++) {
		struct bh_prog *p = load_licensed(prog, NELEM(prog), good[i], log,
						  sizeof(log));

		CHECK("check-gpl-accepted", p != NULL);
		bh_prog__free(p);
	}
}

/* ld_imm64 of a callback (BPF_PSEUDO_FUNC): the target is in the program
 * and starts a subprogram (the code before it ends with exit or ja). */
static void test_check__pseudo_func(void)
{
	const struct bpf_insn out[] = {
		LDDW_SRC(2, BPF_PSEUDO_FUNC, 5), MOV64K(0, 0), EXIT(),
	};
	const struct bpf_insn fallthrough[] = {
		LDDW_SRC(2, BPF_PSEUDO_FUNC, 1), MOV64K(0, 0), EXIT(),
	};
	const struct bpf_insn ok[] = {
		LDDW_SRC(2, BPF_PSEUDO_FUNC, 3), MOV64K(0, 0), EXIT(),
		MOV64K(0, 1), EXIT(),
	};

	REJECTS("check-pseudo-func-range", out, "callback target 6 out of range");
	REJECTS("check-pseudo-func-layout", fallthrough,
		"last insn is not an exit or jmp");
	ACCEPTS("check-pseudo-func-ok", ok);
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_check__unknown_opcode),
	BH_TEST(test_check__gpl_only_helper),
	BH_TEST(test_check__pseudo_func),
	BH_TEST(test_check__reserved_fields_alu),
	BH_TEST(test_check__reserved_fields_jmp),
	BH_TEST(test_check__reserved_fields_mem),
	BH_TEST(test_check__valid_encodings_accepted),
	BH_TEST(test_check__invalid_register),
	BH_TEST(test_check__frame_pointer_read_only),
	BH_TEST(test_check__ld_imm64_pairs),
	BH_TEST(test_check__ld_imm64_map_source),
	BH_TEST(test_check__jump_out_of_range),
	BH_TEST(test_check__jump_into_ld_imm64),
	BH_TEST(test_check__jump_across_subprograms),
	BH_TEST(test_check__last_insn_not_exit),
	BH_TEST(test_check__unknown_helper),
	BH_TEST(test_check__kfunc_call),
	BH_TEST(test_check__uninit_r0_at_exit),
	BH_TEST(test_check__uninit_entry_args),
	BH_TEST(test_check__uninit_after_helper_call),
	BH_TEST(test_check__uninit_on_one_path),
	BH_TEST(test_check__uninit_in_subprogram),
	BH_TEST(test_check__uninit_when_verified),
	BH_TEST(test_check__empty_program),
	BH_TEST(test_check__size_limit),
	BH_TEST(test_check__log_too_small),
	BH_TEST(test_check__log_empty_on_success),
	BH_TEST(test_check__bad_opts),
};

BH_TEST_MAIN(cases)
