/* SPDX-License-Identifier: MIT */
/*
 * ringbuf/consumer.c - the RINGBUF consumer (libbpf's ring_buffer__*): one
 * epoll over the eventfds of several rings; the consumer side of the
 * protocol described at the top of ringbuf.c.
 *
 * Sleeping: a ring is only waited on when it is empty (producer_pos ==
 * consumer_pos after a full barrier).  A ring holding a reserved but not
 * yet committed record is not empty, so poll returns at once (0 records),
 * as the kernel's level-triggered poll does: the consumer retries until the
 * record is committed, and no wakeup can be lost to the self-pacing rule.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "ringbuf/internal.h"

struct ring {
	bh_ring_buffer_sample_fn sample_cb;
	void *ctx;
	struct bh_map *map;          /* reference, or NULL for shared rings */
	struct rb_mapping shm;       /* shared rings: our own mapping */
	int event_fd;                /* shared rings: our duplicate */
	_Atomic uint64_t *consumer_pos;
	_Atomic uint64_t *producer_pos;
	uint8_t *data;
	uint64_t mask;
};

struct bh_ring_buffer {
	struct ring **rings;
	unsigned int ring_cnt;
	int epoll_fd;
	struct epoll_event *events;
};

static void ring_free(struct ring *r)
{
	if (r->map) {
		bh_map__free(r->map);
	} else {
		rb_unmap_shared(&r->shm);
		if (r->event_fd >= 0)
			close(r->event_fd);
	}
	free(r);
}

/* Register @r with @rb: grows the arrays, adds the eventfd to the epoll. */
static int ring_attach(struct bh_ring_buffer *rb, struct ring *r, int event_fd)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLET };
	struct ring **rings;
	struct epoll_event *events;

	rings = realloc(rb->rings, (rb->ring_cnt + 1) * sizeof(*rings));
	if (!rings)
		return -ENOMEM;
	rb->rings = rings;
	events = realloc(rb->events, (rb->ring_cnt + 1) * sizeof(*events));
	if (!events)
		return -ENOMEM;
	rb->events = events;
	ev.data.u32 = rb->ring_cnt;
	if (epoll_ctl(rb->epoll_fd, EPOLL_CTL_ADD, event_fd, &ev))
		return -errno;
	rb->rings[rb->ring_cnt++] = r;
	return 0;
}

BH_API int bh_ring_buffer__add(struct bh_ring_buffer *rb, struct bh_map *map,
			       bh_ring_buffer_sample_fn sample_cb, void *ctx)
{
	struct bh_ringbuf *ring;
	struct ring *r;
	int ret;

	if (!rb || !rb_map_is(map, BPF_MAP_TYPE_RINGBUF) || !sample_cb)
		return bh_err(-EINVAL);
	ring = rb_of(map);
	r = calloc(1, sizeof(*r));
	if (!r)
		return bh_err(-ENOMEM);
	r->sample_cb = sample_cb;
	r->ctx = ctx;
	r->map = bh_map__get(map);
	r->event_fd = -1;
	r->consumer_pos = ring->consumer_pos;
	r->producer_pos = ring->producer_pos;
	r->data = ring->data;
	r->mask = ring->mask;
	ret = ring_attach(rb, r, ring->event_fd);
	if (ret)
		ring_free(r);
	return bh_err(ret);
}

BH_API int bh_ring_buffer__add_shared(struct bh_ring_buffer *rb, int mem_fd,
				      int event_fd,
				      bh_ring_buffer_sample_fn sample_cb,
				      void *ctx)
{
	struct ring *r;
	int ret;

	if (!rb || !sample_cb || mem_fd < 0 || event_fd < 0)
		return bh_err(-EINVAL);
	r = calloc(1, sizeof(*r));
	if (!r)
		return bh_err(-ENOMEM);
	r->sample_cb = sample_cb;
	r->ctx = ctx;
	r->event_fd = fcntl(event_fd, F_DUPFD_CLOEXEC, 0);
	if (r->event_fd < 0) {
		ret = -errno;
		goto err_free;
	}
	/* as the kernel's mmap: consumer page writable, the rest read-only */
	ret = rb_map_shared(mem_fd, true, false, &r->shm);
	if (ret)
		goto err_free;
	r->consumer_pos = r->shm.consumer_pos;
	r->producer_pos = r->shm.producer_pos;
	r->data = r->shm.data;
	r->mask = r->shm.mask;
	ret = ring_attach(rb, r, r->event_fd);
	if (ret)
		goto err_free;
	return 0;

err_free:
	ring_free(r);
	return bh_err(ret);
}

static struct bh_ring_buffer *ring_buffer_alloc(const struct bh_ring_buffer_opts *opts)
{
	struct bh_ring_buffer *rb;

	if (!BH_OPTS_VALID(opts, bh_ring_buffer_opts))
		return bh_err_ptr(-EINVAL);
	rb = calloc(1, sizeof(*rb));
	if (!rb)
		return bh_err_ptr(-ENOMEM);
	rb->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
	if (rb->epoll_fd < 0) {
		int ret = -errno;

		free(rb);
		return bh_err_ptr(ret);
	}
	return rb;
}

BH_API struct bh_ring_buffer *
bh_ring_buffer__new(struct bh_map *map, bh_ring_buffer_sample_fn sample_cb,
		    void *ctx, const struct bh_ring_buffer_opts *opts)
{
	struct bh_ring_buffer *rb = ring_buffer_alloc(opts);
	int ret;

	if (!rb)
		return NULL;
	ret = bh_ring_buffer__add(rb, map, sample_cb, ctx);
	if (ret) {
		bh_ring_buffer__free(rb);
		return bh_err_ptr(ret);
	}
	return rb;
}

BH_API struct bh_ring_buffer *
bh_ring_buffer__new_shared(int mem_fd, int event_fd,
			   bh_ring_buffer_sample_fn sample_cb, void *ctx,
			   const struct bh_ring_buffer_opts *opts)
{
	struct bh_ring_buffer *rb = ring_buffer_alloc(opts);
	int ret;

	if (!rb)
		return NULL;
	ret = bh_ring_buffer__add_shared(rb, mem_fd, event_fd, sample_cb, ctx);
	if (ret) {
		bh_ring_buffer__free(rb);
		return bh_err_ptr(ret);
	}
	return rb;
}

BH_API void bh_ring_buffer__free(struct bh_ring_buffer *rb)
{
	if (!rb)
		return;
	for (unsigned int i = 0; i < rb->ring_cnt; i++)
		ring_free(rb->rings[i]);
	if (rb->epoll_fd >= 0)
		close(rb->epoll_fd);
	free(rb->rings);
	free(rb->events);
	free(rb);
}

/*
 * Consume up to @n - *@cnt records of @r; *@cnt counts callbacks made.
 * Returns 0, a callback's negative return, or -EINVAL for a header that
 * cannot be (the ring's memory was corrupted by another process).
 */
static int ring_consume(struct ring *r, uint64_t n, uint64_t *cnt)
{
	/* locals: the callback may write anywhere, so fields would be reloaded */
	bh_ring_buffer_sample_fn cb = r->sample_cb;
	_Atomic uint64_t *cons_pos = r->consumer_pos;
	_Atomic uint64_t *prod_pos = r->producer_pos;
	uint8_t *data = r->data;
	uint64_t mask = r->mask, done = *cnt, prod;
	void *ctx = r->ctx;
	/* relaxed: this consumer is the only writer of consumer_pos */
	uint64_t cons = atomic_load_explicit(cons_pos, memory_order_relaxed);
	int ret = 0;

	while (done < n) {
		/* acquire: pairs with the release store in rb_reserve() */
		prod = atomic_load_explicit(prod_pos, memory_order_acquire);
		if (cons == prod)
			break;
		while (cons != prod && done < n) {
			struct rb_hdr *hdr = (void *)(data + (cons & mask));
			/* acquire: pairs with the exchange in rb_commit() */
			uint32_t len = atomic_load_explicit(
				(_Atomic uint32_t *)&hdr->len, memory_order_acquire);
			uint32_t size = len & ~(uint32_t)(BPF_RINGBUF_BUSY_BIT |
							  BPF_RINGBUF_DISCARD_BIT);
			uint64_t rec = rb_round8((uint64_t)size + BPF_RINGBUF_HDR_SZ);

			if (len & BPF_RINGBUF_BUSY_BIT)
				goto out;
			if (bh_unlikely(rec > prod - cons || rec > mask + 1)) {
				ret = -EINVAL; /* another process corrupted the ring */
				goto out;
			}
			if (!(len & BPF_RINGBUF_DISCARD_BIT)) {
				ret = cb(ctx, hdr + 1, size);
				done++;
			}
			cons += rec;
			/* release: pairs with the acquire load in rb_reserve();
			 * our reads of the record are done before reuse */
			atomic_store_explicit(cons_pos, cons, memory_order_release);
			if (ret < 0)
				goto out;
		}
	}
out:
	*cnt = done;
	return ret < 0 ? ret : 0;
}

static int consume_all(struct bh_ring_buffer *rb, uint64_t n)
{
	uint64_t cnt = 0;

	for (unsigned int i = 0; i < rb->ring_cnt && cnt < n; i++) {
		int ret = ring_consume(rb->rings[i], n, &cnt);

		if (ret < 0)
			return ret;
	}
	return (int)BH_MIN(cnt, (uint64_t)INT_MAX);
}

BH_API int bh_ring_buffer__consume_n(struct bh_ring_buffer *rb, size_t n)
{
	if (!rb)
		return bh_err(-EINVAL);
	return bh_err(consume_all(rb, n));
}

BH_API int bh_ring_buffer__consume(struct bh_ring_buffer *rb)
{
	return bh_ring_buffer__consume_n(rb, UINT64_MAX);
}

/*
 * Is any ring non-empty (committed or reserved records)?  Called before
 * sleeping.  The seq_cst read-modify-write of our own consumer_pos (a
 * full barrier: a fence TSan can see) pairs with the seq_cst exchange and
 * load in rb_commit(): either the producer sees our consumer_pos and wakes
 * us, or we see its producer_pos here.  As in Linux, the argument rests on
 * the exchange being a full barrier (xchg() implies smp_mb()), which is how
 * seq_cst read-modify-writes are built on every target bpfhost supports.
 */
static bool any_pending(struct bh_ring_buffer *rb)
{
	for (unsigned int i = 0; i < rb->ring_cnt; i++) {
		struct ring *r = rb->rings[i];
		uint64_t cons = atomic_fetch_add_explicit(r->consumer_pos, 0,
							  memory_order_seq_cst);

		/* seq_cst: ordered after the barrier above (pairs with the
		 * release store in rb_reserve() as an acquire would) */
		if (atomic_load_explicit(r->producer_pos, memory_order_seq_cst) != cons)
			return true;
	}
	return false;
}

BH_API int bh_ring_buffer__poll(struct bh_ring_buffer *rb, int timeout_ms)
{
	int ret;

	if (!rb)
		return bh_err(-EINVAL);
	ret = consume_all(rb, UINT64_MAX);
	if (ret)
		return bh_err(ret);
	if (any_pending(rb))
		return bh_err(consume_all(rb, UINT64_MAX));
	ret = epoll_wait(rb->epoll_fd, rb->events, (int)rb->ring_cnt, timeout_ms);
	if (ret < 0)
		return bh_err(-errno);
	/* edge-triggered: no need to read the eventfds */
	return bh_err(consume_all(rb, UINT64_MAX));
}

BH_API int bh_ring_buffer__epoll_fd(const struct bh_ring_buffer *rb)
{
	return rb ? rb->epoll_fd : bh_err(-EINVAL);
}
