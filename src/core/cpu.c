/* SPDX-License-Identifier: MIT */
/*
 * core/cpu.c - CPU slots.
 *
 * A "CPU" of bpfhost is a slot: per-CPU maps keep one value per slot and
 * bpf_get_smp_processor_id() returns the slot of the running program.  As on
 * a kernel CPU with preemption off, two programs never run on one slot at the
 * same time: a run takes a free slot (preferring the thread's current core),
 * and a nested run on the same thread (a tail call, a hook run from a helper)
 * keeps the slot its thread already holds.
 */
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/internal.h"

#define BH_MAX_CPUS 4096

/* 0 until first use; then fixed. */
static atomic_uint cpu_cnt;
/* busy[i] != 0 while a thread holds slot i; cache-line separated. */
struct slot {
	atomic_uint busy;
	char pad[64 - sizeof(atomic_uint)];
};
static struct slot *slots;
static pthread_once_t slots_once = PTHREAD_ONCE_INIT;

static __attribute__((tls_model("initial-exec"))) _Thread_local int held_slot = -1;
static __attribute__((tls_model("initial-exec"))) _Thread_local unsigned int held_depth;

static void slots_alloc(void)
{
	unsigned int n = atomic_load_explicit(&cpu_cnt, memory_order_acquire);

	if (!n) {
		long online = sysconf(_SC_NPROCESSORS_ONLN);

		n = online > 0 ? (unsigned int)BH_MIN(online, BH_MAX_CPUS) : 1;
		/* release: pairs with the acquire loads in bh_cpu_count() */
		atomic_store_explicit(&cpu_cnt, n, memory_order_release);
	}
	slots = aligned_alloc(64, sizeof(*slots) * n);
	if (!slots)
		abort(); /* at start-up, with nothing to unwind */
	for (unsigned int i = 0; i < n; i++)
		atomic_init(&slots[i].busy, 0);
}

unsigned int bh_cpu_count(void)
{
	pthread_once(&slots_once, slots_alloc);
	return atomic_load_explicit(&cpu_cnt, memory_order_acquire);
}

BH_API unsigned int bh_cpu_count_get(void)
{
	return bh_cpu_count();
}

BH_API int bh_set_cpu_count(unsigned int n)
{
	unsigned int zero = 0;

	if (n == 0 || n > BH_MAX_CPUS)
		return bh_err(-EINVAL);
	/* acq_rel: pairs with the acquire loads in bh_cpu_count() */
	if (!atomic_compare_exchange_strong_explicit(&cpu_cnt, &zero, n,
						     memory_order_acq_rel,
						     memory_order_acquire))
		return bh_err(zero == n ? 0 : -EBUSY);
	return 0;
}

static bool slot_try(unsigned int i)
{
	unsigned int free_ = 0;

	/* acquire: pairs with the release store in bh_cpu_exit() */
	return atomic_compare_exchange_strong_explicit(
		&slots[i].busy, &free_, 1, memory_order_acquire,
		memory_order_relaxed);
}

unsigned int bh_cpu_enter(int want)
{
	unsigned int n = bh_cpu_count(), start;

	if (held_slot >= 0) {
		held_depth++;
		return (unsigned int)held_slot;
	}
	if (want >= 0) {
		while (!slot_try((unsigned int)want % n))
			sched_yield();
		held_slot = (int)((unsigned int)want % n);
	} else {
		int core = sched_getcpu();

		start = core >= 0 ? (unsigned int)core % n : 0;
		for (unsigned int k = 0;; k++) {
			unsigned int i = (start + k) % n;

			if (slot_try(i)) {
				held_slot = (int)i;
				break;
			}
			if (k % n == n - 1)
				sched_yield();
		}
	}
	held_depth = 1;
	return (unsigned int)held_slot;
}

void bh_cpu_exit(void)
{
	if (--held_depth)
		return;
	/* release: pairs with the acquire in slot_try() */
	atomic_store_explicit(&slots[held_slot].busy, 0, memory_order_release);
	held_slot = -1;
}

unsigned int bh_cpu_current(void)
{
	return held_slot >= 0 ? (unsigned int)held_slot : 0;
}
