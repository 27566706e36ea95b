/* SPDX-License-Identifier: MIT */
/*
 * exec/callback.h - BPF callbacks (ld_imm64 BPF_PSEUDO_FUNC) called from
 * helpers (callback.c).
 */
#ifndef BH_EXEC_CALLBACK_H
#define BH_EXEC_CALLBACK_H

#include "exec/internal.h"
#include "progs/internal.h"

/*
 * At load, after the check: rewrite every ld_imm64 BPF_PSEUDO_FUNC of
 * @insns (the program's own copy) to the address of its target instruction.
 */
void exec_resolve_callbacks(struct bpf_insn *insns, size_t insn_cnt);

/* The instruction index of callback address @fn in env->prog, or -EINVAL. */
long exec_callback_index(const struct bh_exec_env *env, uint64_t fn);

/*
 * A callback of the running program, set up once for the many calls a
 * helper makes of it (bpf_loop, for_each_map_elem, user_ringbuf_drain):
 * the shadow program starting at the callback and the nested run's env.
 * Lives on the helper's stack for the helper's call.
 */
struct exec_callback {
	struct bh_exec_env *env;       /* the caller's run */
	const struct bh_prog *caller;  /* env->prog when prepared */
	uint32_t insn_idx;
	unsigned int region_cnt;       /* sub's regions at each call's start */
	struct bh_prog shadow;
	struct bh_exec_env sub;
};

/*
 * Prepare @cb to call the callback at @insn_idx of env->prog, nested in the
 * run @env and in its mode (a checked callback may use the caller's stack
 * and regions as they are now).  0, or -EINVAL / -E2BIG.
 */
int exec_callback_prepare(struct exec_callback *cb, struct bh_exec_env *env,
			  uint32_t insn_idx);

/* Checked callbacks: memory the next call may also access (a key, a
 * sample); forgotten after that call.  0 (nothing to do when unchecked),
 * or -E2BIG. */
int exec_callback_add_region(struct exec_callback *cb, const void *start,
			     size_t size, bool writable);

/*
 * Call the prepared callback with R1..R5 = @args.  Returns 0 with *@r0
 * set, or the callback's fault, which also becomes the caller's fault so
 * that a checked caller stops.
 */
int exec_callback_call(struct exec_callback *cb, const uint64_t args[5],
		       uint64_t *r0);

/*
 * Run the callback at @insn_idx of @prog (its origin's numbering) as a run
 * of its own, not nested in another: an async callback (bpf_timer).  The
 * caller prepared @env (args, regions) and holds a CPU slot, the RCU read
 * lock and a reference on @prog.  Returns 0 with *@r0 set, or the fault.
 */
int exec_run_async(struct bh_prog *prog, uint32_t insn_idx,
		   struct bh_exec_env *env, uint64_t *r0);

#endif /* BH_EXEC_CALLBACK_H */
