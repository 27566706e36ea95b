/* SPDX-License-Identifier: MIT */
/*
 * bpfhost/ringbuf.h - ring buffers: BPF_MAP_TYPE_RINGBUF (programs and host
 * threads produce, one consumer reads) and BPF_MAP_TYPE_USER_RINGBUF (one
 * host producer, programs drain with bpf_user_ringbuf_drain).
 *
 * Create either with bh_map__create(type, name, 0, 0, size, NULL): size is
 * the data area in bytes, a power of two and a multiple of the page size.
 * The consumer and producer APIs below have the shape of libbpf's
 * ring_buffer__* and user_ring_buffer__*.  Records use Linux's layout and
 * protocol (docs/ringbuf.md); the ring lives in a memfd so that another
 * process can map it (bh_ringbuf__mem_fd) and be notified through an
 * eventfd (bh_ringbuf__event_fd) with the same APIs (the *_shared calls).
 *
 * Errors: int calls return >= 0 on success and a negative errno on failure
 * (also left in errno); pointer calls return NULL with errno set.
 */
#ifndef BPFHOST_RINGBUF_H
#define BPFHOST_RINGBUF_H

#include "common.h"

struct bh_map;
struct bh_ring_buffer;
struct bh_user_ring_buffer;

/* ---- The ring's shared memory and notifications ---------------------------- */

/**
 * The memfd behind a RINGBUF or USER_RINGBUF map: consumer page, producer
 * page, then the data area (once).  Valid while the map lives; do not close.
 * @return the descriptor, or -EINVAL for another map type.
 */
BH_API int bh_ringbuf__mem_fd(const struct bh_map *map);
/**
 * The eventfd the ring notifies through (RINGBUF: the consumer is woken;
 * USER_RINGBUF: the producer is woken).  Each notification adds 1 to its
 * counter.  Valid while the map lives; do not close.
 * @return the descriptor, or -EINVAL for another map type.
 */
BH_API int bh_ringbuf__event_fd(const struct bh_map *map);

/* ---- Host producer of a RINGBUF (what the helpers do for programs) --------- */

/**
 * Reserve @size bytes in a RINGBUF (bpf_ringbuf_reserve).  The sample is
 * 8-byte aligned and must be handed to bh_ringbuf__submit or
 * bh_ringbuf__discard.  Thread-safe.
 * @return the sample, or NULL with errno EINVAL (not a RINGBUF), E2BIG
 *         (@size can never fit), ENOSPC (no room now).
 */
BH_API void *bh_ringbuf__reserve(struct bh_map *map, uint64_t size);
/** Commit a reserved sample (bpf_ringbuf_submit); flags BPF_RB_*_WAKEUP. */
BH_API void bh_ringbuf__submit(void *sample, uint64_t flags);
/** Commit a reserved sample as discarded (bpf_ringbuf_discard). */
BH_API void bh_ringbuf__discard(void *sample, uint64_t flags);
/**
 * Copy @size bytes into a new record (bpf_ringbuf_output).
 * @return 0; -EINVAL unknown flags or not a RINGBUF; -EAGAIN no room.
 */
BH_API int bh_ringbuf__output(struct bh_map *map, const void *data,
			      uint64_t size, uint64_t flags);
/**
 * bpf_ringbuf_query: BPF_RB_AVAIL_DATA, BPF_RB_RING_SIZE, BPF_RB_CONS_POS,
 * BPF_RB_PROD_POS; 0 for anything else.  A momentary snapshot.
 */
BH_API uint64_t bh_ringbuf__query(struct bh_map *map, uint64_t flags);

/* ---- Consumer of RINGBUF maps (libbpf's ring_buffer) ------------------------ */

/**
 * Called once per committed, non-discarded record, in reservation order.
 * @data points into the ring (valid during the call only).  A negative
 * return stops consumption; the record counts as consumed.
 */
typedef int (*bh_ring_buffer_sample_fn)(void *ctx, void *data, size_t size);

struct bh_ring_buffer_opts {
	size_t sz;
	size_t :0;
};
#define bh_ring_buffer_opts__last_field sz

/**
 * A consumer of one RINGBUF map (more with bh_ring_buffer__add).  One
 * consumer per ring at a time.  Holds a reference on the map.
 * @return the consumer, or NULL with errno EINVAL (not a RINGBUF, bad
 *         opts), ENOMEM, or an error of epoll_create / mmap.
 */
BH_API struct bh_ring_buffer *
bh_ring_buffer__new(struct bh_map *map, bh_ring_buffer_sample_fn sample_cb,
		    void *ctx, const struct bh_ring_buffer_opts *opts);
/**
 * A consumer of a ring of another process: @mem_fd and @event_fd are that
 * ring's bh_ringbuf__mem_fd and bh_ringbuf__event_fd (passed by fork or
 * SCM_RIGHTS; duplicated here, the caller keeps its own).
 * @return as bh_ring_buffer__new; EINVAL for a memfd of a size no ring has.
 */
BH_API struct bh_ring_buffer *
bh_ring_buffer__new_shared(int mem_fd, int event_fd,
			   bh_ring_buffer_sample_fn sample_cb, void *ctx,
			   const struct bh_ring_buffer_opts *opts);
/**
 * Add another RINGBUF to @rb (one epoll for all).
 * @return 0; -EINVAL not a RINGBUF; -ENOMEM; an error of epoll_ctl / mmap.
 */
BH_API int bh_ring_buffer__add(struct bh_ring_buffer *rb, struct bh_map *map,
			       bh_ring_buffer_sample_fn sample_cb, void *ctx);
/** bh_ring_buffer__add for a ring of another process (see __new_shared). */
BH_API int bh_ring_buffer__add_shared(struct bh_ring_buffer *rb, int mem_fd,
				      int event_fd,
				      bh_ring_buffer_sample_fn sample_cb,
				      void *ctx);
/**
 * Consume what is available; if nothing is, wait up to @timeout_ms (-1:
 * forever, 0: not at all) for a notification and consume then.
 * @return records consumed (capped to INT_MAX), a callback's negative
 *         return, or -errno of epoll_wait (-EINTR).
 */
BH_API int bh_ring_buffer__poll(struct bh_ring_buffer *rb, int timeout_ms);
/**
 * Consume every available record of every ring without waiting.
 * @return records consumed (capped to INT_MAX), or a callback's negative
 *         return.
 */
BH_API int bh_ring_buffer__consume(struct bh_ring_buffer *rb);
/** bh_ring_buffer__consume, at most @n records. */
BH_API int bh_ring_buffer__consume_n(struct bh_ring_buffer *rb, size_t n);
/**
 * The epoll descriptor: readable when a ring notified (edge-triggered on
 * each notification).  Then call bh_ring_buffer__consume.
 */
BH_API int bh_ring_buffer__epoll_fd(const struct bh_ring_buffer *rb);
/** Free the consumer and drop its map references.  NULL is ignored. */
BH_API void bh_ring_buffer__free(struct bh_ring_buffer *rb);

/* ---- Producer of USER_RINGBUF maps (libbpf's user_ring_buffer) -------------- */

struct bh_user_ring_buffer_opts {
	size_t sz;
	size_t :0;
};
#define bh_user_ring_buffer_opts__last_field sz

/**
 * The producer of a USER_RINGBUF map.  One producer per ring; its calls
 * are not thread-safe.  Holds a reference on the map.
 * @return the producer, or NULL with errno EINVAL (not a USER_RINGBUF, bad
 *         opts), ENOMEM, or an error of mmap.
 */
BH_API struct bh_user_ring_buffer *
bh_user_ring_buffer__new(struct bh_map *map,
			 const struct bh_user_ring_buffer_opts *opts);
/** Producer for a USER_RINGBUF of another process (see __new_shared above). */
BH_API struct bh_user_ring_buffer *
bh_user_ring_buffer__new_shared(int mem_fd, int event_fd,
				const struct bh_user_ring_buffer_opts *opts);
/**
 * Reserve @size bytes; the sample is 8-byte aligned and must be passed to
 * __submit or __discard.
 * @return the sample, or NULL with errno ENOSPC (no room now) or E2BIG
 *         (@size can never fit).
 */
BH_API void *bh_user_ring_buffer__reserve(struct bh_user_ring_buffer *rb,
					  uint32_t size);
/**
 * __reserve, waiting for drains to make room for up to @timeout_ms (-1:
 * forever).
 * @return the sample, or NULL with errno E2BIG, ENOSPC (still no room
 *         when the time is up, as libbpf), EINVAL (@timeout_ms < -1), or
 *         an error of poll.
 */
BH_API void *
bh_user_ring_buffer__reserve_blocking(struct bh_user_ring_buffer *rb,
				      uint32_t size, int timeout_ms);
/** Publish a reserved sample to the draining programs. */
BH_API void bh_user_ring_buffer__submit(struct bh_user_ring_buffer *rb,
					void *sample);
/** Give back a reserved sample; drains skip it. */
BH_API void bh_user_ring_buffer__discard(struct bh_user_ring_buffer *rb,
					 void *sample);
/** Free the producer (reserved samples are lost).  NULL is ignored. */
BH_API void bh_user_ring_buffer__free(struct bh_user_ring_buffer *rb);

#endif /* BPFHOST_RINGBUF_H */
