/* SPDX-License-Identifier: MIT */
/*
 * ringbuf/user_ringbuf.c - the USER_RINGBUF producer (libbpf's
 * user_ring_buffer__*): one host producer, programs drain (drain.c).
 *
 *   producer (this file)                 drain (drain.c)
 *   --------------------                 ---------------
 *   cons = acquire(consumer_pos)   (a)   prod = acquire(producer_pos)   (b')
 *   room? prod + total - cons <= size    len = acquire(hdr->len)        (c')
 *   hdr->len = size | BUSY               validate, run the callback
 *   release(producer_pos, prod+total) (b) release(consumer_pos, next)    (a')
 *   ... write the sample ...
 *   release(hdr->len, size [| DISCARD]) (c)
 *
 * (a)/(a'): the drain's reads of a sample are done before the producer
 * reuses its space.  (b)/(b'), (c)/(c'): a header and a committed sample's
 * bytes are visible to the drain.  The producer waits for room on the
 * eventfd the drain notifies (read to reset before each try, so a drain
 * between the try and the wait still wakes it).
 */
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "ringbuf/internal.h"

struct bh_user_ring_buffer {
	struct bh_map *map;          /* reference, or NULL for shared rings */
	struct rb_mapping shm;       /* shared rings: our own mapping */
	int event_fd;                /* the map's, or our duplicate */
	bool own_event_fd;
	_Atomic uint64_t *consumer_pos;
	_Atomic uint64_t *producer_pos;
	uint8_t *data;
	uint64_t mask;
};

static struct bh_user_ring_buffer *
user_rb_alloc(const struct bh_user_ring_buffer_opts *opts)
{
	struct bh_user_ring_buffer *rb;

	if (!BH_OPTS_VALID(opts, bh_user_ring_buffer_opts))
		return bh_err_ptr(-EINVAL);
	rb = calloc(1, sizeof(*rb));
	if (!rb)
		return bh_err_ptr(-ENOMEM);
	rb->event_fd = -1;
	return rb;
}

BH_API struct bh_user_ring_buffer *
bh_user_ring_buffer__new(struct bh_map *map,
			 const struct bh_user_ring_buffer_opts *opts)
{
	struct bh_user_ring_buffer *rb;
	struct bh_ringbuf *ring;

	if (!rb_map_is(map, BPF_MAP_TYPE_USER_RINGBUF))
		return bh_err_ptr(-EINVAL);
	rb = user_rb_alloc(opts);
	if (!rb)
		return NULL;
	ring = rb_of(map);
	rb->map = bh_map__get(map);
	rb->event_fd = ring->event_fd;
	rb->consumer_pos = ring->consumer_pos;
	rb->producer_pos = ring->producer_pos;
	rb->data = ring->data;
	rb->mask = ring->mask;
	return rb;
}

BH_API struct bh_user_ring_buffer *
bh_user_ring_buffer__new_shared(int mem_fd, int event_fd,
				const struct bh_user_ring_buffer_opts *opts)
{
	struct bh_user_ring_buffer *rb;
	int ret;

	if (mem_fd < 0 || event_fd < 0)
		return bh_err_ptr(-EINVAL);
	rb = user_rb_alloc(opts);
	if (!rb)
		return NULL;
	rb->event_fd = fcntl(event_fd, F_DUPFD_CLOEXEC, 0);
	if (rb->event_fd < 0) {
		ret = -errno;
		goto err_free;
	}
	rb->own_event_fd = true;
	/* as the kernel's mmap: the consumer page is read-only here */
	ret = rb_map_shared(mem_fd, false, true, &rb->shm);
	if (ret)
		goto err_free;
	rb->consumer_pos = rb->shm.consumer_pos;
	rb->producer_pos = rb->shm.producer_pos;
	rb->data = rb->shm.data;
	rb->mask = rb->shm.mask;
	return rb;

err_free:
	bh_user_ring_buffer__free(rb);
	return bh_err_ptr(ret);
}

BH_API void bh_user_ring_buffer__free(struct bh_user_ring_buffer *rb)
{
	if (!rb)
		return;
	if (rb->map)
		bh_map__free(rb->map);
	rb_unmap_shared(&rb->shm);
	if (rb->own_event_fd)
		close(rb->event_fd);
	free(rb);
}

BH_API void *bh_user_ring_buffer__reserve(struct bh_user_ring_buffer *rb,
					  uint32_t size)
{
	uint64_t total, cons, prod;
	struct rb_hdr *hdr;

	if (!rb)
		return bh_err_ptr(-EINVAL);
	total = rb_round8((uint64_t)size + BPF_RINGBUF_HDR_SZ);
	if (size > RB_MAX_RECORD_SZ || total > rb->mask + 1)
		return bh_err_ptr(-E2BIG);
	/* acquire: pairs with the drain's release store of consumer_pos */
	cons = atomic_load_explicit(rb->consumer_pos, memory_order_acquire);
	/* relaxed: this producer is the only writer of producer_pos */
	prod = atomic_load_explicit(rb->producer_pos, memory_order_relaxed);
	if (total > rb->mask + 1 - (prod - cons))
		return bh_err_ptr(-ENOSPC);
	hdr = (void *)(rb->data + (prod & rb->mask));
	/* relaxed: published by the release store of producer_pos below */
	atomic_store_explicit((_Atomic uint32_t *)&hdr->len,
			      size | BPF_RINGBUF_BUSY_BIT, memory_order_relaxed);
	hdr->pg_off = 0;
	/* release: pairs with the drain's acquire load of producer_pos */
	atomic_store_explicit(rb->producer_pos, prod + total,
			      memory_order_release);
	return hdr + 1;
}

static void user_rb_commit(void *sample, bool discard)
{
	struct rb_hdr *hdr = (struct rb_hdr *)sample - 1;
	_Atomic uint32_t *len = (_Atomic uint32_t *)&hdr->len;
	/* relaxed: only this producer writes a busy header */
	uint32_t v = atomic_load_explicit(len, memory_order_relaxed) &
		     ~(uint32_t)BPF_RINGBUF_BUSY_BIT;

	if (discard)
		v |= BPF_RINGBUF_DISCARD_BIT;
	/* release: pairs with the drain's acquire load of the header */
	atomic_store_explicit(len, v, memory_order_release);
}

BH_API void bh_user_ring_buffer__submit(struct bh_user_ring_buffer *rb,
					void *sample)
{
	user_rb_commit(sample, false);
}

BH_API void bh_user_ring_buffer__discard(struct bh_user_ring_buffer *rb,
					 void *sample)
{
	user_rb_commit(sample, true);
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

BH_API void *
bh_user_ring_buffer__reserve_blocking(struct bh_user_ring_buffer *rb,
				      uint32_t size, int timeout_ms)
{
	int64_t deadline = timeout_ms >= 0 ? now_ms() + timeout_ms : 0;

	if (!rb || timeout_ms < -1)
		return bh_err_ptr(-EINVAL);
	for (;;) {
		struct pollfd pfd = { .fd = rb->event_fd, .events = POLLIN };
		uint64_t cnt;
		int64_t left = -1;
		void *sample;

		/* reset first: a drain after the try below still wakes us */
		if (read(rb->event_fd, &cnt, sizeof(cnt)) < 0 && errno != EAGAIN)
			return NULL;
		sample = bh_user_ring_buffer__reserve(rb, size);
		if (sample || errno != ENOSPC)
			return sample;
		if (timeout_ms >= 0) {
			left = deadline - now_ms();
			if (left <= 0)
				return bh_err_ptr(-ENOSPC);
		}
		if (poll(&pfd, 1, (int)left) < 0 && errno != EINTR)
			return NULL;
	}
}
