/* SPDX-License-Identifier: MIT */
/*
 * helpers/timer.c - bpf_timer (kernel/bpf/helpers.c): bpf_timer_init,
 * bpf_timer_set_callback, bpf_timer_start, bpf_timer_cancel, and the
 * thread that fires timers.
 *
 * The 16-byte struct bpf_timer in a map value holds in its first word a
 * pointer to a struct bh_timer (0: not initialised).  The second word stays
 * zero: the kernel keeps a per-timer spin lock there, bpfhost serialises
 * every timer operation on one mutex instead (timer operations are rare
 * next to program runs, and one lock makes the protocol easy to check).
 *
 * One thread per process, started by the first bpf_timer_init(), fires the
 * timers: a min-heap ordered by expiry on CLOCK_MONOTONIC, a condition
 * variable on the same clock.  An expired timer's callback runs on that
 * thread as the kernel's bpf_timer_cb() does in softirq: R1 = map, R2 =
 * key, R3 = value, inside an RCU read-side section on a CPU slot (the slot
 * that started it with BPF_F_TIMER_CPU_PIN, else any free one).  The
 * return value is ignored (the verifier made it 0).
 *
 *   timer thread                         bpf_timer_cancel (another thread)
 *   lock; pop t; firing = 1; unlock      lock
 *   take slot, rcu_read_lock             prog = NULL; queued? remove, ret 1
 *   lock; firing = 0                     firing? ret 1 (it will not run)
 *   prog? running = 1; unlock; run       while svc.running == t: wait(done)
 *   lock; running = 0; dead? free;       unlock
 *   broadcast(done); unlock
 *
 * Lifetime: a timer lives until its value goes (element deleted or
 * replaced, array value overwritten, the host's last map reference
 * dropped, the map freed): timer_cancel_and_free() detaches it and frees
 * it, or, while its callback is firing or running, marks it dead for the
 * timer thread to free.  It never waits, so maps call it under their
 * locks; a callback still running then finishes on the old value, which
 * stays valid (hash elements are freed after a grace period, and the
 * element's final free waits for the callback; an array value lives as
 * long as its map, whose free waits for the map's callbacks).
 *
 * A timer holds a reference on the program whose callback it runs (as the
 * kernel's), and programs hold their maps: the cycle is broken by the
 * map's usercnt (map.c), whose drop to zero frees the map's timers.
 * References dropped on the timer thread are put after the callback ends,
 * so a program (and the maps it holds) is never freed under a running
 * callback.
 *
 * Locking: svc.lock (rank 90, a leaf: maps call in with bucket and LRU
 * locks held) guards struct timer_svc, every struct bh_timer, and the
 * pointer word of every struct bpf_timer (stored with relaxed atomics,
 * since a checked program may read the bytes racily).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/rcu.h"
#include "exec/callback.h"
#include "helpers/internal.h"
#include "helpers/timer.h"
#include "maps/internal.h"
#include "progs/internal.h"

#define MAX_CLOCKS 16
#define HEAP_NONE SIZE_MAX

struct bh_timer {
	struct bh_timer *prev, *next; /* svc.all: every live timer */
	uint64_t *field;              /* the struct bpf_timer pointing here */
	void *value;                  /* the value holding it */
	struct bh_map *map;           /* not referenced: it frees us first */
	struct bh_prog *prog;         /* referenced; NULL: no callback */
	uint32_t cb_idx;              /* callback: instruction of prog */
	clockid_t clock;
	int cpu;                      /* slot to fire on, -1: any */
	uint64_t expires;             /* CLOCK_MONOTONIC ns, while queued */
	size_t heap_idx;              /* HEAP_NONE: not queued */
	bool firing;                  /* popped, callback not started */
	bool running;                 /* callback running */
	bool dead;                    /* detached: the timer thread frees it */
};

static struct timer_svc {
	pthread_mutex_t lock;
	pthread_cond_t wake;          /* the thread: an earlier expiry */
	pthread_cond_t done;          /* waiters: a callback ended */
	struct bh_timer **heap;
	size_t heap_cnt, heap_cap;
	struct bh_timer *all;         /* list head */
	const struct bh_timer *running;   /* callback running now, or NULL */
	const struct bh_map *running_map; /* its map */
	int start_err;                /* thread creation (once) */
} svc = { .lock = PTHREAD_MUTEX_INITIALIZER };

static pthread_once_t svc_once = PTHREAD_ONCE_INIT;

/* Timer thread only: the timer whose callback runs (-EDEADLK), and the
 * program references to drop once it has ended. */
static __attribute__((tls_model("initial-exec"))) _Thread_local
	const struct bh_timer *cb_timer;
static __attribute__((tls_model("initial-exec"))) _Thread_local bool on_timer_thread;
static struct bh_prog **put_later;
static size_t put_cnt, put_cap;

static uint64_t mono_ns(void)
{
	return helper_clock_ns(CLOCK_MONOTONIC);
}

/* ---- The heap (svc.lock held) ------------------------------------------------ */

static void heap_set(size_t i, struct bh_timer *t)
{
	svc.heap[i] = t;
	t->heap_idx = i;
}

static void heap_up(size_t i)
{
	struct bh_timer *t = svc.heap[i];

	while (i) {
		size_t parent = (i - 1) / 2;

		if (svc.heap[parent]->expires <= t->expires)
			break;
		heap_set(i, svc.heap[parent]);
		i = parent;
	}
	heap_set(i, t);
}

static void heap_down(size_t i)
{
	struct bh_timer *t = svc.heap[i];

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= svc.heap_cnt)
			break;
		if (c + 1 < svc.heap_cnt &&
		    svc.heap[c + 1]->expires < svc.heap[c]->expires)
			c++;
		if (t->expires <= svc.heap[c]->expires)
			break;
		heap_set(i, svc.heap[c]);
		i = c;
	}
	heap_set(i, t);
}

static void heap_remove(struct bh_timer *t)
{
	size_t i = t->heap_idx;
	struct bh_timer *last;

	if (i == HEAP_NONE)
		return;
	t->heap_idx = HEAP_NONE;
	last = svc.heap[--svc.heap_cnt];
	if (last == t)
		return;
	heap_set(i, last);
	heap_up(i);
	heap_down(last->heap_idx);
}

static int heap_insert(struct bh_timer *t)
{
	if (svc.heap_cnt == svc.heap_cap) {
		size_t cap = svc.heap_cap ? 2 * svc.heap_cap : 16;
		struct bh_timer **h = realloc(svc.heap, cap * sizeof(*h));

		if (!h)
			return -ENOMEM;
		svc.heap = h;
		svc.heap_cap = cap;
	}
	heap_set(svc.heap_cnt++, t);
	heap_up(t->heap_idx);
	return 0;
}

/* ---- Timers (svc.lock held) ------------------------------------------------------ */

static struct bh_timer *word_load(const uint64_t *field)
{
	/* relaxed: svc.lock orders; atomic because a checked program may
	 * read these bytes */
	return (struct bh_timer *)(uintptr_t)__atomic_load_n(field, __ATOMIC_RELAXED);
}

static void word_store(uint64_t *field, struct bh_timer *t)
{
	__atomic_store_n(field, (uint64_t)(uintptr_t)t, __ATOMIC_RELAXED);
}

/*
 * The timer of the struct bpf_timer at @field, or NULL when not
 * initialised.  A checked run (no verifier) may have written the word
 * itself: there the pointer must be a live timer made for this field.
 */
static struct bh_timer *timer_of_locked(uint64_t *field)
{
	const struct bh_exec_env *env = bh_exec_current;
	struct bh_timer *t = word_load(field), *x;

	if (!t || !env || !env->checked)
		return t;
	for (x = svc.all; x && x != t; x = x->next)
		;
	return x && x->field == field ? t : NULL;
}

/* Drop a program reference; on the timer thread, after the callback. */
static void prog_put(struct bh_prog *prog)
{
	if (!prog)
		return;
	if (on_timer_thread) {
		if (put_cnt == put_cap) {
			size_t cap = put_cap ? 2 * put_cap : 16;
			struct bh_prog **p = realloc(put_later, cap * sizeof(*p));

			if (!p)
				goto now; /* the callback holds its own reference */
			put_later = p;
			put_cap = cap;
		}
		put_later[put_cnt++] = prog;
		return;
	}
now:
	obj_put(&prog->obj);
}

/* Detach @t from its value and free it (or let the timer thread): the
 * program reference it held is returned for the caller to put unlocked. */
static struct bh_prog *detach_locked(struct bh_timer *t)
{
	struct bh_prog *prog = t->prog;

	word_store(t->field, NULL);
	t->prog = NULL;
	heap_remove(t);
	if (t->prev)
		t->prev->next = t->next;
	else
		svc.all = t->next;
	if (t->next)
		t->next->prev = t->prev;
	if (t->firing || t->running)
		t->dead = true;
	else
		free(t);
	return prog;
}

/* Wait until no callback of @t (or of @map, when @t is NULL) runs. */
static void wait_idle_locked(const struct bh_timer *t, const struct bh_map *map)
{
	if (on_timer_thread)
		return; /* the one callback that could run is the caller's */
	while ((t && svc.running == t) || (map && svc.running_map == map))
		pthread_cond_wait(&svc.done, &svc.lock);
}

/* ---- The timer thread -------------------------------------------------------------- */

/* bpf_timer_cb()'s key: an array's index, or the hash element's key. */
static const void *value_key(const struct bh_map *map, const void *value,
			     uint32_t *idx)
{
	if (map->type == BPF_MAP_TYPE_ARRAY) {
		*idx = (uint32_t)array_value_index(map, value);
		return idx;
	}
	return (const uint8_t *)value - map_round8(map->key_size);
}

static void run_callback(struct bh_timer *t, struct bh_prog *prog,
			 uint32_t cb_idx)
{
	struct bh_map *map = t->map; /* immutable after init */
	void *value = t->value;
	struct bh_exec_env env;
	uint32_t idx;
	const void *key = value_key(map, value, &idx);
	uint64_t r0 = 0;

	memset(&env, 0, sizeof(env));
	env.args[0] = (uintptr_t)map;
	env.args[1] = (uintptr_t)key;
	env.args[2] = (uintptr_t)value;
	exec_add_region(&env, value, map->value_size,
			!(map->map_flags & BPF_F_RDONLY_PROG));
	exec_add_region(&env, key, map->key_size, false);
	prog_maps_add_regions(&prog->maps, &env);
	cb_timer = t;
	/* a checked callback's fault ends it, as a fault ends any run */
	exec_run_async(prog, cb_idx, &env, &r0);
	cb_timer = NULL;
}

static void fire(struct bh_timer *t, int cpu)
{
	struct bh_prog *prog = NULL;
	uint32_t cb_idx = 0;

	bh_cpu_enter(cpu);
	bh_rcu_read_lock();
	pthread_mutex_lock(&svc.lock);
	t->firing = false;
	if (t->dead) {
		free(t);
	} else if (t->prog) {
		prog = t->prog;
		obj_get(&prog->obj); /* cancel may drop the timer's meanwhile */
		cb_idx = t->cb_idx;
		t->running = true;
		svc.running = t;
		svc.running_map = t->map;
	}
	pthread_mutex_unlock(&svc.lock);
	if (prog) {
		run_callback(t, prog, cb_idx);
		pthread_mutex_lock(&svc.lock);
		t->running = false;
		svc.running = NULL;
		svc.running_map = NULL;
		if (t->dead)
			free(t);
		pthread_cond_broadcast(&svc.done);
		pthread_mutex_unlock(&svc.lock);
	}
	bh_rcu_read_unlock();
	bh_cpu_exit();
	if (prog)
		obj_put(&prog->obj);
	while (put_cnt)
		obj_put(&put_later[--put_cnt]->obj);
}

static void *timer_thread(void *arg)
{
	on_timer_thread = true;
	pthread_mutex_lock(&svc.lock);
	for (;;) {
		struct bh_timer *t;
		struct timespec ts;
		int cpu;

		if (!svc.heap_cnt) {
			pthread_cond_wait(&svc.wake, &svc.lock);
			continue;
		}
		t = svc.heap[0];
		if (t->expires > mono_ns()) {
			ts.tv_sec = (time_t)(t->expires / 1000000000ull);
			ts.tv_nsec = (long)(t->expires % 1000000000ull);
			pthread_cond_timedwait(&svc.wake, &svc.lock, &ts);
			continue;
		}
		heap_remove(t);
		t->firing = true;
		cpu = t->cpu;
		pthread_mutex_unlock(&svc.lock);
		fire(t, cpu);
		pthread_mutex_lock(&svc.lock);
	}
	return NULL;
}

static void svc_start_once(void)
{
	pthread_condattr_t attr;
	pthread_attr_t tattr;
	pthread_t tid;

	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&svc.wake, &attr);
	pthread_condattr_destroy(&attr);
	pthread_cond_init(&svc.done, NULL);
	pthread_attr_init(&tattr);
	pthread_attr_setdetachstate(&tattr, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&tid, &tattr, timer_thread, NULL))
		svc.start_err = -ENOMEM;
	else
		pthread_setname_np(tid, "bpfhost-timer");
	pthread_attr_destroy(&tattr);
}

/* ---- Maps' side --------------------------------------------------------------------- */

void timer_cancel_and_free(void *field, bool wait)
{
	struct bh_prog *prog = NULL;
	struct bh_timer *t;

	pthread_mutex_lock(&svc.lock);
	t = word_load(field);
	if (t) {
		prog = detach_locked(t);
		if (wait)
			wait_idle_locked(t, NULL); /* compares, never reads t */
	}
	pthread_mutex_unlock(&svc.lock);
	prog_put(prog);
}

/* Timers detached per look at svc.all: the lock is dropped to put their
 * programs (a put may free a program, then its maps, which come here). */
#define RELEASE_BATCH 64

void timer_map_release(const struct bh_map *map, bool wait)
{
	struct bh_prog *progs[RELEASE_BATCH];
	struct bh_timer *t, *next;
	size_t n;
	bool done;

	do {
		n = 0;
		pthread_mutex_lock(&svc.lock);
		for (t = svc.all; t && n < RELEASE_BATCH; t = next) {
			next = t->next; /* detach_locked() may free t */
			if (t->map == map)
				progs[n++] = detach_locked(t);
		}
		done = n < RELEASE_BATCH; /* the whole list was looked at */
		if (done && wait)
			wait_idle_locked(NULL, map);
		pthread_mutex_unlock(&svc.lock);
		for (size_t i = 0; i < n; i++)
			prog_put(progs[i]);
	} while (!done);
}

/* ---- The helpers ---------------------------------------------------------------------- */

/* The timer argument: 8-aligned writable memory of the run. */
static uint64_t *timer_arg(uint64_t r1)
{
	uint64_t *field = (uint64_t *)(uintptr_t)r1;

	if (!field || ((uintptr_t)field & 7) || !helper_mem_ok(field, 16, true))
		return NULL;
	return field;
}

struct find_value {
	const void *value;
	bool found;
};

static uint64_t find_value_cb(struct bh_map *map, void *key, void *value,
			      void *ctx)
{
	struct find_value *f = ctx;

	f->found = value == f->value;
	return f->found;
}

/* Checked runs: is @value one of @map's values?  (The verifier proves it.) */
static bool value_of_map(struct bh_map *map, const void *value)
{
	struct find_value f = { value, false };

	if (map->type == BPF_MAP_TYPE_ARRAY)
		return array_value_index(map, value) >= 0;
	if (map->ops->for_each)
		map->ops->for_each(map, find_value_cb, &f, 0);
	return f.found;
}

/* long bpf_timer_init(struct bpf_timer *timer, struct bpf_map *map, u64 flags) */
static uint64_t timer_init(uint64_t r1, uint64_t r2, uint64_t flags,
			   uint64_t r4, uint64_t r5)
{
	const struct bh_exec_env *env = bh_exec_current;
	struct bh_map *map = (struct bh_map *)(uintptr_t)r2;
	clockid_t clock = (clockid_t)(flags & (MAX_CLOCKS - 1));
	uint64_t *field = timer_arg(r1);
	struct bh_timer *t;
	void *value;
	int ret = 0;

	/* similar to timerfd except _ALARM variants are not supported */
	if (flags >= MAX_CLOCKS || (clock != CLOCK_MONOTONIC &&
				    clock != CLOCK_REALTIME &&
				    clock != CLOCK_BOOTTIME))
		return (uint64_t)-EINVAL;
	if (!field || !map || map->timer_off < 0)
		return (uint64_t)-EINVAL;
	value = (uint8_t *)field - map->timer_off;
	if (env && env->checked && !value_of_map(map, value))
		return (uint64_t)-EINVAL;
	pthread_once(&svc_once, svc_start_once);
	if (svc.start_err)
		return (uint64_t)(int64_t)svc.start_err;
	pthread_mutex_lock(&svc.lock);
	if (word_load(field)) {
		ret = -EBUSY;
		goto out;
	}
	t = calloc(1, sizeof(*t));
	if (!t) {
		ret = -ENOMEM;
		goto out;
	}
	/*
	 * A map the host no longer holds frees no timer any more: refuse (the
	 * kernel's usercnt check).  The release drops usercnt before taking
	 * svc.lock to free the map's timers, so either it finds this one or
	 * this load sees zero.  seq_cst: pairs with its fetch_sub.
	 */
	if (!atomic_load(&map->usercnt)) {
		free(t);
		ret = -EPERM;
		goto out;
	}
	t->field = field;
	t->value = value;
	t->map = map;
	t->clock = clock;
	t->cpu = -1;
	t->heap_idx = HEAP_NONE;
	t->next = svc.all;
	if (svc.all)
		svc.all->prev = t;
	svc.all = t;
	word_store(field, t);
out:
	pthread_mutex_unlock(&svc.lock);
	return (uint64_t)(int64_t)ret;
}

/* long bpf_timer_set_callback(struct bpf_timer *timer, void *callback_fn) */
static uint64_t timer_set_callback(uint64_t r1, uint64_t fn, uint64_t r3,
				   uint64_t r4, uint64_t r5)
{
	const struct bh_exec_env *env = bh_exec_current;
	uint64_t *field = timer_arg(r1);
	struct bh_prog *prog, *old = NULL;
	struct bh_timer *t;
	long idx;
	int ret = 0;

	if (!field || !env)
		return (uint64_t)-EINVAL;
	idx = exec_callback_index(env, fn);
	if (idx < 0)
		return (uint64_t)-EINVAL;
	/* the loaded program (a callback runs a copy of it) */
	prog = env->prog->origin ? env->prog->origin : env->prog;
	pthread_mutex_lock(&svc.lock);
	t = timer_of_locked(field);
	if (!t) {
		ret = -EINVAL;
		goto out;
	}
	/* seq_cst: as in timer_init() */
	if (!atomic_load(&t->map->usercnt)) {
		/* maps with timers must be held by the host, or the timer
		 * could outlive everyone who could cancel it */
		ret = -EPERM;
		goto out;
	}
	if (t->prog != prog) {
		/* the running program holds a reference: it is alive */
		obj_get(&prog->obj);
		old = t->prog;
		t->prog = prog;
	}
	t->cb_idx = (uint32_t)idx;
out:
	pthread_mutex_unlock(&svc.lock);
	prog_put(old);
	return (uint64_t)(int64_t)ret;
}

/* CLOCK_MONOTONIC time at which @nsecs (BPF_F_TIMER_ABS: on @clock) falls. */
static uint64_t expiry(clockid_t clock, uint64_t nsecs, bool abs)
{
	uint64_t now = mono_ns(), clk_now;

	if (nsecs > INT64_MAX) /* ktime_t is signed: beyond is never */
		nsecs = INT64_MAX;
	if (abs) {
		clk_now = clock == CLOCK_MONOTONIC ? now : helper_clock_ns(clock);
		nsecs = nsecs > clk_now ? nsecs - clk_now : 0;
	}
	return nsecs > UINT64_MAX - now ? UINT64_MAX : now + nsecs;
}

/* long bpf_timer_start(struct bpf_timer *timer, u64 nsecs, u64 flags) */
static uint64_t timer_start(uint64_t r1, uint64_t nsecs, uint64_t flags,
			    uint64_t r4, uint64_t r5)
{
	uint64_t *field = timer_arg(r1);
	struct bh_timer *t;
	int ret = 0;

	if (flags & ~(uint64_t)(BPF_F_TIMER_ABS | BPF_F_TIMER_CPU_PIN))
		return (uint64_t)-EINVAL;
	if (!field)
		return (uint64_t)-EINVAL;
	pthread_mutex_lock(&svc.lock);
	t = timer_of_locked(field);
	if (!t || !t->prog) {
		ret = -EINVAL;
		goto out;
	}
	heap_remove(t);
	t->expires = expiry(t->clock, nsecs, flags & BPF_F_TIMER_ABS);
	t->cpu = (flags & BPF_F_TIMER_CPU_PIN) && bh_exec_current
			 ? (int)bh_cpu_current() : -1;
	ret = heap_insert(t);
	if (!ret && t->heap_idx == 0)
		pthread_cond_signal(&svc.wake);
out:
	pthread_mutex_unlock(&svc.lock);
	return (uint64_t)(int64_t)ret;
}

/* long bpf_timer_cancel(struct bpf_timer *timer) */
static uint64_t timer_cancel(uint64_t r1, uint64_t r2, uint64_t r3,
			     uint64_t r4, uint64_t r5)
{
	uint64_t *field = timer_arg(r1);
	struct bh_prog *prog = NULL;
	struct bh_timer *t;
	int ret = 0;

	if (!field)
		return (uint64_t)-EINVAL;
	pthread_mutex_lock(&svc.lock);
	t = timer_of_locked(field);
	if (!t) {
		ret = -EINVAL;
		goto out;
	}
	if (cb_timer == t) {
		/* waiting for our own callback would never end */
		ret = -EDEADLK;
		goto out;
	}
	/*
	 * The kernel's -EDEADLK for two callbacks cancelling each other
	 * cannot arise: callbacks run one at a time on the timer thread.
	 */
	prog = t->prog;
	t->prog = NULL;
	if (t->heap_idx != HEAP_NONE) {
		heap_remove(t);
		ret = 1;
	} else if (t->firing) {
		ret = 1; /* due, not started: with no program it will not run */
	}
	wait_idle_locked(t, NULL);
out:
	pthread_mutex_unlock(&svc.lock);
	prog_put(prog);
	return (uint64_t)(int64_t)ret;
}

const struct bh_helper_proto helper_timer_init_proto = {
	.name = "timer_init",
	.fn = timer_init,
	.gpl_only = true,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_PTR_TO_TIMER, BH_ARG_CONST_MAP_PTR, BH_ARG_ANYTHING },
};

const struct bh_helper_proto helper_timer_set_callback_proto = {
	.name = "timer_set_callback",
	.fn = timer_set_callback,
	.gpl_only = true,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_PTR_TO_TIMER, BH_ARG_PTR_TO_FUNC },
};

const struct bh_helper_proto helper_timer_start_proto = {
	.name = "timer_start",
	.fn = timer_start,
	.gpl_only = true,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_PTR_TO_TIMER, BH_ARG_ANYTHING, BH_ARG_ANYTHING },
};

const struct bh_helper_proto helper_timer_cancel_proto = {
	.name = "timer_cancel",
	.fn = timer_cancel,
	.gpl_only = true,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_PTR_TO_TIMER },
};
