/* SPDX-License-Identifier: MIT */
/*
 * verifier/state.c - registers and stack slots of the abstract state:
 * marking, bounds synchronisation, copying and freeing states.
 */
#include <stdlib.h>
#include <string.h>

#include "verifier/internal.h"

struct bh_func_state *cur_frame(struct bh_verifier_env *env)
{
	return env->cur->frame[env->cur->curframe];
}

struct bh_reg *cur_regs(struct bh_verifier_env *env)
{
	return cur_frame(env)->regs;
}

/* ---- scalar bounds ---- */

void mark_reg_unbounded(struct bh_reg *reg)
{
	reg->smin = INT64_MIN;
	reg->smax = INT64_MAX;
	reg->umin = 0;
	reg->umax = UINT64_MAX;
	reg->s32_min = INT32_MIN;
	reg->s32_max = INT32_MAX;
	reg->u32_min = 0;
	reg->u32_max = UINT32_MAX;
}

void mark_reg32_unbounded(struct bh_reg *reg)
{
	reg->s32_min = INT32_MIN;
	reg->s32_max = INT32_MAX;
	reg->u32_min = 0;
	reg->u32_max = UINT32_MAX;
}

static void mark_bounds_known(struct bh_reg *reg, uint64_t imm)
{
	reg->var_off = tnum_const(imm);
	reg->smin = reg->smax = (int64_t)imm;
	reg->umin = reg->umax = imm;
	reg->s32_min = reg->s32_max = (int32_t)imm;
	reg->u32_min = reg->u32_max = (uint32_t)imm;
}

void mark_reg_not_init(struct bh_reg *reg)
{
	memset(reg, 0, sizeof(*reg));
	reg->type = NOT_INIT;
	reg->var_off = tnum_unknown;
	mark_reg_unbounded(reg);
}

void mark_reg_unknown(struct bh_reg *reg)
{
	memset(reg, 0, sizeof(*reg));
	reg->type = SCALAR_VALUE;
	reg->var_off = tnum_unknown;
	mark_reg_unbounded(reg);
}

/* A pointer that stopped pointing at anything (released, destroyed,
 * stale): a number for a privileged program; unreadable for an
 * unprivileged one, which must not see the address (the kernel's
 * mark_reg_invalid). */
void mark_reg_invalid(struct bh_reg *reg, bool priv)
{
	if (priv)
		mark_reg_unknown(reg);
	else
		mark_reg_not_init(reg);
}

void mark_reg_known(struct bh_reg *reg, uint64_t imm)
{
	memset(reg, 0, sizeof(*reg));
	reg->type = SCALAR_VALUE;
	mark_bounds_known(reg, imm);
}

void mark_reg_known_zero(struct bh_reg *reg)
{
	mark_reg_known(reg, 0);
}

/* A pointer of @type at offset 0 with no variable part. */
void mark_reg_pointer(struct bh_reg *reg, uint32_t type)
{
	memset(reg, 0, sizeof(*reg));
	reg->type = type;
	mark_bounds_known(reg, 0);
}

static void update_reg32_bounds(struct bh_reg *reg)
{
	struct tnum var32 = tnum_subreg(reg->var_off);

	/* min signed is max(sign bit) | min(other bits) */
	reg->s32_min = BH_MAX(reg->s32_min,
			      (int32_t)(var32.value | (var32.mask & 0x80000000u)));
	/* max signed is min(sign bit) | max(other bits) */
	reg->s32_max = BH_MIN(reg->s32_max,
			      (int32_t)(var32.value | (var32.mask & 0x7fffffffu)));
	reg->u32_min = BH_MAX(reg->u32_min, (uint32_t)var32.value);
	reg->u32_max = BH_MIN(reg->u32_max, (uint32_t)(var32.value | var32.mask));
}

static void update_reg64_bounds(struct bh_reg *reg)
{
	struct tnum v = reg->var_off;

	reg->smin = BH_MAX(reg->smin, (int64_t)(v.value | (v.mask & (1ULL << 63))));
	reg->smax = BH_MIN(reg->smax, (int64_t)(v.value | (v.mask & ~(1ULL << 63))));
	reg->umin = BH_MAX(reg->umin, v.value);
	reg->umax = BH_MIN(reg->umax, v.value | v.mask);
}

static void reg32_deduce_bounds(struct bh_reg *reg)
{
	/* the upper halves of the 64-bit range agree: the lower halves bound
	 * the subregister */
	if ((reg->umin >> 32) == (reg->umax >> 32)) {
		reg->u32_min = BH_MAX(reg->u32_min, (uint32_t)reg->umin);
		reg->u32_max = BH_MIN(reg->u32_max, (uint32_t)reg->umax);
		if ((int32_t)reg->umin <= (int32_t)reg->umax) {
			reg->s32_min = BH_MAX(reg->s32_min, (int32_t)reg->umin);
			reg->s32_max = BH_MIN(reg->s32_max, (int32_t)reg->umax);
		}
	}
	if ((reg->smin >> 32) == (reg->smax >> 32)) {
		reg->u32_min = BH_MAX(reg->u32_min, (uint32_t)reg->smin);
		reg->u32_max = BH_MIN(reg->u32_max, (uint32_t)reg->smax);
		if ((int32_t)reg->smin <= (int32_t)reg->smax) {
			reg->s32_min = BH_MAX(reg->s32_min, (int32_t)reg->smin);
			reg->s32_max = BH_MIN(reg->s32_max, (int32_t)reg->smax);
		}
	}
	/* a u32 range that does not cross the sign bit is an s32 range */
	if ((int32_t)reg->u32_min <= (int32_t)reg->u32_max) {
		reg->s32_min = BH_MAX(reg->s32_min, (int32_t)reg->u32_min);
		reg->s32_max = BH_MIN(reg->s32_max, (int32_t)reg->u32_max);
	}
	/* and the other way round */
	if ((uint32_t)reg->s32_min <= (uint32_t)reg->s32_max) {
		reg->u32_min = BH_MAX((uint32_t)reg->s32_min, reg->u32_min);
		reg->u32_max = BH_MIN((uint32_t)reg->s32_max, reg->u32_max);
	}
}

static void reg64_deduce_bounds(struct bh_reg *reg)
{
	if ((int64_t)reg->umin <= (int64_t)reg->umax) {
		reg->smin = BH_MAX(reg->smin, (int64_t)reg->umin);
		reg->smax = BH_MIN(reg->smax, (int64_t)reg->umax);
	}
	if ((uint64_t)reg->smin <= (uint64_t)reg->smax) {
		reg->umin = BH_MAX((uint64_t)reg->smin, reg->umin);
		reg->umax = BH_MIN((uint64_t)reg->smax, reg->umax);
	}
}

/* The subregister bounds are the low halves of the 64-bit value: keep the
 * high halves of the 64-bit bounds and tighten the low ones. */
static void reg_deduce_mixed_bounds(struct bh_reg *reg)
{
	const uint64_t hi = ~0xffffffffULL;
	uint64_t nu;
	int64_t ns;

	nu = (reg->umin & hi) | reg->u32_min;
	reg->umin = BH_MAX(reg->umin, nu);
	nu = (reg->umax & hi) | reg->u32_max;
	reg->umax = BH_MIN(reg->umax, nu);
	ns = (int64_t)(((uint64_t)reg->smin & hi) | reg->u32_min);
	reg->smin = BH_MAX(reg->smin, ns);
	ns = (int64_t)(((uint64_t)reg->smax & hi) | reg->u32_max);
	reg->smax = BH_MIN(reg->smax, ns);
	if (reg->s32_min >= 0 || reg->s32_max < 0) {
		nu = (reg->umin & hi) | (uint32_t)reg->s32_min;
		reg->umin = BH_MAX(reg->umin, nu);
		nu = (reg->umax & hi) | (uint32_t)reg->s32_max;
		reg->umax = BH_MIN(reg->umax, nu);
		ns = (int64_t)(((uint64_t)reg->smin & hi) | (uint32_t)reg->s32_min);
		reg->smin = BH_MAX(reg->smin, ns);
		ns = (int64_t)(((uint64_t)reg->smax & hi) | (uint32_t)reg->s32_max);
		reg->smax = BH_MIN(reg->smax, ns);
	}
}

static void reg_bound_offset(struct bh_reg *reg)
{
	struct tnum v64 = tnum_intersect(reg->var_off,
					 tnum_range(reg->umin, reg->umax));
	struct tnum v32 = tnum_intersect(tnum_subreg(v64),
					 tnum_range(reg->u32_min, reg->u32_max));

	reg->var_off = tnum_or(tnum_clear_subreg(v64), v32);
}

/* Make the tnum and the four ranges agree (the kernel's reg_bounds_sync). */
void reg_bounds_sync(struct bh_reg *reg)
{
	update_reg32_bounds(reg);
	update_reg64_bounds(reg);
	for (int i = 0; i < 3; i++) {
		reg32_deduce_bounds(reg);
		reg64_deduce_bounds(reg);
		reg_deduce_mixed_bounds(reg);
	}
	reg_bound_offset(reg);
	update_reg32_bounds(reg);
	update_reg64_bounds(reg);
}

/* Are the bounds a non-empty set?  A refinement that empties them means the
 * path cannot happen; callers treat that conservatively. */
bool reg_bounds_sane(const struct bh_reg *reg)
{
	if (reg->type != SCALAR_VALUE)
		return true;
	if (reg->umin > reg->umax || reg->smin > reg->smax ||
	    reg->u32_min > reg->u32_max || reg->s32_min > reg->s32_max)
		return false;
	if (reg->var_off.value & reg->var_off.mask)
		return false;
	if (reg->umin > (reg->var_off.value | reg->var_off.mask) ||
	    reg->umax < reg->var_off.value)
		return false;
	return true;
}

bool reg_is_pkt_pointer(const struct bh_reg *reg)
{
	return reg->type == PTR_TO_PACKET;
}

bool reg_is_pkt_pointer_any(const struct bh_reg *reg)
{
	return reg->type == PTR_TO_PACKET || reg->type == PTR_TO_PACKET_META;
}

bool register_is_null(const struct bh_reg *reg)
{
	return reg->type == SCALAR_VALUE && tnum_equals_const(reg->var_off, 0);
}

bool is_pointer(const struct bh_reg *reg)
{
	return reg->type != SCALAR_VALUE && reg->type != NOT_INIT;
}

int check_reg_read(struct bh_verifier_env *env, int regno)
{
	if (regno >= BH_MAX_REGS) {
		verbose(env, "R%d is invalid\n", regno);
		return -EINVAL;
	}
	if (cur_regs(env)[regno].type == NOT_INIT) {
		verbose(env, "R%d !read_ok\n", regno);
		return -EACCES;
	}
	cur_regs(env)[regno].written = true; /* scratched: the log shows it */
	return 0;
}

int check_reg_write(struct bh_verifier_env *env, int regno)
{
	if (regno >= BH_MAX_REGS) {
		verbose(env, "R%d is invalid\n", regno);
		return -EINVAL;
	}
	if (regno == 10) {
		verbose(env, "frame pointer is read only\n");
		return -EACCES;
	}
	cur_regs(env)[regno].written = true;
	return 0;
}

/* ---- frames and states ---- */

void init_func_state(struct bh_func_state *f, int callsite, uint32_t frameno,
		     uint32_t subprogno)
{
	free(f->stack);
	memset(f, 0, sizeof(*f));
	for (int i = 0; i < BH_MAX_REGS; i++)
		mark_reg_not_init(&f->regs[i]);
	mark_reg_pointer(&f->regs[10], PTR_TO_STACK);
	f->regs[10].frameno = frameno;
	f->callsite = callsite;
	f->frameno = frameno;
	f->subprogno = subprogno;
}

/* Track at least @size bytes of stack below the frame pointer. */
int grow_stack(struct bh_func_state *f, int size)
{
	int n = BH_ROUND_UP(size, BH_REG_SIZE);
	struct bh_stack_slot *s;

	if (n <= f->allocated_stack)
		return 0;
	s = realloc(f->stack, (size_t)(n / BH_REG_SIZE) * sizeof(*s));
	if (!s)
		return -ENOMEM;
	for (int i = f->allocated_stack / BH_REG_SIZE; i < n / BH_REG_SIZE; i++) {
		memset(&s[i], 0, sizeof(s[i]));
		mark_reg_not_init(&s[i].spilled);
	}
	f->stack = s;
	f->allocated_stack = n;
	return 0;
}

static int copy_func_state(struct bh_func_state *dst,
			   const struct bh_func_state *src)
{
	struct bh_stack_slot *stack = dst->stack;
	size_t n = (size_t)(src->allocated_stack / BH_REG_SIZE);

	if (n) {
		stack = realloc(stack, n * sizeof(*stack));
		if (!stack)
			return -ENOMEM;
		memcpy(stack, src->stack, n * sizeof(*stack));
	} else {
		free(stack);
		stack = NULL;
	}
	*dst = *src;
	dst->stack = stack;
	return 0;
}

int copy_vstate(struct bh_vstate *dst, const struct bh_vstate *src)
{
	for (uint32_t i = src->curframe + 1; i < BH_MAX_CALL_FRAMES; i++) {
		if (!dst->frame[i])
			continue;
		free(dst->frame[i]->stack);
		free(dst->frame[i]);
		dst->frame[i] = NULL;
	}
	if (src->ref_cnt) {
		struct bh_ref *r = realloc(dst->refs, src->ref_cnt * sizeof(*r));

		if (!r)
			return -ENOMEM;
		memcpy(r, src->refs, src->ref_cnt * sizeof(*r));
		dst->refs = r;
	}
	dst->ref_cnt = src->ref_cnt;
	dst->active_lock_map = src->active_lock_map;
	dst->active_lock_id = src->active_lock_id;
	dst->active_rcu_lock = src->active_rcu_lock;
	if (src->hist_cnt > dst->hist_cap) {
		struct bh_hist *h = realloc(dst->hist, src->hist_cnt * sizeof(*h));

		if (!h)
			return -ENOMEM;
		dst->hist = h;
		dst->hist_cap = src->hist_cnt;
	}
	if (src->hist_cnt)
		memcpy(dst->hist, src->hist, src->hist_cnt * sizeof(*dst->hist));
	dst->hist_cnt = src->hist_cnt;
	dst->seg_len = src->seg_len;
	dst->last_frame = src->last_frame;
	dst->cb_depth = src->cb_depth;
	dst->curframe = src->curframe;
	dst->parent = src->parent;
	dst->branches = src->branches;
	dst->insn_idx = src->insn_idx;
	for (uint32_t i = 0; i <= src->curframe; i++) {
		if (!dst->frame[i]) {
			dst->frame[i] = calloc(1, sizeof(*dst->frame[i]));
			if (!dst->frame[i])
				return -ENOMEM;
		}
		if (copy_func_state(dst->frame[i], src->frame[i]))
			return -ENOMEM;
	}
	return 0;
}

void free_vstate(struct bh_vstate *st, bool free_self)
{
	if (!st)
		return;
	for (int i = 0; i < BH_MAX_CALL_FRAMES; i++) {
		if (!st->frame[i])
			continue;
		free(st->frame[i]->stack);
		free(st->frame[i]);
		st->frame[i] = NULL;
	}
	free(st->refs);
	st->refs = NULL;
	free(st->hist);
	st->hist = NULL;
	st->hist_cnt = st->hist_cap = 0;
	if (free_self)
		free(st);
}
