/* SPDX-License-Identifier: MIT */
/*
 * exec/callback.c - running a BPF callback (a subprogram whose address a
 * program passed to a helper with ld_imm64 BPF_PSEUDO_FUNC) from inside
 * that helper, with the interpreter of the running program.
 *
 * The load rewrites each BPF_PSEUDO_FUNC ld_imm64 to the address of its
 * target instruction (as the kernel does with the subprogram's address);
 * the helper turns it back into an index with exec_callback_index(),
 * prepares the callback once (exec_callback_prepare()) and calls it as
 * often as it needs (exec_callback_call()).  The callback runs as a nested run of the
 * same program starting at that instruction, in the same mode (checked or
 * not), on a stack of its own; a checked callback may access the caller's
 * stack and regions (its context usually lives on the caller's stack).
 */
#include <string.h>

#include "exec/callback.h"
#include "progs/internal.h"

/* make_shadow() copies a program from its object header on. */
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

int exec_callback_prepare(struct exec_callback *cb, struct bh_exec_env *env,
			  uint32_t insn_idx)
{
	struct bh_exec_env *sub = &cb->sub;

	if (insn_idx >= origin_of(env->prog)->insn_cnt)
		return -EINVAL;
	cb->env = env;
	cb->caller = env->prog;
	cb->insn_idx = insn_idx;
	make_shadow(&cb->shadow, env->prog, insn_idx);
	/* every field the interpreter reads is set here or in _call(); the
	 * regions only for a checked run (the 384 bytes are not cleared) */
	sub->prog = &cb->shadow;
	sub->region_cnt = 0;
	sub->pkt = env->pkt;
	sub->pkt_len = env->pkt_len;
	sub->pkt_head = env->pkt_head;
	sub->pkt_mac = env->pkt_mac;
	sub->pkt_net = env->pkt_net;
	sub->tail_call_cnt = env->tail_call_cnt;
	sub->fault = 0;
	sub->fault_pc = 0;
	sub->fault_what = NULL;
	sub->insn_cnt = 0;
	sub->stack_lo = sub->stack_hi = 0;
	sub->checked = false;
	/* a checked run's callbacks run checked too, even of a verified
	 * program (hooks force checks: their context is a raw buffer) */
	sub->force_checked = env->checked;
	if (env->checked) {
		int ret;

		memcpy(sub->regions, env->regions,
		       env->region_cnt * sizeof(env->regions[0]));
		sub->region_cnt = env->region_cnt;
		ret = exec_add_region(sub, (const void *)env->stack_lo,
				      env->stack_hi - env->stack_lo, true);
		if (ret)
			return ret;
	}
	cb->region_cnt = sub->region_cnt;
	return 0;
}

int exec_callback_add_region(struct exec_callback *cb, const void *start,
			     size_t size, bool writable)
{
	if (!cb->sub.force_checked)
		return 0;
	return exec_add_region(&cb->sub, start, size, writable);
}

int exec_callback_call(struct exec_callback *cb, const uint64_t args[5],
		       uint64_t *r0)
{
	struct bh_exec_env *env = cb->env, *sub = &cb->sub;
	int ret;

	memcpy(sub->args, args, sizeof(sub->args));
	ret = exec_run(sub, r0);
	env->insn_cnt += sub->insn_cnt;
	sub->insn_cnt = 0;
	if (ret) {
		/* the caller's run ends with the callback's fault, at a pc of
		 * the caller's program (itself a copy when callbacks nest) */
		const struct bh_prog *prog = cb->caller;

		env->fault = ret;
		env->fault_what = sub->fault_what;
		env->fault_pc = sub->prog == &cb->shadow
					? sub->fault_pc + cb->insn_idx -
						  (uint32_t)(prog->insns - origin_of(prog)->insns)
					: sub->fault_pc;
	}
	/* the next call starts as this one did: the callback's own regions
	 * (values it looked up) and a tail call's program are forgotten */
	sub->prog = &cb->shadow;
	sub->region_cnt = cb->region_cnt;
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
