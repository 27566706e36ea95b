/* SPDX-License-Identifier: MIT */
/*
 * exec/callback.c - running a BPF callback (a subprogram whose address a
 * program passed to a helper with ld_imm64 BPF_PSEUDO_FUNC) from inside
 * that helper, with the interpreter of the running program.
 *
 * The load rewrites each BPF_PSEUDO_FUNC ld_imm64 to the address of its
 * target instruction (as the kernel does with the subprogram's address);
 * the helper turns it back into an index with exec_callback_index() and
 * calls exec_call_subprog().  The callback runs as a nested run of the
 * same program starting at that instruction, in the same mode (checked or
 * not), on a stack of its own; a checked callback may access the caller's
 * stack and regions (its context usually lives on the caller's stack).
 */
#include <string.h>

#include "exec/callback.h"
#include "progs/internal.h"

/* exec_call_subprog() copies a program from its object header on. */
_Static_assert(offsetof(struct bh_prog, obj) == 0, "object header first");

void exec_resolve_callbacks(struct bpf_insn *insns, size_t insn_cnt)
{
	for (size_t pc = 0; pc + 1 < insn_cnt; pc++) {
		struct bpf_insn *insn = &insns[pc];
		uintptr_t addr;

		if (insn->code != (BPF_LD | BPF_IMM | BPF_DW))
			continue;
		if (insn->src_reg == BPF_PSEUDO_FUNC) {
			/* the loader's check put the target inside the program */
			addr = (uintptr_t)&insns[(long)pc + insn->imm + 1];
			insn[0].imm = (int32_t)(uint32_t)addr;
			insn[1].imm = (int32_t)(uint32_t)((uint64_t)addr >> 32);
		}
		pc++;
	}
}

/* The loaded program a run's code belongs to (a callback runs a copy). */
static const struct bh_prog *origin_of(const struct bh_prog *prog)
{
	return prog->origin ? prog->origin : prog;
}

long exec_callback_index(const struct bh_exec_env *env, uint64_t fn)
{
	const struct bh_prog *prog = env && env->prog ? origin_of(env->prog) : NULL;
	uintptr_t start, off;

	if (!prog)
		return -EINVAL;
	start = (uintptr_t)prog->insns;
	off = (uintptr_t)fn - start;
	if ((uintptr_t)fn < start || off % sizeof(struct bpf_insn) ||
	    off / sizeof(struct bpf_insn) >= prog->insn_cnt)
		return -EINVAL;
	return (long)(off / sizeof(struct bpf_insn));
}

/*
 * A program that starts at the callback @insn_idx of @prog's origin.
 * Everything after the object header is immutable after load, so copying
 * it races with nothing; the object part stays zero (never published:
 * copying it would race with reference counting).
 */
static void make_shadow(struct bh_prog *shadow, const struct bh_prog *prog,
			uint32_t insn_idx)
{
	prog = origin_of(prog);
	memset(&shadow->obj, 0, sizeof(shadow->obj));
	memcpy((char *)shadow + sizeof(shadow->obj),
	       (const char *)prog + sizeof(prog->obj),
	       sizeof(*prog) - sizeof(prog->obj));
	shadow->insns = prog->insns + insn_idx;
	shadow->insn_cnt = prog->insn_cnt - insn_idx;
	/* references and callback indexes go to the loaded program, never to
	 * this copy (whose object header is zero) */
	shadow->origin = (struct bh_prog *)prog;
}

int exec_call_subprog(struct bh_exec_env *env, uint32_t insn_idx,
		      const uint64_t args[5], uint64_t *r0)
{
	const struct bh_prog *prog = env->prog;
	struct bh_prog shadow;
	struct bh_exec_env sub;
	int ret;

	if (insn_idx >= origin_of(prog)->insn_cnt)
		return -EINVAL;
	make_shadow(&shadow, prog, insn_idx);

	memset(&sub, 0, sizeof(sub));
	sub.prog = &shadow;
	memcpy(sub.args, args, sizeof(sub.args));
	memcpy(sub.regions, env->regions, env->region_cnt * sizeof(env->regions[0]));
	sub.region_cnt = env->region_cnt;
	sub.pkt = env->pkt;
	sub.pkt_len = env->pkt_len;
	sub.tail_call_cnt = env->tail_call_cnt;
	/* a checked run's callbacks run checked too, even of a verified
	 * program (hooks force checks: their context is a raw buffer) */
	sub.force_checked = env->checked;
	if (env->checked) {
		ret = exec_add_region(&sub, (const void *)env->stack_lo,
				      env->stack_hi - env->stack_lo, true);
		if (ret)
			return ret;
	}
	ret = exec_run(&sub, r0);
	env->insn_cnt += sub.insn_cnt;
	if (ret) {
		/* the caller's run ends with the callback's fault, at a pc of
		 * the caller's program (itself a copy when callbacks nest) */
		env->fault = ret;
		env->fault_what = sub.fault_what;
		env->fault_pc = sub.prog == &shadow
					? sub.fault_pc + insn_idx -
						  (uint32_t)(prog->insns - origin_of(prog)->insns)
					: sub.fault_pc;
	}
	return ret;
}

int exec_run_async(struct bh_prog *prog, uint32_t insn_idx,
		   struct bh_exec_env *env, uint64_t *r0)
{
	struct bh_prog shadow;
	int ret;

	if (insn_idx >= origin_of(prog)->insn_cnt)
		return -EINVAL;
	make_shadow(&shadow, prog, insn_idx);
	env->prog = &shadow;
	ret = exec_run(env, r0);
	if (ret && env->prog == &shadow)
		env->fault_pc += insn_idx;
	env->prog = NULL; /* the shadow dies here */
	return ret;
}
