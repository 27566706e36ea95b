/* SPDX-License-Identifier: MIT */
/*
 * isa/internal.h - instruction decoding shared by the loader's checks, the
 * disassembler and the verifier.
 */
#ifndef BH_ISA_INTERNAL_H
#define BH_ISA_INTERNAL_H

#include "core/internal.h"

#define BH_MAX_INSNS 1000000 /* BPF_COMPLEXITY_LIMIT_INSNS */
#define BH_MAX_INSNS_UNPRIV 4096 /* BPF_MAXINSNS: an unprivileged loader's limit */

/*
 * The kernel's BPF_REG_AX: a register programs cannot name (the encoding
 * check refuses it) that the rewrites after verification use as scratch
 * inside one patched sequence (verifier/fixup.c).  The interpreter has
 * room for it.
 */
#define BH_REG_AX MAX_BPF_REG

/*
 * The kernel's BPF_ADDR_PERCPU: "mov64 rD, rS" with this off (internal,
 * refused by the encoding check) makes a per-CPU address the running CPU
 * slot's: rD = rS + slot * (u32)imm, imm being the distance between two
 * slots' copies (bpfhost's per-CPU areas are per map; the kernel's
 * per-CPU offset is global).  Inlined PERCPU_ARRAY lookups use it.
 */
#define BH_ADDR_PERCPU (-1)

/* Is @code an opcode of RFC 9669 (exec/opcodes.def)? */
bool isa_opcode_valid(uint8_t code);

static inline bool isa_is_ld_imm64(const struct bpf_insn *insn)
{
	return insn->code == (BPF_LD | BPF_IMM | BPF_DW);
}

/*
 * The load-time check of a program's encoding, before anything runs it:
 * known opcodes; reserved fields zero; registers R0..R10 and R10 never
 * written; complete ld_imm64 pairs; jumps and local calls inside the
 * program, not into an ld_imm64's second half nor across subprograms; every
 * subprogram ending in exit or a jump; helpers that exist; and no register
 * read before some write on every path to it (R1..R<entry_args> and R10 are
 * set at entry, R1..R5 and R10 at a subprogram's entry).
 *
 * @return 0, or -EINVAL (-E2BIG for too many instructions) with the reason
 *         written to @log as the kernel words it.
 */
int isa_check_prog(const struct bpf_insn *insns, size_t insn_cnt,
		   uint32_t entry_args, struct bh_log *log);

/*
 * isa_check_prog() without its register-initialisation pass, for programs
 * the verifier then checks: the verifier follows only the paths that can be
 * taken (the pass also flags impossible ones) and refuses a read of an
 * uninitialised register with the kernel's "R%d !read_ok" and -EACCES.
 */
int isa_check_encoding(const struct bpf_insn *insns, size_t insn_cnt,
		       struct bh_log *log);

#endif /* BH_ISA_INTERNAL_H */
