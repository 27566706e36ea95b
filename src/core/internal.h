/* SPDX-License-Identifier: MIT */
/*
 * core/internal.h - objects, ids, errors, logs, CPU slots and RCU glue shared
 * by every subsystem.
 */
#ifndef BH_CORE_INTERNAL_H
#define BH_CORE_INTERNAL_H

#include <errno.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <bpfhost/bpfhost.h>

#ifndef ENOTSUPP
#define ENOTSUPP 524 /* the kernel's internal "not supported" errno */
#endif

#define BH_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define BH_ROUND_UP(x, a) (((x) + (a) - 1) / (a) * (a))
#define BH_MIN(a, b) ((a) < (b) ? (a) : (b))
#define BH_MAX(a, b) ((a) > (b) ? (a) : (b))
#define bh_likely(x) __builtin_expect(!!(x), 1)
#define bh_unlikely(x) __builtin_expect(!!(x), 0)
#define bh_container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

/* ---- Errors -------------------------------------------------------------- */

/* Public int-returning functions return through this: sets errno = -ret. */
static inline int bh_err(int ret)
{
	if (ret < 0)
		errno = -ret;
	return ret;
}

/* Public pointer-returning functions fail through this. */
static inline void *bh_err_ptr(int ret)
{
	errno = -ret;
	return NULL;
}

/* ---- Options structs ------------------------------------------------------ */

/*
 * Validate a caller's opts struct: NULL is fine; sz must cover at least the
 * size field; a larger sz than ours is accepted only if the tail is zero.
 */
bool bh_opts_valid(const void *opts, size_t user_sz, size_t our_sz);

#define BH_OPTS_VALID(opts, TYPE)                                          \
	bh_opts_valid((opts), (opts) ? (opts)->sz : 0,                     \
		      offsetof(struct TYPE, TYPE##__last_field) +          \
			      sizeof(((struct TYPE *)0)->TYPE##__last_field))

/* Field of @opts if the caller's struct has it, else @dflt. */
#define BH_OPTS_HAS(opts, field)                                           \
	((opts) && (opts)->sz >= offsetof(__typeof__(*(opts)), field) +    \
					 sizeof((opts)->field))
#define BH_OPTS_GET(opts, field, dflt) \
	(BH_OPTS_HAS(opts, field) ? (opts)->field : (dflt))

/* ---- Reference-counted objects with ids ---------------------------------- */

enum bh_obj_kind {
	BH_OBJ_PROG,
	BH_OBJ_MAP,
	BH_OBJ_LINK,
	BH_OBJ_BTF,
	BH_OBJ_KIND_CNT,
};

struct bh_obj {
	/* Atomic protocol: the object lives while refcnt > 0. */
	atomic_uint refcnt;
	/* Immutable after obj_publish(); 0 before. */
	uint32_t id;
	enum bh_obj_kind kind;
	/* Called once when the last reference drops, after the id is gone. */
	void (*release)(struct bh_obj *obj);
};

void obj_init(struct bh_obj *obj, enum bh_obj_kind kind,
	      void (*release)(struct bh_obj *obj));
/* Give @obj an id and make it findable by bh_*__by_id(). */
int obj_publish(struct bh_obj *obj);
void obj_get(struct bh_obj *obj);
void obj_put(struct bh_obj *obj);
/* Look up by id; takes a reference, or returns NULL (ENOENT). */
struct bh_obj *obj_by_id(enum bh_obj_kind kind, uint32_t id);
int obj_next_id(enum bh_obj_kind kind, uint32_t start, uint32_t *next);

/* ---- Logs (the verifier/loader log buffer) -------------------------------- */

struct bh_log {
	char *buf;      /* caller's buffer, may be NULL */
	size_t size;
	size_t len;     /* bytes written, excluding the NUL */
	size_t total;   /* bytes the full log needs */
	uint32_t level;
};

void bh_log_init(struct bh_log *log, char *buf, size_t size, uint32_t level);
__attribute__((format(printf, 2, 3)))
void bh_log(struct bh_log *log, const char *fmt, ...);
/* -ENOSPC when the log did not fit a caller's buffer, else 0. */
int bh_log_finish(struct bh_log *log);

/* ---- CPU slots -------------------------------------------------------------- */

/* Number of CPU slots (default: online CPUs).  Fixed once read. */
unsigned int bh_cpu_count(void);
/*
 * Take a CPU slot for a run on this thread.  Nested takes on one thread
 * reuse the slot they already hold.  @want < 0 means any slot.
 */
unsigned int bh_cpu_enter(int want);
void bh_cpu_exit(void);
/* Slot the calling thread holds (valid between enter and exit). */
unsigned int bh_cpu_current(void);

#endif /* BH_CORE_INTERNAL_H */
