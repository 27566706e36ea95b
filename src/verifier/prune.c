/* SPDX-License-Identifier: MIT */
/*
 * verifier/prune.c - state pruning.  At prune points the current state is
 * compared with the states already explored there: if one of them, fully
 * explored (no unfinished path below it), is at least as general as the
 * current one, every path from here was proven safe already.
 *
 * "At least as general" is the kernel's states_equal(): each old register
 * is uninitialised (never read below) or has the same type with bounds
 * containing the current ones (range_within, tnum_in); ids map one to one.
 * bpfhost treats every scalar as precise (no precision back-tracking):
 * sound, and only costs pruning.
 *
 * An explored state that still has unfinished paths below it is on the
 * current path (a loop) or waits on the path stack: it is never used to
 * prune, but an exact match with it means the loop makes no progress.
 */
#include <stdlib.h>
#include <string.h>

#include "verifier/internal.h"

#define TMP_ID_BASE 0x80000000u

static bool check_ids(struct bh_verifier_env *env, uint32_t old_id, uint32_t cur_id)
{
	if (!!old_id != !!cur_id)
		return false;
	if (!old_id)
		return true;
	for (uint32_t i = 0; i < env->idmap_cnt; i++) {
		if (env->idmap[i].old == old_id)
			return env->idmap[i].cur == cur_id;
		if (env->idmap[i].cur == cur_id)
			return false;
	}
	if (env->idmap_cnt >= BH_ARRAY_SIZE(env->idmap))
		return false;
	env->idmap[env->idmap_cnt].old = old_id;
	env->idmap[env->idmap_cnt++].cur = cur_id;
	return true;
}

static bool check_scalar_ids(struct bh_verifier_env *env, uint32_t old_id,
			     uint32_t cur_id)
{
	old_id = old_id ? old_id : TMP_ID_BASE + ++env->idmap_tmp;
	cur_id = cur_id ? cur_id : TMP_ID_BASE + ++env->idmap_tmp;
	return check_ids(env, old_id, cur_id);
}

static bool range_within(const struct bh_reg *o, const struct bh_reg *c)
{
	return o->umin <= c->umin && o->umax >= c->umax && o->smin <= c->smin &&
	       o->smax >= c->smax && o->u32_min <= c->u32_min &&
	       o->u32_max >= c->u32_max && o->s32_min <= c->s32_min &&
	       o->s32_max >= c->s32_max;
}

static bool same_bounds(const struct bh_reg *o, const struct bh_reg *c)
{
	return o->umin == c->umin && o->umax == c->umax && o->smin == c->smin &&
	       o->smax == c->smax && o->u32_min == c->u32_min &&
	       o->u32_max == c->u32_max && o->s32_min == c->s32_min &&
	       o->s32_max == c->s32_max && o->var_off.value == c->var_off.value &&
	       o->var_off.mask == c->var_off.mask;
}

/* Everything but the ids and the log's write marks. */
static bool regs_exact(struct bh_verifier_env *env, const struct bh_reg *o,
		       const struct bh_reg *c)
{
	return o->type == c->type && o->off == c->off && o->map_ptr == c->map_ptr &&
	       o->range == c->range && o->mem_size == c->mem_size &&
	       o->frameno == c->frameno && same_bounds(o, c) &&
	       o->dynptr_type == c->dynptr_type && o->dynptr_first == c->dynptr_first &&
	       check_ids(env, o->id, c->id) &&
	       check_ids(env, o->ref_obj_id, c->ref_obj_id) &&
	       check_ids(env, o->dynptr_id, c->dynptr_id);
}

static bool regsafe(struct bh_verifier_env *env, const struct bh_reg *o,
		    const struct bh_reg *c, bool exact)
{
	if (exact)
		return o->type == NOT_INIT ? c->type == NOT_INIT
					   : regs_exact(env, o, c);
	if (o->type == NOT_INIT)
		return true;
	if (c->type == NOT_INIT || o->type != c->type)
		return false;
	switch (BASE_TYPE(o->type)) {
	case SCALAR_VALUE:
		return range_within(o, c) && tnum_in(o->var_off, c->var_off) &&
		       check_scalar_ids(env, o->id, c->id);
	case PTR_TO_MAP_VALUE:
	case PTR_TO_MAP_KEY:
	case PTR_TO_MEM:
		return o->map_ptr == c->map_ptr && o->off == c->off &&
		       o->mem_size == c->mem_size && range_within(o, c) &&
		       tnum_in(o->var_off, c->var_off) && check_ids(env, o->id, c->id) &&
		       check_ids(env, o->ref_obj_id, c->ref_obj_id) &&
		       check_ids(env, o->dynptr_id, c->dynptr_id);
	case PTR_TO_PACKET:
	case PTR_TO_PACKET_META:
		/* the current pointer must allow at least the old accesses */
		return o->range <= c->range && o->off == c->off &&
		       check_ids(env, o->id, c->id) && range_within(o, c) &&
		       tnum_in(o->var_off, c->var_off);
	default:
		/* stack pointers: same frame, same offset; ctx, pkt_end, maps */
		return regs_exact(env, o, c);
	}
}

static bool stacksafe(struct bh_verifier_env *env, const struct bh_func_state *o,
		      const struct bh_func_state *c, bool exact)
{
	for (int i = 0; i < o->allocated_stack; i++) {
		int spi = i / BH_REG_SIZE, b = i % BH_REG_SIZE;
		uint8_t ot = o->stack[spi].type[b], ct;

		if (exact) {
			ct = i < c->allocated_stack ? c->stack[spi].type[b] : STACK_INVALID;
			if (ot != ct)
				return false;
			if ((ot == STACK_SPILL || ot == STACK_DYNPTR) && b == 0 &&
			    !regsafe(env, &o->stack[spi].spilled, &c->stack[spi].spilled,
				     true))
				return false;
			continue;
		}
		/* a privileged read of invalid or misc bytes gives an unknown
		 * scalar: whatever the current bytes are, the old proof holds */
		if (ot == STACK_INVALID || (env->priv && ot == STACK_MISC))
			continue;
		if (i >= c->allocated_stack)
			return false;
		ct = c->stack[spi].type[b];
		if (ot == STACK_MISC && ct == STACK_ZERO)
			continue;
		if (ot != ct)
			return false;
		if (ot == STACK_SPILL && b == 0 &&
		    !regsafe(env, &o->stack[spi].spilled, &c->stack[spi].spilled, false))
			return false;
		/* the same dynptr: type, half, id and reference (regs_exact) */
		if (ot == STACK_DYNPTR && b == 0 &&
		    !regs_exact(env, &o->stack[spi].spilled, &c->stack[spi].spilled))
			return false;
	}
	if (exact && c->allocated_stack > o->allocated_stack) {
		for (int i = o->allocated_stack; i < c->allocated_stack; i++)
			if (c->stack[i / BH_REG_SIZE].type[i % BH_REG_SIZE] != STACK_INVALID)
				return false;
	}
	return true;
}

static bool func_states_equal(struct bh_verifier_env *env,
			      const struct bh_func_state *o,
			      const struct bh_func_state *c, bool exact,
			      uint16_t live)
{
	if (o->callsite != c->callsite)
		return false;
	for (int i = 0; i < BH_MAX_REGS; i++) {
		/* a dead register cannot matter (R10 is always the frame) */
		if (i < 10 && !(live & (1u << i)))
			continue;
		if (!regsafe(env, &o->regs[i], &c->regs[i], exact))
			return false;
	}
	return stacksafe(env, o, c, exact);
}

static bool states_equal(struct bh_verifier_env *env, const struct bh_vstate *o,
			 const struct bh_vstate *c, bool exact, int insn_idx)
{
	env->idmap_cnt = 0;
	env->idmap_tmp = 0;
	if (o->curframe != c->curframe || o->ref_cnt != c->ref_cnt)
		return false;
	/* the same lock held (or none): the id maps as the registers' do */
	if (o->active_lock_map != c->active_lock_map ||
	    (o->active_lock_map && !check_ids(env, o->active_lock_id, c->active_lock_id)))
		return false;
	for (uint32_t i = 0; i < o->ref_cnt; i++)
		if (!check_ids(env, o->refs[i].id, c->refs[i].id))
			return false;
	for (uint32_t i = 0; i <= o->curframe; i++) {
		/* callers continue after their call instruction */
		int at = i == o->curframe ? insn_idx : o->frame[i + 1]->callsite + 1;
		uint16_t live = (size_t)at < env->insn_cnt ? env->live_in[at] : 0x3ff;

		if (!func_states_equal(env, o->frame[i], c->frame[i], exact, live))
			return false;
	}
	return true;
}

static bool same_callsites(const struct bh_vstate *a, const struct bh_vstate *b)
{
	if (a->curframe != b->curframe)
		return false;
	for (uint32_t i = 0; i <= a->curframe; i++)
		if (a->frame[i]->callsite != b->frame[i]->callsite)
			return false;
	return true;
}

/*
 * At a callback's entry, compare with the newest earlier call on this path
 * and forget what changed: scalars become unknown, stack bytes of another
 * kind become misc.  The result covers both calls (sound); the next call
 * then finds itself covered and the iterations stop.
 */
void widen_callback_state(struct bh_verifier_env *env, int insn_idx)
{
	struct bh_vstate *cur = env->cur;
	const struct bh_state_list *sl;

	for (sl = env->explored[insn_idx]; sl; sl = sl->next)
		if (sl->state.branches && same_callsites(&sl->state, cur))
			break;
	if (!sl)
		return;
	for (uint32_t i = 0; i <= cur->curframe; i++) {
		struct bh_func_state *c = cur->frame[i];
		const struct bh_func_state *o = sl->state.frame[i];

		for (int r = 0; r < BH_MAX_REGS; r++) {
			if (c->regs[r].type == SCALAR_VALUE && o->regs[r].type == SCALAR_VALUE &&
			    !same_bounds(&c->regs[r], &o->regs[r]))
				mark_reg_unknown(&c->regs[r]);
		}
		for (int spi = 0; spi < c->allocated_stack / BH_REG_SIZE; spi++) {
			struct bh_stack_slot *cs = &c->stack[spi];
			const struct bh_stack_slot *os = spi < o->allocated_stack / BH_REG_SIZE ?
							 &o->stack[spi] : NULL;
			bool differ = !os || memcmp(cs->type, os->type, sizeof(cs->type));

			/* a dynptr made again: forget it (a referenced one
			 * then leaks, a refusal) */
			if (!differ && cs->type[0] == STACK_DYNPTR &&
			    (cs->spilled.id != os->spilled.id ||
			     cs->spilled.dynptr_type != os->spilled.dynptr_type))
				differ = true;

			if (!differ && cs->type[0] == STACK_SPILL &&
			    cs->spilled.type == SCALAR_VALUE &&
			    os->spilled.type == SCALAR_VALUE &&
			    !same_bounds(&cs->spilled, &os->spilled)) {
				uint32_t t = cs->spilled.type;

				mark_reg_unknown(&cs->spilled);
				cs->spilled.type = t;
				continue;
			}
			if (!differ)
				continue;
			if (cs->type[0] == STACK_SPILL || cs->type[0] == STACK_DYNPTR)
				mark_reg_not_init(&cs->spilled);
			for (int b = 0; b < BH_REG_SIZE; b++)
				if (cs->type[b] != STACK_INVALID)
					cs->type[b] = STACK_MISC;
		}
	}
}

void update_branch_counts(struct bh_verifier_env *env, struct bh_vstate *st)
{
	(void)env;
	while (st) {
		if (--st->branches)
			break;
		st = st->parent;
	}
}

int is_state_visited(struct bh_verifier_env *env, int insn_idx)
{
	struct bh_vstate *cur = env->cur;
	struct bh_state_list *sl, *n;
	int err;

	struct bh_state_list **pprev = &env->explored[insn_idx];
	const struct bh_func_state *cf = cur->frame[cur->curframe];
	bool cb_entry = cf->in_callback &&
			insn_idx == env->subprogs[cf->subprogno].start;
	int pending = 0;

	if (cb_entry)
		widen_callback_state(env, insn_idx);
	while ((sl = *pprev)) {
		if (sl->state.branches && cb_entry) {
			/* an earlier call of this callback on this path covers
			 * this one: the calls reached a fixed point */
			if (states_equal(env, &sl->state, cur, false, insn_idx)) {
				sl->hit++;
				return 1;
			}
			pprev = &sl->next;
			continue;
		}
		if (sl->state.branches) {
			/* A loop that makes no progress repeats the state of its
			 * previous iteration, the newest pending state here: the
			 * few newest suffice (a longer cycle ends at the 1M limit). */
			if (++pending <= 8 &&
			    states_equal(env, &sl->state, cur, true, insn_idx)) {
				verbose(env, "infinite loop detected at insn %d\n", insn_idx);
				return -EINVAL;
			}
			pprev = &sl->next;
			continue;
		}
		if (states_equal(env, &sl->state, cur, false, insn_idx)) {
			sl->hit++;
			return 1;
		}
		/* a finished state that rarely prunes costs more than it saves
		 * (the kernel's heuristic): drop it from the list; it stays
		 * allocated, other states may still name it as their parent */
		if (++sl->miss > sl->hit * 3 + 3) {
			*pprev = sl->next;
			sl->next = env->dropped;
			env->dropped = sl;
			env->explored_cnt[insn_idx]--;
			env->cur_states--;
			continue;
		}
		pprev = &sl->next;
	}
	if (env->explored_cnt[insn_idx] >= BH_MAX_STATES_PER_INSN)
		return 0; /* not recording is safe: it only costs pruning */
	n = calloc(1, sizeof(*n));
	if (!n)
		return -ENOMEM;
	err = copy_vstate(&n->state, cur);
	if (err) {
		free_vstate(&n->state, false);
		free(n);
		return err;
	}
	n->state.insn_idx = insn_idx;
	n->state.branches = 1;
	n->state.parent = cur->parent;
	cur->parent = &n->state;
	n->next = env->explored[insn_idx];
	env->explored[insn_idx] = n;
	env->explored_cnt[insn_idx]++;
	env->total_states++;
	env->cur_states++;
	if (env->cur_states > env->peak_states)
		env->peak_states = env->cur_states;
	if (env->explored_cnt[insn_idx] > env->max_states_per_insn)
		env->max_states_per_insn = env->explored_cnt[insn_idx];
	return 0;
}

void free_explored(struct bh_verifier_env *env)
{
	if (!env->explored)
		return;
	for (size_t i = 0; i < env->insn_cnt; i++) {
		struct bh_state_list *sl = env->explored[i], *next;

		for (; sl; sl = next) {
			next = sl->next;
			free_vstate(&sl->state, false);
			free(sl);
		}
	}
	for (struct bh_state_list *sl = env->dropped, *next; sl; sl = next) {
		next = sl->next;
		free_vstate(&sl->state, false);
		free(sl);
	}
	env->dropped = NULL;
	free(env->explored);
	env->explored = NULL;
}
