/* SPDX-License-Identifier: MIT */
/*
 * ringbuf/drain.c - bpf_user_ringbuf_drain: the consumer side of a
 * USER_RINGBUF (protocol at the top of user_ringbuf.c).
 *
 * Everything in the ring was written by the producer and is untrusted: the
 * producer position, every header and every length are validated before a
 * byte of a sample is handed out, so that no value makes the drain read
 * outside the data area (which is mapped twice, so a sample of at most the
 * ring's size starting anywhere in the first copy stays inside).
 */
#include "ringbuf/internal.h"

/*
 * The sample at consumer_pos: 0 with *@sample / *@size set; -ENODATA empty
 * or next sample still busy; -EAGAIN a discarded sample was skipped;
 * -EINVAL / -E2BIG a malformed sample (the kernel's errors).
 */
static int user_rb_peek(struct bh_ringbuf *rb, void **sample, uint32_t *size)
{
	uint64_t cons, prod, total;
	uint32_t len, flags, sample_len;
	struct rb_hdr *hdr;

	/* acquire: pairs with the producer's release store of producer_pos */
	prod = atomic_load_explicit(rb->producer_pos, memory_order_acquire);
	if (prod % 8)
		return -EINVAL;
	/* relaxed: only drains write consumer_pos, and rb->busy (acquired)
	 * orders us after the previous drain's stores */
	cons = atomic_load_explicit(rb->consumer_pos, memory_order_relaxed);
	if (cons >= prod)
		return -ENODATA;
	hdr = (void *)(rb->data + (cons & rb->mask));
	/* acquire: pairs with the producer's release store of the header */
	len = atomic_load_explicit((_Atomic uint32_t *)&hdr->len,
				   memory_order_acquire);
	flags = len & (BPF_RINGBUF_BUSY_BIT | BPF_RINGBUF_DISCARD_BIT);
	sample_len = len & ~flags;
	total = rb_round8((uint64_t)sample_len + BPF_RINGBUF_HDR_SZ);
	/* within what the producer position advertises */
	if (total > prod - cons)
		return -EINVAL;
	/* within the data area */
	if (total > rb_size(rb))
		return -E2BIG;
	/* fits a dynptr */
	if (sample_len > RB_DYNPTR_MAX_SIZE)
		return -E2BIG;
	if (flags & BPF_RINGBUF_DISCARD_BIT) {
		/* release: pairs with the producer's acquire load */
		atomic_store_explicit(rb->consumer_pos, cons + total,
				      memory_order_release);
		return -EAGAIN;
	}
	if (flags & BPF_RINGBUF_BUSY_BIT)
		return -ENODATA;
	*sample = rb->data + ((cons + BPF_RINGBUF_HDR_SZ) & rb->mask);
	*size = sample_len;
	return 0;
}

static void user_rb_release(struct bh_ringbuf *rb, uint32_t size)
{
	/* relaxed: we hold rb->busy, no other drain writes it */
	uint64_t cons = atomic_load_explicit(rb->consumer_pos, memory_order_relaxed);

	/* release: pairs with the producer's acquire load of consumer_pos;
	 * the callback's reads of the sample are done */
	atomic_store_explicit(rb->consumer_pos,
			      cons + rb_round8((uint64_t)size + BPF_RINGBUF_HDR_SZ),
			      memory_order_release);
}

long rb_user_drain(struct bh_ringbuf *rb, rb_drain_fn fn, void *ctx,
		   uint64_t flags)
{
	const uint64_t wakeup = BPF_RB_NO_WAKEUP | BPF_RB_FORCE_WAKEUP;
	long samples, discarded = 0, ret = 0;
	int idle = 0;

	if (flags & ~wakeup)
		return -EINVAL;
	/* acquire: pairs with the release store ending the previous drain */
	if (!atomic_compare_exchange_strong_explicit(&rb->busy, &idle, 1,
						     memory_order_acquire,
						     memory_order_relaxed))
		return -EBUSY;
	for (samples = 0; samples < BPF_MAX_USER_RINGBUF_SAMPLES && ret == 0;
	     samples++) {
		struct rb_dynptr dynptr;
		uint32_t size;
		void *sample;
		int err = user_rb_peek(rb, &sample, &size);

		if (err == -ENODATA)
			break;
		if (err == -EAGAIN) {
			discarded++;
			continue;
		}
		if (err) {
			ret = err;
			goto out;
		}
		dynptr = (struct rb_dynptr){
			.data = sample,
			.size = size | (RB_DYNPTR_LOCAL << RB_DYNPTR_TYPE_SHIFT),
		};
		ret = fn(&dynptr, ctx);
		user_rb_release(rb, size);
		if (ret < 0) /* the callback faulted */
			goto out;
	}
	ret = samples - discarded;
out:
	/* release: pairs with the acquire cmpxchg of the next drain */
	atomic_store_explicit(&rb->busy, 0, memory_order_release);
	if (flags & BPF_RB_FORCE_WAKEUP)
		rb_notify(rb);
	else if (!(flags & BPF_RB_NO_WAKEUP) && samples > 0)
		rb_notify(rb);
	return ret;
}
