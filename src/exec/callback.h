/* SPDX-License-Identifier: MIT */
/*
 * exec/callback.h - BPF callbacks (ld_imm64 BPF_PSEUDO_FUNC) called from
 * helpers (callback.c).
 */
#ifndef BH_EXEC_CALLBACK_H
#define BH_EXEC_CALLBACK_H

#include "exec/internal.h"

/*
 * At load, after the check: rewrite every ld_imm64 BPF_PSEUDO_FUNC of
 * @insns (the program's own copy) to the address of its target instruction.
 */
void exec_resolve_callbacks(struct bpf_insn *insns, size_t insn_cnt);

/* The instruction index of callback address @fn in env->prog, or -EINVAL. */
long exec_callback_index(const struct bh_exec_env *env, uint64_t fn);

/*
 * Run the callback at @insn_idx of env->prog with R1..R5 = @args, nested in
 * the run @env (same mode; a checked callback may use the caller's stack
 * and regions).  Returns 0 with *@r0 set, or the callback's fault, which
 * also becomes @env's fault so a checked caller stops.
 */
int exec_call_subprog(struct bh_exec_env *env, uint32_t insn_idx,
		      const uint64_t args[5], uint64_t *r0);

/*
 * Run the callback at @insn_idx of @prog (its origin's numbering) as a run
 * of its own, not nested in another: an async callback (bpf_timer).  The
 * caller prepared @env (args, regions) and holds a CPU slot, the RCU read
 * lock and a reference on @prog.  Returns 0 with *@r0 set, or the fault.
 */
int exec_run_async(struct bh_prog *prog, uint32_t insn_idx,
		   struct bh_exec_env *env, uint64_t *r0);

#endif /* BH_EXEC_CALLBACK_H */
