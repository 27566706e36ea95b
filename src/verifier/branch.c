/* SPDX-License-Identifier: MIT */
/*
 * verifier/branch.c - conditional jumps.  A jump whose outcome the bounds
 * decide follows one path; otherwise the taken path is pushed and both get
 * the bounds the comparison implies (on both registers, and on every copy of
 * a scalar sharing its id).  NULL checks of _or_null pointers and
 * comparisons of packet pointers with packet end refine all pointers of the
 * same id.
 */
#include <string.h>

#include "maps/internal.h"
#include "verifier/internal.h"

/* The comparison that holds on the other path. */
static uint8_t flip_opcode(uint8_t op)
{
	switch (op) {
	case BPF_JEQ: return BPF_JNE;
	case BPF_JNE: return BPF_JEQ;
	case BPF_JGT: return BPF_JLE;
	case BPF_JLE: return BPF_JGT;
	case BPF_JGE: return BPF_JLT;
	case BPF_JLT: return BPF_JGE;
	case BPF_JSGT: return BPF_JSLE;
	case BPF_JSLE: return BPF_JSGT;
	case BPF_JSGE: return BPF_JSLT;
	case BPF_JSLT: return BPF_JSGE;
	case BPF_JSET: return BPF_JSET | 0x08; /* "not jset", internal */
	default: return BPF_JSET;
	}
}
#define BH_JNSET (BPF_JSET | 0x08)

/* @a op @b with the operands swapped: b op' a. */
static uint8_t swap_opcode(uint8_t op)
{
	switch (op) {
	case BPF_JGT: return BPF_JLT;
	case BPF_JLT: return BPF_JGT;
	case BPF_JGE: return BPF_JLE;
	case BPF_JLE: return BPF_JGE;
	case BPF_JSGT: return BPF_JSLT;
	case BPF_JSLT: return BPF_JSGT;
	case BPF_JSGE: return BPF_JSLE;
	case BPF_JSLE: return BPF_JSGE;
	default: return op;
	}
}

struct view {
	uint64_t umin, umax;
	int64_t smin, smax;
	struct tnum t;
};

static struct view view_of(const struct bh_reg *r, bool is32)
{
	if (is32)
		return (struct view){ r->u32_min, r->u32_max, r->s32_min, r->s32_max,
				      tnum_subreg(r->var_off) };
	return (struct view){ r->umin, r->umax, r->smin, r->smax, r->var_off };
}

/* 1: always taken, 0: never, -1: unknown (scalars only). */
static int is_scalar_branch_taken(const struct bh_reg *r1, const struct bh_reg *r2,
				  uint8_t op, bool is32)
{
	struct view a = view_of(r1, is32), b = view_of(r2, is32);
	bool ca = tnum_is_const(a.t), cb = tnum_is_const(b.t);

	switch (op) {
	case BPF_JEQ:
		if (ca && cb)
			return a.t.value == b.t.value;
		if (a.umin > b.umax || a.umax < b.umin || a.smin > b.smax ||
		    a.smax < b.smin)
			return 0;
		/* a known bit differs */
		if ((a.t.value ^ b.t.value) & ~(a.t.mask | b.t.mask))
			return 0;
		return -1;
	case BPF_JNE: {
		int r = is_scalar_branch_taken(r1, r2, BPF_JEQ, is32);

		return r < 0 ? r : !r;
	}
	case BPF_JSET:
		if (!cb) {
			if (!ca)
				return -1;
			struct view t = a;

			a = b;
			b = t;
		}
		if (a.t.value & b.t.value)
			return 1;
		if (!((a.t.value | a.t.mask) & b.t.value))
			return 0;
		return -1;
	case BPF_JGT:
		if (a.umin > b.umax)
			return 1;
		if (a.umax <= b.umin)
			return 0;
		return -1;
	case BPF_JSGT:
		if (a.smin > b.smax)
			return 1;
		if (a.smax <= b.smin)
			return 0;
		return -1;
	case BPF_JLT:
		if (a.umax < b.umin)
			return 1;
		if (a.umin >= b.umax)
			return 0;
		return -1;
	case BPF_JSLT:
		if (a.smax < b.smin)
			return 1;
		if (a.smin >= b.smax)
			return 0;
		return -1;
	case BPF_JGE:
		if (a.umin >= b.umax)
			return 1;
		if (a.umax < b.umin)
			return 0;
		return -1;
	case BPF_JSGE:
		if (a.smin >= b.smax)
			return 1;
		if (a.smax < b.smin)
			return 0;
		return -1;
	case BPF_JLE:
		if (a.umax <= b.umin)
			return 1;
		if (a.umin > b.umax)
			return 0;
		return -1;
	case BPF_JSLE:
		if (a.smax <= b.smin)
			return 1;
		if (a.smin > b.smax)
			return 0;
		return -1;
	}
	return -1;
}

static int is_branch_taken(const struct bh_reg *r1, const struct bh_reg *r2,
			   uint8_t op, bool is32)
{
	/* a non-NULL pointer compared with 0 (64-bit) */
	if (is_pointer(r1) && r2->type == SCALAR_VALUE && !is32 &&
	    !(r1->type & PTR_MAYBE_NULL) && register_is_null(r2) &&
	    BASE_TYPE(r1->type) != PTR_TO_PACKET_END &&
	    BASE_TYPE(r1->type) != PTR_TO_PACKET &&
	    BASE_TYPE(r1->type) != PTR_TO_PACKET_META) {
		if (op == BPF_JEQ)
			return 0;
		if (op == BPF_JNE)
			return 1;
	}
	if (r1->type != SCALAR_VALUE || r2->type != SCALAR_VALUE)
		return -1;
	return is_scalar_branch_taken(r1, r2, op, is32);
}

/*
 * A pointer compared with a constant, for an unprivileged program: the
 * kernel's is_branch_taken decides only "pointer ==/!= 0" for the pointer
 * types reg_not_null() knows cannot be NULL (map values and keys, memory,
 * map pointers; not the context or the stack).  What it leaves undecided
 * must be a NULL check or a packet comparison, or is refused.  The kernel
 * decides 32-bit comparisons too; bpfhost does not (the low half of an
 * address may be 0), so it refuses them: safe, a disagreement.
 */
static int unpriv_ptr_branch_taken(const struct bh_reg *ptr, const struct bh_reg *k,
				   uint8_t op, bool is32)
{
	uint32_t t = BASE_TYPE(ptr->type);
	bool not_null = !(ptr->type & PTR_MAYBE_NULL) &&
			(t == PTR_TO_MAP_VALUE || t == PTR_TO_MAP_KEY ||
			 t == PTR_TO_MEM || t == CONST_PTR_TO_MAP);
	bool zero = k->type == SCALAR_VALUE && tnum_equals_const(k->var_off, 0);

	if (!not_null || !zero || is32)
		return -1;
	return op == BPF_JEQ ? 0 : op == BPF_JNE ? 1 : -1;
}

static void set32(struct bh_reg *r, uint64_t umin, uint64_t umax, int64_t smin,
		  int64_t smax)
{
	r->u32_min = (uint32_t)umin;
	r->u32_max = (uint32_t)umax;
	r->s32_min = (int32_t)smin;
	r->s32_max = (int32_t)smax;
}

static void set64(struct bh_reg *r, uint64_t umin, uint64_t umax, int64_t smin,
		  int64_t smax)
{
	r->umin = umin;
	r->umax = umax;
	r->smin = smin;
	r->smax = smax;
}

static void put_view(struct bh_reg *r, const struct view *v, bool is32)
{
	if (is32) {
		set32(r, v->umin, v->umax, v->smin, v->smax);
		r->var_off = tnum_with_subreg(r->var_off, v->t);
	} else {
		set64(r, v->umin, v->umax, v->smin, v->smax);
		r->var_off = v->t;
	}
}

/* Narrow both scalars to what "r1 op r2" implies (the kernel's
 * regs_refine_cond_op).  Called only when the outcome is not decided. */
static void refine_cond(struct bh_reg *r1, struct bh_reg *r2, uint8_t op,
			bool is32)
{
	struct view a = view_of(r1, is32), b = view_of(r2, is32);

	switch (op) {
	case BPF_JEQ:
		a.umin = b.umin = BH_MAX(a.umin, b.umin);
		a.umax = b.umax = BH_MIN(a.umax, b.umax);
		a.smin = b.smin = BH_MAX(a.smin, b.smin);
		a.smax = b.smax = BH_MIN(a.smax, b.smax);
		a.t = b.t = tnum_intersect(a.t, b.t);
		break;
	case BPF_JNE:
		/* only a constant on one side helps: trim an end of the other */
		if (!tnum_is_const(b.t)) {
			struct view t = a;

			a = b;
			b = t;
			struct bh_reg *tr = r1;

			r1 = r2;
			r2 = tr;
		}
		if (!tnum_is_const(b.t))
			return;
		{
			uint64_t v = b.t.value;
			int64_t sv = is32 ? (int32_t)v : (int64_t)v;

			if (a.umin == v)
				a.umin++;
			else if (a.umax == v)
				a.umax--;
			if (a.smin == sv)
				a.smin++;
			else if (a.smax == sv)
				a.smax--;
		}
		break;
	case BPF_JSET:
		if (!tnum_is_const(b.t))
			return;
		/* one known bit set: it is a 1 */
		if (b.t.value && !(b.t.value & (b.t.value - 1)))
			a.t = tnum_or(a.t, b.t);
		break;
	case BH_JNSET:
		if (!tnum_is_const(b.t))
			return;
		a.t = tnum_and(a.t, tnum_const(~b.t.value));
		break;
	case BPF_JLE:
		a.umax = BH_MIN(a.umax, b.umax);
		b.umin = BH_MAX(b.umin, a.umin);
		break;
	case BPF_JLT:
		a.umax = BH_MIN(a.umax, b.umax - 1);
		b.umin = BH_MAX(b.umin, a.umin + 1);
		break;
	case BPF_JSLE:
		a.smax = BH_MIN(a.smax, b.smax);
		b.smin = BH_MAX(b.smin, a.smin);
		break;
	case BPF_JSLT:
		a.smax = BH_MIN(a.smax, b.smax - 1);
		b.smin = BH_MAX(b.smin, a.smin + 1);
		break;
	default: /* JGT, JGE, JSGT, JSGE: the mirror of the above */
		refine_cond(r2, r1, swap_opcode(op), is32);
		return;
	}
	if (is32) {
		a.t = tnum_subreg(a.t);
		b.t = tnum_subreg(b.t);
	}
	put_view(r1, &a, is32);
	put_view(r2, &b, is32);
	if (op == BPF_JSET || op == BH_JNSET) {
		/* The kernel (6.18) keeps only what the known bits say after a
		 * jset refinement; bpfhost does the same so that the two
		 * explore the same paths (forgetting bounds is always sound). */
		struct tnum t = r1->var_off;

		mark_reg_unbounded(r1);
		r1->var_off = t;
	}
}

/* After refining @reg, give every scalar sharing its id the same bounds. */
static void sync_linked_regs(struct bh_vstate *st, const struct bh_reg *known)
{
	if (known->type != SCALAR_VALUE || !known->id)
		return;
	for_each_reg_in_vstate(st, f, r, ({
		if (r->type == SCALAR_VALUE && r->id == known->id && r != known) {
			bool w = r->written;

			*r = *known;
			r->written = w;
		}
	}));
}

static void finish_scalar(struct bh_reg *r)
{
	reg_bounds_sync(r);
	if (!reg_bounds_sane(r)) {
		/* an impossible combination: forget what we knew (sound) */
		uint32_t id = r->id;

		mark_reg_unknown(r);
		r->id = id;
	}
}

static bool is_unsigned_cmp(uint8_t op)
{
	return op == BPF_JGT || op == BPF_JGE || op == BPF_JLT || op == BPF_JLE;
}

/*
 * The kernel (6.18) keeps no signed bound that crossed zero once a 64-bit
 * unsigned comparison puts the value in [0, S64_MAX]: its signed range
 * becomes the unsigned one (s <= 1 and u <= 7 gives [0, 7], not [0, 1]).
 * bpfhost forgets the same bounds (always sound) so that both explore the
 * same paths.
 */
static void forget_crossed_signed(struct bh_reg *r, bool crossed)
{
	if (crossed && r->umax <= INT64_MAX) {
		r->smin = INT64_MIN;
		r->smax = INT64_MAX;
	}
}

/* Refine @st for "dst op src" being true. */
static void reg_set_min_max(struct bh_vstate *st, struct bh_reg *dst,
			    struct bh_reg *src, uint8_t op, bool is32)
{
	bool ucmp = !is32 && is_unsigned_cmp(op);
	bool dcross = ucmp && dst->smin < 0 && dst->smax >= 0;
	bool scross = ucmp && src->smin < 0 && src->smax >= 0;

	if (dst->type != SCALAR_VALUE || src->type != SCALAR_VALUE)
		return;
	refine_cond(dst, src, op, is32);
	forget_crossed_signed(dst, dcross);
	forget_crossed_signed(src, scross);
	finish_scalar(dst);
	finish_scalar(src);
	sync_linked_regs(st, dst);
	sync_linked_regs(st, src);
}

/* NULL check: every register with @id is now NULL (a scalar 0) or not. */
static void mark_ptr_or_null_regs(struct bh_vstate *st, uint32_t id, bool is_null)
{
	for_each_reg_in_vstate(st, f, r, ({
		if (r->id == id && (r->type & PTR_MAYBE_NULL)) {
			if (is_null) {
				/* a NULL record was never reserved (a NULL
				 * dynptr slice releases nothing: its
				 * reference is the dynptr's) */
				if (r->ref_obj_id && r->ref_obj_id == id)
					release_reference_state(st, r->ref_obj_id);
				mark_reg_known_zero(r);
			} else {
				r->type &= ~PTR_MAYBE_NULL;
				/* a value with a bpf_spin_lock keeps its id: it
				 * names the lock (reg_may_point_to_spin_lock) */
				if (BASE_TYPE(r->type) != PTR_TO_MAP_VALUE ||
				    r->map_ptr->spin_lock_off < 0)
					r->id = 0;
			}
		}
	}));
}

static void find_good_pkt_pointers(struct bh_vstate *st, const struct bh_reg *dst,
				   uint32_t type, bool right_open)
{
	int new_range;
	uint32_t id = dst->id;

	if (dst->off < 0 || (dst->off == 0 && right_open))
		return;
	if (dst->umax > BH_MAX_PACKET_OFF ||
	    dst->umax + (uint64_t)dst->off > BH_MAX_PACKET_OFF)
		return; /* risk of overflow */
	new_range = dst->off + (right_open ? 1 : 0);
	for_each_reg_in_vstate(st, f, r, ({
		if (r->type == type && r->id == id)
			r->range = BH_MAX(r->range, (uint32_t)new_range);
	}));
}

static bool is_init_pkt_pointer(const struct bh_reg *r, uint32_t type)
{
	return r->type == type && r->off == 0 && tnum_equals_const(r->var_off, 0);
}

/* Packet pointer against packet end (or meta against data): which path
 * proves bytes readable.  @fall is the fall-through state, @taken the
 * jump's.  Returns false when the operands are not such a pair. */
static bool try_match_pkt_pointers(const struct bpf_insn *insn,
				   struct bh_reg *dst, struct bh_reg *src,
				   struct bh_vstate *fall, struct bh_vstate *taken)
{
	uint8_t op = BPF_OP(insn->code);
	bool lhs_pkt, rhs_pkt;

	if (BPF_SRC(insn->code) != BPF_X || BPF_CLASS(insn->code) == BPF_JMP32)
		return false;
	/* pkt_data' op pkt_end, or pkt_meta' op pkt_data */
	lhs_pkt = (dst->type == PTR_TO_PACKET && src->type == PTR_TO_PACKET_END) ||
		  (dst->type == PTR_TO_PACKET_META &&
		   is_init_pkt_pointer(src, PTR_TO_PACKET));
	/* pkt_end op pkt_data', or pkt_data op pkt_meta' */
	rhs_pkt = (dst->type == PTR_TO_PACKET_END && src->type == PTR_TO_PACKET) ||
		  (is_init_pkt_pointer(dst, PTR_TO_PACKET) &&
		   src->type == PTR_TO_PACKET_META);
	if (!lhs_pkt && !rhs_pkt)
		return false;
	switch (op) {
	case BPF_JGT: /* p' > end: fall-through has p' <= end */
		if (lhs_pkt)
			find_good_pkt_pointers(fall, dst, dst->type, false);
		else /* end > p': taken has p' < end */
			find_good_pkt_pointers(taken, src, src->type, true);
		return true;
	case BPF_JLT:
		if (lhs_pkt) /* p' < end taken */
			find_good_pkt_pointers(taken, dst, dst->type, true);
		else /* end < p': fall-through has p' <= end */
			find_good_pkt_pointers(fall, src, src->type, false);
		return true;
	case BPF_JGE:
		if (lhs_pkt) /* p' >= end: fall-through has p' < end */
			find_good_pkt_pointers(fall, dst, dst->type, true);
		else /* end >= p' taken */
			find_good_pkt_pointers(taken, src, src->type, false);
		return true;
	case BPF_JLE:
		if (lhs_pkt) /* p' <= end taken */
			find_good_pkt_pointers(taken, dst, dst->type, false);
		else /* end <= p': fall-through has p' > end... i.e. p' >= end+1:
		      * no; it has end > p' */
			find_good_pkt_pointers(fall, src, src->type, true);
		return true;
	default:
		return false;
	}
}

static int push_branch(struct bh_verifier_env *env, int target, int cur_idx,
		       struct bh_vstate **out);

/* Note in the jump history the scalars sharing an id with @a or @b
 * (sync_linked_regs will refine them): back-tracking follows them together. */
static void record_linked(struct bh_verifier_env *env, const struct bh_reg *a,
			  const struct bh_reg *b)
{
	struct bh_vstate *st = env->cur;
	struct bh_hist *e;

	if (!a->id && (!b || !b->id))
		return;
	e = hist_cur(env);
	if (!e)
		return;
	e->flags |= BH_HIST_LINKED;
	for (uint32_t fi = 0; fi <= st->curframe; fi++) {
		const struct bh_func_state *f = st->frame[fi];

		for (int n = 0; n < BH_MAX_REGS + f->allocated_stack / BH_REG_SIZE; n++) {
			bool stack = n >= BH_MAX_REGS;
			int spi = n - BH_MAX_REGS;
			const struct bh_reg *r = stack ? &f->stack[spi].spilled : &f->regs[n];

			if ((stack && f->stack[spi].type[0] != STACK_SPILL) ||
			    r->type != SCALAR_VALUE || !r->id ||
			    (r->id != a->id && (!b || r->id != b->id)))
				continue;
			if (e->nlinked == BH_HIST_MAX_LINKED || spi >= 64) {
				e->flags |= BH_HIST_LINKED_OVF;
				return;
			}
			e->linked[e->nlinked++] = (uint16_t)(fi << 8 | (stack ? 0x80 | spi : n));
		}
	}
}

/* The kernel's push_stack lives in check.c; reach it through this hook. */
int verifier_push_stack(struct bh_verifier_env *env, int insn_idx,
			int prev_insn_idx, struct bh_vstate **out);

static int push_branch(struct bh_verifier_env *env, int target, int cur_idx,
		       struct bh_vstate **out)
{
	return verifier_push_stack(env, target, cur_idx, out);
}

/* Registers of @st at the positions of @dst/@src in the current frame. */
static struct bh_reg *reg_in(struct bh_vstate *st, int regno)
{
	return &st->frame[st->curframe]->regs[regno];
}

int check_cond_jmp_op(struct bh_verifier_env *env, const struct bpf_insn *insn,
		      int *insn_idx)
{
	struct bh_vstate *this_branch = env->cur, *other_branch;
	struct bh_reg *regs = cur_regs(env), *dst, *src, imm_reg;
	uint8_t op = BPF_OP(insn->code);
	bool is32 = BPF_CLASS(insn->code) == BPF_JMP32;
	int pred, err;

	if (op == BPF_JA) {
		*insn_idx += (is32 ? insn->imm : insn->off);
		return 0;
	}
	if (BPF_SRC(insn->code) == BPF_X) {
		err = check_reg_read(env, insn->src_reg);
		if (err)
			return err;
		src = &regs[insn->src_reg];
	} else {
		mark_reg_known(&imm_reg, is32 ? (uint32_t)insn->imm
					      : (uint64_t)(int64_t)insn->imm);
		src = &imm_reg;
	}
	err = check_reg_read(env, insn->dst_reg);
	if (err)
		return err;
	dst = &regs[insn->dst_reg];

	if (!env->priv && BPF_SRC(insn->code) == BPF_X && is_pointer(src) &&
	    !(reg_is_pkt_pointer_any(dst) && reg_is_pkt_pointer_any(src))) {
		verbose(env, "R%d pointer comparison prohibited\n", insn->src_reg);
		return -EACCES;
	}
	if (!env->priv && is_pointer(dst))
		pred = unpriv_ptr_branch_taken(dst, src, op, is32);
	else
		pred = is_branch_taken(dst, src, op, is32);
	if (pred >= 0) {
		/* the bounds decided the branch: they matter */
		if (dst->type == SCALAR_VALUE)
			err = mark_chain_precision(env, insn->dst_reg);
		if (!err && BPF_SRC(insn->code) == BPF_X &&
		    regs[insn->src_reg].type == SCALAR_VALUE)
			err = mark_chain_precision(env, insn->src_reg);
		if (err)
			return err;
	}
	if (pred == 1) {
		*insn_idx += insn->off;
		return 0;
	}
	if (pred == 0)
		return 0;

	/* both paths refine the operands and the scalars linked to them */
	if (dst->type == SCALAR_VALUE && src->type == SCALAR_VALUE)
		record_linked(env, dst, BPF_SRC(insn->code) == BPF_X ? src : NULL);
	err = push_branch(env, *insn_idx + insn->off + 1, *insn_idx, &other_branch);
	if (err)
		return err;
	/* the push may have moved nothing, but re-read through the states */
	dst = reg_in(this_branch, insn->dst_reg);
	struct bh_reg *odst = reg_in(other_branch, insn->dst_reg);
	struct bh_reg *osrc, tmp_imm;

	if (BPF_SRC(insn->code) == BPF_X) {
		src = reg_in(this_branch, insn->src_reg);
		osrc = reg_in(other_branch, insn->src_reg);
	} else {
		tmp_imm = imm_reg;
		src = &imm_reg;
		osrc = &tmp_imm;
	}

	if (dst->type == SCALAR_VALUE && src->type == SCALAR_VALUE) {
		/* taken: dst op src holds; fall-through: the opposite */
		reg_set_min_max(other_branch, odst, osrc, op, is32);
		reg_set_min_max(this_branch, dst, src, flip_opcode(op), is32);
		return 0;
	}
	/* NULL checks: ptr_or_null ==/!= 0 */
	if (!is32 && (op == BPF_JEQ || op == BPF_JNE) &&
	    (dst->type & PTR_MAYBE_NULL) && register_is_null(src) && dst->id) {
		uint32_t id = dst->id;

		mark_ptr_or_null_regs(this_branch, id, op == BPF_JNE);
		mark_ptr_or_null_regs(other_branch, id, op == BPF_JEQ);
		return 0;
	}
	if (!try_match_pkt_pointers(insn, dst, src, this_branch, other_branch) &&
	    !env->priv && is_pointer(dst)) {
		/* both paths would tell the program something of the address */
		verbose(env, "R%d pointer comparison prohibited\n", insn->dst_reg);
		return -EACCES;
	}
	return 0;
}
