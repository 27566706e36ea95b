/* SPDX-License-Identifier: MIT */
/*
 * ringbuf/ringbuf.c - the ring core (allocation, the map ops of RINGBUF and
 * USER_RINGBUF) and the RINGBUF producer side.  Layout: internal.h.
 *
 * RINGBUF protocol (Linux's, kernel/bpf/ringbuf.c; litmus-tested there):
 *
 *   producer (any thread)               consumer (one thread)
 *   ---------------------               ---------------------
 *   lock                                prod = acquire(producer_pos)    (b')
 *   room? prod + len - cons_seen        len = acquire(hdr->len)         (c')
 *     > mask: cons_seen =               if busy: stop
 *     acquire(consumer_pos)        (a)
 *   room? prod + len - cons_seen <= mask
 *   hdr->len = size | BUSY              read the sample
 *   release(producer_pos, prod+len) (b) release(consumer_pos, next)     (a')
 *   unlock                              before sleeping: seq_cst RMW,
 *   ... write the sample ...              re-check producer_pos          (d')
 *   exchange(hdr->len, len & ~BUSY) (c)
 *   cons = load(consumer_pos)       (d)
 *   notify if cons == this record
 *
 * (a)/(a'): the consumer's reads of a record happen before a producer
 * reuses its space.  (b)/(b'): a header the consumer reaches was written.
 * (c)/(c'): a committed sample's bytes are visible with its header.
 * (d)/(d'): store-buffering: the seq_cst exchange at (c) and the seq_cst
 * read-modify-write in the consumer ensure that it sees the record
 * before sleeping or the producer sees the consumer's position and wakes
 * it.  Records reach the consumer in reservation order: it stops at the
 * first busy header.  A commit with BPF_RB_NO_WAKEUP decides no wakeup:
 * (c) is a release store and (d) is skipped.
 *
 * Producers keep the producer position in the control page (prod_pos,
 * with pending_pos and cons_seen on a cache line next to the lock's) and
 * only store producer_pos: a reservation reads the lock line, that line
 * and (the pending_pos scan, as in Linux) the previous record's header,
 * never the producer page, which it only stores to.  The lock word has a
 * line to itself so that waiters looking at it do not take the positions'
 * line from the holder in the middle of its writes.  It reads the consumer position (a line
 * the consumer writes after each record) only when the record does not
 * fit behind the copy it loaded last time: positions only grow, so the
 * stale copy understates the room, and the space behind it was released
 * by the consumer's store that copy was acquired from.  (Linux loads
 * consumer_pos on every reservation.)
 */
#include <linux/futex.h>
#include <sched.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "ringbuf/internal.h"

_Static_assert(sizeof(struct bh_ringbuf) <= 4096,
	       "struct bh_ringbuf fits the control page");
_Static_assert(sizeof(struct rb_hdr) == BPF_RINGBUF_HDR_SZ, "8-byte header");
_Static_assert(sizeof(struct rb_dynptr) == 16, "bpf_dynptr is 16 bytes");

/*
 * Page size, set before the first ring exists and never changed; submit
 * and discard need it to find the ring from a sample.  relaxed: every ring
 * is published to other threads after alloc stores it.
 */
static atomic_size_t rb_page_sz;

static _Atomic uint32_t *hdr_len(struct rb_hdr *hdr)
{
	return (_Atomic uint32_t *)&hdr->len;
}

/* ---- The reservation lock ------------------------------------------------- */

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#endif
}

/*
 * Waiting: one pause between looks at the lock word (as the kernel's
 * spinners do), a yield every RB_LOCK_YIELD_SPINS looks, and after
 * RB_LOCK_SLEEP_AFTER yields a sleep of RB_LOCK_SLEEP_NS per round
 * instead of the yield: the holder may be a preempted host thread (the
 * kernel's cannot be: it holds the lock with interrupts off).  A waiter
 * that waited that long (several microseconds, against a critical section
 * of tens of nanoseconds) waits for a holder off its CPU; yielding would
 * hand its CPU to nobody when nothing else is runnable there (or, with a
 * higher weight than the tasks that are, get it straight back), spinning
 * for as long as the holder is off.  The sleep is a futex wait on the
 * lock word with a timeout: it returns at once if the lock was released
 * meanwhile, and nobody wakes it, so rb_unlock() stays a plain store.
 *
 * Measured on 2 CPUs with producers pinned, all running at once into one
 * ring (bench_ringbuf's contend table, 2026-11-22, other engineers'
 * builds running): with two producers the per-producer rate over the rate
 * alone went from 0.52 (exponential backoff up to 256 pauses between
 * looks) to 0.63 with the pause-and-yield (a pause costs 35-40 ns on that
 * machine, so the long backoff overshot the critical section by
 * microseconds of waiting CPU time; 64 looks before the yield measured
 * worse than 8), and to 0.72-0.81 with the sleep (docs/performance.md).
 * Tried and dropped: a futex lock whose unlock wakes sleepers (an
 * exchange on every unlock; with 4 producers on 2 CPUs every unlock woke
 * a sibling and the ratio fell to 0.16); yielding every 4 or 16 looks
 * (no clear change).
 */
#define RB_LOCK_YIELD_SPINS 8
#define RB_LOCK_SLEEP_AFTER 8
#define RB_LOCK_SLEEP_NS 20000

static void rb_lock_sleep(struct rb_lock *l)
{
	struct timespec ts = { .tv_sec = 0, .tv_nsec = RB_LOCK_SLEEP_NS };

	/* returns at once (EAGAIN) if the lock word is no longer 1; a timeout,
	 * EINTR or a spurious return only end the sleep early */
	syscall(SYS_futex, &l->locked, FUTEX_WAIT_PRIVATE, 1, &ts, NULL, 0);
}

static void rb_lock(struct rb_lock *l)
{
	unsigned int spins = 0, yields = 0;

	for (;;) {
		/* acquire: pairs with the release in rb_unlock() */
		if (!atomic_exchange_explicit(&l->locked, 1, memory_order_acquire))
			return;
		/* relaxed: only a hint; the exchange above decides */
		do {
			cpu_relax();
			if (++spins >= RB_LOCK_YIELD_SPINS) {
				/* the holder may be preempted */
				if (yields >= RB_LOCK_SLEEP_AFTER)
					rb_lock_sleep(l);
				else
					sched_yield();
				yields++;
				spins = 0;
			}
		} while (atomic_load_explicit(&l->locked, memory_order_relaxed));
	}
}

static void rb_unlock(struct rb_lock *l)
{
	/* release: pairs with the acquire exchange in rb_lock() */
	atomic_store_explicit(&l->locked, 0, memory_order_release);
}

/* ---- Allocation ------------------------------------------------------------- */

static int ringbuf_alloc_check(const struct bh_map_attr *attr)
{
	long page = sysconf(_SC_PAGESIZE);
	uint32_t n = attr->max_entries;

	/* The kernel's RINGBUF_CREATE_FLAG_MASK: BPF_F_NUMA_NODE only. */
	if (attr->map_flags & ~(uint32_t)BPF_F_NUMA_NODE)
		return -EINVAL;
	if (attr->key_size || attr->value_size || !n || (n & (n - 1)) ||
	    n % (uint32_t)page)
		return -EINVAL;
	return 0;
}

/* Map the memfd behind @base's control page, data twice; 0 or -errno. */
static int rb_map_pages(uint8_t *base, size_t page, size_t data_sz, int fd)
{
	if (mmap(base, page, PROT_READ | PROT_WRITE,
		 MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED)
		return -errno;
	if (mmap(base + page, 2 * page + data_sz, PROT_READ | PROT_WRITE,
		 MAP_FIXED | MAP_SHARED, fd, 0) == MAP_FAILED)
		return -errno;
	if (mmap(base + 3 * page + data_sz, data_sz, PROT_READ | PROT_WRITE,
		 MAP_FIXED | MAP_SHARED, fd, (off_t)(2 * page)) == MAP_FAILED)
		return -errno;
	return 0;
}

static int ringbuf_alloc(const struct bh_map_attr *attr, struct bh_map **out)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t data_sz = attr->max_entries;
	size_t vm_sz = 3 * page + 2 * data_sz;
	const char *name = attr->map_type == BPF_MAP_TYPE_USER_RINGBUF
				   ? "bpfhost-user-ringbuf" : "bpfhost-ringbuf";
	struct bh_ringbuf *rb;
	uint8_t *base;
	int fd, efd, ret;

	atomic_store_explicit(&rb_page_sz, page, memory_order_relaxed);
	fd = memfd_create(name, MFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (ftruncate(fd, (off_t)(2 * page + data_sz))) {
		ret = -errno;
		goto err_close;
	}
	base = mmap(NULL, vm_sz, PROT_NONE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (base == MAP_FAILED) {
		ret = -ENOMEM;
		goto err_close;
	}
	ret = rb_map_pages(base, page, data_sz, fd);
	if (ret)
		goto err_unmap;
	efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (efd < 0) {
		ret = -errno;
		goto err_unmap;
	}
	rb = (struct bh_ringbuf *)base; /* anonymous memory: zeroed */
	map_init_from_attr(&rb->map, attr);
	rb->mask = data_sz - 1;
	rb->page_sz = page;
	rb->page_shift = (unsigned int)__builtin_ctzl(page);
	rb->vm_sz = vm_sz;
	rb->mem_fd = fd;
	rb->event_fd = efd;
	rb->consumer_pos = (_Atomic uint64_t *)(base + page);
	rb->producer_pos = (_Atomic uint64_t *)(base + 2 * page);
	rb->data = base + 3 * page;
	atomic_init(&rb->lock.locked, 0);
	atomic_init(&rb->busy, 0);
	*out = &rb->map;
	return 0;

err_unmap:
	munmap(base, vm_sz);
err_close:
	close(fd);
	return ret;
}

static void ringbuf_free(struct bh_map *map)
{
	struct bh_ringbuf *rb = rb_of(map);
	size_t vm_sz = rb->vm_sz;

	close(rb->event_fd);
	close(rb->mem_fd);
	munmap(rb, vm_sz); /* rb lives in the control page */
}

static uint64_t ringbuf_mem_usage(const struct bh_map *map)
{
	const struct bh_ringbuf *rb =
		bh_container_of(map, struct bh_ringbuf, map);

	/* control, consumer and producer pages plus the data once */
	return 3 * rb->page_sz + rb_size(rb);
}

/* The kernel's ringbuf_map_{lookup,update,delete}_elem / get_next_key. */
static int ringbuf_copy_value_enotsupp(struct bh_map *map, const void *key,
				       void *value)
{
	return -ENOTSUPP;
}

static int ringbuf_update_enotsupp(struct bh_map *map, const void *key,
				   const void *value, uint64_t flags)
{
	return -ENOTSUPP;
}

static int ringbuf_delete_enotsupp(struct bh_map *map, const void *key)
{
	return -ENOTSUPP;
}

static int ringbuf_get_next_key_enotsupp(struct bh_map *map, const void *key,
					 void *next_key)
{
	return -ENOTSUPP;
}

/* The kernel's mmap layout: consumer page, producer page, data twice. */
static void *ringbuf_mmap(struct bh_map *map, size_t *size)
{
	struct bh_ringbuf *rb = rb_of(map);

	*size = 2 * rb->page_sz + 2 * rb_size(rb);
	return (uint8_t *)rb + rb->page_sz;
}

const struct bh_map_ops ringbuf_map_ops = {
	/* API only */
	.alloc_check = ringbuf_alloc_check,
	.alloc = ringbuf_alloc,
	.free = ringbuf_free,
	.get_next_key = ringbuf_get_next_key_enotsupp,
	.copy_value = ringbuf_copy_value_enotsupp,
	.mmap = ringbuf_mmap,
	.mem_usage = ringbuf_mem_usage,
	/* API and programs (programs use the ringbuf helpers instead) */
	.lookup = map_lookup_null,
	.update = ringbuf_update_enotsupp,
	.delete = ringbuf_delete_enotsupp,
	/* verifier */
	.meta_equal = map_meta_equal,
};

const struct bh_map_ops user_ringbuf_map_ops = {
	.alloc_check = ringbuf_alloc_check,
	.alloc = ringbuf_alloc,
	.free = ringbuf_free,
	.get_next_key = ringbuf_get_next_key_enotsupp,
	.copy_value = ringbuf_copy_value_enotsupp,
	.mmap = ringbuf_mmap,
	.mem_usage = ringbuf_mem_usage,
	.lookup = map_lookup_null,
	.update = ringbuf_update_enotsupp,
	.delete = ringbuf_delete_enotsupp,
	.meta_equal = map_meta_equal,
};

/* ---- RINGBUF producers ------------------------------------------------------ */

void rb_notify(struct bh_ringbuf *rb)
{
	uint64_t one = 1;

	/* EAGAIN only if 2^64 - 2 notifications are pending: drop it */
	if (write(rb->event_fd, &one, sizeof(one)) < 0)
		return;
}

/*
 * Advance pending_pos over committed records (lock held): a new record
 * must not span more than the ring from the oldest uncommitted one, so
 * that a consumer position moved too far (another process can write it)
 * never lets a producer overwrite a header still being filled in.
 * (Scanning only when a record would not fit otherwise reads fewer
 * headers but all at once, cold: measured slower for one producer.)
 */
static uint64_t rb_advance_pending_locked(struct bh_ringbuf *rb, uint64_t prod)
{
	uint64_t pend = rb->pending_pos;

	while (pend < prod) {
		struct rb_hdr *hdr = (void *)(rb->data + (pend & rb->mask));
		/* acquire: pairs with the release exchange in rb_commit() */
		uint32_t len = atomic_load_explicit(hdr_len(hdr),
						    memory_order_acquire);

		if (len & BPF_RINGBUF_BUSY_BIT)
			break;
		pend += rb_round8((len & ~(uint32_t)BPF_RINGBUF_DISCARD_BIT) +
				  BPF_RINGBUF_HDR_SZ);
	}
	rb->pending_pos = pend;
	return pend;
}

/*
 * Records are written where the consumer read a lap ago, so the lines are
 * in its cache and each first store waits for the line to be taken over;
 * the commit's exchange then waits for that store.  Asking for the line a
 * few records ahead, for writing, overlaps that wait with this record.
 * PREFETCHW: a hint, a no-op on CPUs without it.
 */
#define RB_PREFETCH_AHEAD 256

static inline void rb_prefetch_w(const void *p)
{
#if defined(__x86_64__)
	__asm__ volatile("prefetchw %0" : : "m"(*(const char *)p));
#else
	__builtin_prefetch(p, 1, 3);
#endif
}

void *rb_reserve(struct bh_ringbuf *rb, uint64_t size)
{
	uint64_t cons, prod, pend, new_prod;
	struct rb_hdr *hdr;
	uint32_t len;

	if (bh_unlikely(size > RB_MAX_RECORD_SZ))
		return NULL;
	len = rb_round8(size + BPF_RINGBUF_HDR_SZ);
	if (bh_unlikely(len > rb_size(rb)))
		return NULL;
	rb_lock(&rb->lock);
	prod = rb->prod_pos;
	new_prod = prod + len;
	pend = rb_advance_pending_locked(rb, prod);
	if (new_prod - pend > rb->mask)
		goto err_unlock;
	cons = rb->cons_seen;
	if (new_prod - cons > rb->mask) {
		/* acquire: pairs with the consumer's release store of
		 * consumer_pos; its reads of the space we may now reuse are
		 * done.  The copy in cons_seen was loaded the same way, so
		 * space behind it is as safe to reuse. */
		cons = atomic_load_explicit(rb->consumer_pos, memory_order_acquire);
		rb->cons_seen = cons;
		if (new_prod - cons > rb->mask)
			goto err_unlock;
	}
	hdr = (void *)(rb->data + (prod & rb->mask));
	/* relaxed: published by the release store of producer_pos below */
	atomic_store_explicit(hdr_len(hdr), (uint32_t)size | BPF_RINGBUF_BUSY_BIT,
			      memory_order_relaxed);
	hdr->pg_off = (uint32_t)(((uint8_t *)hdr - (uint8_t *)rb) >> rb->page_shift);
	rb->prod_pos = new_prod;
	/* release: pairs with the consumer's acquire load of producer_pos */
	atomic_store_explicit(rb->producer_pos, new_prod, memory_order_release);
	rb_unlock(&rb->lock);
	rb_prefetch_w(rb->data + ((new_prod + RB_PREFETCH_AHEAD) & rb->mask));
	return hdr + 1;

err_unlock:
	rb_unlock(&rb->lock);
	return NULL;
}

static struct bh_ringbuf *rb_from_hdr(struct rb_hdr *hdr)
{
	/* relaxed: set once before any ring (so any sample) existed */
	size_t page = atomic_load_explicit(&rb_page_sz, memory_order_relaxed);
	uintptr_t addr = (uintptr_t)hdr & ~(uintptr_t)(page - 1);

	return (struct bh_ringbuf *)(addr - ((uintptr_t)hdr->pg_off *
					     (uintptr_t)page));
}

void rb_commit(void *sample, uint64_t flags, bool discard)
{
	struct rb_hdr *hdr = (struct rb_hdr *)sample - 1;
	struct bh_ringbuf *rb = rb_from_hdr(hdr);
	uint64_t rec_pos, cons;
	/* relaxed: only the reserving producer writes a busy header */
	uint32_t len = atomic_load_explicit(hdr_len(hdr), memory_order_relaxed);

	len ^= BPF_RINGBUF_BUSY_BIT;
	if (discard)
		len |= BPF_RINGBUF_DISCARD_BIT;
	if (flags & BPF_RB_NO_WAKEUP && !(flags & BPF_RB_FORCE_WAKEUP)) {
		/* release: pairs with the consumer's acquire load of the
		 * header.  No wakeup to decide, so no store-buffering pair
		 * (d)/(d') and no full barrier: a plain store on x86. */
		atomic_store_explicit(hdr_len(hdr), len, memory_order_release);
		return;
	}
	/* seq_cst: release pairs with the consumer's acquire load of the
	 * header (the sample's bytes come with it); the full ordering before
	 * the load below pairs with the consumer's RMW before sleeping */
	atomic_exchange_explicit(hdr_len(hdr), len, memory_order_seq_cst);
	rec_pos = (uint64_t)((uint8_t *)hdr - rb->data);
	/* seq_cst: see above; the consumer_pos the consumer stored before its
	 * RMW is seen, or the consumer sees this record */
	cons = atomic_load_explicit(rb->consumer_pos, memory_order_seq_cst) &
	       rb->mask;
	if (flags & BPF_RB_FORCE_WAKEUP)
		rb_notify(rb);
	else if (cons == rec_pos && !(flags & BPF_RB_NO_WAKEUP))
		rb_notify(rb);
}

int rb_output(struct bh_ringbuf *rb, const void *data, uint64_t size,
	      uint64_t flags)
{
	void *rec;

	if (flags & ~(uint64_t)(BPF_RB_NO_WAKEUP | BPF_RB_FORCE_WAKEUP))
		return -EINVAL;
	rec = rb_reserve(rb, size);
	if (!rec)
		return -EAGAIN;
	memcpy(rec, data, size);
	rb_commit(rec, flags, false);
	return 0;
}

uint64_t rb_query(struct bh_ringbuf *rb, uint64_t flags)
{
	/* acquire: pairs with the release stores of either side (snapshots) */
	uint64_t cons = atomic_load_explicit(rb->consumer_pos, memory_order_acquire);
	uint64_t prod = atomic_load_explicit(rb->producer_pos, memory_order_acquire);

	switch (flags) {
	case BPF_RB_AVAIL_DATA:
		return prod - cons;
	case BPF_RB_RING_SIZE:
		return rb_size(rb);
	case BPF_RB_CONS_POS:
		return cons;
	case BPF_RB_PROD_POS:
		return prod;
	default:
		return 0;
	}
}

/* ---- Host API ------------------------------------------------------------- */

static bool rb_is_ring(const struct bh_map *map)
{
	return rb_map_is(map, BPF_MAP_TYPE_RINGBUF) ||
	       rb_map_is(map, BPF_MAP_TYPE_USER_RINGBUF);
}

BH_API int bh_ringbuf__mem_fd(const struct bh_map *map)
{
	if (!rb_is_ring(map))
		return bh_err(-EINVAL);
	return bh_container_of(map, struct bh_ringbuf, map)->mem_fd;
}

BH_API int bh_ringbuf__event_fd(const struct bh_map *map)
{
	if (!rb_is_ring(map))
		return bh_err(-EINVAL);
	return bh_container_of(map, struct bh_ringbuf, map)->event_fd;
}

BH_API void *bh_ringbuf__reserve(struct bh_map *map, uint64_t size)
{
	void *sample;

	if (!rb_map_is(map, BPF_MAP_TYPE_RINGBUF))
		return bh_err_ptr(-EINVAL);
	/* a record never fills the whole ring: it may span at most mask bytes */
	if (size > RB_MAX_RECORD_SZ ||
	    rb_round8(size + BPF_RINGBUF_HDR_SZ) > rb_of(map)->mask)
		return bh_err_ptr(-E2BIG);
	sample = rb_reserve(rb_of(map), size);
	return sample ? sample : bh_err_ptr(-ENOSPC);
}

BH_API void bh_ringbuf__submit(void *sample, uint64_t flags)
{
	rb_commit(sample, flags, false);
}

BH_API void bh_ringbuf__discard(void *sample, uint64_t flags)
{
	rb_commit(sample, flags, true);
}

BH_API int bh_ringbuf__output(struct bh_map *map, const void *data,
			      uint64_t size, uint64_t flags)
{
	if (!rb_map_is(map, BPF_MAP_TYPE_RINGBUF))
		return bh_err(-EINVAL);
	return bh_err(rb_output(rb_of(map), data, size, flags));
}

BH_API uint64_t bh_ringbuf__query(struct bh_map *map, uint64_t flags)
{
	if (!rb_is_ring(map))
		return 0;
	return rb_query(rb_of(map), flags);
}
