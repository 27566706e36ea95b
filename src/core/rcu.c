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

/*
 * TSan does not see liburcu's grace periods (uninstrumented fences and
 * futexes).  Model them: every read-side section ends with a release on
 * rcu_gp_token; synchronize_rcu() and every callback acquire it (a grace
 * period orders all earlier sections before them), and a callback also
 * acquires what its queuing thread released on the rcu_head.
 */
#if defined(__SANITIZE_THREAD__)
#define BH_RCU_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define BH_RCU_TSAN 1
#endif
#endif
#ifdef BH_RCU_TSAN
void __tsan_acquire(void *addr);
void __tsan_release(void *addr);
static char rcu_gp_token;
#define rcu_tsan_acquire(p) __tsan_acquire(p)
#define rcu_tsan_release(p) __tsan_release(p)
#else
#define rcu_tsan_acquire(p) ((void)(p))
#define rcu_tsan_release(p) ((void)(p))
#endif

static pthread_key_t rcu_key;
static pthread_once_t rcu_once = PTHREAD_ONCE_INIT;
static __attribute__((tls_model("initial-exec"))) _Thread_local bool rcu_registered;

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
#ifdef BH_RCU_TSAN
	rcu_tsan_release(&rcu_gp_token);
#endif
	urcu_memb_read_unlock();
}

void bh_rcu_synchronize(void)
{
	bh_rcu_register();
	urcu_memb_synchronize_rcu();
#ifdef BH_RCU_TSAN
	rcu_tsan_acquire(&rcu_gp_token);
#endif
}

void bh_rcu_call(struct rcu_head *head, void (*fn)(struct rcu_head *head))
{
	bh_rcu_register();
	rcu_tsan_release(head);
	urcu_memb_call_rcu(head, fn);
}

void bh_rcu_callback_begin(struct rcu_head *head)
{
	rcu_tsan_acquire(head);
#ifdef BH_RCU_TSAN
	rcu_tsan_acquire(&rcu_gp_token);
#endif
}

void bh_rcu_barrier(void)
{
	bh_rcu_register();
	urcu_memb_barrier();
}
