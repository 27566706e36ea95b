/* SPDX-License-Identifier: MIT */
/*
 * verifier/refs.c - reference tracking.  A helper that acquires something
 * the program must give back (bpf_ringbuf_reserve: a ring-buffer record)
 * records a reference in the state; the pointer it returns carries the
 * reference's id (ref_obj_id), and so does every copy.  Releasing it
 * (bpf_ringbuf_submit / _discard) drops the reference and turns every copy
 * into a plain number, so a second release or a use after release is
 * refused.  At the program's exit no reference may be left.
 */
#include <stdlib.h>

#include "verifier/internal.h"

int acquire_reference(struct bh_verifier_env *env, int insn_idx)
{
	struct bh_vstate *st = env->cur;
	struct bh_ref *r = realloc(st->refs, (st->ref_cnt + 1) * sizeof(*r));

	if (!r)
		return -ENOMEM;
	st->refs = r;
	r[st->ref_cnt].id = ++env->id_gen;
	r[st->ref_cnt].insn_idx = insn_idx;
	return (int)r[st->ref_cnt++].id;
}

/* Forget reference @ref_obj_id (a NULL record never needs releasing). */
void release_reference_state(struct bh_vstate *st, uint32_t ref_obj_id)
{
	for (uint32_t i = 0; i < st->ref_cnt; i++) {
		if (st->refs[i].id != ref_obj_id)
			continue;
		st->refs[i] = st->refs[--st->ref_cnt];
		return;
	}
}

int release_reference(struct bh_verifier_env *env, uint32_t ref_obj_id)
{
	struct bh_vstate *st = env->cur;
	bool found = false;

	for (uint32_t i = 0; i < st->ref_cnt; i++)
		found |= st->refs[i].id == ref_obj_id;
	if (!found) {
		verbose(env, "verifier internal error: reference %u not found\n", ref_obj_id);
		return -EFAULT;
	}
	release_reference_state(st, ref_obj_id);
	/* every copy of the released pointer is now just a number (the
	 * kernel's mark_reg_invalid); unprivileged, a number that was an
	 * address would leak it: the copies become unreadable */
	for_each_reg_in_vstate(st, f, r, ({
		if (r->ref_obj_id == ref_obj_id) {
			mark_reg_invalid(r, env->priv);
			r->written = true;
		}
	}));
	return 0;
}

int check_reference_leak(struct bh_verifier_env *env)
{
	const struct bh_vstate *st = env->cur;

	for (uint32_t i = 0; i < st->ref_cnt; i++) {
		verbose(env, "Unreleased reference id=%u alloc_insn=%d\n", st->refs[i].id,
			st->refs[i].insn_idx);
	}
	return st->ref_cnt ? -EINVAL : 0;
}
