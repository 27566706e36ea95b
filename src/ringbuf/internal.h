/* SPDX-License-Identifier: MIT */
/*
 * ringbuf/internal.h - the one ring-buffer core behind BPF_MAP_TYPE_RINGBUF
 * (programs and host threads produce, one consumer) and
 * BPF_MAP_TYPE_USER_RINGBUF (one host producer, programs drain).
 *
 * Memory, as Linux lays it out (kernel/bpf/ringbuf.c): the shared part lives
 * in a memfd (consumer page, producer page, data area once); the owning
 * process maps it behind one private control page, with the data area mapped
 * twice back to back so that a record wrapping past the end of the ring is
 * contiguous in virtual memory:
 *
 *   base                                          memfd offset
 *   +-----------------+  page 0: struct bh_ringbuf (private, anonymous)
 *   | control page    |          lock, mask, fds; never shared
 *   +-----------------+  page 1: consumer page     0
 *   | consumer_pos    |          written by the consumer only
 *   +-----------------+  page 2: producer page     1 page
 *   | producer_pos    |          written by the producer(s) only
 *   +-----------------+  page 3: data              2 pages
 *   | data [0, size)  |
 *   +-----------------+  page 3 + size/page: the same memfd pages again
 *   | data [0, size)  |
 *   +-----------------+
 *
 * Positions are byte counters that only grow; a position's place in the
 * ring is pos & mask.  consumer_pos and producer_pos sit on separate pages
 * (so separate cache lines); in the control page the reservation lock and
 * the producers' private positions have a cache line each.
 *
 * Record header (8 bytes, 8-aligned, just before each sample):
 *
 *   0               4                           8
 *   +-+-+-----------+---------------------------+
 *   |B|D| len (30)  | pg_off (32)               |   sample...  padding to 8
 *   +-+-+-----------+---------------------------+
 *   B: busy (bit 31): reserved, not committed yet
 *   D: discard (bit 30): committed as discarded, the consumer skips it
 *   pg_off: pages from base (the control page) to the header's page, so
 *           that submit/discard find the ring from the sample alone
 *
 * A record occupies round_up(len + 8, 8) bytes of the ring.
 */
#ifndef BH_RINGBUF_INTERNAL_H
#define BH_RINGBUF_INTERNAL_H

#include <bpfhost/ringbuf.h>

#include "maps/internal.h"

/* The kernel's RINGBUF_MAX_RECORD_SZ. */
#define RB_MAX_RECORD_SZ (UINT32_MAX / 4)
#define RB_CACHELINE 64

/* bpf_dynptr_kern: the 16 bytes behind a program's struct bpf_dynptr. */
struct rb_dynptr {
	void *data;
	/* bits 0..23 size, 28..30 type, 31 read-only */
	uint32_t size;
	uint32_t offset;
} __attribute__((aligned(8)));

#define RB_DYNPTR_SIZE_MASK 0xffffffU
#define RB_DYNPTR_MAX_SIZE RB_DYNPTR_SIZE_MASK
#define RB_DYNPTR_TYPE_SHIFT 28
#define RB_DYNPTR_TYPE_MASK 0x7U
#define RB_DYNPTR_RDONLY (1U << 31)
enum { RB_DYNPTR_INVALID = 0, RB_DYNPTR_LOCAL = 1, RB_DYNPTR_RINGBUF = 2 };

struct rb_hdr {
	uint32_t len; /* atomic: see the protocol in ringbuf.c */
	uint32_t pg_off;
};

/*
 * Reservation lock: test-and-test-and-set, waiters pausing between looks,
 * yielding every few and, after a long wait, sleeping briefly (a host
 * thread holding it can be preempted, unlike Linux's spinlock with
 * interrupts off).  Rank 30: nothing is taken while it is held.
 */
struct rb_lock {
	atomic_int locked;
};

struct bh_ringbuf {
	struct bh_map map;
	/* Immutable after alloc. */
	uint64_t mask;         /* data size - 1 */
	size_t page_sz;
	unsigned int page_shift;
	size_t vm_sz;          /* whole reservation, control page included */
	int mem_fd;            /* consumer page, producer page, data */
	int event_fd;          /* notifications (EFD_NONBLOCK) */
	uint8_t *data;         /* first copy of the data area */
	_Atomic uint64_t *consumer_pos; /* on the consumer page */
	_Atomic uint64_t *producer_pos; /* on the producer page */

	/* RINGBUF producers: the reservation lock, alone on its cache line,
	 * so that waiters looking at it do not take away the line the holder
	 * is writing. */
	struct rb_lock lock __attribute__((aligned(RB_CACHELINE)));
	/* lock guards prod_pos, pending_pos, cons_seen (a cache line of
	 * their own) and the producer_pos store in rb_reserve().
	 * The producer position (lock): *producer_pos is its published copy,
	 * written only from here, so producers never read the producer page
	 * (nor trust it: another process may map it). */
	uint64_t prod_pos __attribute__((aligned(RB_CACHELINE)));
	/* Oldest record not yet committed, or prod_pos (lock). */
	uint64_t pending_pos;
	/* The consumer position as a reservation last loaded it (lock).
	 * consumer_pos only grows, so room checked against this stale copy
	 * is room: *consumer_pos (a line the consumer writes after every
	 * record) is read again only when a record does not fit. */
	uint64_t cons_seen;

	/* USER_RINGBUF: 1 while a drain runs (cmpxchg 0 -> 1, release 0). */
	atomic_int busy __attribute__((aligned(RB_CACHELINE)));
};

static inline struct bh_ringbuf *rb_of(struct bh_map *map)
{
	return bh_container_of(map, struct bh_ringbuf, map);
}

static inline uint32_t rb_round8(uint64_t x)
{
	return (uint32_t)((x + 7) & ~7ULL);
}

static inline uint64_t rb_size(const struct bh_ringbuf *rb)
{
	return rb->mask + 1;
}

/* Is @map a ring of @type (checks what the verifier would)? */
static inline bool rb_map_is(const struct bh_map *map, uint32_t type)
{
	return map && map->type == type;
}

/* ---- Producer side of RINGBUF (ringbuf.c) ---- */
/* Reserve @size bytes: the sample, or NULL when there is no room. */
void *rb_reserve(struct bh_ringbuf *rb, uint64_t size);
/* Commit a reserved sample; flags BPF_RB_NO_WAKEUP / BPF_RB_FORCE_WAKEUP. */
void rb_commit(void *sample, uint64_t flags, bool discard);
/* bpf_ringbuf_output: 0, -EINVAL (flags), -EAGAIN (no room). */
int rb_output(struct bh_ringbuf *rb, const void *data, uint64_t size,
	      uint64_t flags);
/* bpf_ringbuf_query. */
uint64_t rb_query(struct bh_ringbuf *rb, uint64_t flags);
/* Send one notification through the eventfd. */
void rb_notify(struct bh_ringbuf *rb);

/* ---- User ring buffer drain (drain.c) ---- */
/*
 * Callback of rb_user_drain(): called with the dynptr of each sample;
 * returns 0 to go on, 1 to stop, or a negative errno (the callback faulted).
 */
typedef int64_t (*rb_drain_fn)(struct rb_dynptr *dynptr, void *ctx);
/* bpf_user_ringbuf_drain on @rb: samples drained, or -errno. */
long rb_user_drain(struct bh_ringbuf *rb, rb_drain_fn fn, void *ctx,
		   uint64_t flags);

/* ---- Shared mappings (shm.c) ---- */
/*
 * A mapping of a ring's memfd: consumer page, producer page, then the data
 * area twice.  @writable_cons / @writable_prod pick which pages (and the
 * data, with the producer) are writable.
 */
struct rb_mapping {
	uint8_t *area;
	size_t area_sz;
	_Atomic uint64_t *consumer_pos;
	_Atomic uint64_t *producer_pos;
	uint8_t *data;
	uint64_t mask;
};

int rb_map_shared(int mem_fd, bool writable_cons, bool writable_prod,
		  struct rb_mapping *m);
void rb_unmap_shared(struct rb_mapping *m);

#endif /* BH_RINGBUF_INTERNAL_H */
