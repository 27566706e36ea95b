/* SPDX-License-Identifier: MIT */
/*
 * verifier/iter.c - open-coded iterators on the stack, as the kernel's
 * verifier tracks them (process_iter_arg, process_iter_next_call).
 *
 * A struct bpf_iter_num is one 8-byte slot at a constant, aligned stack
 * offset, all bytes STACK_ITER, whose spilled register says its state,
 * its id, the reference it holds from new() to destroy() (an iterator left
 * alive at exit is an unreleased reference), and its depth: how many
 * elements next() has given on this path.
 *
 *   new(it, ...)    uninitialised slot -> ACTIVE, depth 0, a reference
 *   next(it)        ACTIVE: two paths.  NULL, the iterator DRAINED (this
 *                   path); or an element (R0: 4 read-only bytes), ACTIVE,
 *                   depth + 1 (pushed).  DRAINED: NULL again.
 *   destroy(it)     any initialised iterator -> the slot is free again
 *
 * A loop around next() would never end for the verifier: next() is a
 * loop entry (BH_LOOP_ENTRY, as a callback's helper call): the scalars the
 * previous iteration changed and no check needed are widened
 * (widen_imprecise_scalars), and prune.c stops the path when an earlier
 * iteration's unfinished state there covers it (loop_entry_covered: the
 * kernel's convergence of iterator loops in is_state_visited).  The depth
 * tells two iterations apart for the infinite-loop check (the kernel's
 * iter_active_depths_differ).
 */
#include <string.h>

#include "helpers/internal.h"
#include "verifier/internal.h"

static struct bh_func_state *reg_frame(struct bh_verifier_env *env,
				       const struct bh_reg *reg)
{
	return env->cur->frame[reg->frameno];
}

/* The iterator's slot (the kernel's stack_slot_obj_get_spi): -EINVAL
 * (logged) for a variable or misaligned offset, -ERANGE when the slot is
 * not tracked yet. */
static int iter_get_spi(struct bh_verifier_env *env, const struct bh_reg *reg)
{
	int64_t off;
	int spi;

	if (!tnum_is_const(reg->var_off)) {
		verbose(env, "iter has to be at a constant offset\n");
		return -EINVAL;
	}
	off = (int64_t)reg->off + (int64_t)reg->var_off.value;
	if (off < -BH_MAX_BPF_STACK)
		return -ERANGE; /* the stack access check says why */
	if (off % BH_REG_SIZE || off > -BH_REG_SIZE) {
		verbose(env, "cannot pass in iter at an offset=%lld\n", (long long)off);
		return -EINVAL;
	}
	spi = (int)((-off - 1) / BH_REG_SIZE);
	if (spi >= reg_frame(env, reg)->allocated_stack / BH_REG_SIZE)
		return -ERANGE;
	return spi;
}

void destroy_if_iter_stack_slot(struct bh_func_state *f, int spi)
{
	struct bh_stack_slot *s;

	if (spi < 0 || spi >= f->allocated_stack / BH_REG_SIZE)
		return;
	s = &f->stack[spi];
	if (s->type[0] != STACK_ITER)
		return;
	memset(s->type, STACK_MISC, BH_REG_SIZE);
	mark_reg_not_init(&s->spilled);
}

static bool iter_valid_init(struct bh_verifier_env *env, const struct bh_reg *reg,
			    int spi)
{
	const struct bh_stack_slot *s = &reg_frame(env, reg)->stack[spi];

	for (int b = 0; b < BH_REG_SIZE; b++)
		if (s->type[b] != STACK_ITER)
			return false;
	return s->spilled.iter_state == BH_ITER_ACTIVE ||
	       s->spilled.iter_state == BH_ITER_DRAINED;
}

static int mark_stack_slot_iter(struct bh_verifier_env *env, const struct bh_reg *reg,
				int spi, int insn_idx)
{
	struct bh_stack_slot *s = &reg_frame(env, reg)->stack[spi];
	int ref = acquire_reference(env, insn_idx);

	if (ref < 0)
		return ref;
	memset(s->type, STACK_ITER, BH_REG_SIZE);
	/* not a register: @spilled only describes the iterator */
	mark_reg_not_init(&s->spilled);
	s->spilled.id = ++env->id_gen;
	s->spilled.ref_obj_id = (uint32_t)ref;
	s->spilled.iter_state = BH_ITER_ACTIVE;
	s->spilled.iter_depth = 0;
	return 0;
}

int process_iter_arg(struct bh_verifier_env *env, int regno, int insn_idx,
		     const struct bh_kfunc *k)
{
	struct bh_reg *reg = &cur_regs(env)[regno];
	struct bh_stack_slot *s;
	int spi, err;

	if (reg->type != PTR_TO_STACK) {
		verbose(env, "arg#%d expected pointer to an iterator on stack\n", regno - 1);
		return -EINVAL;
	}
	spi = iter_get_spi(env, reg);
	if (k->flags & BH_KF_ITER_NEW) {
		if (spi < 0 && spi != -ERANGE)
			return spi;
		if (spi >= 0 && reg_frame(env, reg)->stack[spi].type[0] == STACK_ITER) {
			verbose(env, "expected uninitialized iter_num as arg #%d\n", regno - 1);
			return -EINVAL;
		}
		/* new() writes the 8 bytes: bounds, and what they held */
		err = check_mem_access(env, regno, 0, BH_REG_SIZE, true, -1, NULL, false,
				       false);
		if (err)
			return err;
		spi = iter_get_spi(env, reg);
		if (spi < 0)
			return spi == -ERANGE ? -EFAULT : spi;
		return mark_stack_slot_iter(env, reg, spi, insn_idx);
	}
	if (spi < 0 && spi != -ERANGE)
		return spi;
	if (spi < 0 || !iter_valid_init(env, reg, spi)) {
		verbose(env, "expected an initialized iter_num as arg #%d\n", regno - 1);
		return -EINVAL;
	}
	mark_stack_read(env, reg->frameno, spi);
	if (!(k->flags & BH_KF_ITER_DESTROY))
		return 0;
	s = &reg_frame(env, reg)->stack[spi];
	err = release_reference(env, s->spilled.ref_obj_id);
	if (err)
		return err;
	memset(s->type, STACK_INVALID, BH_REG_SIZE);
	mark_reg_not_init(&s->spilled);
	return 0;
}

bool is_iter_next_insn(const struct bh_verifier_env *env, int insn_idx)
{
	const struct bpf_insn *insn = &env->insns[insn_idx];

	return insn->code == (BPF_JMP | BPF_CALL) &&
	       insn->src_reg == BPF_PSEUDO_KFUNC_CALL &&
	       insn->imm == BH_KFUNC_iter_num_next;
}

/* R1 still points to the iterator (check_kfunc_call runs this before it
 * clobbers the arguments). */
int process_iter_next_call(struct bh_verifier_env *env, int insn_idx)
{
	const struct bh_reg *it = &cur_regs(env)[1];
	int spi = iter_get_spi(env, it);
	uint32_t frameno = it->frameno;
	struct bh_stack_slot *s;
	struct bh_vstate *queued;
	struct bh_reg *r0;
	int err;

	if (spi < 0)
		return -EFAULT;
	s = &env->cur->frame[frameno]->stack[spi];
	if (s->spilled.iter_state == BH_ITER_ACTIVE) {
		/* what changed since the previous iteration and mattered to
		 * no check (the kernel widens the body's state only; bpfhost
		 * both outcomes', which is as sound) */
		const struct bh_vstate *prev = find_prev_iter_entry(env, insn_idx);

		if (prev)
			widen_imprecise_scalars(env, prev);
		/* an element: the loop's body, with the iterator one deeper */
		err = verifier_push_stack(env, insn_idx + 1, insn_idx, &queued);
		if (err)
			return err;
		s = &queued->frame[frameno]->stack[spi];
		s->spilled.iter_depth++;
		r0 = &queued->frame[queued->curframe]->regs[0];
		mark_reg_pointer(r0, PTR_TO_MEM | MEM_RDONLY);
		r0->mem_size = 4;
		r0->written = true;
		for (int i = 1; i <= 5; i++) {
			mark_reg_not_init(&queued->frame[queued->curframe]->regs[i]);
			queued->frame[queued->curframe]->regs[i].written = true;
		}
		s = &env->cur->frame[frameno]->stack[spi];
	}
	/* NULL: the loop's exit, the iterator drained */
	s->spilled.iter_state = BH_ITER_DRAINED;
	r0 = &cur_regs(env)[0];
	mark_reg_known_zero(r0);
	r0->written = true;
	return 0;
}
