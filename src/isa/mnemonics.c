/* SPDX-License-Identifier: MIT */
/*
 * isa/mnemonics.c - the mnemonic table (see mnemonics.h) and helper names.
 *
 * Names follow the bpf_conformance suite's assembler: a `32` suffix selects
 * the 32-bit class (add32 = BPF_ALU, jeq32 = BPF_JMP32), movsx<from><to>
 * names both widths (movsx864: 64-bit register from an 8-bit source).
 */
#include <string.h>

#include "core/internal.h"
#include "isa/mnemonics.h"

/* Row constructors.  Arguments not listed are zero. */
#define ROW(n, c, f, fl) { .name = n, .code = c, .form = f, .flags = fl }
#define ROW_OFF(n, c, f, fl, o) \
	{ .name = n, .code = c, .form = f, .flags = fl, .off = o }
#define ROW_IMM(n, c, f, i) \
	{ .name = n, .code = c, .form = f, .flags = ISA_KEY_IMM, .imm = i }
#define ROW_SRC(n, c, f, s) \
	{ .name = n, .code = c, .form = f, .flags = ISA_KEY_SRC, .src = s }

/* A two-operand ALU operation in both widths: "add" and "add32". */
#define ALU(n, op, fl, o)                                                 \
	ROW_OFF(n, BPF_ALU64 | (op), ISA_ALU, ISA_SRC_X | (fl), o),       \
	ROW_OFF(n "32", BPF_ALU | (op), ISA_ALU, ISA_SRC_X | (fl), o)

/* A conditional jump in both widths: "jeq" and "jeq32". */
#define JCC(n, op)                                             \
	ROW(n, BPF_JMP | (op), ISA_JCOND, ISA_SRC_X),          \
	ROW(n "32", BPF_JMP32 | (op), ISA_JCOND, ISA_SRC_X)

/* A load, store or store-from-register of each size. */
#define MEM4(prefix, cls, mode, form)                                     \
	ROW(prefix "w", (cls) | (mode) | BPF_W, form, 0),                 \
	ROW(prefix "h", (cls) | (mode) | BPF_H, form, 0),                 \
	ROW(prefix "b", (cls) | (mode) | BPF_B, form, 0),                 \
	ROW(prefix "dw", (cls) | (mode) | BPF_DW, form, 0)

/* The three byte-order widths of one BPF_END opcode. */
#define END3(prefix, c, fl)                                               \
	{ .name = prefix "16", .code = c, .form = ISA_END,                \
	  .flags = ISA_KEY_IMM | (fl), .imm = 16 },                       \
	{ .name = prefix "32", .code = c, .form = ISA_END,                \
	  .flags = ISA_KEY_IMM | (fl), .imm = 32 },                       \
	{ .name = prefix "64", .code = c, .form = ISA_END,                \
	  .flags = ISA_KEY_IMM | (fl), .imm = 64 }

/* An atomic operation on both sizes: "lock add" and "lock add32". */
#define ATOMIC(n, op)                                                     \
	ROW_IMM("lock " n, BPF_STX | BPF_ATOMIC | BPF_DW, ISA_ATOMIC, op), \
	ROW_IMM("lock " n "32", BPF_STX | BPF_ATOMIC | BPF_W, ISA_ATOMIC, op)

#define MOVSX(n, cls, o) \
	ROW_OFF(n, (cls) | BPF_MOV | BPF_X, ISA_MOVSX, ISA_KEY_OFF, o)

/*
 * Order matters twice: a name with two rows is looked up first to last, and
 * the disassembler prints the first row that matches, so canonical names
 * come before their aliases.
 */
static const struct isa_mnemonic isa_table[] = {
	ALU("add", BPF_ADD, 0, 0),
	ALU("sub", BPF_SUB, 0, 0),
	ALU("mul", BPF_MUL, 0, 0),
	ALU("div", BPF_DIV, ISA_KEY_OFF, 0),
	ALU("sdiv", BPF_DIV, ISA_KEY_OFF, 1),
	ALU("or", BPF_OR, 0, 0),
	ALU("and", BPF_AND, 0, 0),
	ALU("lsh", BPF_LSH, 0, 0),
	ALU("rsh", BPF_RSH, 0, 0),
	ALU("mod", BPF_MOD, ISA_KEY_OFF, 0),
	ALU("smod", BPF_MOD, ISA_KEY_OFF, 1),
	ALU("xor", BPF_XOR, 0, 0),
	ALU("mov", BPF_MOV, ISA_KEY_OFF_X, 0),
	ALU("arsh", BPF_ARSH, 0, 0),
	ROW("neg", BPF_ALU64 | BPF_NEG, ISA_NEG, 0),
	ROW("neg32", BPF_ALU | BPF_NEG, ISA_NEG, 0),
	MOVSX("movsx832", BPF_ALU, 8),
	MOVSX("movsx1632", BPF_ALU, 16),
	MOVSX("movsx864", BPF_ALU64, 8),
	MOVSX("movsx1664", BPF_ALU64, 16),
	MOVSX("movsx3264", BPF_ALU64, 32),
	END3("le", BPF_ALU | BPF_END | BPF_TO_LE, 0),
	END3("be", BPF_ALU | BPF_END | BPF_TO_BE, 0),
	END3("bswap", BPF_ALU64 | BPF_END, 0),
	/* The suite's older name of bswap (rfc9669_swap16.data). */
	END3("swap", BPF_ALU64 | BPF_END, ISA_ALIAS),

	ROW("lddw", BPF_LD | BPF_IMM | BPF_DW, ISA_LDDW, 0),
	/* Legacy packet loads: RFC 9669 defines W, H and B only. */
	ROW("ldabsw", BPF_LD | BPF_ABS | BPF_W, ISA_LDABS, 0),
	ROW("ldabsh", BPF_LD | BPF_ABS | BPF_H, ISA_LDABS, 0),
	ROW("ldabsb", BPF_LD | BPF_ABS | BPF_B, ISA_LDABS, 0),
	ROW("ldindw", BPF_LD | BPF_IND | BPF_W, ISA_LDIND, 0),
	ROW("ldindh", BPF_LD | BPF_IND | BPF_H, ISA_LDIND, 0),
	ROW("ldindb", BPF_LD | BPF_IND | BPF_B, ISA_LDIND, 0),
	MEM4("ldx", BPF_LDX, BPF_MEM, ISA_LDX),
	ROW("ldxsw", BPF_LDX | BPF_MEMSX | BPF_W, ISA_LDX, 0),
	ROW("ldxsh", BPF_LDX | BPF_MEMSX | BPF_H, ISA_LDX, 0),
	ROW("ldxsb", BPF_LDX | BPF_MEMSX | BPF_B, ISA_LDX, 0),
	MEM4("st", BPF_ST, BPF_MEM, ISA_ST),
	MEM4("stx", BPF_STX, BPF_MEM, ISA_STX),
	ATOMIC("add", BPF_ADD),
	ATOMIC("or", BPF_OR),
	ATOMIC("and", BPF_AND),
	ATOMIC("xor", BPF_XOR),
	ATOMIC("fetch add", BPF_ADD | BPF_FETCH),
	ATOMIC("fetch or", BPF_OR | BPF_FETCH),
	ATOMIC("fetch and", BPF_AND | BPF_FETCH),
	ATOMIC("fetch xor", BPF_XOR | BPF_FETCH),
	ATOMIC("xchg", BPF_XCHG),
	ATOMIC("cmpxchg", BPF_CMPXCHG),

	ROW("ja", BPF_JMP | BPF_JA, ISA_JA, 0),
	ROW("ja32", BPF_JMP32 | BPF_JA, ISA_JA32, 0),
	JCC("jeq", BPF_JEQ),
	JCC("jgt", BPF_JGT),
	JCC("jge", BPF_JGE),
	JCC("jlt", BPF_JLT),
	JCC("jle", BPF_JLE),
	JCC("jset", BPF_JSET),
	JCC("jne", BPF_JNE),
	JCC("jsgt", BPF_JSGT),
	JCC("jsge", BPF_JSGE),
	JCC("jslt", BPF_JSLT),
	JCC("jsle", BPF_JSLE),
	ROW_SRC("call", BPF_JMP | BPF_CALL, ISA_CALL, 0),
	ROW_SRC("call local", BPF_JMP | BPF_CALL, ISA_CALL_LOCAL,
		BPF_PSEUDO_CALL),
	ROW_SRC("call kfunc", BPF_JMP | BPF_CALL, ISA_CALL_KFUNC,
		BPF_PSEUDO_KFUNC_CALL),
	ROW("call", BPF_JMP | BPF_CALL | BPF_X, ISA_CALLX, 0),
	ROW("exit", BPF_JMP | BPF_EXIT, ISA_EXIT, 0),
};

const uint8_t isa_form_operands[ISA_FORM_CNT] = {
	[ISA_ALU] = 2,        [ISA_NEG] = 1,        [ISA_MOVSX] = 2,
	[ISA_END] = 1,        [ISA_LDDW] = 2,       [ISA_LDABS] = 1,
	[ISA_LDIND] = 2,      [ISA_LDX] = 2,        [ISA_ST] = 2,
	[ISA_STX] = 2,        [ISA_ATOMIC] = 2,     [ISA_JA] = 1,
	[ISA_JA32] = 1,       [ISA_JCOND] = 3,      [ISA_CALL] = 1,
	[ISA_CALL_LOCAL] = 1, [ISA_CALL_KFUNC] = 1, [ISA_CALLX] = 1,
	[ISA_EXIT] = 0,
};

#define D ISA_USES_DST
#define S ISA_USES_SRC
const uint8_t isa_form_regs[ISA_FORM_CNT] = {
	[ISA_ALU] = D | ISA_USES_SRC_X, [ISA_NEG] = D,    [ISA_MOVSX] = D | S,
	[ISA_END] = D,                  [ISA_LDDW] = D,   [ISA_LDIND] = S,
	[ISA_LDX] = D | S,              [ISA_ST] = D,     [ISA_STX] = D | S,
	[ISA_ATOMIC] = D | S,           [ISA_CALLX] = D,
	[ISA_JCOND] = D | ISA_USES_SRC_X,
};
#undef D
#undef S

const struct isa_mnemonic *isa_mnemonic_by_name(const char *name,
						bool reg_operand)
{
	for (size_t i = 0; i < BH_ARRAY_SIZE(isa_table); i++) {
		const struct isa_mnemonic *m = &isa_table[i];

		if (strcmp(m->name, name) != 0)
			continue;
		/* `call` is a helper call or, given a register, callx. */
		if ((m->form == ISA_CALLX) != reg_operand &&
		    (m->form == ISA_CALLX || m->form == ISA_CALL))
			continue;
		return m;
	}
	return NULL;
}

static bool row_matches(const struct isa_mnemonic *m,
			const struct bpf_insn *insn)
{
	uint8_t code = insn->code;

	if (m->flags & ISA_ALIAS)
		return false;
	if (m->flags & ISA_SRC_X)
		code &= (uint8_t)~BPF_X;
	if (code != m->code)
		return false;
	if ((m->flags & ISA_KEY_OFF) && insn->off != m->off)
		return false;
	if ((m->flags & ISA_KEY_OFF_X) && BPF_SRC(insn->code) == BPF_X &&
	    insn->off != m->off)
		return false;
	if ((m->flags & ISA_KEY_IMM) && insn->imm != m->imm)
		return false;
	if ((m->flags & ISA_KEY_SRC) && insn->src_reg != m->src)
		return false;
	return true;
}

bool isa_opcode_known(uint8_t code)
{
	for (size_t i = 0; i < BH_ARRAY_SIZE(isa_table); i++) {
		const struct isa_mnemonic *m = &isa_table[i];
		uint8_t mask = (m->flags & ISA_SRC_X) ? (uint8_t)~BPF_X : 0xff;

		if ((code & mask) == m->code)
			return true;
	}
	return false;
}

const struct isa_mnemonic *isa_mnemonic_of(const struct bpf_insn *insn)
{
	for (size_t i = 0; i < BH_ARRAY_SIZE(isa_table); i++)
		if (row_matches(&isa_table[i], insn))
			return &isa_table[i];
	return NULL;
}

const struct isa_pseudo isa_pseudo_table[] = {
	{ BPF_PSEUDO_MAP_FD, "map[fd:", NULL },
	{ BPF_PSEUDO_MAP_VALUE, "map[fd:", "[0]+" },
	{ BPF_PSEUDO_BTF_ID, "btf_id[", NULL },
	{ BPF_PSEUDO_FUNC, "subprog[", NULL },
	{ BPF_PSEUDO_MAP_IDX, "map[idx:", NULL },
	{ BPF_PSEUDO_MAP_IDX_VALUE, "map[idx:", "+" },
	{ 0, NULL, NULL },
};

const struct isa_pseudo *isa_pseudo_of(uint8_t src)
{
	for (const struct isa_pseudo *p = isa_pseudo_table; p->prefix; p++)
		if (p->src == src)
			return p;
	return NULL;
}

#define BH_HELPER_ID(name, id) [id] = "bpf_" #name,
static const char *const helper_names[] = {
#include <bpfhost/helper_ids.def>
};
#undef BH_HELPER_ID

const char *isa_helper_name(int32_t id)
{
	if (id < 0 || (size_t)id >= BH_ARRAY_SIZE(helper_names))
		return NULL;
	return helper_names[id];
}

#define BH_KFUNC_ID(name, id) [id] = "bpf_" #name,
static const char *const kfunc_names[] = {
#include <bpfhost/kfunc_ids.def>
};
#undef BH_KFUNC_ID

const char *isa_kfunc_name(int32_t id)
{
	if (id < 0 || (size_t)id >= BH_ARRAY_SIZE(kfunc_names))
		return NULL;
	return kfunc_names[id];
}
