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
 * Two things make it match more often, both the kernel's:
 *
 * Precision.  A scalar in an explored state is compared only when it is
 * precise: when some check below the state depended on its value (pointer
 * arithmetic, a helper's size, a branch the bounds decided, a return
 * value...).  Each such check calls mark_chain_precision(), which walks the
 * current path backwards through its jump history (backtrack_insn) and marks
 * the scalars the value came from in every checkpoint above, across frames
 * and stack spills.  When the walk meets something it does not model it
 * marks every scalar of those checkpoints precise (sound, as before).
 *
 * Stack liveness.  A read of a stack slot marks it READ in the checkpoints
 * above, up to the one whose segment overwrote the slot (mark_stack_read);
 * a slot no path below an explored state read cannot matter.
 *
 * Both marks are complete only once every path below a state is finished,
 * which is why only finished states prune, and why a pruned path passes the
 * old state's marks on to its own checkpoints (propagate_*).
 *
 * An explored state that still has unfinished paths below it is on the
 * current path (a loop) or waits on the path stack: it is never used to
 * prune, but an exact match with it means the loop makes no progress.
 */
#include <stdlib.h>
#include <string.h>

#include "verifier/internal.h"

#define TMP_ID_BASE 0x80000000u
/* instructions between checkpoints, at most, once an instruction's list of
 * states is full */
#define BH_MAX_SEGMENT 128

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

/* How states_equal compares: NOT_EXACT for pruning against a finished
 * state; EXACT for loop detection; RANGE_WITHIN against a state whose marks
 * are not complete yet (an earlier call of a callback on this path). */
enum cmp_mode { NOT_EXACT, EXACT, RANGE_WITHIN };

static bool regsafe(struct bh_verifier_env *env, const struct bh_reg *o,
		    const struct bh_reg *c, enum cmp_mode mode)
{
	if (mode == EXACT)
		return o->type == NOT_INIT ? c->type == NOT_INIT
					   : regs_exact(env, o, c);
	if (o->type == NOT_INIT)
		return true;
	if (c->type == NOT_INIT || o->type != c->type)
		return false;
	switch (BASE_TYPE(o->type)) {
	case SCALAR_VALUE:
		/* no check below the old state depended on its value (an
		 * unprivileged program's scalars all count as precise, as in
		 * the kernel without bpf_capable) */
		if (mode == NOT_EXACT && !o->precise && env->priv)
			return true;
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

static bool slot_all(const struct bh_stack_slot *s, uint8_t type)
{
	for (int b = 0; b < BH_REG_SIZE; b++)
		if (s->type[b] != type)
			return false;
	return true;
}

/* Slot kinds this file knows; any other kind (added elsewhere) is always
 * compared, read or not. */
/* The same iterator (reference mapped as ids are) in the same state; the
 * depth only for EXACT (the infinite-loop check: two iterations of one
 * loop differ in it, the kernel's iter_active_depths_differ) */
static bool iter_slots_equal(struct bh_verifier_env *env, const struct bh_reg *o,
			     const struct bh_reg *c, bool exact)
{
	return o->iter_state == c->iter_state &&
	       check_ids(env, o->ref_obj_id, c->ref_obj_id) &&
	       (!exact || o->iter_depth == c->iter_depth);
}

static bool slot_is_basic(const struct bh_stack_slot *s)
{
	for (int b = 0; b < BH_REG_SIZE; b++)
		if (s->type[b] > STACK_ZERO)
			return false;
	return true;
}

static bool stacksafe(struct bh_verifier_env *env, const struct bh_func_state *o,
		      const struct bh_func_state *c, enum cmp_mode mode)
{
	bool exact = mode == EXACT;
	int oslots = o->allocated_stack / BH_REG_SIZE;
	int cslots = c->allocated_stack / BH_REG_SIZE;

	/* slot by slot; the bytes of a slot only when the shortcuts fail */
	for (int spi = 0; spi < oslots; spi++) {
		const struct bh_stack_slot *os = &o->stack[spi];
		const struct bh_stack_slot *cs = spi < cslots ? &c->stack[spi] : NULL;
		uint8_t ot0 = os->type[0];
		uint64_t ow, cw = 0;

		/* Whole-slot shortcuts (the byte loop below would agree): an
		 * old slot never written matches anything outside EXACT mode;
		 * the same byte kinds (a slot beyond the current stack: all
		 * STACK_INVALID), no register at the first byte, match in
		 * every mode. */
		/* a current dynptr (its slots are whole) is the helpers': only
		 * the same dynptr covers it; old bytes of another kind were
		 * read or written as memory below the old state, which the
		 * current one must not (the fuzzer found a dynptr read through
		 * a pointer on a path pruned that way, which the kernel
		 * refuses: negative/dynptr_read_pruned_path.s) */
		if (cs && cs->type[0] == STACK_DYNPTR && ot0 != STACK_DYNPTR)
			return false;
		/* an iterator likewise: only the same iterator covers it */
		if (cs && cs->type[0] == STACK_ITER && ot0 != STACK_ITER)
			return false;
		memcpy(&ow, os->type, sizeof(ow));
		if (cs)
			memcpy(&cw, cs->type, sizeof(cw));
		if ((!ow && !exact) ||
		    (ow == cw && ot0 != STACK_SPILL && ot0 != STACK_DYNPTR &&
		     ot0 != STACK_ITER))
			continue;
		if (mode == NOT_EXACT) {
			/* no path below the old state read the slot (both of
			 * kinds this file knows: a dynptr is always compared) */
			if (!(os->live & BH_LIVE_READ) && slot_is_basic(os) &&
			    (!cs || slot_is_basic(cs)))
				continue;
			/* an imprecise spilled scalar reads back as any
			 * scalar, as misc bytes do */
			if (ot0 == STACK_SPILL && env->priv && slot_all(os, STACK_SPILL) &&
			    os->spilled.type == SCALAR_VALUE && !os->spilled.precise &&
			    cs && slot_all(cs, STACK_MISC))
				continue;
		}
		for (int b = 0; b < BH_REG_SIZE; b++) {
			uint8_t ot = os->type[b], ct = cs ? cs->type[b] : STACK_INVALID;

			if (exact) {
				if (ot != ct)
					return false;
				if ((ot == STACK_SPILL || ot == STACK_DYNPTR) && b == 0 &&
				    !regsafe(env, &os->spilled, &cs->spilled, EXACT))
					return false;
				if (ot == STACK_ITER && b == 0 &&
				    !iter_slots_equal(env, &os->spilled, &cs->spilled, true))
					return false;
				continue;
			}
			/* a privileged read of invalid or misc bytes gives an
			 * unknown scalar: whatever the current bytes are, the
			 * old proof holds */
			if (ot == STACK_INVALID || (env->priv && ot == STACK_MISC))
				continue;
			if (!cs)
				return false;
			if (ot == STACK_MISC && ct == STACK_ZERO)
				continue;
			if (ot != ct)
				return false;
			if (ot == STACK_SPILL && b == 0 &&
			    !regsafe(env, &os->spilled, &cs->spilled, mode))
				return false;
			/* the same dynptr: type, half, id and reference
			 * (regs_exact) */
			if (ot == STACK_DYNPTR && b == 0 &&
			    !regs_exact(env, &os->spilled, &cs->spilled))
				return false;
			/* the same iterator, whatever its depth */
			if (ot == STACK_ITER && b == 0 &&
			    !iter_slots_equal(env, &os->spilled, &cs->spilled, false))
				return false;
		}
	}
	if (exact && cslots > oslots) {
		for (int spi = oslots; spi < cslots; spi++) {
			uint64_t cw;

			memcpy(&cw, c->stack[spi].type, sizeof(cw));
			if (cw) /* some byte not STACK_INVALID */
				return false;
		}
	}
	return true;
}

static bool func_states_equal(struct bh_verifier_env *env,
			      const struct bh_func_state *o,
			      const struct bh_func_state *c, enum cmp_mode mode,
			      uint16_t live)
{
	/* a timer callback's frame 0 ends with another exit check; the old
	 * state simulated fewer further calls of a bounded bpf_loop callback
	 * than the current one needs */
	if (o->callsite != c->callsite || o->in_async_callback != c->in_async_callback ||
	    o->callback_depth > c->callback_depth)
		return false;
	for (int i = 0; i < BH_MAX_REGS; i++) {
		/* a dead register cannot matter (R10 is always the frame) */
		if (i < 10 && !(live & (1u << i)))
			continue;
		if (!regsafe(env, &o->regs[i], &c->regs[i], mode))
			return false;
	}
	return stacksafe(env, o, c, mode);
}

/* Registers live in frame @i of @st at @insn_idx: callers continue after
 * their call instruction, a callback's caller at the helper call (which
 * runs again, reading its arguments). */
static uint16_t frame_live(struct bh_verifier_env *env, const struct bh_vstate *st,
			   uint32_t i, int insn_idx)
{
	const struct bh_func_state *callee = i == st->curframe ? NULL : st->frame[i + 1];
	int at = !callee ? insn_idx : callee->callsite + !callee->in_callback;

	return (size_t)at < env->insn_cnt ? env->live_in[at] : 0x3ff;
}

static bool states_equal(struct bh_verifier_env *env, const struct bh_vstate *o,
			 const struct bh_vstate *c, enum cmp_mode mode, int insn_idx)
{
	env->idmap_cnt = 0;
	env->idmap_tmp = 0;
	if (o->curframe != c->curframe || o->ref_cnt != c->ref_cnt)
		return false;
	/* the same lock held (or none): the id maps as the registers' do */
	if (o->active_rcu_lock != c->active_rcu_lock)
		return false;
	if (o->active_lock_map != c->active_lock_map ||
	    (o->active_lock_map && !check_ids(env, o->active_lock_id, c->active_lock_id)))
		return false;
	for (uint32_t i = 0; i < o->ref_cnt; i++)
		if (!check_ids(env, o->refs[i].id, c->refs[i].id))
			return false;
	for (uint32_t i = 0; i <= o->curframe; i++) {
		if (!func_states_equal(env, o->frame[i], c->frame[i], mode,
				       frame_live(env, o, i, insn_idx)))
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

/* ---- loops the walk simulates (BH_LOOP_ENTRY) ---- */

/* The previous iteration's state at @insn_idx: the newest unfinished state
 * there with the current state's call sites (unfinished states are all on
 * the current path: the paths waiting on the stack were pushed from it). */
struct bh_vstate *find_prev_entry(struct bh_verifier_env *env, int insn_idx)
{
	for (struct bh_state_list *sl = env->pending[insn_idx]; sl; sl = sl->next)
		if (sl->state.branches && same_callsites(&sl->state, env->cur))
			return &sl->state;
	return NULL;
}

struct bh_vstate *find_prev_iter_entry(struct bh_verifier_env *env, int insn_idx)
{
	for (struct bh_state_list *sl = env->pending[insn_idx]; sl; sl = sl->next)
		if (&sl->state != env->cur->parent && sl->state.branches &&
		    same_callsites(&sl->state, env->cur))
			return &sl->state;
	return NULL;
}

static void maybe_widen_reg(struct bh_verifier_env *env, const struct bh_reg *o,
			    struct bh_reg *c)
{
	if (o->type != SCALAR_VALUE || c->type != SCALAR_VALUE)
		return;
	/* (the current state carries no precision marks in bpfhost: the
	 * kernel also keeps a scalar its current path marked) */
	if (o->precise || regs_exact(env, o, c))
		return;
	mark_reg_unknown(c);
}

/*
 * The kernel's widen_imprecise_scalars(): a scalar (register or spilled)
 * that differs from @old's and that no check below @old needed so far
 * becomes unknown in the current state.  Making the current state more
 * general is always sound; it lets a counter that nothing checks stop
 * changing, so that the next iteration finds itself covered by this one.
 * A value that only becomes precise on a later iteration costs one more.
 */
void widen_imprecise_scalars(struct bh_verifier_env *env, const struct bh_vstate *old)
{
	struct bh_vstate *cur = env->cur;

	env->idmap_cnt = 0;
	env->idmap_tmp = 0;
	for (uint32_t i = 0; i <= old->curframe && i <= cur->curframe; i++) {
		const struct bh_func_state *o = old->frame[i];
		struct bh_func_state *c = cur->frame[i];
		int slots = BH_MIN(o->allocated_stack, c->allocated_stack) / BH_REG_SIZE;

		for (int r = 0; r < BH_MAX_REGS; r++)
			maybe_widen_reg(env, &o->regs[r], &c->regs[r]);
		for (int spi = 0; spi < slots; spi++) {
			if (o->stack[spi].type[0] != STACK_SPILL ||
			    c->stack[spi].type[0] != STACK_SPILL)
				continue;
			maybe_widen_reg(env, &o->stack[spi].spilled, &c->stack[spi].spilled);
		}
	}
}

/* ---- jump history ---- */

static struct bh_hist *hist_push(struct bh_vstate *st)
{
	if (st->hist_cnt == st->hist_cap) {
		uint32_t cap = st->hist_cap ? st->hist_cap * 2 : 8;
		struct bh_hist *h = realloc(st->hist, cap * sizeof(*h));

		if (!h)
			return NULL;
		st->hist = h;
		st->hist_cap = cap;
	}
	memset(&st->hist[st->hist_cnt], 0, sizeof(*st->hist));
	return &st->hist[st->hist_cnt++];
}

/* The current path starts instruction @idx (before pruning at it). */
int hist_arrive(struct bh_verifier_env *env, int idx)
{
	struct bh_vstate *st = env->cur;
	int prev = env->prev_insn_idx;
	int delta = (int)st->curframe - (int)st->last_frame;

	uint8_t flags = env->arrive_flags;

	env->cur_hist = -1;
	env->arrive_flags = 0;
	st->seg_len++;
	st->last_frame = st->curframe;
	if (prev >= 0 && (prev != idx - 1 || delta)) {
		struct bh_hist *e = hist_push(st);

		if (!e)
			return -ENOMEM;
		e->idx = idx;
		e->prev_idx = prev;
		e->frame_delta = (int8_t)delta;
		e->flags = flags;
		env->cur_hist = (int)st->hist_cnt - 1;
	}
	return 0;
}

/* The history entry of the instruction being processed (made if needed);
 * NULL when out of memory: the caller then records nothing, and
 * back-tracking, missing the entry, falls back to marking everything. */
struct bh_hist *hist_cur(struct bh_verifier_env *env)
{
	struct bh_vstate *st = env->cur;
	struct bh_hist *e;

	if (env->cur_hist >= 0)
		return &st->hist[env->cur_hist];
	e = hist_push(st);
	if (!e) {
		env->hist_lost = true;
		return NULL;
	}
	e->idx = env->insn_idx;
	e->prev_idx = env->insn_idx - 1;
	env->cur_hist = (int)st->hist_cnt - 1;
	return e;
}

/* ---- stack liveness ---- */

void mark_stack_read(struct bh_verifier_env *env, uint32_t frameno, int spi)
{
	struct bh_vstate *st = env->cur;
	struct bh_func_state *f = st->frame[frameno];
	uint32_t inst = f->inst, walk = 0;

	if (spi < 0 || spi >= f->allocated_stack / BH_REG_SIZE ||
	    (f->stack[spi].live & BH_LIVE_WRITTEN))
		return;
	for (struct bh_vstate *p = st->parent; p; p = p->parent) {
		struct bh_func_state *pf;

		if (p->curframe < frameno)
			break;
		pf = p->frame[frameno];
		if (pf->inst != inst || spi >= pf->allocated_stack / BH_REG_SIZE ||
		    (pf->stack[spi].live & BH_LIVE_READ))
			break;
		pf->stack[spi].live |= BH_LIVE_READ;
		env->mark_gen++;
		walk++;
		if (pf->stack[spi].live & BH_LIVE_WRITTEN)
			break;
	}
	if (walk > env->longest_mark_read_walk)
		env->longest_mark_read_walk = walk;
}

/* ---- precision back-tracking ---- */

#define RB(r) ((uint16_t)(1u << (r)))
#define R1_R5 (RB(1) | RB(2) | RB(3) | RB(4) | RB(5))
#define R0_R5 (RB(0) | R1_R5)

/* What is still to be marked: registers and stack slots per frame. */
struct bt_state {
	uint32_t frame;
	uint16_t reg[BH_MAX_CALL_FRAMES];
	uint64_t stack[BH_MAX_CALL_FRAMES];
};

static bool bt_empty(const struct bt_state *bt)
{
	for (int i = 0; i < BH_MAX_CALL_FRAMES; i++)
		if (bt->reg[i] || bt->stack[i])
			return false;
	return true;
}

static void bt_set_reg(struct bt_state *bt, uint32_t fr, int regno)
{
	if (regno < 10)
		bt->reg[fr] |= RB(regno);
}

static bool is_pseudo_call(const struct bpf_insn *insn)
{
	return insn->code == (BPF_JMP | BPF_CALL) && insn->src_reg == BPF_PSEUDO_CALL;
}

static bool is_helper_call(const struct bpf_insn *insn)
{
	return insn->code == (BPF_JMP | BPF_CALL) && insn->src_reg == 0;
}

static bool is_kfunc_call(const struct bpf_insn *insn)
{
	return insn->code == (BPF_JMP | BPF_CALL) && insn->src_reg == BPF_PSEUDO_KFUNC_CALL;
}

/* "regs=r1,r2 stack=-8,-16" of frame @fr, as the kernel's fmt_reg_mask()
 * and bpf_fmt_stack_mask() print them, after "mark_precise: frame%d: %s". */
static void bt_log_masks(struct bh_verifier_env *env, const struct bt_state *bt, uint32_t fr,
			 const char *what)
{
	const char *sep = "";

	verbose(env, "mark_precise: frame%u: %sregs=", fr, what);
	for (int r = 0; r < 16; r++)
		if (bt->reg[fr] & RB(r)) {
			verbose(env, "%sr%d", sep, r);
			sep = ",";
		}
	verbose(env, " stack=");
	sep = "";
	for (int s = 0; s < 64; s++)
		if ((bt->stack[fr] >> s) & 1) {
			verbose(env, "%s%d", sep, -(s + 1) * BH_REG_SIZE);
			sep = ",";
		}
}

/*
 * Step back over instruction @p, reached from @p to @next (the kernel's
 * backtrack_insn): what @bt tracks after @p becomes what it depended on
 * before @p.  @delta: frame at @next minus frame at @p; @pe: @p's history
 * entry.  -ENOTSUP when the step is not modelled (the caller then marks
 * everything).
 */
static int backtrack_insn(struct bh_verifier_env *env, struct bt_state *bt,
			  int p, int next, int delta, const struct bh_hist *pe,
			  bool cb_return)
{
	const struct bpf_insn *insn = &env->insns[p];
	uint8_t cls = BPF_CLASS(insn->code), op = BPF_OP(insn->code);
	uint8_t mode = BPF_MODE(insn->code);
	uint32_t fr = bt->frame;
	uint16_t *regs = &bt->reg[fr];
	uint16_t dst = RB(insn->dst_reg), src = RB(insn->src_reg);
	bool x = BPF_SRC(insn->code) == BPF_X;

	/* the second half of an ld_imm64 (not reached: the jump history
	 * takes the walk from the next instruction to the first half; the
	 * kernel skips it likewise) */
	if (!insn->code)
		return 0;
	if (log_level2(env)) {
		bt_log_masks(env, bt, fr, "");
		verbose(env, " before ");
		print_insn(env, p);
		verbose(env, "\n");
	}
	if (delta == 1) {
		/* @next is the first instruction of a callee or a callback */
		uint16_t args = *regs & R1_R5;

		if (!fr || (*regs & ~R1_R5))
			return -ENOTSUP;
		/* the callee's stack starts uninitialised */
		*regs = 0;
		bt->stack[fr] = 0;
		bt->frame = --fr;
		regs = &bt->reg[fr];
		if (is_pseudo_call(insn)) {
			/* the caller's R0-R5 are clobbered in the callee's state */
			if (*regs & R0_R5)
				return -ENOTSUP;
			*regs |= args;
			return 0;
		}
		if (!is_helper_call(insn) || !helper_calls_callback((uint32_t)insn->imm))
			return -ENOTSUP;
		/* A callback's call: the caller's registers are those before
		 * the helper call (the callback's exit comes back to it).  The
		 * callback's arguments: a fresh index, pointers, and the
		 * context the caller passed in R3. */
		if (((insn->imm == BPF_FUNC_loop || insn->imm == BPF_FUNC_user_ringbuf_drain) &&
		     (args & RB(2))) ||
		    (insn->imm == BPF_FUNC_for_each_map_elem && (args & RB(4))))
			*regs |= RB(3);
		return 0;
	}
	if (delta == -1 && cb_return) {
		/* @p is a callback's exit, @next the helper call that called
		 * it, executed again: the caller's registers and stack are as
		 * the callback left them (its writes through pointers are in
		 * the history); nothing of the callback's frame is the
		 * caller's */
		if (fr + 1 >= BH_MAX_CALL_FRAMES || op != BPF_EXIT || cls != BPF_JMP)
			return -ENOTSUP;
		bt->reg[fr + 1] = 0;
		bt->stack[fr + 1] = 0;
		bt->frame = fr + 1;
		return 0;
	}
	if (delta == -1) {
		/* @p is the exit of a callee; @next follows the call */
		const struct bpf_insn *call = next > 0 ? &env->insns[next - 1] : NULL;

		if (fr + 1 >= BH_MAX_CALL_FRAMES || !call || op != BPF_EXIT ||
		    (cls != BPF_JMP) || (*regs & R1_R5) || !is_pseudo_call(call))
			return -ENOTSUP;
		bt->reg[fr + 1] = 0;
		bt->stack[fr + 1] = 0;
		if (*regs & RB(0))
			bt->reg[fr + 1] |= RB(0);
		*regs &= (uint16_t)~RB(0);
		bt->frame = fr + 1;
		return 0;
	}
	if (delta)
		return -ENOTSUP;

	switch (cls) {
	case BPF_ALU:
	case BPF_ALU64:
		if (!(*regs & dst))
			return 0;
		if (op == BPF_MOV) {
			*regs &= (uint16_t)~dst;
			if (x)
				bt_set_reg(bt, fr, insn->src_reg);
		} else if (x && op != BPF_NEG && op != BPF_END) {
			bt_set_reg(bt, fr, insn->src_reg);
		}
		return 0;
	case BPF_LDX:
		if (!(*regs & dst))
			return 0;
		*regs &= (uint16_t)~dst;
		if (pe && (pe->flags & BH_HIST_STACK_READ))
			bt->stack[pe->stack_frame] |= pe->slots;
		return 0;
	case BPF_ST:
	case BPF_STX:
		if (mode == BPF_ATOMIC) {
			if (((insn->imm & BPF_FETCH) && (*regs & src)) ||
			    (insn->imm == BPF_CMPXCHG && (*regs & RB(0))) ||
			    (pe && (pe->flags & BH_HIST_STACK_WRITE) &&
			     (bt->stack[pe->stack_frame] & pe->slots)))
				return -ENOTSUP;
			return 0;
		}
		if (!pe || !(pe->flags & BH_HIST_STACK_WRITE) ||
		    !(bt->stack[pe->stack_frame] & pe->slots))
			return 0;
		if (cls == BPF_STX)
			bt_set_reg(bt, fr, insn->src_reg);
		if (pe->flags & BH_HIST_STACK_FULL)
			bt->stack[pe->stack_frame] &= ~pe->slots;
		return 0;
	case BPF_LD:
		if (mode == BPF_IMM) {
			*regs &= (uint16_t)~dst;
			return 0;
		}
		/* legacy packet loads: R0 from the packet, R1-R5 clobbered */
		if (*regs & R1_R5)
			return -ENOTSUP;
		*regs &= (uint16_t)~RB(0);
		return 0;
	default:
		break;
	}
	/* JMP, JMP32 */
	if (op == BPF_CALL) {
		/* helpers and kfuncs: R0 set, R1-R5 clobbered */
		if (!(is_helper_call(insn) || is_kfunc_call(insn)) || (*regs & R1_R5))
			return -ENOTSUP;
		*regs &= (uint16_t)~RB(0);
		return 0;
	}
	if (op == BPF_EXIT) /* always leaves the frame */
		return -ENOTSUP;
	if (op == BPF_JA)
		return 0;
	/* a conditional jump refines its operands and the scalars linked to
	 * them: if any of them matters, all of them do */
	bool any = (*regs & dst) || (x && (*regs & src));

	if (pe && (pe->flags & BH_HIST_LINKED_OVF))
		return bt_empty(bt) ? 0 : -ENOTSUP;
	if (pe && (pe->flags & BH_HIST_LINKED)) {
		for (int k = 0; k < pe->nlinked && !any; k++) {
			uint32_t lf = pe->linked[k] >> 8, n = pe->linked[k] & 0x7f;

			any = pe->linked[k] & 0x80 ? (bt->stack[lf] >> n) & 1
						   : (bt->reg[lf] >> n) & 1;
		}
		if (any) {
			for (int k = 0; k < pe->nlinked; k++) {
				uint32_t lf = pe->linked[k] >> 8, n = pe->linked[k] & 0x7f;

				if (pe->linked[k] & 0x80)
					bt->stack[lf] |= 1ULL << n;
				else
					bt_set_reg(bt, lf, (int)n);
			}
		}
	}
	if (any) {
		bt_set_reg(bt, fr, insn->dst_reg);
		if (x)
			bt_set_reg(bt, fr, insn->src_reg);
	}
	return 0;
}

/* Everything in every checkpoint above @st: precise (and, with @reads,
 * read).  The fallback when back-tracking cannot follow. */
static void mark_all_precise(struct bh_verifier_env *env, struct bh_vstate *st, bool reads)
{
	bool log = log_level2(env) && !reads;

	if (log)
		verbose(env, "mark_precise: frame%u: falling back to forcing all scalars precise\n",
			st->curframe);
	for (struct bh_vstate *p = st->parent; p; p = p->parent) {
		for (uint32_t i = 0; i <= p->curframe; i++) {
			struct bh_func_state *f = p->frame[i];

			for (int r = 0; r < BH_MAX_REGS; r++) {
				if (f->regs[r].type != SCALAR_VALUE || f->regs[r].precise)
					continue;
				f->regs[r].precise = true;
				if (log)
					verbose(env, "force_precise: frame%u: forcing r%d to be precise\n",
						i, r);
			}
			for (int s = 0; s < f->allocated_stack / BH_REG_SIZE; s++) {
				struct bh_reg *sr = &f->stack[s].spilled;

				if (reads)
					f->stack[s].live |= BH_LIVE_READ;
				if (sr->type != SCALAR_VALUE || sr->precise)
					continue;
				sr->precise = true;
				if (log)
					verbose(env, "force_precise: frame%u: forcing fp%d to be precise\n",
						i, -(s + 1) * BH_REG_SIZE);
			}
			env->mark_gen++;
		}
	}
}

/* Mark what @bt tracks in checkpoint @st, frame by frame from the tracked
 * one down, logging each; drop what needs no more walking. */
static void bt_mark_state(struct bh_verifier_env *env, struct bt_state *bt,
			  struct bh_vstate *st)
{
	for (int i = (int)bt->frame; i >= 0; i--) {
		struct bh_func_state *f = st->frame[i];

		/* (set bits only: this runs for every checkpoint a walk
		 * passes) */
		for (uint32_t m = bt->reg[i] & 0x3ffu; m; m &= m - 1) {
			int r = __builtin_ctz(m);
			struct bh_reg *reg = &f->regs[r];

			/* pointers are compared whole; a precise scalar's
			 * origin was marked when it became precise */
			if (reg->type != SCALAR_VALUE || reg->precise) {
				bt->reg[i] &= (uint16_t)~RB(r);
			} else {
				reg->precise = true;
				env->mark_gen++;
			}
		}
		for (uint64_t m = bt->stack[i]; m; m &= m - 1) {
			int s = __builtin_ctzll(m);
			struct bh_reg *reg;

			reg = s < f->allocated_stack / BH_REG_SIZE ? &f->stack[s].spilled : NULL;
			if (!reg || f->stack[s].type[0] != STACK_SPILL ||
			    reg->type != SCALAR_VALUE || reg->precise) {
				bt->stack[i] &= ~(1ULL << s);
			} else {
				reg->precise = true;
				env->mark_gen++;
			}
		}
		if (log_level2(env)) {
			bt_log_masks(env, bt, (uint32_t)i, "parent state ");
			verbose(env, ": ");
			print_frame_state(env, st, (uint32_t)i, true);
		}
	}
}

/* The first instruction of checkpoint @st's segment: its parent's
 * instruction, or the entry of the function the path started in. */
static int seg_first(struct bh_verifier_env *env, const struct bh_vstate *st)
{
	return st->parent ? st->parent->insn_idx : env->subprogs[st->frame[0]->subprogno].start;
}

/* The instruction before @i on @st's segment (its history says where a
 * jump came from); -1 if none. */
static int seg_prev(const struct bh_vstate *st, uint32_t hpos, int i)
{
	if (hpos && st->hist[hpos - 1].idx == i)
		return st->hist[hpos - 1].prev_idx;
	return i - 1;
}

/*
 * Walk the current path back from instruction @idx (not executed yet),
 * segment by segment, marking what @bt tracks in each checkpoint (the
 * kernel's __mark_chain_precision, whose level-2 log lines it prints).
 * -ENOTSUP: it could not follow (the caller marks everything).
 */
static int backtrack_chain(struct bh_verifier_env *env, struct bt_state *bt, int idx)
{
	struct bh_vstate *st = env->cur;
	uint32_t count = st->seg_len ? st->seg_len - 1 : 0;
	int i = idx, last = idx, subseq = -1;

	if (env->hist_lost)
		return -ENOTSUP;
	for (;;) {
		uint32_t hpos = st->hist_cnt;

		if (log_level2(env))
			verbose(env, "mark_precise: frame%u: last_idx %d first_idx %d subseq_idx %d \n",
				bt->frame, last, seg_first(env, st), subseq);
		if (last < 0) {
			/* a checkpoint at the entry of a global function: its
			 * arguments R1-R5 were marked, nothing is above */
			if (st->curframe == 0 && st->frame[0]->subprogno > 0 && !bt->stack[0] &&
			    !(bt->reg[0] & (uint16_t)~R1_R5))
				return 0;
			return -ENOTSUP;
		}
		for (uint32_t k = 0; k < count; k++) {
			const struct bh_hist *pe = NULL;
			int p = i - 1, delta = 0, err;
			bool cb_return = false;

			if (hpos && st->hist[hpos - 1].idx == i) {
				hpos--;
				p = st->hist[hpos].prev_idx;
				delta = st->hist[hpos].frame_delta;
				cb_return = st->hist[hpos].flags & BH_HIST_CB_RETURN;
			}
			if (p < 0 || (size_t)p >= env->insn_cnt)
				return -ENOTSUP;
			if (hpos && st->hist[hpos - 1].idx == p)
				pe = &st->hist[hpos - 1];
			err = backtrack_insn(env, bt, p, i, delta, pe, cb_return);
			if (err)
				return err;
			if (bt_empty(bt))
				return 0;
			i = p;
		}
		subseq = seg_first(env, st);
		st = st->parent;
		if (!st)
			return bt_empty(bt) ? 0 : -ENOTSUP;
		if (bt->frame != st->curframe)
			return -ENOTSUP;
		bt_mark_state(env, bt, st);
		if (bt_empty(bt))
			return 0;
		i = st->insn_idx;
		count = st->seg_len;
		last = count ? seg_prev(st, st->hist_cnt, i) : -1;
	}
}

static int run_backtrack(struct bh_verifier_env *env, struct bt_state *bt, int idx)
{
	int err = backtrack_chain(env, bt, idx);

	if (err)
		mark_all_precise(env, env->cur, false);
	return 0;
}

int mark_chain_precision(struct bh_verifier_env *env, int regno)
{
	struct bt_state bt = { .frame = env->cur->curframe };

	/* unprivileged: every scalar is compared anyway */
	if (!env->priv || regno < 0 || regno >= 10 ||
	    cur_regs(env)[regno].type != SCALAR_VALUE)
		return 0;
	bt.reg[bt.frame] = RB(regno);
	return run_backtrack(env, &bt, env->insn_idx);
}

int mark_chain_precision_stack(struct bh_verifier_env *env, uint32_t frameno, int spi)
{
	struct bt_state bt = { .frame = env->cur->curframe };

	if (!env->priv || spi < 0 || spi >= 64 || frameno > env->cur->curframe)
		return 0;
	bt.stack[frameno] = 1ULL << spi;
	return run_backtrack(env, &bt, env->insn_idx);
}

/* "frame 0: propagating r7,fp-8": what a pruning state passes on. */
static void log_propagating(struct bh_verifier_env *env, const struct bt_state *bt,
			    uint32_t fr)
{
	const char *sep = "";

	if (!bt->reg[fr] && !bt->stack[fr])
		return;
	verbose(env, "frame %u: propagating ", fr);
	for (int r = 0; r < 10; r++)
		if (bt->reg[fr] & RB(r)) {
			verbose(env, "%sr%d", sep, r);
			sep = ",";
		}
	for (int s = 0; s < 64; s++)
		if ((bt->stack[fr] >> s) & 1) {
			verbose(env, "%sfp%d", sep, -(s + 1) * BH_REG_SIZE);
			sep = ",";
		}
	verbose(env, "\n");
}

/*
 * The current path, at @insn_idx, is covered by the finished state @old:
 * what mattered below @old matters below the current path's checkpoints.
 */
static void propagate_marks(struct bh_verifier_env *env, const struct bh_vstate *old,
			    int insn_idx)
{
	struct bh_vstate *cur = env->cur;
	struct bt_state bt = { .frame = cur->curframe };

	for (int i = (int)old->curframe; i >= 0; i--) {
		const struct bh_func_state *o = old->frame[i];
		const struct bh_func_state *c = cur->frame[i];
		uint16_t live = frame_live(env, old, (uint32_t)i, insn_idx);

		for (int r = 0; r < 10; r++)
			if ((live & RB(r)) && o->regs[r].type == SCALAR_VALUE &&
			    o->regs[r].precise && c->regs[r].type == SCALAR_VALUE)
				bt.reg[i] |= RB(r);
		for (int s = 0; s < o->allocated_stack / BH_REG_SIZE; s++) {
			if (!(o->stack[s].live & BH_LIVE_READ))
				continue;
			mark_stack_read(env, (uint32_t)i, s);
			if (o->stack[s].type[0] == STACK_SPILL &&
			    o->stack[s].spilled.type == SCALAR_VALUE &&
			    o->stack[s].spilled.precise && s < 64)
				bt.stack[i] |= 1ULL << s;
		}
		if (log_level2(env))
			log_propagating(env, &bt, (uint32_t)i);
	}
	if (!bt_empty(&bt))
		run_backtrack(env, &bt, insn_idx);
}

static struct bh_state_list *state_node(struct bh_vstate *st)
{
	return (struct bh_state_list *)((char *)st - offsetof(struct bh_state_list, state));
}

/* A checkpoint's last path ended: from its instruction's unfinished states
 * to the finished ones, which prune. */
static void state_finished(struct bh_verifier_env *env, struct bh_state_list *n)
{
	int at = n->state.insn_idx;

	if (!n->pending)
		return; /* dropped: not on a list */
	*n->link = n->next;
	if (n->next)
		n->next->link = n->link;
	n->pending = false;
	n->link = NULL;
	n->next = env->explored[at];
	env->explored[at] = n;
}

/*
 * Loops.  A path the walk stops at a loop entry because an earlier
 * iteration's unfinished state covers it (loop_entry_covered), and a path
 * stopped by a finished state inside a loop whose entry is unfinished, is a
 * back-edge: its future is the covering state's, whose marks (precision,
 * stack reads) are not complete until the loop's entry is finished.  Until
 * then (the kernel's SCC back-edges, Linux 6.17):
 *  - such states compare as RANGE_WITHIN: every scalar as if precise, every
 *    slot as if read (states_equal), so their missing marks cannot matter;
 *  - the checkpoints between the path and the loop's entry are in the loop
 *    (loop_entry), and compare the same way;
 *  - the back-edge is kept (a copy of the path's state: its parents and
 *    history) on the loop's outermost unfinished entry.
 * When that entry is finished, every back-edge's covering state's marks
 * are propagated along its path again, until no mark is added: the marks
 * of the loop's states are then complete, and they prune as others do.
 */
static struct bh_vstate *loop_head(struct bh_vstate *st)
{
	while (st->loop_entry && st->loop_entry->branches)
		st = st->loop_entry;
	return st;
}

static bool in_open_loop(const struct bh_vstate *st)
{
	return st->loop_entry && st->loop_entry->branches;
}

/* The current path, covered by @equal at @insn_idx before @equal's loop is
 * finished: keep it as a back-edge of the loop. */
static int add_backedge(struct bh_verifier_env *env, struct bh_vstate *equal, int insn_idx)
{
	struct bh_vstate *head = loop_head(equal), *p;
	struct bh_state_list *hn = state_node(head);
	struct bh_backedge *b;
	int err;

	for (p = env->cur->parent; p && p != head; p = p->parent)
		if (!in_open_loop(p) || p->loop_entry->depth > head->depth)
			p->loop_entry = head;
	if (!p) {
		/* not below the loop's entry (cannot happen: unfinished states
		 * are all on the current path): the old, blunt way */
		mark_all_precise(env, env->cur, true);
		return 0;
	}
	b = calloc(1, sizeof(*b));
	if (!b)
		return -ENOMEM;
	err = copy_vstate(&b->st, env->cur);
	if (err) {
		free_vstate(&b->st, false);
		free(b);
		return err;
	}
	b->equal = equal;
	b->insn_idx = insn_idx;
	b->next = hn->backedges;
	hn->backedges = b;
	return 0;
}

static void free_backedges(struct bh_backedge *b)
{
	for (struct bh_backedge *next; b; b = next) {
		next = b->next;
		free_vstate(&b->st, false);
		free(b);
	}
}

/* Loop entry @n is finished: its back-edges' marks, round to a fixed point
 * (or, when it is itself in an unfinished loop, to that loop's entry). */
static void finish_loop(struct bh_verifier_env *env, struct bh_state_list *n)
{
	struct bh_vstate *saved = env->cur;
	uint32_t gen;

	if (!n->backedges)
		return;
	if (in_open_loop(&n->state)) {
		struct bh_state_list *hn = state_node(loop_head(n->state.loop_entry));
		struct bh_backedge *last = n->backedges;

		while (last->next)
			last = last->next;
		last->next = hn->backedges;
		hn->backedges = n->backedges;
		n->backedges = NULL;
		return;
	}
	do {
		gen = env->mark_gen;
		for (struct bh_backedge *b = n->backedges; b; b = b->next) {
			env->cur = &b->st;
			propagate_marks(env, b->equal, b->insn_idx);
		}
	} while (gen != env->mark_gen);
	env->cur = saved;
	free_backedges(n->backedges);
	n->backedges = NULL;
}

/* Every state below which a path ended loses a branch (all explored states
 * are list nodes: their parents are checkpoints). */
void update_branch_counts(struct bh_verifier_env *env, struct bh_vstate *st)
{
	while (st) {
		if (--st->branches)
			break;
		finish_loop(env, state_node(st));
		state_finished(env, state_node(st));
		st = st->parent;
	}
}

/*
 * At a loop entry: an earlier iteration's state here, unfinished, covers
 * the current one: every path from here is one from there, which the walk
 * explores in full, so the loop reached a fixed point.  The comparison is
 * RANGE_WITHIN, and the path a back-edge (see above).  (No infinite-loop
 * check here: each iteration is another call of the callback.)  1: covered.
 */
static int loop_entry_covered(struct bh_verifier_env *env, int insn_idx)
{
	for (struct bh_state_list *sl = env->pending[insn_idx]; sl; sl = sl->next) {
		int err;

		if (!states_equal(env, &sl->state, env->cur, RANGE_WITHIN, insn_idx))
			continue;
		propagate_marks(env, &sl->state, insn_idx);
		err = add_backedge(env, &sl->state, insn_idx);
		if (err)
			return err;
		sl->hit++;
		return 1;
	}
	return 0;
}

int is_state_visited(struct bh_verifier_env *env, int insn_idx)
{
	struct bh_vstate *cur = env->cur;
	struct bh_state_list *sl, *n;
	int err;

	struct bh_state_list **pprev = &env->explored[insn_idx];
	bool listed, loop_entry = env->prune_point[insn_idx] & BH_LOOP_ENTRY;
	int pending = 0;
	/* The kernel's spacing: a new checkpoint only after at least 2 jumps
	 * and 8 instructions since the last one (fewer states to copy and
	 * compare; the pruning lost is small).  A loop entry always records
	 * one: the iterations converge by comparing with it. */
	bool add = loop_entry ||
		   (env->jmps_processed - env->prev_jmps_processed >= 2 &&
		    env->insn_processed - env->prev_insn_processed >= 8);

	if (loop_entry) {
		err = loop_entry_covered(env, insn_idx);
		if (err)
			return err;
	}
	/* unfinished states: on the current path or waiting on the stack */
	for (sl = env->pending[insn_idx]; sl && !loop_entry; sl = sl->next) {
		/* A loop that makes no progress repeats the state of its
		 * previous iteration, the newest unfinished state here: the
		 * few newest suffice (a longer cycle ends at the 1M limit). */
		if (++pending > 8)
			break;
		if (sl->state.cb_depth == cur->cb_depth &&
		    states_equal(env, &sl->state, cur, EXACT, insn_idx)) {
			verbose(env, "infinite loop detected at insn %d\n", insn_idx);
			return -EINVAL;
		}
	}
	while ((sl = *pprev)) {
		bool loop = in_open_loop(&sl->state);

		if (states_equal(env, &sl->state, cur, loop ? RANGE_WITHIN : NOT_EXACT,
				 insn_idx)) {
			propagate_marks(env, &sl->state, insn_idx);
			if (loop) {
				err = add_backedge(env, &sl->state, insn_idx);
				if (err)
					return err;
			}
			sl->hit++;
			return 1;
		}
		/* a finished state that rarely prunes costs more than it
		 * saves (the kernel's heuristic): drop it from the list; it
		 * stays allocated, other states may still name it as their
		 * parent */
		if (add)
			sl->miss++;
		if (sl->miss > sl->hit * 3 + 3) {
			*pprev = sl->next;
			sl->next = env->dropped;
			env->dropped = sl;
			env->explored_cnt[insn_idx]--;
			env->cur_states--;
			continue;
		}
		pprev = &sl->next;
	}
	/* A full list takes no more states (not recording is safe: it only
	 * costs pruning); but a checkpoint still ends a long segment, off the
	 * list, so that back-tracking never walks far. */
	listed = add && env->explored_cnt[insn_idx] < BH_MAX_STATES_PER_INSN;
	if (!listed && cur->seg_len < BH_MAX_SEGMENT)
		return 0;
	env->prev_jmps_processed = env->jmps_processed;
	env->prev_insn_processed = env->insn_processed;
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
	/* the checkpoint's segment ends before @insn_idx (its history keeps
	 * how the path came to @insn_idx); the current path starts a new one
	 * there, with nothing written yet */
	n->state.seg_len--;
	cur->hist_cnt = 0;
	cur->seg_len = 1;
	env->cur_hist = -1;
	for (uint32_t i = 0; i <= cur->curframe; i++) {
		struct bh_func_state *f = cur->frame[i];

		for (int s = 0; s < f->allocated_stack / BH_REG_SIZE; s++)
			f->stack[s].live = 0;
	}
	n->state.branches = 1;
	n->state.depth = cur->parent ? cur->parent->depth + 1 : 1;
	n->state.parent = cur->parent;
	cur->parent = &n->state;
	env->total_states++;
	if (!listed) {
		n->next = env->dropped;
		env->dropped = n;
		return 0;
	}
	n->pending = true;
	n->next = env->pending[insn_idx];
	if (n->next)
		n->next->link = &n->next;
	n->link = &env->pending[insn_idx];
	env->pending[insn_idx] = n;
	env->explored_cnt[insn_idx]++;
	env->cur_states++;
	if (env->cur_states > env->peak_states)
		env->peak_states = env->cur_states;
	if (env->explored_cnt[insn_idx] > env->max_states_per_insn)
		env->max_states_per_insn = env->explored_cnt[insn_idx];
	return 0;
}

void free_explored(struct bh_verifier_env *env)
{
	if (!env->explored) {
		free(env->pending);
		env->pending = NULL;
		return;
	}
	for (size_t i = 0; i < env->insn_cnt; i++) {
		struct bh_state_list *sl = env->explored[i], *next;

		for (; sl; sl = next) {
			next = sl->next;
			free_backedges(sl->backedges);
			free_vstate(&sl->state, false);
			free(sl);
		}
		for (sl = env->pending ? env->pending[i] : NULL; sl; sl = next) {
			next = sl->next;
			free_backedges(sl->backedges);
			free_vstate(&sl->state, false);
			free(sl);
		}
	}
	for (struct bh_state_list *sl = env->dropped, *next; sl; sl = next) {
		next = sl->next;
		free_backedges(sl->backedges);
		free_vstate(&sl->state, false);
		free(sl);
	}
	env->dropped = NULL;
	free(env->explored);
	env->explored = NULL;
	free(env->pending);
	env->pending = NULL;
}
