/* SPDX-License-Identifier: MIT */
/*
 * attach/hook.c - hooks: creating them and running their chains.
 *
 * A run loads the published entry once (acquire; see the protocol in
 * internal.h) and walks it inside one RCU read-side section on one CPU
 * slot, so every program of one run sees the same chain and slot.
 */
#include <stdlib.h>

#include "attach/internal.h"
#include "core/rcu.h"
#include "progs/ctx_access.h"
#include "progs/internal.h"

BH_API struct bh_hook *bh_hook__new(uint32_t prog_type,
				    const struct bh_hook_opts *opts)
{
	uint32_t policy = BH_OPTS_GET(opts, policy, BH_HOOK_POLICY_TCX);
	bh_hook_callback_fn cb = BH_OPTS_GET(opts, callback, NULL);
	struct bh_hook *hook;

	if (!prog_type || !BH_OPTS_VALID(opts, bh_hook_opts) ||
	    policy > BH_HOOK_POLICY_CALLBACK ||
	    (policy == BH_HOOK_POLICY_CALLBACK) != (cb != NULL))
		return bh_err_ptr(-EINVAL);
	hook = calloc(1, sizeof(*hook));
	if (!hook)
		return bh_err_ptr(-ENOMEM);
	hook->prog_type = prog_type;
	hook->policy = policy;
	hook->ctx_size = BH_OPTS_GET(opts, ctx_size, 0);
	hook->default_ret = BH_OPTS_GET(opts, default_ret, 0);
	hook->callback = cb;
	hook->callback_arg = BH_OPTS_GET(opts, callback_arg, NULL);
	hook->revision = 1; /* as the kernel's bpf_mprog_bundle_init() */
	/* relaxed: the hook is not shared yet (entries are zeroed: empty) */
	atomic_store_explicit(&hook->active, &hook->entries[0],
			      memory_order_relaxed);
	return hook;
}

BH_API void bh_hook__free(struct bh_hook *hook)
{
	struct mprog_entry *active;

	if (!hook)
		return;
	pthread_mutex_lock(&attach_lock);
	/* relaxed: no run may race with the free (documented contract) */
	active = atomic_load_explicit(&hook->active, memory_order_relaxed);
	for (uint32_t i = 0; i < hook->count; i++) {
		if (hook->cp[i].link)
			hook->cp[i].link->hook = NULL; /* defunct */
		bh_prog__free(atomic_load_explicit(&active->fp[i],
						   memory_order_relaxed));
	}
	pthread_mutex_unlock(&attach_lock);
	free(hook);
}

BH_API uint32_t bh_hook__prog_type(const struct bh_hook *hook)
{
	return hook->prog_type;
}

/*
 * A hook passes the caller's buffer as the context, raw: it builds no
 * xdp_md, __sk_buff or other typed context.  The verifier judged a verified
 * program against its type's context (e.g. XDP's data and data_end as
 * packet pointers), so such a program runs in the checked interpreter here,
 * where every access must fall in the buffer, the stack or a map.  The
 * exceptions are the types whose context is plain memory in the kernel too,
 * holding no pointer the verifier trusts: SYSCALL, and the probe types
 * KPROBE (pt_regs), TRACEPOINT (the record) and PERF_EVENT
 * (bpf_perf_event_data), whose every context read yields a number.  Their
 * programs run unchecked when the buffer holds every byte the verifier let
 * them touch; a probe program that tail-calls, only when it holds the
 * whole context, since its target (of the same type) may read further
 * (SYSCALL programs cannot tail-call).  Programs loaded with
 * BH_PROG_LOAD_F_NO_VERIFY keep their own mode (checked, or unchecked when
 * the caller vouched with F_UNCHECKED).
 */
static bool hook_needs_checks(const struct bh_hook *hook,
			      const struct bh_prog *prog, const void *ctx)
{
	uint32_t size = ctx ? hook->ctx_size : 0;

	if (!prog->verified)
		return false;
	switch (prog->type) {
	case BPF_PROG_TYPE_SYSCALL:
		return size < prog->max_ctx_offset;
	case BPF_PROG_TYPE_KPROBE:
	case BPF_PROG_TYPE_TRACEPOINT:
	case BPF_PROG_TYPE_PERF_EVENT:
		if (prog->tail_calls)
			return size < prog->ops->ctx_desc(prog->expected_attach_type)->size;
		return size < prog->max_ctx_offset;
	default:
		return true;
	}
}

BH_API int bh_hook__run(struct bh_hook *hook, void *ctx, uint64_t *ret)
{
	struct mprog_entry *entry;
	struct bh_prog *prog;
	uint64_t res, r0 = 0;
	int err = 0;

	if (!hook || !ret)
		return bh_err(-EINVAL);
	res = hook->default_ret;
	bh_cpu_enter(-1);
	bh_rcu_read_lock();
	/* acquire: pairs with the release store in mprog_commit() */
	entry = atomic_load_explicit(&hook->active, memory_order_acquire);
	for (uint32_t i = 0;; i++) {
		struct bh_exec_env env = { 0 };

		/* relaxed: ordered by the acquire load of hook->active */
		prog = atomic_load_explicit(&entry->fp[i], memory_order_relaxed);
		if (!prog)
			break;
		env.args[0] = (uint64_t)(uintptr_t)ctx;
		if (ctx && hook->ctx_size)
			exec_add_region(&env, ctx, hook->ctx_size, true);
		env.force_checked = hook_needs_checks(hook, prog, ctx);
		err = prog_run(prog, &env, &r0);
		if (err)
			break;
		if (hook->policy == BH_HOOK_POLICY_TCX) {
			if ((int32_t)r0 == TCX_NEXT)
				continue;
			res = (uint64_t)(int64_t)(int32_t)r0;
			break;
		} else if (hook->policy == BH_HOOK_POLICY_ALL) {
			res = (i == 0 || res == 1) && (uint32_t)r0 == 1;
		} else {
			res = r0;
			if (!hook->callback(ctx, r0, hook->callback_arg))
				break;
		}
	}
	/* pairs with attach_tsan_acquire() in mprog_commit() */
	attach_tsan_release(hook);
	bh_rcu_read_unlock();
	bh_cpu_exit();
	if (err)
		return bh_err(err);
	*ret = res;
	return 0;
}
