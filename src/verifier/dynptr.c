/* SPDX-License-Identifier: MIT */
/*
 * verifier/dynptr.c - struct bpf_dynptr on the stack, as the kernel's
 * verifier tracks it (process_dynptr_func and friends).
 *
 * A dynptr is 16 bytes at an 8-aligned, constant stack offset: two slots,
 * all bytes STACK_DYNPTR, whose spilled registers say its type (local:
 * bpf_dynptr_from_mem; ring buffer: bpf_ringbuf_reserve_dynptr), its id
 * and, for a ring buffer record, the reference it holds:
 *
 *     fp-16            fp-8            fp
 *     | slot spi       | slot spi - 1  |
 *     | first half     | second half   |
 *
 * Helpers that create one take uninitialised slots; a ring buffer dynptr
 * holds a reference from its reservation (even a failed one: the helper
 * always leaves a dynptr to release) until bpf_ringbuf_submit_dynptr or
 * _discard_dynptr.  Other helpers take an initialised dynptr.  The bytes
 * are the helpers' own: the program may not read them, a helper may not
 * write them as plain memory, and a store into them destroys a local
 * dynptr (and its bpf_dynptr_data slices) but is refused on a referenced
 * one.  bpf_user_ringbuf_drain hands its callback a CONST_PTR_TO_DYNPTR
 * (a local, read-only dynptr the program may only pass to helpers).
 */
#include <string.h>

#include "helpers/internal.h"
#include "verifier/internal.h"

static const char *dynptr_type_str(uint8_t type)
{
	switch (type) {
	case BH_DYNPTR_LOCAL: return "local";
	case BH_DYNPTR_RINGBUF: return "ringbuf";
	default: return "<invalid>";
	}
}

static struct bh_func_state *reg_frame(struct bh_verifier_env *env,
				       const struct bh_reg *reg)
{
	return env->cur->frame[reg->frameno];
}

/*
 * The first slot of the dynptr @reg points to, the kernel's dynptr_get_spi:
 * -EINVAL (logged) for a variable or misaligned offset or one without room
 * for 16 bytes, -ERANGE when the slots are not tracked yet.
 */
static int dynptr_get_spi(struct bh_verifier_env *env, const struct bh_reg *reg)
{
	struct bh_func_state *f = reg_frame(env, reg);
	int64_t off;
	int spi;

	if (!tnum_is_const(reg->var_off)) {
		verbose(env, "dynptr has to be at a constant offset\n");
		return -EINVAL;
	}
	off = (int64_t)reg->off + (int64_t)reg->var_off.value;
	if (off < -BH_MAX_BPF_STACK)
		return -ERANGE; /* the stack access check says why */
	if (off % BH_REG_SIZE || off > -BH_DYNPTR_SIZE) {
		verbose(env, "cannot pass in dynptr at an offset=%lld\n", (long long)off);
		return -EINVAL;
	}
	spi = (int)((-off - 1) / BH_REG_SIZE);
	if (spi >= f->allocated_stack / BH_REG_SIZE)
		return -ERANGE;
	return spi;
}

static void invalidate_dynptr(struct bh_func_state *f, int spi)
{
	for (int s = spi - 1; s <= spi; s++) {
		memset(f->stack[s].type, STACK_INVALID, BH_REG_SIZE);
		mark_reg_not_init(&f->stack[s].spilled);
	}
}

int destroy_if_dynptr_stack_slot(struct bh_verifier_env *env,
				 struct bh_func_state *f, int spi)
{
	uint32_t id;

	if (spi < 0 || spi >= f->allocated_stack / BH_REG_SIZE ||
	    f->stack[spi].type[0] != STACK_DYNPTR)
		return 0;
	if (!f->stack[spi].spilled.dynptr_first)
		spi++; /* the second half: its first is one slot lower */
	if (f->stack[spi].spilled.dynptr_type == BH_DYNPTR_RINGBUF) {
		verbose(env, "cannot overwrite referenced dynptr\n");
		return -EINVAL;
	}
	id = f->stack[spi].spilled.id;
	invalidate_dynptr(f, spi);
	/* its slices point to memory nothing vouches for any more: numbers,
	 * or unreadable for an unprivileged program (mark_reg_invalid) */
	for_each_reg_in_vstate(env->cur, fs, r, ({
		if ((r->type == PTR_TO_MEM || r->type == (PTR_TO_MEM | PTR_MAYBE_NULL)) &&
		    r->dynptr_id == id) {
			mark_reg_invalid(r, env->priv);
			r->written = true;
		}
	}));
	return 0;
}

/* @clone_ref: a clone of a ring buffer dynptr shares its reference (0:
 * a new dynptr of that type acquires one) */
static int mark_stack_slots_dynptr(struct bh_verifier_env *env, const struct bh_reg *reg,
				   uint8_t type, int insn_idx, uint32_t clone_ref)
{
	struct bh_func_state *f = reg_frame(env, reg);
	int spi = dynptr_get_spi(env, reg), err;
	uint32_t id;

	if (spi < 0)
		return spi;
	/* the slots may hold halves of two other dynptrs */
	err = destroy_if_dynptr_stack_slot(env, f, spi);
	if (!err)
		err = destroy_if_dynptr_stack_slot(env, f, spi - 1);
	if (err)
		return err;
	id = ++env->id_gen;
	for (int s = spi - 1; s <= spi; s++) {
		struct bh_reg *sr = &f->stack[s].spilled;

		memset(f->stack[s].type, STACK_DYNPTR, BH_REG_SIZE);
		mark_reg_pointer(sr, CONST_PTR_TO_DYNPTR);
		sr->id = id;
		sr->dynptr_type = type;
		sr->dynptr_first = s == spi;
	}
	if (type == BH_DYNPTR_RINGBUF) {
		int ref = clone_ref ? (int)clone_ref : acquire_reference(env, insn_idx);

		if (ref < 0)
			return ref;
		f->stack[spi].spilled.ref_obj_id = (uint32_t)ref;
		f->stack[spi - 1].spilled.ref_obj_id = (uint32_t)ref;
	}
	return 0;
}

static bool is_dynptr_reg_valid_init(struct bh_verifier_env *env, const struct bh_reg *reg)
{
	struct bh_func_state *f = reg_frame(env, reg);
	int spi;

	if (reg->type == CONST_PTR_TO_DYNPTR)
		return true;
	spi = dynptr_get_spi(env, reg);
	if (spi < 1 || !f->stack[spi].spilled.dynptr_first)
		return false;
	for (int i = 0; i < BH_REG_SIZE; i++)
		if (f->stack[spi].type[i] != STACK_DYNPTR ||
		    f->stack[spi - 1].type[i] != STACK_DYNPTR)
			return false;
	return true;
}

int unmark_stack_slots_dynptr(struct bh_verifier_env *env, const struct bh_reg *reg)
{
	struct bh_func_state *f = reg_frame(env, reg);
	int spi = dynptr_get_spi(env, reg), err;
	uint32_t ref;

	if (spi < 1)
		return spi < 0 ? spi : -EFAULT;
	ref = f->stack[spi].spilled.ref_obj_id;
	if (f->stack[spi].spilled.dynptr_type != BH_DYNPTR_RINGBUF || !ref) {
		invalidate_dynptr(f, spi);
		return 0;
	}
	/* the record goes, and with it every slice (they carry its reference) */
	err = release_reference(env, ref);
	if (err)
		return err;
	/* ... and its clones (bpf_dynptr_clone), in any frame */
	for (uint32_t fi = 0; fi <= env->cur->curframe; fi++) {
		struct bh_func_state *cf = env->cur->frame[fi];

		for (int s = 1; s < cf->allocated_stack / BH_REG_SIZE; s++) {
			const struct bh_stack_slot *ss = &cf->stack[s];

			if (ss->type[0] == STACK_DYNPTR && ss->spilled.dynptr_first &&
			    ss->spilled.ref_obj_id == ref)
				invalidate_dynptr(cf, s);
		}
	}
	return 0;
}

/* A dynptr argument of a helper: create, use or release (the kernel's
 * process_dynptr_func with check_func_arg's release checks before it). */
int process_dynptr_func(struct bh_verifier_env *env, int regno, int insn_idx,
			uint8_t arg_type, struct dynptr_arg *out)
{
	struct bh_reg *reg = &cur_regs(env)[regno];
	bool clone = arg_type == BH_ARG_PTR_TO_UNINIT_DYNPTR_CLONE;
	bool uninit = arg_type == BH_ARG_PTR_TO_UNINIT_DYNPTR_LOCAL ||
		      arg_type == BH_ARG_PTR_TO_UNINIT_DYNPTR_RINGBUF || clone;
	/* a clone has the type of the dynptr argument before it */
	uint8_t want = arg_type == BH_ARG_PTR_TO_DYNPTR ? BH_DYNPTR_INVALID
		       : clone ? out->type
		       : arg_type == BH_ARG_PTR_TO_UNINIT_DYNPTR_LOCAL ? BH_DYNPTR_LOCAL
								      : BH_DYNPTR_RINGBUF;
	char tb[48];
	int spi, err;

	if (reg->type != PTR_TO_STACK && reg->type != CONST_PTR_TO_DYNPTR) {
		verbose(env, "R%d type=%s expected=fp, dynptr_ptr\n", regno,
			reg_type_str(reg->type, tb, sizeof(tb)));
		return -EACCES;
	}
	if (arg_type == BH_ARG_PTR_TO_DYNPTR_RINGBUF_RELEASE) {
		if (reg->type != PTR_TO_STACK) {
			verbose(env, "cannot release unowned const bpf_dynptr\n");
			return -EINVAL;
		}
		spi = dynptr_get_spi(env, reg);
		if (spi < 0 || !reg_frame(env, reg)->stack[spi].spilled.ref_obj_id) {
			verbose(env, "arg %d is an unacquired reference\n", regno);
			return -EINVAL;
		}
	}
	if (uninit) {
		spi = reg->type == PTR_TO_STACK ? dynptr_get_spi(env, reg) : -EINVAL;
		if (spi < 0 && spi != -ERANGE) {
			verbose(env, "Dynptr has to be an uninitialized dynptr\n");
			return -EINVAL;
		}
		/* the helper writes the 16 bytes: bounds, and what they held */
		for (int i = 0; i < BH_DYNPTR_SIZE; i += BH_REG_SIZE) {
			err = check_mem_access(env, regno, i, BH_REG_SIZE, true, -1, NULL,
					       false, false);
			if (err)
				return err;
		}
		if (clone && !want) {
			verbose(env, "verifier internal error: no dynptr to clone\n");
			return -EFAULT;
		}
		return mark_stack_slots_dynptr(env, reg, want, insn_idx,
					       clone ? out->ref_obj_id : 0);
	}
	if (!is_dynptr_reg_valid_init(env, reg)) {
		verbose(env, "Expected an initialized dynptr as arg #%d\n", regno - 1);
		return -EINVAL;
	}
	if (reg->type == CONST_PTR_TO_DYNPTR) {
		out->id = reg->id;
		out->ref_obj_id = 0;
		out->type = reg->dynptr_type;
		if (want != BH_DYNPTR_INVALID && reg->dynptr_type != want)
			goto wrong_type;
		return 0;
	}
	spi = dynptr_get_spi(env, reg);
	{
		const struct bh_reg *sr = &reg_frame(env, reg)->stack[spi].spilled;

		out->id = sr->id;
		out->ref_obj_id = sr->ref_obj_id;
		out->type = sr->dynptr_type;
		if (want != BH_DYNPTR_INVALID && sr->dynptr_type != want)
			goto wrong_type;
	}
	return 0;
wrong_type:
	verbose(env, "Expected a dynptr of type %s as arg #%d\n", dynptr_type_str(want),
		regno - 1);
	return -EINVAL;
}
