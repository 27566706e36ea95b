/* SPDX-License-Identifier: MIT */
/*
 * bpfhost/attach.h - hooks: attach points with ordered chains of programs
 * (Linux's bpf_mprog), and links that own one slot of a chain.
 *
 * A host creates a hook for one program type and runs its chain where the
 * event happens (bh_hook__run).  Programs join a chain either directly
 * (bh_hook__attach, the kernel's BPF_PROG_ATTACH) or through a link
 * (bh_link__attach, BPF_LINK_CREATE), which owns its slot until it is
 * detached or freed.  Ordering follows Linux's mprog rules exactly:
 *
 *   - no directive appends; BPF_F_BEFORE / BPF_F_AFTER without a relative
 *     object mean first / last; with a relative program (or a link with
 *     BPF_F_LINK; by id with BPF_F_ID) they mean right before / after it;
 *   - BPF_F_REPLACE (programs only) replaces opts.replace_prog in place;
 *   - all directives given must agree on one position, else -ERANGE;
 *   - expected_revision, when non-zero, must equal the hook's revision
 *     (bh_hook__query), else -ESTALE; every successful change adds one.
 *
 * At most BH_MPROG_MAX - 1 (63) programs per hook, as Linux.  Programs keep
 * running while the chain changes: a run sees the chain either before or
 * after a change, never a mix; a detached program is released only once no
 * run can still see it.
 *
 * Thread-safety: every call may be made from any thread at any time, except
 * that bh_hook__free() must not race with other calls on the same hook (or
 * its links' update/detach), and no call but bh_hook__run() and the id
 * accessors may be made from inside a program run (changes wait for runs).
 */
#ifndef BPFHOST_ATTACH_H
#define BPFHOST_ATTACH_H

#include <stdbool.h>

#include "common.h"

struct bh_prog;
struct bh_hook;
struct bh_link;

/**
 * Size of a chain's arrays (the kernel's BPF_MPROG_MAX).  One slot always
 * stays empty as the end mark, so a chain holds at most BH_MPROG_MAX - 1 =
 * 63 programs, as the kernel's (bpf_mprog_max()).
 */
#define BH_MPROG_MAX 64

/** How bh_hook__run() combines the return codes of a chain. */
enum bh_hook_policy {
	/*
	 * tcx: a program returning TCX_NEXT (-1) passes on to the next; the
	 * first other code (low 32 bits, sign-extended) ends the run and is
	 * the result.  Empty or exhausted chain: default_ret.
	 */
	BH_HOOK_POLICY_TCX = 0,
	/*
	 * cgroup style: every program runs; the result is 1 (allow) when all
	 * returned 1 (low 32 bits), else 0 (refuse).  Empty chain: default_ret.
	 */
	BH_HOOK_POLICY_ALL = 1,
	/*
	 * The host decides: after each program, callback(ctx, retval, arg)
	 * returns true to go on, false to stop.  The result is R0 of the last
	 * program run; empty chain: default_ret.  The callback runs inside
	 * the run's RCU read-side section: it must not change chains or free
	 * links or hooks.
	 */
	BH_HOOK_POLICY_CALLBACK = 2,
};

/** Decides after each program of a BH_HOOK_POLICY_CALLBACK chain. */
typedef bool (*bh_hook_callback_fn)(void *ctx, uint64_t retval, void *arg);

struct bh_hook_opts {
	size_t sz;
	/* enum bh_hook_policy; default BH_HOOK_POLICY_TCX. */
	uint32_t policy;
	/* Bytes at ctx a checked program may read and write (0: none). */
	uint32_t ctx_size;
	/* Result of an empty or exhausted chain. */
	uint64_t default_ret;
	/* BH_HOOK_POLICY_CALLBACK only (required there, NULL elsewhere). */
	bh_hook_callback_fn callback;
	void *callback_arg;
	size_t :0;
};
#define bh_hook_opts__last_field callback_arg

/**
 * Create an empty hook for programs of @prog_type.
 *
 * @param prog_type enum bpf_prog_type of the programs it accepts (not 0).
 * @param opts      Options, or NULL for defaults (tcx policy, result 0).
 * @return the hook, or NULL with errno EINVAL (type 0, unknown policy,
 *         callback missing or given for another policy, bad opts) or
 *         ENOMEM.  Free it with bh_hook__free().  Its revision starts at 1.
 */
BH_API struct bh_hook *bh_hook__new(uint32_t prog_type,
				    const struct bh_hook_opts *opts);

/**
 * Free @hook: programs attached directly are released, links attached to
 * it become defunct (update and query fail with -ENOLINK; free them as
 * usual).
 * Must not race with any other call on @hook.  NULL is ignored.
 */
BH_API void bh_hook__free(struct bh_hook *hook);

/**
 * Run the chain on the calling thread: each program with R1 = @ctx, on the
 * thread's CPU slot, inside one RCU read-side section, combined by the
 * hook's policy.  @ctx is passed raw, not built as the program type's
 * context, so verified programs run checked here (every access inside
 * @ctx's ctx_size bytes, the stack or map memory), except SYSCALL programs
 * whose ctx_size covers what the verifier let them read (docs/attach.md).
 *
 * @param ret Out: the result of the policy.
 * @return 0; -EINVAL for NULL @hook or @ret; -EFAULT when a checked program
 *         touched memory outside its bounds (the run stops there).
 * Thread-safe; may be called from inside another program run (helpers).
 */
BH_API int bh_hook__run(struct bh_hook *hook, void *ctx, uint64_t *ret);

/** enum bpf_prog_type the hook accepts. */
BH_API uint32_t bh_hook__prog_type(const struct bh_hook *hook);

/*
 * Relative object of attach / detach (the kernel's relative_fd / _id):
 *   flags & BPF_F_ID:    relative_id names a program (a link with BPF_F_LINK);
 *   else BPF_F_LINK:     relative_link (NULL: -EINVAL);
 *   else:                relative_prog, or none when NULL.
 * The pointer fields not selected must be NULL (-EINVAL).
 */
struct bh_hook_attach_opts {
	size_t sz;
	/* BPF_F_BEFORE | BPF_F_AFTER | BPF_F_REPLACE | BPF_F_ID | BPF_F_LINK */
	uint32_t flags;
	uint32_t relative_id;
	const struct bh_prog *relative_prog;
	const struct bh_link *relative_link;
	/* With BPF_F_REPLACE: the attached program to replace (required). */
	const struct bh_prog *replace_prog;
	/* 0, or the revision the chain must have. */
	uint64_t expected_revision;
	size_t :0;
};
#define bh_hook_attach_opts__last_field expected_revision

/**
 * Attach @prog to @hook's chain (BPF_PROG_ATTACH of an mprog type).  The
 * hook takes its own reference on @prog.
 *
 * @return 0, or: -EINVAL (NULL argument, unknown flag, replace_prog given
 *         without BPF_F_REPLACE or missing with it, @prog, replace_prog
 *         or a relative of another program type, BPF_F_LINK without a link, a relative
 *         object without BPF_F_BEFORE/AFTER/REPLACE positioning); -ESTALE
 *         (expected_revision differs); -EEXIST (@prog already in the
 *         chain); -ENOENT (relative or replaced object not in the chain, or
 *         no object with that id); -EBUSY (replace_prog is owned by a link);
 *         -ERANGE (directives disagree on the position, or the chain holds
 *         BH_MPROG_MAX - 1 programs already: checked right after the
 *         relative object is resolved, before the directives, as Linux).
 *         A relative pointer of the wrong kind (a program with BPF_F_LINK,
 *         a link without it) is -EINVAL after -ESTALE and -EEXIST, where
 *         the kernel finds an fd of the wrong kind.
 */
BH_API int bh_hook__attach(struct bh_hook *hook, struct bh_prog *prog,
			   const struct bh_hook_attach_opts *opts);

struct bh_hook_detach_opts {
	size_t sz;
	/* BPF_F_BEFORE | BPF_F_AFTER | BPF_F_ID | BPF_F_LINK */
	uint32_t flags;
	uint32_t relative_id;
	const struct bh_prog *relative_prog;
	const struct bh_link *relative_link;
	uint64_t expected_revision;
	size_t :0;
};
#define bh_hook_detach_opts__last_field expected_revision

/**
 * Detach a program attached with bh_hook__attach() (BPF_PROG_DETACH).
 * @prog may be NULL: the position given by the directives names it
 * (BPF_F_BEFORE alone: the first, BPF_F_AFTER alone or nothing: the last).
 * The program is released once no run can still see it.
 *
 * @return 0, or: -EINVAL (NULL hook, unknown flag, BPF_F_REPLACE, @prog of
 *         another type, bad relative); -ESTALE; -ENOENT (empty chain,
 *         @prog or relative not in it); -EBUSY (the program at that
 *         position belongs to a link); -ERANGE (directives disagree).
 */
BH_API int bh_hook__detach(struct bh_hook *hook, struct bh_prog *prog,
			   const struct bh_hook_detach_opts *opts);

/* BPF_PROG_QUERY of an mprog type; in/out fields as the kernel's. */
struct bh_hook_query_opts {
	size_t sz;
	uint32_t query_flags;     /* in: must be 0 */
	uint32_t attach_flags;    /* out: always 0 */
	uint64_t revision;        /* out */
	uint32_t count;           /* in: length of the arrays; out: attached */
	uint32_t *prog_ids;       /* out: in chain order (may be NULL) */
	uint32_t *prog_attach_flags; /* out: 0 each (may be NULL) */
	uint32_t *link_ids;       /* out: owning link's id or 0 (may be NULL) */
	uint32_t *link_attach_flags; /* out: 0 each (may be NULL) */
	size_t :0;
};
#define bh_hook_query_opts__last_field link_attach_flags

/**
 * Report @hook's chain: revision and count always; with prog_ids and a
 * non-zero count, the first min(count, attached) entries of each array.
 *
 * @return 0; -ENOSPC when the arrays were shorter than the chain (they
 *         hold its first count entries, count is set to the chain's
 *         length); -EINVAL (NULL argument, query_flags or attach_flags not
 *         0, bad opts).
 */
BH_API int bh_hook__query(struct bh_hook *hook,
			  struct bh_hook_query_opts *opts);

/* ---- Links -------------------------------------------------------------- */

struct bh_link_attach_opts {
	size_t sz;
	/* BPF_F_BEFORE | BPF_F_AFTER | BPF_F_ID | BPF_F_LINK; relative as above */
	uint32_t flags;
	uint32_t relative_id;
	const struct bh_prog *relative_prog;
	const struct bh_link *relative_link;
	uint64_t expected_revision;
	size_t :0;
};
#define bh_link_attach_opts__last_field expected_revision

/**
 * Attach @prog to @hook through a new link (BPF_LINK_CREATE of tcx).  The
 * link takes its own reference on @prog and gets a process-wide id.
 *
 * @return the link (one reference, drop it with bh_link__free()), or NULL
 *         with errno as bh_hook__attach() (BPF_F_REPLACE: ENOENT, as the
 *         kernel) or ENOMEM.
 */
BH_API struct bh_link *bh_link__attach(struct bh_hook *hook,
				       struct bh_prog *prog,
				       const struct bh_link_attach_opts *opts);

/**
 * Swap the link's program for @new_prog in place (BPF_LINK_UPDATE; the
 * kernel's tcx_link_update).  Same program: nothing changes, returns 0.
 *
 * @param old_prog NULL, or the program the link must hold now.
 * @return 0, or: -EINVAL (NULL link or new_prog, @new_prog of another
 *         type); -ENOLINK (link detached or its hook freed); -EPERM
 *         (@old_prog is not the link's program); -EEXIST (@new_prog is
 *         already in the chain).
 */
BH_API int bh_link__update(struct bh_link *link, struct bh_prog *new_prog,
			   struct bh_prog *old_prog);

/**
 * Take the link's program out of its chain; the link stays, defunct
 * (update and query then fail with -ENOLINK).  Detaching a defunct link
 * does nothing and returns 0, as the kernel's tcx_link_detach().
 * @return 0; -EINVAL for NULL.
 */
BH_API int bh_link__detach(struct bh_link *link);

/**
 * Report the chain of the hook the link is attached to.
 * @return as bh_hook__query(); -ENOLINK when the link is defunct.
 */
BH_API int bh_link__query(struct bh_link *link,
			  struct bh_hook_query_opts *opts);

/**
 * Drop one reference.  The last one detaches the link if it is still
 * attached (waiting for runs that may see it) and frees it.  NULL ignored.
 */
BH_API void bh_link__free(struct bh_link *link);

/** Find a link by id and take a reference; NULL with errno ENOENT. */
BH_API struct bh_link *bh_link__by_id(uint32_t id);

/**
 * Id of the next link after @start_id (0 starts at the first), to walk the
 * process's links as bpftool walks the kernel's with BPF_LINK_GET_NEXT_ID.
 * @return 0 and *@next_id set, or -ENOENT at the end (-EINVAL for NULL).
 */
BH_API int bh_link__next_id(uint32_t start_id, uint32_t *next_id);

/** Process-wide id of the link (never 0). */
BH_API uint32_t bh_link__id(const struct bh_link *link);

/** Id of the link's program now. */
BH_API uint32_t bh_link__prog_id(const struct bh_link *link);

/** true while the link is attached to a hook. */
BH_API bool bh_link__attached(const struct bh_link *link);

#endif /* BPFHOST_ATTACH_H */
