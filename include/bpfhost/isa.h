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
 * One instruction per line: `mnemonic op, op, ...`.  Registers are %r0..%r10;
 * memory operands [%rN], [%rN+off], [%rN-off]; numbers decimal or 0x-hex
 * with an optional sign.  An immediate must fit 32 bits (decimal in
 * [-2^31, 2^31-1], hex up to 0xffffffff, read as the bit pattern); offsets
 * must fit s16 in either base.  Jump and call targets are +N/-N (slots from
 * the next instruction) or a label; `label:` starts a line, alone or before
 * an instruction; a label "exit" not defined names the first exit, as in the
 * suite's assembler.  '#' starts a comment.
 *
 * Mnemonics: add sub mul div sdiv mod smod or and lsh rsh arsh xor mov neg
 * (a `32` suffix selects ALU32), movsx832 movsx1632 movsx864 movsx1664
 * movsx3264, le16/32/64 be16/32/64, bswap16/32/64 (alias swap16/32/64),
 * ldx{b,h,w,dw} ldxs{b,h,w}, st{b,h,w,dw}, stx{b,h,w,dw}, `lock [fetch]
 * add|or|and|xor[32]`, `lock xchg[32]`, `lock cmpxchg[32]`, ldabs{b,h,w},
 * ldind{b,h,w} (`ldindw %rS, imm`), ja, ja32 (gotol), jeq jgt jge jlt jle
 * jset jne jsgt jsge jslt jsle (+32 for JMP32), `call N` (helper),
 * `call local TARGET`, `call kfunc N`, `call %rN` (callx), exit, and
 * `lddw %rD, IMM64` whose operand may instead be a pseudo source written as
 * bpftool prints it: map[fd:N], map[fd:N][0]+OFF, btf_id[N], subprog[TARGET],
 * map[idx:N], map[idx:N]+OFF.
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
 *         @err), for a program without instructions, or when @text, @insns
 *         or @insn_cnt is NULL; -ENOMEM when out of memory.  The outputs are
 *         untouched on failure.
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
 * Fields an operation does not use (src_reg of an immediate add, say) are
 * not printed: refusing them is the loader's job.  In the assembler syntax,
 * targets are printed as +N/-N; only bh_disasm__prog() writes labels.
 *
 * @param insns    The program.
 * @param insn_cnt Number of slots in @insns.
 * @param pc       Index of the instruction to print.
 * @param syntax   enum bh_disasm_syntax.
 * @param buf      Output buffer, always NUL-terminated when @buf_sz > 0; may
 *                 be NULL when @buf_sz is 0.
 * @param buf_sz   Size of @buf; text is truncated to fit.
 * @return the number of slots the instruction takes (1, or 2 for
 *         ld_imm64) on success; -EINVAL for an instruction that is not a
 *         BPF instruction (unknown opcode; an off, imm or src_reg that names
 *         no operation, such as div with off 2; a register above r10), an
 *         ld_imm64 cut short by the end of the program or with a bad second
 *         slot, or a bad argument (@insns NULL, @pc out of range, unknown
 *         @syntax).  @buf then holds a description such as
 *         "invalid opcode 0xff".
 */
BH_API int bh_disasm__insn(const struct bpf_insn *insns, size_t insn_cnt,
			   size_t pc, int syntax, char *buf, size_t buf_sz);

/**
 * Print a whole program, one instruction a line.  In the kernel syntax each
 * line reads "%4u: (%02x) text" as bpftool prints it; in the assembler
 * syntax jump and call targets are written as labels ("L12:") so that the
 * output assembles back to the same instructions.
 *
 * A jump into the middle of an ld_imm64 keeps its numeric offset, and a
 * jump just past the last instruction gets a label on a final line.
 *
 * @return 0, or -EINVAL when an instruction cannot be decoded (the lines
 *         before it are printed) or an argument is bad (@out NULL, @insns
 *         NULL with @insn_cnt > 0, unknown @syntax), -ENOMEM when the label
 *         table cannot be allocated, or -EIO when writing to @out fails.
 */
BH_API int bh_disasm__prog(const struct bpf_insn *insns, size_t insn_cnt,
			   int syntax, FILE *out);

#endif /* BPFHOST_ISA_H */
