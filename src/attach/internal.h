/* SPDX-License-Identifier: MIT */
/*
 * attach/internal.h - hooks, their mprog chains and links.
 *
 * A hook's chain is Linux's bpf_mprog: a pair of fast-path entries (arrays
 * of program pointers only, packed, NULL-terminated) of which one is
 * published, plus one control-path array (owning link, flags) kept in step
 * with the published entry.  Changes never allocate: the unpublished peer
 * is filled and swapped in.
 *
 * Copy-and-publish protocol.
 *
 *   Writer (attach_lock held; mprog.c):
 *       active = hook->active                      (only writers store it)
 *       peer   = the other entry of hook->entries
 *       copy active->fp into peer->fp, apply the change (insert, delete or
 *         replace), fp[count] = NULL          (relaxed stores: unpublished)
 *       update hook->cp and hook->count to match peer
 *       store_release(hook->active, peer)          (the one publish)
 *       hook->revision++
 *       synchronize_rcu()           (no run can still read the old entry)
 *       put the program the change dropped
 *     The old entry is now unreachable and becomes the next peer.
 *
 *   Reader (bh_hook__run; hook.c):
 *       rcu_read_lock()
 *       entry = load_acquire(hook->active)
 *       for (i = 0; (prog = load_relaxed(entry->fp[i])); i++)
 *           run prog
 *       rcu_read_unlock()
 *
 * A reader sees one whole entry: the one published when it loaded
 * hook->active.  Programs in it hold the hook's reference until a grace
 * period after the entry stopped being published.
 */
#ifndef BH_ATTACH_INTERNAL_H
#define BH_ATTACH_INTERNAL_H

#include <pthread.h>

#include <bpfhost/attach.h>

#include "core/internal.h"

struct bh_prog;

/* One fast-path array: programs in run order, fp[count] == NULL. */
struct mprog_entry {
	/*
	 * Atomic protocol above: written (relaxed) only while unpublished,
	 * read (relaxed) by runs after the acquire load of hook->active.
	 */
	_Atomic(struct bh_prog *) fp[BH_MPROG_MAX + 1];
};

/* Control-path twin of fp[i] of the published entry. */
struct mprog_cp {
	struct bh_link *link; /* owning link, NULL for bh_hook__attach */
	uint32_t flags;       /* attach flags reported by query (0) */
};

struct bh_hook {
	/* Immutable after bh_hook__new(). */
	uint32_t prog_type;
	uint32_t policy;
	uint32_t ctx_size;
	uint64_t default_ret;
	bh_hook_callback_fn callback;
	void *callback_arg;

	/*
	 * The published entry: release store in mprog_commit(), acquire load
	 * in bh_hook__run().
	 */
	_Atomic(struct mprog_entry *) active;

	/* Guarded by attach_lock: */
	struct mprog_entry entries[2];
	struct mprog_cp cp[BH_MPROG_MAX];
	uint32_t count;
	uint64_t revision;
};

struct bh_link {
	struct bh_obj obj;
	/* Guarded by attach_lock: */
	struct bh_hook *hook; /* NULL once defunct */
	struct bh_prog *prog; /* the link's reference; kept while defunct */
};

/*
 * attach_lock: the control path of every hook and link (the kernel's
 * rtnl for tcx).  Guards bh_hook's control fields and bh_link's hook/prog.
 * Rank: taken before the id-table locks of core/obj.c; never held while
 * dropping a link reference (a link's release takes it).
 */
extern pthread_mutex_t attach_lock;

/* A program and the link owning it (or NULL), as the kernel's bpf_tuple. */
struct mprog_tuple {
	struct bh_prog *prog;
	struct bh_link *link;
};

/* The caller's relative object (see bh_hook_attach_opts). */
struct mprog_relative {
	uint32_t id;
	const struct bh_prog *prog;
	const struct bh_link *link;
};

/*
 * The mprog operations; attach_lock held.  On success they publish the
 * change, wait for a grace period and drop the program they released.
 * *rtuple gets the resolved relative object, which holds a reference the
 * caller drops with mprog_tuple_put() after unlocking.
 *
 * mprog_attach: ntuple = the new program (and its link), oprog = program
 *   replaced with BPF_F_REPLACE.
 * mprog_detach: dtuple = program (and link) to remove, prog may be NULL.
 */
int mprog_attach(struct bh_hook *hook, struct mprog_tuple ntuple,
		 struct bh_prog *oprog, uint32_t flags,
		 const struct mprog_relative *rel, uint64_t revision,
		 struct mprog_tuple *rtuple);
int mprog_detach(struct bh_hook *hook, struct mprog_tuple dtuple,
		 uint32_t flags, const struct mprog_relative *rel,
		 uint64_t revision, struct mprog_tuple *rtuple);
int mprog_query(struct bh_hook *hook, struct bh_hook_query_opts *opts);
/* false for relatives the kernel cannot express (see mprog.c): -EINVAL. */
bool mprog_relative_valid(uint32_t flags, const struct mprog_relative *rel);
void mprog_tuple_put(struct mprog_tuple *tuple);

/*
 * TSan does not see liburcu's grace periods (uninstrumented fences).  Runs
 * announce the end of their read-side section with a release on the hook
 * and writers acquire it after synchronize_rcu(), which is what the grace
 * period guarantees.  No-ops without TSan.
 */
#if defined(__SANITIZE_THREAD__)
#define BH_ATTACH_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define BH_ATTACH_TSAN 1
#endif
#endif
#ifdef BH_ATTACH_TSAN
void __tsan_acquire(void *addr);
void __tsan_release(void *addr);
#define attach_tsan_acquire(p) __tsan_acquire(p)
#define attach_tsan_release(p) __tsan_release(p)
#else
#define attach_tsan_acquire(p) ((void)(p))
#define attach_tsan_release(p) ((void)(p))
#endif

#endif /* BH_ATTACH_INTERNAL_H */
