/* SPDX-License-Identifier: MIT */
/*
 * core/rcu.c - RCU through liburcu's memb flavor.
 *
 * Programs run inside a read-side section; objects they may still see
 * (map elements, swapped mprog arrays, replaced programs) are freed after a
 * grace period.  liburcu wants every reader thread registered; host threads
 * are not ours to set up, so a thread registers on its first read lock and
 * unregisters when it exits (a pthread key destructor).
 */
#include <pthread.h>
#include <stdlib.h>
#include <urcu/urcu-memb.h>

#include "core/internal.h"
#include "core/rcu.h"

static pthread_key_t rcu_key;
static pthread_once_t rcu_once = PTHREAD_ONCE_INIT;
static _Thread_local bool rcu_registered;

static void rcu_thread_exit(void *arg)
{
	urcu_memb_unregister_thread();
}

static void rcu_key_create(void)
{
	if (pthread_key_create(&rcu_key, rcu_thread_exit))
		abort(); /* only fails when the process is out of keys */
}

void bh_rcu_register(void)
{
	if (bh_likely(rcu_registered))
		return;
	pthread_once(&rcu_once, rcu_key_create);
	urcu_memb_register_thread();
	/* the key's value only has to be non-NULL for the destructor to run */
	pthread_setspecific(rcu_key, &rcu_registered);
	rcu_registered = true;
}

void bh_rcu_read_lock(void)
{
	bh_rcu_register();
	urcu_memb_read_lock();
}

void bh_rcu_read_unlock(void)
{
	urcu_memb_read_unlock();
}

void bh_rcu_synchronize(void)
{
	bh_rcu_register();
	urcu_memb_synchronize_rcu();
}

void bh_rcu_call(struct rcu_head *head, void (*fn)(struct rcu_head *head))
{
	bh_rcu_register();
	urcu_memb_call_rcu(head, fn);
}

void bh_rcu_barrier(void)
{
	bh_rcu_register();
	urcu_memb_barrier();
}
