/* SPDX-License-Identifier: MIT */
/*
 * bpfhost/isa.h - assembler and disassembler for BPF instructions.
 *
 * The assembler reads the text syntax of the bpf_conformance suite
 * (`mov32 %r0, 1`, `ldxdw %r0, [%r1+2]`, `lock fetch add [%r10-8], %r1`,
 * `call local f`, labels ending in ':', '#' comments).  The disassembler
 * prints either the kernel's style (as `bpftool prog dump xlated` does:
 * `r0 = *(u32 *)(r1 +4)`) or the assembler's syntax, so that text survives a
 * round trip.
 *
 * Thread-safety: every function here is reentrant; none keeps state.
 */
#ifndef BPFHOST_ISA_H
#define BPFHOST_ISA_H

#include <stdio.h>
#include "common.h"

struct bpf_insn;

/**
 * Assemble @text into instructions.
 *
 * @param text     NUL-terminated source, one instruction or label per line.
 * @param insns    On success, a malloc'ed array the caller frees with free().
 * @param insn_cnt On success, the number of 8-byte instruction slots
 *                 (ld_imm64 takes two).
 * @param err      Buffer for a message naming the line and the problem
 *                 ("line 3: Invalid register '%r50'"); may be NULL.
 * @param err_sz   Size of @err.
 * @return 0 on success; -EINVAL on a syntax error (bad mnemonic, register,
 *         operand count, label, offset or immediate out of range; message in
 *         @err); -ENOMEM when out of memory.  The outputs are untouched on
 *         failure.
 */
BH_API int bh_asm__parse(const char *text, struct bpf_insn **insns,
			 size_t *insn_cnt, char *err, size_t err_sz);

enum bh_disasm_syntax {
	BH_DISASM_KERNEL = 0, /* `r0 = *(u32 *)(r1 +4)`, bpftool's xlated text */
	BH_DISASM_ASM = 1,    /* `ldxw %r0, [%r1+4]`, bh_asm__parse's input */
};

/**
 * Disassemble the instruction at @pc into @buf (no trailing newline, no
 * "pc: (op)" prefix).
 *
 * @param insns    The program.
 * @param insn_cnt Number of slots in @insns.
 * @param pc       Index of the instruction to print.
 * @param syntax   enum bh_disasm_syntax.
 * @param buf      Output buffer, always NUL-terminated when @buf_sz > 0.
 * @param buf_sz   Size of @buf; text is truncated to fit.
 * @return the number of slots the instruction takes (1, or 2 for
 *         ld_imm64) on success; -EINVAL for an opcode that is not a BPF
 *         instruction or an ld_imm64 cut short by the end of the program
 *         (@buf then holds a description such as "invalid opcode 0xff").
 */
BH_API int bh_disasm__insn(const struct bpf_insn *insns, size_t insn_cnt,
			   size_t pc, int syntax, char *buf, size_t buf_sz);

/**
 * Print a whole program, one instruction a line.  In the kernel syntax each
 * line reads "%4u: (%02x) text" as bpftool prints it; in the assembler
 * syntax jump and call targets are written as labels ("L12:") so that the
 * output assembles back to the same instructions.
 *
 * @return 0, or -EINVAL when an instruction cannot be decoded (the lines
 *         before it are printed), or -EIO when writing to @out fails.
 */
BH_API int bh_disasm__prog(const struct bpf_insn *insns, size_t insn_cnt,
			   int syntax, FILE *out);

#endif /* BPFHOST_ISA_H */
