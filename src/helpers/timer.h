/* SPDX-License-Identifier: MIT */
/*
 * helpers/timer.h - what maps need of the bpf_timer service (timer.c).
 */
#ifndef BH_HELPERS_TIMER_H
#define BH_HELPERS_TIMER_H

struct bh_map;

#include <stdbool.h>

/*
 * bpf_timer_cancel_and_free(): the struct bpf_timer at @field (in a value
 * that is going away) is detached, its program reference dropped, and the
 * timer freed (by the timer thread if its callback is firing or running).
 * Without @wait it never blocks (any lock may be held) and a running
 * callback finishes on the value; with @wait (the value's memory is about
 * to be freed) it also waits for that callback, unless called from the
 * timer thread.
 */
void timer_cancel_and_free(void *field, bool wait);

/*
 * map_release_uref(): every timer of @map is cancelled and freed (the host
 * dropped its last reference).  With @wait (the map itself is being
 * freed), also wait until no callback of @map runs, unless called from the
 * timer thread.
 */
void timer_map_release(const struct bh_map *map, bool wait);

#endif /* BH_HELPERS_TIMER_H */
