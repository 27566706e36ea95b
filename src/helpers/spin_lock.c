/* SPDX-License-Identifier: MIT */
/*
 * helpers/spin_lock.c - bpf_spin_lock / bpf_spin_unlock on the 4-byte
 * struct bpf_spin_lock inside a map value (or an allocated object).
 *
 * A test-and-test-and-set lock: acquire pairs with the release in
 * spin_unlock.  The kernel spins with interrupts off and a holder is never
 * preempted; a host thread can be, so after a short spin a waiter yields
 * the CPU instead of burning it.  The verifier guarantees one lock held at
 * a time and released on every path; a checked run (no verifier yet)
 * enforces the first rule itself: taking a second lock faults the run.
 */
#include <sched.h>

#include "exec/internal.h"
#include "helpers/internal.h"

#define SPIN_BEFORE_YIELD 128

/* The lock the calling thread's program holds, or NULL, and the run that
 * took it (a run that ended holding one, which the verifier forbids, must
 * not poison the next run on the thread). */
static _Thread_local uint32_t *held;
static _Thread_local const struct bh_exec_env *held_by;

void helper_spin_lock_raw(uint32_t *lock)
{
	unsigned int spins = 0;

	/* acquire: pairs with the release store in helper_spin_unlock_raw() */
	while (__atomic_exchange_n(lock, 1, __ATOMIC_ACQUIRE)) {
		/* relaxed: only a hint; the exchange above orders */
		while (__atomic_load_n(lock, __ATOMIC_RELAXED)) {
			if (++spins >= SPIN_BEFORE_YIELD) {
				sched_yield();
				spins = 0;
			} else {
				__builtin_ia32_pause();
			}
		}
	}
}

void helper_spin_unlock_raw(uint32_t *lock)
{
	/* release: pairs with the acquire exchange in helper_spin_lock_raw() */
	__atomic_store_n(lock, 0, __ATOMIC_RELEASE);
}

static void fault(const char *what)
{
	struct bh_exec_env *env = bh_exec_current;

	if (env && env->checked) {
		env->fault = -EFAULT;
		env->fault_what = what;
	}
}

bool helper_spin_lock_check_free(const char *what)
{
	if (held && held_by == bh_exec_current) {
		fault(what);
		return false;
	}
	return true;
}

static uint64_t spin_lock(uint64_t lock, uint64_t r2, uint64_t r3,
			  uint64_t r4, uint64_t r5)
{
	uint32_t *l = (uint32_t *)(uintptr_t)lock;

	if (!helper_mem_ok(l, sizeof(*l), true) || ((uintptr_t)l & 3)) {
		fault("bpf_spin_lock on memory the program may not write");
		return 0;
	}
	if (held && held_by == bh_exec_current) {
		fault("bpf_spin_lock while holding a lock");
		return 0;
	}
	helper_spin_lock_raw(l);
	held = l;
	held_by = bh_exec_current;
	return 0;
}

const struct bh_helper_proto helper_spin_lock_proto = {
	.name = "spin_lock",
	.fn = spin_lock,
	.ret_type = BH_RET_VOID,
	.arg_type = { BH_ARG_PTR_TO_SPIN_LOCK },
};

static uint64_t spin_unlock(uint64_t lock, uint64_t r2, uint64_t r3,
			    uint64_t r4, uint64_t r5)
{
	uint32_t *l = (uint32_t *)(uintptr_t)lock;

	if (held != l && bh_exec_current && bh_exec_current->checked) {
		fault("bpf_spin_unlock of a lock not held");
		return 0;
	}
	held = NULL;
	held_by = NULL;
	helper_spin_unlock_raw(l);
	return 0;
}

const struct bh_helper_proto helper_spin_unlock_proto = {
	.name = "spin_unlock",
	.fn = spin_unlock,
	.ret_type = BH_RET_VOID,
	.arg_type = { BH_ARG_PTR_TO_SPIN_LOCK },
};
