/* SPDX-License-Identifier: MIT */
/*
 * isa/mnemonics.h - the one table of assembler mnemonics, shared by the
 * assembler (name -> encoding) and the disassembler (encoding -> name).
 *
 * Each row names one operation and the operand layout ("form") its text
 * takes.  The row's opcode is complete except, for rows flagged ISA_SRC_X,
 * the source bit: `add` covers 0x07 (add %r0, 1) and 0x0f (add %r0, %r1),
 * and the operand's shape picks which.  Some operations share an opcode and
 * differ in another field (the "key"): sdiv is div with off 1, movsx864 is
 * mov with off 8, be16 is BPF_END with imm 16, `lock fetch add` is an atomic
 * with imm BPF_ADD | BPF_FETCH, `call local` is a call with src 1.  A row
 * says which fields are its key; the disassembler finds the row whose opcode
 * and key fields all match, so an encoding without a row is not a BPF
 * instruction.
 */
#ifndef BH_ISA_MNEMONICS_H
#define BH_ISA_MNEMONICS_H

#include <stdbool.h>
#include <stdint.h>

#include <bpfhost/uapi.h>

/* Operand layout of a mnemonic, in the assembler's syntax. */
enum isa_form {
	ISA_ALU,        /* add %rD, %rS | imm */
	ISA_NEG,        /* neg %rD */
	ISA_MOVSX,      /* movsx864 %rD, %rS  (off = source width) */
	ISA_END,        /* be16 %rD           (imm = width) */
	ISA_LDDW,       /* lddw %rD, imm64 | map[fd:N] ... (two slots) */
	ISA_LDABS,      /* ldabsw imm */
	ISA_LDIND,      /* ldindw %rS, imm */
	ISA_LDX,        /* ldxw %rD, [%rS+off] */
	ISA_ST,         /* stw [%rD+off], imm */
	ISA_STX,        /* stxw [%rD+off], %rS */
	ISA_ATOMIC,     /* lock add [%rD+off], %rS */
	ISA_JA,         /* ja target          (off) */
	ISA_JA32,       /* ja32 target        (imm, "gotol") */
	ISA_JCOND,      /* jeq %rD, %rS | imm, target */
	ISA_CALL,       /* call imm           (helper id) */
	ISA_CALL_LOCAL, /* call local target  (imm, BPF_PSEUDO_CALL) */
	ISA_CALL_KFUNC, /* call kfunc imm     (BPF_PSEUDO_KFUNC_CALL) */
	ISA_CALLX,      /* call %rD           (register in dst_reg) */
	ISA_EXIT,       /* exit */
	ISA_FORM_CNT,
};

/* Row flags. */
enum {
	ISA_SRC_X = 1 << 0,     /* BPF_K and BPF_X forms; the operand picks */
	ISA_KEY_OFF = 1 << 1,   /* off is part of the operation (sdiv) */
	ISA_KEY_OFF_X = 1 << 2, /* ... in the BPF_X form only (mov, movsx) */
	ISA_KEY_IMM = 1 << 3,   /* imm is part of the operation (be16) */
	ISA_KEY_SRC = 1 << 4,   /* src_reg is part of the operation (call) */
	ISA_ALIAS = 1 << 5,     /* accepted by the assembler, never printed */
};

struct isa_mnemonic {
	const char *name; /* "add", "lock fetch add32", "call local" */
	uint8_t code;     /* opcode; BPF_K variant for ISA_SRC_X rows */
	uint8_t form;     /* enum isa_form */
	uint8_t flags;
	uint8_t src;      /* key value of src_reg (ISA_KEY_SRC) */
	int16_t off;      /* key value of off (ISA_KEY_OFF[_X]) */
	int32_t imm;      /* key value of imm (ISA_KEY_IMM) */
};

/* Operands each form takes in the assembler's syntax. */
extern const uint8_t isa_form_operands[ISA_FORM_CNT];

/* Register fields each form reads or writes. */
enum {
	ISA_USES_DST = 1 << 0,
	ISA_USES_SRC = 1 << 1,
	ISA_USES_SRC_X = 1 << 2, /* src_reg, in the BPF_X variant only */
};
extern const uint8_t isa_form_regs[ISA_FORM_CNT];

/*
 * The row named @name.  @reg_operand says whether the first operand is a
 * register: it separates `call 5` (helper) from `call %r2` (callx), the one
 * name with two rows.  NULL when no row has the name.
 */
const struct isa_mnemonic *isa_mnemonic_by_name(const char *name,
						bool reg_operand);

/* The row describing @insn, or NULL when it is not a BPF instruction. */
const struct isa_mnemonic *isa_mnemonic_of(const struct bpf_insn *insn);

/*
 * ld_imm64 with a pseudo source (RFC 9669 table 6).  Both syntaxes write
 * the second operand as bpftool prints it:
 *
 *   map[fd:N]        src 1  the map with fd N
 *   map[fd:N][0]+M   src 2  address M bytes into the value of map N
 *   btf_id[N]        src 3  the variable with BTF id N
 *   subprog[T]       src 4  address of the code at target T (+N, or a label)
 *   map[idx:N]       src 5  the map at index N of the program's maps
 *   map[idx:N]+M     src 6  address M bytes into that map's value
 *
 * The text is prefix, N, "]", then sep and M (the second slot's imm) when
 * sep is not NULL.  Rows sharing a prefix are told apart by what follows
 * the "]".
 */
struct isa_pseudo {
	uint8_t src;
	const char *prefix;
	const char *sep;
};

/* Ends with a row whose prefix is NULL. */
extern const struct isa_pseudo isa_pseudo_table[];

/* The row for ld_imm64 source @src, or NULL when @src is no pseudo. */
const struct isa_pseudo *isa_pseudo_of(uint8_t src);

/*
 * Whether some row has opcode @code, whatever its key fields: tells "not an
 * opcode" from "an opcode with an off/imm/src that names no operation".
 */
bool isa_opcode_known(uint8_t code);

/* "bpf_map_lookup_elem" for helper id 1; NULL for an unknown id. */
const char *isa_helper_name(int32_t id);
/* "bpf_dynptr_size" for bpfhost's kfunc id (kfunc_ids.def), or NULL */
const char *isa_kfunc_name(int32_t id);

#endif /* BH_ISA_MNEMONICS_H */
