/* SPDX-License-Identifier: MIT */
/*
 * attach/mprog.c - Linux's bpf_mprog (kernel/bpf/mprog.c, seed 002): the
 * entry pair of a hook's chain and the attach / detach / query rules.
 *
 * Every directive of a request (the program replaced or detached,
 * BPF_F_BEFORE, BPF_F_AFTER) names a position on its own; mprog_position()
 * evaluates them for attach and detach alike and fails unless they agree.
 * Positions are the kernel's: -1 is "before the first", count "after the
 * last"; BPF_F_BEFORE X yields X's index - 1 and BPF_F_AFTER X its index + 1.
 * The publish protocol is in internal.h.
 */
#include <pthread.h>
#include <string.h>

#include "attach/internal.h"
#include "core/rcu.h"
#include "progs/internal.h"

pthread_mutex_t attach_lock = PTHREAD_MUTEX_INITIALIZER;

/*
 * Most programs in one chain: the kernel's bpf_mprog_max(), one less than
 * its arrays hold, since the fast-path array keeps a NULL end mark.
 */
#define MPROG_CAP (BH_MPROG_MAX - 1)

#define MPROG_ATTACH_FLAGS \
	(BPF_F_BEFORE | BPF_F_AFTER | BPF_F_REPLACE | BPF_F_ID | BPF_F_LINK)

/* ---- Entries (attach_lock held) ------------------------------------------ */

static struct mprog_entry *mprog_active(struct bh_hook *hook)
{
	/* relaxed: only writers store it, and they hold attach_lock */
	return atomic_load_explicit(&hook->active, memory_order_relaxed);
}

static struct mprog_entry *mprog_peer(struct bh_hook *hook)
{
	struct mprog_entry *active = mprog_active(hook);

	return active == &hook->entries[0] ? &hook->entries[1]
					   : &hook->entries[0];
}

static struct bh_prog *mprog_fp(const struct mprog_entry *entry, uint32_t i)
{
	/* relaxed: the writer reads its own stores (attach_lock held) */
	return atomic_load_explicit(&entry->fp[i], memory_order_relaxed);
}

static void mprog_fp_set(struct mprog_entry *entry, uint32_t i,
			 struct bh_prog *prog)
{
	/* relaxed: @entry is unpublished; mprog_commit() releases it */
	atomic_store_explicit(&entry->fp[i], prog, memory_order_relaxed);
}

/*
 * Publish @peer, count the change, wait until no run can see the old entry
 * and drop the hook's reference on @dropped (may be NULL).
 */
static void mprog_commit(struct bh_hook *hook, struct mprog_entry *peer,
			 struct bh_prog *dropped)
{
	/* release: pairs with the acquire load in bh_hook__run() */
	atomic_store_explicit(&hook->active, peer, memory_order_release);
	hook->revision++;
	bh_rcu_synchronize();
	/* pairs with attach_tsan_release() at the end of bh_hook__run() */
	attach_tsan_acquire(hook);
	bh_prog__free(dropped);
}

/* Insert @nt at @idx of the chain (the kernel's bpf_mprog_insert()). */
static void mprog_insert(struct bh_hook *hook, struct mprog_tuple nt,
			 int idx, uint32_t flags)
{
	struct mprog_entry *active = mprog_active(hook);
	struct mprog_entry *peer = mprog_peer(hook);
	uint32_t total = hook->count, at, i;

	if ((uint32_t)idx != total && (flags & BPF_F_BEFORE))
		idx += 1;
	at = (uint32_t)idx;
	for (i = 0; i < at; i++)
		mprog_fp_set(peer, i, mprog_fp(active, i));
	mprog_fp_set(peer, at, bh_prog__get(nt.prog));
	for (i = at; i < total; i++)
		mprog_fp_set(peer, i + 1, mprog_fp(active, i));
	mprog_fp_set(peer, total + 1, NULL);
	memmove(&hook->cp[at + 1], &hook->cp[at],
		(total - at) * sizeof(hook->cp[0]));
	hook->cp[at] = (struct mprog_cp){ .link = nt.link };
	hook->count = total + 1;
	mprog_commit(hook, peer, NULL);
}

/* Remove the program at @at (bpf_mprog_delete()). */
static void mprog_delete(struct bh_hook *hook, uint32_t at)
{
	struct mprog_entry *active = mprog_active(hook);
	struct mprog_entry *peer = mprog_peer(hook);
	struct bh_prog *dropped = mprog_fp(active, at);
	uint32_t total = hook->count, i;

	for (i = 0; i < at; i++)
		mprog_fp_set(peer, i, mprog_fp(active, i));
	for (i = at + 1; i < total; i++)
		mprog_fp_set(peer, i - 1, mprog_fp(active, i));
	mprog_fp_set(peer, total - 1, NULL);
	memmove(&hook->cp[at], &hook->cp[at + 1],
		(total - at - 1) * sizeof(hook->cp[0]));
	hook->count = total - 1;
	mprog_commit(hook, peer, dropped);
}

/* Put @nt in the slot at @at (bpf_mprog_replace(), through the peer). */
static void mprog_replace(struct bh_hook *hook, struct mprog_tuple nt,
			  uint32_t at)
{
	struct mprog_entry *active = mprog_active(hook);
	struct mprog_entry *peer = mprog_peer(hook);
	struct bh_prog *dropped = mprog_fp(active, at);
	uint32_t total = hook->count, i;

	for (i = 0; i <= total; i++)
		mprog_fp_set(peer, i, mprog_fp(active, i));
	mprog_fp_set(peer, at, bh_prog__get(nt.prog));
	hook->cp[at] = (struct mprog_cp){ .link = nt.link };
	mprog_commit(hook, peer, dropped);
}

/* ---- Relative objects ---------------------------------------------------- */

void mprog_tuple_put(struct mprog_tuple *tuple)
{
	if (tuple->link)
		obj_put(&tuple->link->obj); /* may detach: attach_lock not held */
	else
		bh_prog__free(tuple->prog);
	tuple->link = NULL;
	tuple->prog = NULL;
}

/*
 * Resolve the relative object into @t with a reference (bpf_mprog_tuple_
 * relative()).  @t is filled even on failure; the caller puts it.
 */
static int mprog_tuple_relative(struct mprog_tuple *t,
				const struct mprog_relative *rel,
				uint32_t flags, uint32_t type)
{
	bool by_id = flags & BPF_F_ID;
	struct bh_obj *obj;

	memset(t, 0, sizeof(*t));
	if (flags & BPF_F_LINK) {
		if (by_id) {
			obj = obj_by_id(BH_OBJ_LINK, rel->id);
			if (!obj)
				return -ENOENT;
			t->link = bh_container_of(obj, struct bh_link, obj);
		} else if (rel->link) {
			t->link = (struct bh_link *)rel->link;
			obj_get(&t->link->obj);
		} else {
			/* none, or a program where a link belongs: the
			 * kernel's bpf_link_get_from_fd() of 0 / a prog fd */
			return -EINVAL;
		}
		t->prog = t->link->prog;
		return type && t->prog->type != type ? -EINVAL : 0;
	}
	/* A link where a program belongs: bpf_prog_get() of a link fd. */
	if (!by_id && rel->link)
		return -EINVAL;
	/* No id and no object: BPF_F_BEFORE / AFTER mean first / last. */
	if (!by_id && !rel->prog)
		return 0;
	if (by_id) {
		t->prog = bh_prog__by_id(rel->id);
		if (!t->prog)
			return -ENOENT;
	} else {
		t->prog = bh_prog__get((struct bh_prog *)rel->prog);
	}
	return type && t->prog->type != type ? -EINVAL : 0;
}

/*
 * The checks of a relative object made before anything else: an id and a
 * pointer, or both pointers, have no kernel equivalent.  A pointer of the
 * wrong kind (a program with BPF_F_LINK, a link without it) is the kernel's
 * fd of the wrong kind and fails later, in mprog_tuple_relative(), after
 * the revision and existence checks, as in the kernel.
 */
bool mprog_relative_valid(uint32_t flags, const struct mprog_relative *rel)
{
	if (flags & BPF_F_ID)
		return !rel->prog && !rel->link;
	return !(rel->prog && rel->link);
}

/* ---- Positions (attach_lock held) ---------------------------------------- */

static bool mprog_exists(struct bh_hook *hook, const struct bh_prog *prog)
{
	struct mprog_entry *active = mprog_active(hook);

	for (uint32_t i = 0; i < hook->count; i++)
		if (mprog_fp(active, i) == prog)
			return true;
	return false;
}

/* Index of @t's slot; -EBUSY when its program sits under another owner. */
static int mprog_pos_exact(struct bh_hook *hook, const struct mprog_tuple *t)
{
	struct mprog_entry *active = mprog_active(hook);

	for (uint32_t i = 0; i < hook->count; i++)
		if (mprog_fp(active, i) == t->prog)
			return hook->cp[i].link == t->link ? (int)i : -EBUSY;
	return -ENOENT;
}

/* Slot of relative @t: its index, or -1 when @t is empty; else -ENOENT. */
static int mprog_pos_rel(struct bh_hook *hook, const struct mprog_tuple *t)
{
	struct mprog_entry *active = mprog_active(hook);

	for (uint32_t i = 0; i < hook->count; i++)
		if (mprog_fp(active, i) == t->prog &&
		    (!t->link || t->link == hook->cp[i].link))
			return (int)i;
	return t->prog ? -ENOENT : -1;
}

/*
 * The position a request names, shared by attach and detach: @exact (the
 * program replaced or detached; NULL for none), then BPF_F_BEFORE and
 * BPF_F_AFTER relative to @rel.  Each yields a position; all given must
 * agree (-ERANGE).  None given: the end (*flags becomes BPF_F_AFTER), but
 * only if no relative object or flag was passed (-EINVAL).
 * @return 0 with *idx in [-1, count], or a negative errno.
 */
static int mprog_position(struct bh_hook *hook,
			  const struct mprog_tuple *exact,
			  const struct mprog_tuple *rel, uint32_t *flags,
			  int *idx)
{
	int pos = -ERANGE, tpos, rpos = -1; /* pos < -1: no position yet */

	if (exact) {
		tpos = mprog_pos_exact(hook, exact);
		if (tpos < 0)
			return tpos;
		pos = tpos;
	}
	if (*flags & (BPF_F_BEFORE | BPF_F_AFTER)) {
		rpos = mprog_pos_rel(hook, rel);
		if (rpos < -1)
			return rpos;
	}
	if (*flags & BPF_F_BEFORE) {
		tpos = rel->prog ? rpos - 1 : -1;
		if (pos >= -1 && tpos != pos)
			return -ERANGE;
		pos = tpos;
	}
	if (*flags & BPF_F_AFTER) {
		tpos = rel->prog ? rpos + 1 : (int)hook->count;
		if (pos >= -1 && tpos != pos)
			return -ERANGE;
		pos = tpos;
	}
	if (pos < -1) {
		if (rel->prog || *flags)
			return -EINVAL;
		pos = (int)hook->count;
		*flags = BPF_F_AFTER;
	}
	if (pos >= MPROG_CAP)
		return -ERANGE;
	*idx = pos;
	return 0;
}

/* ---- Operations ---------------------------------------------------------- */

int mprog_attach(struct bh_hook *hook, struct mprog_tuple ntuple,
		 struct bh_prog *oprog, uint32_t flags,
		 const struct mprog_relative *rel, uint64_t revision,
		 struct mprog_tuple *rtuple)
{
	struct mprog_tuple otuple = { .prog = oprog, .link = ntuple.link };
	int ret, idx;

	memset(rtuple, 0, sizeof(*rtuple));
	if (revision && revision != hook->revision)
		return -ESTALE;
	if (mprog_exists(hook, ntuple.prog))
		return -EEXIST;
	ret = mprog_tuple_relative(rtuple, rel, flags & ~BPF_F_REPLACE,
				   ntuple.prog->type);
	if (ret)
		return ret;
	/*
	 * Full: -ERANGE for every insertion, before the directives are
	 * looked at (as Linux since its fix for BPF_F_BEFORE overflowing a
	 * full chain; diff_tcx checks the order).
	 */
	if (!(flags & BPF_F_REPLACE) && hook->count >= MPROG_CAP)
		return -ERANGE;
	ret = mprog_position(hook, flags & BPF_F_REPLACE ? &otuple : NULL,
			     rtuple, &flags, &idx);
	if (ret)
		return ret;
	if (flags & BPF_F_REPLACE) {
		mprog_replace(hook, ntuple, (uint32_t)idx);
		return 0;
	}
	mprog_insert(hook, ntuple, idx, flags);
	return 0;
}

int mprog_detach(struct bh_hook *hook, struct mprog_tuple dtuple,
		 uint32_t flags, const struct mprog_relative *rel,
		 uint64_t revision, struct mprog_tuple *rtuple)
{
	int ret, idx;
	uint32_t at;

	memset(rtuple, 0, sizeof(*rtuple));
	if (flags & BPF_F_REPLACE)
		return -EINVAL;
	if (revision && revision != hook->revision)
		return -ESTALE;
	if (!hook->count)
		return -ENOENT;
	ret = mprog_tuple_relative(rtuple, rel, flags,
				   dtuple.prog ? dtuple.prog->type : 0);
	if (ret)
		return ret;
	ret = mprog_position(hook, dtuple.prog ? &dtuple : NULL, rtuple,
			     &flags, &idx);
	if (ret)
		return ret;
	/* bpf_mprog_fetch(): -1 and count mean the first and the last */
	at = idx == -1 ? 0 : (uint32_t)idx == hook->count ? hook->count - 1
							  : (uint32_t)idx;
	/* a link's program never leaves through the program API */
	if (hook->cp[at].link && !dtuple.link)
		return -EBUSY;
	mprog_delete(hook, at);
	return 0;
}

int mprog_query(struct bh_hook *hook, struct bh_hook_query_opts *opts)
{
	struct mprog_entry *active = mprog_active(hook);
	uint32_t total = hook->count, cap, n;
	uint32_t *prog_ids, *prog_flags, *link_ids, *link_flags;
	int ret = 0;

	if (BH_OPTS_GET(opts, query_flags, 0) ||
	    BH_OPTS_GET(opts, attach_flags, 0))
		return -EINVAL;
	cap = BH_OPTS_GET(opts, count, 0);
	prog_ids = BH_OPTS_GET(opts, prog_ids, NULL);
	prog_flags = BH_OPTS_GET(opts, prog_attach_flags, NULL);
	link_ids = BH_OPTS_GET(opts, link_ids, NULL);
	link_flags = BH_OPTS_GET(opts, link_attach_flags, NULL);
	if (BH_OPTS_HAS(opts, revision))
		opts->revision = hook->revision;
	if (BH_OPTS_HAS(opts, count))
		opts->count = total;
	if (!cap || !prog_ids || !total)
		return 0;
	n = total;
	if (cap < total) {
		n = cap;
		ret = -ENOSPC;
	}
	for (uint32_t i = 0; i < n; i++) {
		struct bh_link *link = hook->cp[i].link;

		prog_ids[i] = bh_prog__id(mprog_fp(active, i));
		if (prog_flags)
			prog_flags[i] = hook->cp[i].flags;
		if (link_ids)
			link_ids[i] = link ? link->obj.id : 0;
		if (link_flags)
			link_flags[i] = 0;
	}
	return ret;
}

/* ---- Public: programs attached without a link ---------------------------- */

BH_API int bh_hook__attach(struct bh_hook *hook, struct bh_prog *prog,
			   const struct bh_hook_attach_opts *opts)
{
	struct mprog_relative rel = {
		.id = BH_OPTS_GET(opts, relative_id, 0),
		.prog = BH_OPTS_GET(opts, relative_prog, NULL),
		.link = BH_OPTS_GET(opts, relative_link, NULL),
	};
	uint32_t flags = BH_OPTS_GET(opts, flags, 0);
	const struct bh_prog *oprog = BH_OPTS_GET(opts, replace_prog, NULL);
	struct mprog_tuple ntuple = { .prog = prog }, rtuple;
	int ret;

	if (!hook || !prog || !BH_OPTS_VALID(opts, bh_hook_attach_opts) ||
	    (flags & ~MPROG_ATTACH_FLAGS) || prog->type != hook->prog_type ||
	    !(flags & BPF_F_REPLACE) != !oprog ||
	    (oprog && oprog->type != hook->prog_type))
		return bh_err(-EINVAL);
	if (!mprog_relative_valid(flags, &rel))
		return bh_err(-EINVAL);
	pthread_mutex_lock(&attach_lock);
	ret = mprog_attach(hook, ntuple, (struct bh_prog *)oprog, flags, &rel,
			   BH_OPTS_GET(opts, expected_revision, 0), &rtuple);
	pthread_mutex_unlock(&attach_lock);
	mprog_tuple_put(&rtuple);
	return bh_err(ret);
}

BH_API int bh_hook__detach(struct bh_hook *hook, struct bh_prog *prog,
			   const struct bh_hook_detach_opts *opts)
{
	struct mprog_relative rel = {
		.id = BH_OPTS_GET(opts, relative_id, 0),
		.prog = BH_OPTS_GET(opts, relative_prog, NULL),
		.link = BH_OPTS_GET(opts, relative_link, NULL),
	};
	uint32_t flags = BH_OPTS_GET(opts, flags, 0);
	struct mprog_tuple dtuple = { .prog = prog }, rtuple;
	int ret;

	if (!hook || !BH_OPTS_VALID(opts, bh_hook_detach_opts) ||
	    (flags & ~MPROG_ATTACH_FLAGS) ||
	    (prog && prog->type != hook->prog_type))
		return bh_err(-EINVAL);
	if (!mprog_relative_valid(flags, &rel))
		return bh_err(-EINVAL);
	pthread_mutex_lock(&attach_lock);
	ret = mprog_detach(hook, dtuple, flags, &rel,
			   BH_OPTS_GET(opts, expected_revision, 0), &rtuple);
	pthread_mutex_unlock(&attach_lock);
	mprog_tuple_put(&rtuple);
	return bh_err(ret);
}

BH_API int bh_hook__query(struct bh_hook *hook,
			  struct bh_hook_query_opts *opts)
{
	int ret;

	if (!hook || !opts || !BH_OPTS_VALID(opts, bh_hook_query_opts))
		return bh_err(-EINVAL);
	pthread_mutex_lock(&attach_lock);
	ret = mprog_query(hook, opts);
	pthread_mutex_unlock(&attach_lock);
	return bh_err(ret);
}
