/* SPDX-License-Identifier: MIT */
/*
 * core/rcu.h - RCU for bpfhost (liburcu memb flavor, see rcu.c).
 *
 * Readers: bh_rcu_read_lock() / bh_rcu_read_unlock() around every program
 * run and every lockless map lookup from the host; dereference shared
 * pointers with rcu_dereference() (urcu/pointer.h) or an acquire load.
 * Writers: publish with rcu_assign_pointer() or a release store, then free
 * the old object with bh_rcu_call() (deferred) or after bh_rcu_synchronize()
 * (blocking; never inside a read-side section).
 */
#ifndef BH_CORE_RCU_H
#define BH_CORE_RCU_H

#include <urcu/urcu-memb.h>

void bh_rcu_register(void);
void bh_rcu_read_lock(void);
void bh_rcu_read_unlock(void);
void bh_rcu_synchronize(void);
void bh_rcu_call(struct rcu_head *head, void (*fn)(struct rcu_head *head));
/* Wait until every callback queued by bh_rcu_call() has run. */
void bh_rcu_barrier(void);
/*
 * First call of every bh_rcu_call() callback: tells TSan, which does not
 * see liburcu's fences, that the grace period ordered every earlier
 * read-side section and the queuing thread's writes before the callback.
 * A no-op in other builds.
 */
void bh_rcu_callback_begin(struct rcu_head *head);

#endif /* BH_CORE_RCU_H */
