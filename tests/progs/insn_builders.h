/* SPDX-License-Identifier: MIT */
/*
 * tests/progs/insn_builders.h - instruction builders for the program-type
 * and helper tests (test-local, like the kernel's BPF_* macros).
 */
#ifndef BH_TESTS_INSN_BUILDERS_H
#define BH_TESTS_INSN_BUILDERS_H

#define INSN(c, d, s, o, i)                                                 \
	{ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) }
#define A64K(op, d, i) INSN(BPF_ALU64 | BPF_##op | BPF_K, d, 0, 0, i)
#define A64X(op, d, s) INSN(BPF_ALU64 | BPF_##op | BPF_X, d, s, 0, 0)
#define MOV64K(d, i) A64K(MOV, d, i)
#define MOV64X(d, s) A64X(MOV, d, s)
#define LDDW(d, v)                                                          \
	INSN(BPF_LD | BPF_IMM | BPF_DW, d, 0, 0,                            \
	     (int32_t)(uint32_t)(uint64_t)(v)),                             \
	INSN(0, 0, 0, 0, (int32_t)(uint32_t)((uint64_t)(v) >> 32))
#define LD_FUNC(d, off) INSN(BPF_LD | BPF_IMM | BPF_DW, d, BPF_PSEUDO_FUNC, 0, off), \
	INSN(0, 0, 0, 0, 0)
#define LDX(sz, d, s, o) INSN(BPF_LDX | BPF_MEM | BPF_##sz, d, s, o, 0)
#define STX(sz, d, s, o) INSN(BPF_STX | BPF_MEM | BPF_##sz, d, s, o, 0)
#define ST(sz, d, o, i) INSN(BPF_ST | BPF_MEM | BPF_##sz, d, 0, o, i)
#define LDABS(sz, i) INSN(BPF_LD | BPF_ABS | BPF_##sz, 0, 0, 0, i)
#define JK(op, d, i, o) INSN(BPF_JMP | BPF_##op | BPF_K, d, 0, o, i)
#define JX(op, d, s, o) INSN(BPF_JMP | BPF_##op | BPF_X, d, s, o, 0)
#define JA(o) INSN(BPF_JMP | BPF_JA, 0, 0, o, 0)
#define CALL(id) INSN(BPF_JMP | BPF_CALL, 0, 0, 0, id)
#define EXIT() INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#endif /* BH_TESTS_INSN_BUILDERS_H */
