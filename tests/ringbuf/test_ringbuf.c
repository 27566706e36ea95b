/* SPDX-License-Identifier: MIT */
/*
 * tests/ringbuf/test_ringbuf.c - BPF_MAP_TYPE_RINGBUF, one case per
 * behaviour of seed 000 (the ring buffer commit): creation rules, layout,
 * header bits, discard, ordering behind a slow producer, self-pacing and
 * forced/suppressed wakeups, every query, output vs reserve, the consumer
 * API (poll, consume, consume_n, several rings, callback errors), the
 * helpers from programs (plain and dynptr forms), and a consumer in
 * another process.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <bpfhost/bpfhost.h>

#include "helpers/internal.h"
#include "ringbuf/internal.h"
#include "ringbuf/rb_insns.h"
#include "test.h"

#define PAGE 4096

static struct bh_map *rb_new(uint32_t size)
{
	struct bh_map *map = bh_map__create(BPF_MAP_TYPE_RINGBUF, "rb", 0, 0,
					    size, NULL);

	if (!map)
		fprintf(stderr, "  ringbuf create: errno %d\n", errno);
	return map;
}

/* What a consumer callback saw. */
struct seen {
	unsigned int cnt;
	uint64_t vals[64];
	size_t sizes[64];
	int fail_at; /* return -7 at this record (1-based), 0: never */
};

static int record_cb(void *ctx, void *data, size_t size)
{
	struct seen *s = ctx;
	uint64_t v = 0;

	memcpy(&v, data, size < 8 ? size : 8);
	if (s->cnt < 64) {
		s->vals[s->cnt] = v;
		s->sizes[s->cnt] = size;
	}
	s->cnt++;
	return s->fail_at && s->cnt == (unsigned int)s->fail_at ? -7 : 0;
}

static int out_u64(struct bh_map *map, uint64_t v, uint64_t flags)
{
	return bh_ringbuf__output(map, &v, sizeof(v), flags);
}

/* ---- Creation ---------------------------------------------------------------- */

static void test_ringbuf__power_of_two_enforced(void)
{
	static const uint32_t types[] = { BPF_MAP_TYPE_RINGBUF,
					  BPF_MAP_TYPE_USER_RINGBUF };

	for (size_t i = 0; i < NELEM(types); i++) {
		uint32_t t = types[i];
		struct bh_map *m;

		CHECK("rb-create-3pages",
		      !bh_map__create(t, NULL, 0, 0, 3 * PAGE, NULL) && errno == EINVAL);
		CHECK("rb-create-half-page",
		      !bh_map__create(t, NULL, 0, 0, PAGE / 2, NULL) && errno == EINVAL);
		CHECK("rb-create-zero",
		      !bh_map__create(t, NULL, 0, 0, 0, NULL) && errno == EINVAL);
		CHECK("rb-create-key",
		      !bh_map__create(t, NULL, 4, 0, PAGE, NULL) && errno == EINVAL);
		CHECK("rb-create-value",
		      !bh_map__create(t, NULL, 0, 8, PAGE, NULL) && errno == EINVAL);
		BH_OPTS(bh_map_create_opts, o, .map_flags = BPF_F_NO_PREALLOC);
		CHECK("rb-create-flags",
		      !bh_map__create(t, NULL, 0, 0, PAGE, &o) && errno == EINVAL);
		m = bh_map__create(t, "ok", 0, 0, 4 * PAGE, NULL);
		CHECK("rb-create-ok", m != NULL);
		if (m)
			CHECK_EQ("rb-create-max-entries", bh_map__max_entries(m), 4 * PAGE);
		bh_map__free(m);
	}
}

static void test_ringbuf__element_ops_unsupported(void)
{
	struct bh_map *m = rb_new(PAGE);
	uint8_t buf[8];

	REQUIRE("rb-ops-map", m);
	CHECK_EQ("rb-ops-lookup", bh_map__lookup_elem(m, NULL, buf), -ENOTSUPP);
	CHECK_EQ("rb-ops-update", bh_map__update_elem(m, NULL, buf, 0), -ENOTSUPP);
	CHECK_EQ("rb-ops-delete", bh_map__delete_elem(m, NULL), -ENOTSUPP);
	CHECK_EQ("rb-ops-next-key", bh_map__get_next_key(m, NULL, NULL), -ENOTSUPP);
	CHECK_EQ("rb-ops-key-given", bh_map__lookup_elem(m, buf, buf), -EINVAL);
	bh_map__free(m);
}

/* ---- Layout and headers ------------------------------------------------------ */

static void test_ringbuf__layout_double_mapped(void)
{
	struct bh_map *m = rb_new(PAGE);
	size_t sz = 0;
	uint8_t *area;
	struct seen s = { 0 };
	struct bh_ring_buffer *c;
	uint8_t *p;

	REQUIRE("rb-layout-map", m);
	area = bh_map__mmap(m, &sz);
	REQUIRE("rb-layout-mmap", area && sz == 2 * PAGE + 2 * PAGE);
	/* the data area appears twice (volatile: the compiler cannot know
	 * that two addresses are one byte) */
	((volatile uint8_t *)area)[2 * PAGE + 100] = 0x5a;
	CHECK_EQ("rb-layout-twice", ((volatile uint8_t *)area)[3 * PAGE + 100], 0x5a);
	c = bh_ring_buffer__new(m, record_cb, &s, NULL);
	REQUIRE("rb-layout-consumer", c);
	/* move the positions to 8 bytes before the end: 4080 + 8 = 4088 */
	p = bh_ringbuf__reserve(m, PAGE - 16);
	REQUIRE("rb-layout-fill", p);
	bh_ringbuf__discard(p, 0);
	CHECK_EQ("rb-layout-skip", bh_ring_buffer__consume(c), 0);
	CHECK_EQ("rb-layout-pos", bh_ringbuf__query(m, BPF_RB_CONS_POS), PAGE - 8);
	/* header in the last 8 bytes, sample wraps to the start */
	p = bh_ringbuf__reserve(m, 24);
	REQUIRE("rb-layout-wrap", p);
	CHECK("rb-layout-wrap-at", p == area + 2 * PAGE + PAGE);
	for (int i = 0; i < 24; i++)
		p[i] = (uint8_t)(i + 1);
	bh_ringbuf__submit(p, 0);
	/* first copy */
	CHECK_EQ("rb-layout-start", ((volatile uint8_t *)area)[2 * PAGE], 1);
	CHECK_EQ("rb-layout-consume", bh_ring_buffer__consume(c), 1);
	CHECK_EQ("rb-layout-value", s.vals[0], 0x0807060504030201ULL);
	bh_ring_buffer__free(c);
	bh_map__free(m);
}

static void test_ringbuf__header_bits(void)
{
	struct bh_map *m = rb_new(4 * PAGE);
	struct rb_hdr *h;
	uint8_t *p, *q, *area;
	size_t sz;

	REQUIRE("rb-hdr-map", m);
	area = bh_map__mmap(m, &sz);
	p = bh_ringbuf__reserve(m, 5);
	REQUIRE("rb-hdr-reserve", p);
	CHECK_EQ("rb-hdr-aligned", (uintptr_t)p % 8, 0);
	h = (struct rb_hdr *)p - 1;
	CHECK_EQ("rb-hdr-busy", h->len, 5 | BPF_RINGBUF_BUSY_BIT);
	/* pages from the ring's start (the control page before the mmap) */
	CHECK_EQ("rb-hdr-pgoff", h->pg_off, 3);
	CHECK_EQ("rb-hdr-round8", bh_ringbuf__query(m, BPF_RB_PROD_POS), 16);
	q = bh_ringbuf__reserve(m, 2 * PAGE);
	REQUIRE("rb-hdr-reserve2", q);
	CHECK_EQ("rb-hdr-pgoff-same-page", ((struct rb_hdr *)q - 1)->pg_off, 3);
	/* 16 + 8200 bytes in: the third data page */
	CHECK_EQ("rb-hdr-pgoff-later",
		 ((struct rb_hdr *)bh_ringbuf__reserve(m, 0) - 1)->pg_off, 5);
	bh_ringbuf__submit(p, 0);
	CHECK_EQ("rb-hdr-committed", h->len, 5);
	bh_ringbuf__discard(q, 0);
	CHECK_EQ("rb-hdr-discarded", ((struct rb_hdr *)q - 1)->len,
		 (2 * PAGE) | BPF_RINGBUF_DISCARD_BIT);
	CHECK("rb-hdr-in-mmap", (uint8_t *)h == area + 2 * PAGE);
	bh_map__free(m);
}

/* ---- Consumption order, discard -------------------------------------------- */

static void test_ringbuf__discard_skipped(void)
{
	struct bh_map *m = rb_new(PAGE);
	struct seen s = { 0 };
	struct bh_ring_buffer *c = bh_ring_buffer__new(m, record_cb, &s, NULL);
	uint64_t *p;

	REQUIRE("rb-discard-consumer", c);
	out_u64(m, 1, 0);
	p = bh_ringbuf__reserve(m, 8);
	REQUIRE("rb-discard-reserve", p);
	*p = 2;
	bh_ringbuf__discard(p, 0);
	out_u64(m, 3, 0);
	CHECK_EQ("rb-discard-count", bh_ring_buffer__consume(c), 2);
	CHECK_EQ("rb-discard-first", s.vals[0], 1);
	CHECK_EQ("rb-discard-second", s.vals[1], 3);
	CHECK_EQ("rb-discard-empty", bh_ringbuf__query(m, BPF_RB_AVAIL_DATA), 0);
	bh_ring_buffer__free(c);
	bh_map__free(m);
}

static void test_ringbuf__order_slow_producer(void)
{
	struct bh_map *m = rb_new(PAGE);
	struct seen s = { 0 };
	struct bh_ring_buffer *c = bh_ring_buffer__new(m, record_cb, &s, NULL);
	uint64_t *a;

	REQUIRE("rb-order-consumer", c);
	a = bh_ringbuf__reserve(m, 8); /* reserved first, committed last */
	REQUIRE("rb-order-reserve", a);
	*a = 1;
	out_u64(m, 2, 0);
	out_u64(m, 3, 0);
	CHECK_EQ("rb-order-held", bh_ring_buffer__consume(c), 0);
	CHECK_EQ("rb-order-avail", bh_ringbuf__query(m, BPF_RB_AVAIL_DATA), 48);
	bh_ringbuf__submit(a, 0);
	CHECK_EQ("rb-order-released", bh_ring_buffer__consume(c), 3);
	CHECK("rb-order-sequence", s.vals[0] == 1 && s.vals[1] == 2 && s.vals[2] == 3);
	bh_ring_buffer__free(c);
	bh_map__free(m);
}

static void test_ringbuf__callback_error_stops(void)
{
	struct bh_map *m = rb_new(PAGE);
	struct seen s = { .fail_at = 2 };
	struct bh_ring_buffer *c = bh_ring_buffer__new(m, record_cb, &s, NULL);

	REQUIRE("rb-cberr-consumer", c);
	for (int i = 1; i <= 4; i++)
		out_u64(m, (uint64_t)i, 0);
	CHECK_EQ("rb-cberr-stop", bh_ring_buffer__consume(c), -7);
	CHECK_EQ("rb-cberr-calls", s.cnt, 2);
	/* the record whose callback failed counts as consumed */
	CHECK_EQ("rb-cberr-rest", bh_ring_buffer__consume(c), 2);
	CHECK_EQ("rb-cberr-third", s.vals[2], 3);
	bh_ring_buffer__free(c);
	bh_map__free(m);
}

static void test_ringbuf__consume_n(void)
{
	struct bh_map *m = rb_new(PAGE);
	struct seen s = { 0 };
	struct bh_ring_buffer *c = bh_ring_buffer__new(m, record_cb, &s, NULL);

	REQUIRE("rb-cn-consumer", c);
	for (int i = 1; i <= 5; i++)
		out_u64(m, (uint64_t)i, 0);
	CHECK_EQ("rb-cn-two", bh_ring_buffer__consume_n(c, 2), 2);
	CHECK_EQ("rb-cn-zero", bh_ring_buffer__consume_n(c, 0), 0);
	CHECK_EQ("rb-cn-rest", bh_ring_buffer__consume_n(c, 10), 3);
	CHECK_EQ("rb-cn-last", s.vals[4], 5);
	bh_ring_buffer__free(c);
	bh_map__free(m);
}

/* A ring corrupted by another process: the consumer stops with -EINVAL. */
static void test_ringbuf__consumer_corrupt_header(void)
{
	struct bh_map *m = rb_new(PAGE);
	struct seen s = { 0 };
	struct bh_ring_buffer *c = bh_ring_buffer__new(m, record_cb, &s, NULL);
	struct rb_hdr *h;

	REQUIRE("rb-corrupt-consumer", c);
	out_u64(m, 1, 0);
	h = (struct rb_hdr *)rb_of(m)->data;
	h->len = 2000; /* past the producer position (16) */
	CHECK_EQ("rb-corrupt-einval", bh_ring_buffer__consume(c), -EINVAL);
	CHECK_EQ("rb-corrupt-no-callback", s.cnt, 0);
	h->len = 8;
	CHECK_EQ("rb-corrupt-repaired", bh_ring_buffer__consume(c), 1);
	bh_ring_buffer__free(c);
	bh_map__free(m);
}

/* ---- Notifications ------------------------------------------------------------ */

static void test_ringbuf__wakeup_self_pacing(void)
{
	struct bh_map *m = rb_new(PAGE);
	struct seen s = { 0 };
	struct bh_ring_buffer *c = bh_ring_buffer__new(m, record_cb, &s, NULL);

	REQUIRE("rb-wake-consumer", c);
	/* the consumer is caught up: the first record wakes it */
	out_u64(m, 1, 0);
	CHECK_EQ("rb-wake-first", rb_test_wakeups(m), 1);
	/* it has not consumed the first: no more wakeups */
	for (int i = 0; i < 5; i++)
		out_u64(m, 2, 0);
	CHECK_EQ("rb-wake-behind", rb_test_wakeups(m), 0);
	CHECK_EQ("rb-wake-consume", bh_ring_buffer__consume(c), 6);
	out_u64(m, 3, 0);
	CHECK_EQ("rb-wake-caught-up", rb_test_wakeups(m), 1);
	bh_ring_buffer__consume(c);
	/* flags: NO_WAKEUP when caught up, FORCE_WAKEUP when behind */
	out_u64(m, 4, BPF_RB_NO_WAKEUP);
	CHECK_EQ("rb-wake-no-wakeup", rb_test_wakeups(m), 0);
	for (int i = 0; i < 3; i++)
		out_u64(m, 5, BPF_RB_FORCE_WAKEUP);
	CHECK_EQ("rb-wake-force", rb_test_wakeups(m), 3);
	/* commit after the consumer caught up with an earlier reservation */
	bh_ring_buffer__consume(c);
	uint64_t *p = bh_ringbuf__reserve(m, 8);
	REQUIRE("rb-wake-reserve", p);
	bh_ringbuf__submit(p, 0);
	CHECK_EQ("rb-wake-submit", rb_test_wakeups(m), 1);
	p = bh_ringbuf__reserve(m, 8);
	REQUIRE("rb-wake-reserve2", p);
	bh_ringbuf__discard(p, BPF_RB_FORCE_WAKEUP);
	CHECK_EQ("rb-wake-discard-force", rb_test_wakeups(m), 1);
	CHECK_EQ("rb-wake-bad-flags", out_u64(m, 6, 4), -EINVAL);
	bh_ring_buffer__free(c);
	bh_map__free(m);
}

struct delayed {
	struct bh_map *map;
	int delay_ms;
};

static void *produce_later(void *arg)
{
	struct delayed *d = arg;
	struct timespec ts = { 0, d->delay_ms * 1000000L };

	nanosleep(&ts, NULL);
	out_u64(d->map, 42, 0);
	return NULL;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void test_ringbuf__poll_epoll(void)
{
	struct bh_map *m = rb_new(PAGE), *m2 = rb_new(PAGE);
	struct seen s = { 0 }, s2 = { 0 };
	struct bh_ring_buffer *c = bh_ring_buffer__new(m, record_cb, &s, NULL);
	struct delayed d = { m2, 30 };
	pthread_t t;
	uint64_t t0;

	REQUIRE("rb-poll-consumer", c);
	CHECK_EQ("rb-poll-add", bh_ring_buffer__add(c, m2, record_cb, &s2), 0);
	CHECK_EQ("rb-poll-add-wrong", bh_ring_buffer__add(c, NULL, record_cb, &s2),
		 -EINVAL);
	t0 = now_ms();
	CHECK_EQ("rb-poll-timeout", bh_ring_buffer__poll(c, 40), 0);
	CHECK("rb-poll-waited", now_ms() - t0 >= 35);
	/* a producer on the second ring wakes the poll before its timeout */
	pthread_create(&t, NULL, produce_later, &d);
	t0 = now_ms();
	int n = 0;
	while (!n && now_ms() - t0 < 5000)
		n = bh_ring_buffer__poll(c, 5000);
	pthread_join(t, NULL);
	CHECK_EQ("rb-poll-woken", n, 1);
	CHECK("rb-poll-early", now_ms() - t0 < 4000);
	CHECK_EQ("rb-poll-second-ring", s2.vals[0], 42);
	/* the epoll descriptor becomes readable */
	out_u64(m, 7, 0);
	struct pollfd pfd = { .fd = bh_ring_buffer__epoll_fd(c), .events = POLLIN };
	CHECK_EQ("rb-poll-epollfd", poll(&pfd, 1, 1000), 1);
	CHECK_EQ("rb-poll-first-ring", bh_ring_buffer__poll(c, 0), 1);
	CHECK_EQ("rb-poll-value", s.vals[0], 7);
	bh_ring_buffer__free(c);
	bh_map__free(m);
	bh_map__free(m2);
}

/* ---- Queries, output and reserve ---------------------------------------------- */

static void test_ringbuf__query(void)
{
	struct bh_map *m = rb_new(2 * PAGE);
	struct seen s = { 0 };
	struct bh_ring_buffer *c = bh_ring_buffer__new(m, record_cb, &s, NULL);

	REQUIRE("rb-query-consumer", c);
	CHECK_EQ("rb-query-size", bh_ringbuf__query(m, BPF_RB_RING_SIZE), 2 * PAGE);
	CHECK_EQ("rb-query-empty", bh_ringbuf__query(m, BPF_RB_AVAIL_DATA), 0);
	out_u64(m, 1, 0);
	out_u64(m, 2, 0);
	CHECK_EQ("rb-query-avail", bh_ringbuf__query(m, BPF_RB_AVAIL_DATA), 32);
	CHECK_EQ("rb-query-prod", bh_ringbuf__query(m, BPF_RB_PROD_POS), 32);
	CHECK_EQ("rb-query-cons", bh_ringbuf__query(m, BPF_RB_CONS_POS), 0);
	bh_ring_buffer__consume_n(c, 1);
	CHECK_EQ("rb-query-cons-after", bh_ringbuf__query(m, BPF_RB_CONS_POS), 16);
	CHECK_EQ("rb-query-avail-after", bh_ringbuf__query(m, BPF_RB_AVAIL_DATA), 16);
	CHECK_EQ("rb-query-unknown", bh_ringbuf__query(m, 4), 0);
	bh_ring_buffer__free(c);
	bh_map__free(m);
}

static void test_ringbuf__output_vs_reserve(void)
{
	struct bh_map *m = rb_new(PAGE);
	struct seen s = { 0 };
	struct bh_ring_buffer *c = bh_ring_buffer__new(m, record_cb, &s, NULL);
	uint8_t data[24] = { 1, 2, 3 };
	uint8_t *p;
	int n = 0;

	REQUIRE("rb-ovr-consumer", c);
	CHECK_EQ("rb-ovr-output", bh_ringbuf__output(m, data, 20, 0), 0);
	p = bh_ringbuf__reserve(m, 20);
	REQUIRE("rb-ovr-reserve", p);
	memcpy(p, data, 20);
	bh_ringbuf__submit(p, 0);
	CHECK_EQ("rb-ovr-consume", bh_ring_buffer__consume(c), 2);
	CHECK("rb-ovr-same", s.sizes[0] == 20 && s.sizes[1] == 20 &&
				     s.vals[0] == s.vals[1]);
	/* too big ever: E2BIG; full now: ENOSPC / -EAGAIN */
	CHECK("rb-ovr-e2big", !bh_ringbuf__reserve(m, PAGE - 8) && errno == E2BIG);
	CHECK("rb-ovr-max-fits", (p = bh_ringbuf__reserve(m, PAGE - 16)) != NULL);
	CHECK("rb-ovr-enospc", !bh_ringbuf__reserve(m, 0) && errno == ENOSPC);
	CHECK_EQ("rb-ovr-eagain", out_u64(m, 1, 0), -EAGAIN);
	if (p)
		bh_ringbuf__discard(p, 0);
	bh_ring_buffer__consume(c);
	while (out_u64(m, 1, 0) == 0)
		n++;
	/* 16 bytes per record, at most size - 1 bytes reserved */
	CHECK_EQ("rb-ovr-full-count", n, PAGE / 16 - 1);
	CHECK("rb-ovr-not-ring", !bh_ringbuf__reserve(NULL, 8) && errno == EINVAL);
	bh_ring_buffer__free(c);
	bh_map__free(m);
}

/*
 * Producers keep the consumer position they loaded last (cons_seen) and
 * look at consumer_pos again only when a record does not fit behind it:
 * space the consumer frees must still become room, exactly as much as
 * it freed, and no more.
 */
static void test_ringbuf__room_follows_consumer(void)
{
	struct bh_map *m = rb_new(PAGE);
	struct seen s = { 0 };
	struct bh_ring_buffer *c = bh_ring_buffer__new(m, record_cb, &s, NULL);
	int n = 0, again = 0;

	REQUIRE("rb-room-consumer", c);
	while (out_u64(m, 1, 0) == 0)
		n++;
	CHECK_EQ("rb-room-full", n, PAGE / 16 - 1);
	/* the consumer frees three 16-byte records: three more fit */
	CHECK_EQ("rb-room-consume3", bh_ring_buffer__consume_n(c, 3), 3);
	while (out_u64(m, 1, 0) == 0 && again < 100)
		again++;
	CHECK_EQ("rb-room-three-more", again, 3);
	/* all of it, in two steps: the ring fills to the same count again */
	CHECK_EQ("rb-room-consume-all", bh_ring_buffer__consume(c), n);
	again = 0;
	while (out_u64(m, 1, 0) == 0 && again < 1000)
		again++;
	CHECK_EQ("rb-room-refill", again, n);
	bh_ring_buffer__free(c);
	bh_map__free(m);
}

/* ---- Helpers from programs ------------------------------------------------------- */

static void test_ringbuf__helpers_from_program(void)
{
	struct bh_map *m = rb_new(PAGE);
	struct seen s = { 0 };
	struct bh_ring_buffer *c = bh_ring_buffer__new(m, record_cb, &s, NULL);

	REQUIRE("rb-prog-consumer", c);
	const struct bpf_insn prog[] = {
		/* reserve 8, store 0x1122, submit */
		LD_MAP(1, m), MOV64K(2, 8), MOV64K(3, 0), CALL(ringbuf_reserve),
		JEQK(0, 0, 4),
		ST(DW, 0, 0, 0x1122),
		MOV64X(1, 0), MOV64K(2, 0), CALL(ringbuf_submit),
		/* reserve 8 and discard */
		LD_MAP(1, m), MOV64K(2, 8), MOV64K(3, 0), CALL(ringbuf_reserve),
		JEQK(0, 0, 3),
		MOV64X(1, 0), MOV64K(2, 0), CALL(ringbuf_discard),
		/* output 8 bytes from the stack */
		ST(DW, 10, -8, 0x3344),
		LD_MAP(1, m), MOV64X(2, 10), ADD64K(2, -8), MOV64K(3, 8),
		MOV64K(4, 0), CALL(ringbuf_output),
		/* r0 = avail data */
		LD_MAP(1, m), MOV64K(2, BPF_RB_AVAIL_DATA), CALL(ringbuf_query),
		EXIT(),
	};

	for (int unchecked = 0; unchecked < 2; unchecked++) {
		struct bh_prog *p = rb_test_load(prog, NELEM(prog), unchecked);
		uint64_t r0 = 0;

		REQUIRE("rb-prog-load", p);
		CHECK_EQ("rb-prog-run", bh_prog__exec(p, NULL, 0, NULL, 0, &r0), 0);
		CHECK_EQ("rb-prog-avail", r0, 48);
		s.cnt = 0;
		CHECK_EQ("rb-prog-consume", bh_ring_buffer__consume(c), 2);
		CHECK("rb-prog-values", s.vals[0] == 0x1122 && s.vals[1] == 0x3344);
		bh_prog__free(p);
	}
	bh_ring_buffer__free(c);
	bh_map__free(m);
}

/* A checked program may not touch its sample after submitting it. */
static void test_ringbuf__checked_use_after_submit(void)
{
	struct bh_map *m = rb_new(PAGE);
	const struct bpf_insn prog[] = {
		LD_MAP(1, m), MOV64K(2, 8), MOV64K(3, 0), CALL(ringbuf_reserve),
		JEQK(0, 0, 5),
		MOV64X(6, 0),
		MOV64X(1, 0), MOV64K(2, 0), CALL(ringbuf_submit),
		ST(DW, 6, 0, 1), /* faults */
		MOV64K(0, 0), EXIT(),
	};
	struct bh_prog *p;
	uint64_t r0;

	REQUIRE("rb-uaf-map", m);
	p = rb_test_load_nv(prog, NELEM(prog), false);
	REQUIRE("rb-uaf-load", p);
	CHECK_EQ("rb-uaf-fault", bh_prog__exec(p, NULL, 0, NULL, 0, &r0), -EFAULT);
	bh_prog__free(p);
	bh_map__free(m);
}

/* A checked program's sample still commits after the map helpers
 * recycled its region (more values looked up than the region table holds). */
static void test_ringbuf__checked_submit_after_many_regions(void)
{
	struct bh_map *m = rb_new(PAGE);
	struct bh_map *arr = bh_map__create(BPF_MAP_TYPE_ARRAY, "a", 4, 8, 32, NULL);
	struct seen s = { 0 };
	struct bh_ring_buffer *c = m ? bh_ring_buffer__new(m, record_cb, &s, NULL) : NULL;
	const struct bpf_insn reserve[] = {
		LD_MAP(1, m), MOV64K(2, 8), MOV64K(3, 0), CALL(ringbuf_reserve),
		JNEK(0, 0, 2), MOV64K(0, 1), EXIT(),
		MOV64X(6, 0), ST(DW, 6, 0, 0x5151),
	};
	const struct bpf_insn tail[] = {
		MOV64X(1, 6), MOV64K(2, 0), CALL(ringbuf_submit),
		MOV64K(0, 0), EXIT(),
	};
	struct bpf_insn insns[NELEM(reserve) + 24 * 6 + NELEM(tail)];
	size_t n = 0;
	struct bh_prog *p;
	uint64_t r0 = 1;

	REQUIRE("rb-recycle-maps", c && arr);
	/* 8 lookups, the reservation, 16 more lookups (the map helpers then
	 * reuse the slots added after their first, the sample's included) */
	for (int k = 0; k < 24; k++) {
		const struct bpf_insn one[] = {
			ST(W, 10, -4, k), LD_MAP(1, arr), MOV64X(2, 10), ADD64K(2, -4),
			CALL(map_lookup_elem),
		};

		if (k == 8) {
			memcpy(&insns[n], reserve, sizeof(reserve));
			n += NELEM(reserve);
		}
		memcpy(&insns[n], one, sizeof(one));
		n += NELEM(one);
	}
	memcpy(&insns[n], tail, sizeof(tail));
	n += NELEM(tail);
	p = rb_test_load(insns, n, false);
	REQUIRE("rb-recycle-load", p);
	CHECK_EQ("rb-recycle-run", bh_prog__exec(p, NULL, 0, NULL, 0, &r0), 0);
	CHECK_EQ("rb-recycle-r0", r0, 0);
	CHECK_EQ("rb-recycle-consumed", bh_ring_buffer__consume(c), 1);
	CHECK_EQ("rb-recycle-value", s.vals[0], 0x5151);
	bh_prog__free(p);
	bh_ring_buffer__free(c);
	bh_map__free(arr);
	bh_map__free(m);
}

static void test_ringbuf__dynptr_helpers(void)
{
	struct bh_map *m = rb_new(PAGE);
	struct seen s = { 0 };
	struct bh_ring_buffer *c = bh_ring_buffer__new(m, record_cb, &s, NULL);

	REQUIRE("rb-dyn-consumer", c);
	/* fp-16: dynptr; fp-24: scratch */
	const struct bpf_insn prog[] = {
		LD_MAP(1, m), MOV64K(2, 16), MOV64K(3, 0),
		MOV64X(4, 10), ADD64K(4, -16), CALL(ringbuf_reserve_dynptr),
		MOV64X(6, 0), /* r6 = reserve's return */
		/* write 8 bytes at offset 0 from fp-24 */
		ST(DW, 10, -24, 0x55),
		MOV64X(1, 10), ADD64K(1, -16), MOV64K(2, 0),
		MOV64X(3, 10), ADD64K(3, -24), MOV64K(4, 8), MOV64K(5, 0),
		CALL(dynptr_write),
		/* out of bounds write: -E2BIG */
		MOV64X(1, 10), ADD64K(1, -16), MOV64K(2, 12),
		MOV64X(3, 10), ADD64K(3, -24), MOV64K(4, 8), MOV64K(5, 0),
		CALL(dynptr_write),
		MOV64X(7, 0),
		/* data slice at 8, store 0x66 */
		MOV64X(1, 10), ADD64K(1, -16), MOV64K(2, 8), MOV64K(3, 8),
		CALL(dynptr_data),
		JEQK(0, 0, 1),
		ST(DW, 0, 0, 0x66),
		/* read back offset 0 into fp-24 */
		MOV64X(1, 10), ADD64K(1, -24), MOV64K(2, 8),
		MOV64X(3, 10), ADD64K(3, -16), MOV64K(4, 0), MOV64K(5, 0),
		CALL(dynptr_read),
		MOV64X(1, 10), ADD64K(1, -16), MOV64K(2, 0),
		CALL(ringbuf_submit_dynptr),
		/* r0 = r6 + (r7 << 8) + fp[-24] << 16 */
		LDX(DW, 0, 10, -24), LSH64K(0, 16), LSH64K(7, 8), ADD64X(0, 7),
		ADD64X(0, 6), EXIT(),
	};

	for (int unchecked = 0; unchecked < 2; unchecked++) {
		struct bh_prog *p = rb_test_load_nv(prog, NELEM(prog), unchecked);
		uint64_t r0 = 0;

		REQUIRE("rb-dyn-load", p);
		CHECK_EQ("rb-dyn-run", bh_prog__exec(p, NULL, 0, NULL, 0, &r0), 0);
		CHECK_EQ("rb-dyn-result",
			 r0, (0x55ULL << 16) + ((uint64_t)(int64_t)-E2BIG << 8));
		s.cnt = 0;
		CHECK_EQ("rb-dyn-consume", bh_ring_buffer__consume(c), 1);
		CHECK_EQ("rb-dyn-size", s.sizes[0], 16);
		CHECK_EQ("rb-dyn-value", s.vals[0], 0x55);
		bh_prog__free(p);
	}
	bh_ring_buffer__free(c);
	bh_map__free(m);
}

/* A checked run: a bpf_dynptr_data slice written after its record was
 * submitted faults (the verifier refuses such a program). */
static void test_ringbuf__dynptr_slice_after_submit(void)
{
	struct bh_map *m = rb_new(PAGE);
	const struct bpf_insn prog[] = {
		LD_MAP(1, m), MOV64K(2, 16), MOV64K(3, 0),
		MOV64X(4, 10), ADD64K(4, -16), CALL(ringbuf_reserve_dynptr),
		MOV64X(1, 10), ADD64K(1, -16), MOV64K(2, 0), MOV64K(3, 8),
		CALL(dynptr_data),
		MOV64X(6, 0),
		MOV64X(1, 10), ADD64K(1, -16), MOV64K(2, 0),
		CALL(ringbuf_submit_dynptr),
		JEQK(6, 0, 1),
		ST(DW, 6, 0, 1),
		MOV64K(0, 0), EXIT(),
	};
	struct bh_prog *p = rb_test_load_nv(prog, NELEM(prog), false);
	uint64_t r0 = 0;

	REQUIRE("rb-dynslice-load", p);
	CHECK_EQ("rb-dynslice-fault", bh_prog__exec(p, NULL, 0, NULL, 0, &r0), -EFAULT);
	bh_prog__free(p);
	bh_map__free(m);
}

/* The dynptr helpers' errors, called as a program would. */
static void test_ringbuf__dynptr_errors(void)
{
	struct bh_map *m = rb_new(PAGE);
	const struct bh_helper_proto *reserve = helper_proto(BPF_FUNC_ringbuf_reserve_dynptr);
	const struct bh_helper_proto *discard = helper_proto(BPF_FUNC_ringbuf_discard_dynptr);
	const struct bh_helper_proto *rd = helper_proto(BPF_FUNC_dynptr_read);
	const struct bh_helper_proto *data = helper_proto(BPF_FUNC_dynptr_data);
	struct rb_dynptr d;
	uint8_t buf[16];

	REQUIRE("rb-dynerr-protos", m && reserve && discard && rd && data);
	memset(&d, 0xff, sizeof(d));
	CHECK_EQ("rb-dynerr-flags",
		 (int64_t)reserve->fn((uintptr_t)m, 8, 1, (uintptr_t)&d, 0), -EINVAL);
	CHECK("rb-dynerr-flags-null", d.data == NULL && d.size == 0);
	CHECK_EQ("rb-dynerr-too-big",
		 (int64_t)reserve->fn((uintptr_t)m, 1 << 24, 0, (uintptr_t)&d, 0), -E2BIG);
	CHECK_EQ("rb-dynerr-no-room",
		 (int64_t)reserve->fn((uintptr_t)m, PAGE, 0, (uintptr_t)&d, 0), -EINVAL);
	CHECK_EQ("rb-dynerr-read-null",
		 (int64_t)rd->fn((uintptr_t)buf, 8, (uintptr_t)&d, 0, 0), -EINVAL);
	CHECK_EQ("rb-dynerr-ok",
		 (int64_t)reserve->fn((uintptr_t)m, 12, 0, (uintptr_t)&d, 0), 0);
	CHECK_EQ("rb-dynerr-read-oob",
		 (int64_t)rd->fn((uintptr_t)buf, 8, (uintptr_t)&d, 8, 0), -E2BIG);
	CHECK_EQ("rb-dynerr-read-flags",
		 (int64_t)rd->fn((uintptr_t)buf, 8, (uintptr_t)&d, 0, 1), -EINVAL);
	CHECK_EQ("rb-dynerr-data-oob", data->fn((uintptr_t)&d, 4, 9, 0, 0), 0);
	CHECK("rb-dynerr-data-ok", data->fn((uintptr_t)&d, 4, 8, 0, 0) ==
					   (uintptr_t)d.data + 4);
	discard->fn((uintptr_t)&d, 0, 0, 0, 0);
	CHECK("rb-dynerr-released-null", d.data == NULL);
	CHECK_EQ("rb-dynerr-discarded-gone", bh_ringbuf__query(m, BPF_RB_AVAIL_DATA), 24);
	bh_map__free(m);
}

/* A checked program cannot make the dynptr helpers touch memory it forged. */
static void test_ringbuf__checked_forged_dynptr(void)
{
	struct bh_map *m = rb_new(PAGE);
	static uint64_t victim = 0x77;
	const uintptr_t addr = (uintptr_t)&victim;
	/* fp-16: { data = &victim, size = 8 | RINGBUF type, offset 0 } */
	const struct bpf_insn prog[] = {
		LDDW_SRC(1, 0, 0), /* r1 = &victim (patched below) */
		STX(DW, 10, 1, -16),
		ST(W, 10, -8, 8 | (RB_DYNPTR_RINGBUF << RB_DYNPTR_TYPE_SHIFT)),
		ST(W, 10, -4, 0),
		ST(DW, 10, -24, 0x99),
		/* write 8 bytes of fp-24 through it: -EINVAL */
		MOV64X(1, 10), ADD64K(1, -16), MOV64K(2, 0),
		MOV64X(3, 10), ADD64K(3, -24), MOV64K(4, 8), MOV64K(5, 0),
		CALL(dynptr_write), MOV64X(6, 0),
		/* read through it: -EINVAL */
		MOV64X(1, 10), ADD64K(1, -24), MOV64K(2, 8),
		MOV64X(3, 10), ADD64K(3, -16), MOV64K(4, 0), MOV64K(5, 0),
		CALL(dynptr_read), ADD64X(6, 0),
		/* submitting it does nothing */
		MOV64X(1, 10), ADD64K(1, -16), MOV64K(2, 0),
		CALL(ringbuf_submit_dynptr),
		MOV64X(0, 6), EXIT(),
	};
	struct bpf_insn insns[NELEM(prog)];
	struct bh_prog *p;
	uint64_t r0 = 0;

	REQUIRE("rb-forged-map", m);
	memcpy(insns, prog, sizeof(prog));
	insns[0].imm = (int32_t)(uint32_t)addr;
	insns[1].imm = (int32_t)(uint32_t)((uint64_t)addr >> 32);
	p = rb_test_load_nv(insns, NELEM(prog), false);
	REQUIRE("rb-forged-load", p);
	CHECK_EQ("rb-forged-run", bh_prog__exec(p, NULL, 0, NULL, 0, &r0), 0);
	CHECK_EQ("rb-forged-results", (int64_t)r0, -2 * EINVAL);
	CHECK_EQ("rb-forged-untouched", victim, 0x77);
	bh_prog__free(p);
	bh_map__free(m);
}

/* ---- Another process ---------------------------------------------------------- */

struct xproc {
	uint64_t next;
	int bad;
};

static int xproc_cb(void *ctx, void *data, size_t size)
{
	struct xproc *x = ctx;
	uint64_t v;

	memcpy(&v, data, 8);
	if (size != 8 + v % 200 || v != x->next)
		x->bad++;
	for (size_t i = 8; i < size; i++)
		if (((uint8_t *)data)[i] != (uint8_t)(v + i))
			x->bad++;
	x->next++;
	return 0;
}

static void test_ringbuf__cross_process_consumer(void)
{
	struct bh_map *m = rb_new(2 * PAGE);
	const uint64_t n = 20000;
	int status = 0;
	pid_t pid;

	REQUIRE("rb-xproc-map", m);
	pid = fork();
	REQUIRE("rb-xproc-fork", pid >= 0);
	if (pid == 0) {
		struct xproc x = { 0 };
		struct bh_ring_buffer *c = bh_ring_buffer__new_shared(
			bh_ringbuf__mem_fd(m), bh_ringbuf__event_fd(m), xproc_cb, &x,
			NULL);
		uint64_t t0 = now_ms();

		if (!c)
			_exit(2);
		while (x.next < n && now_ms() - t0 < 20000)
			if (bh_ring_buffer__poll(c, 100) < 0)
				_exit(3);
		bh_ring_buffer__free(c);
		_exit(x.next == n && !x.bad ? 0 : 1);
	}
	for (uint64_t v = 0; v < n;) {
		uint8_t *p = bh_ringbuf__reserve(m, 8 + v % 200);

		if (!p) {
			sched_yield();
			continue;
		}
		memcpy(p, &v, 8);
		for (size_t i = 8; i < 8 + v % 200; i++)
			p[i] = (uint8_t)(v + i);
		bh_ringbuf__submit(p, 0);
		v++;
	}
	CHECK_EQ("rb-xproc-wait", waitpid(pid, &status, 0), pid);
	CHECK("rb-xproc-child-ok", WIFEXITED(status) && WEXITSTATUS(status) == 0);
	bh_map__free(m);
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_ringbuf__power_of_two_enforced),
	BH_TEST(test_ringbuf__element_ops_unsupported),
	BH_TEST(test_ringbuf__layout_double_mapped),
	BH_TEST(test_ringbuf__header_bits),
	BH_TEST(test_ringbuf__discard_skipped),
	BH_TEST(test_ringbuf__order_slow_producer),
	BH_TEST(test_ringbuf__callback_error_stops),
	BH_TEST(test_ringbuf__consume_n),
	BH_TEST(test_ringbuf__consumer_corrupt_header),
	BH_TEST(test_ringbuf__wakeup_self_pacing),
	BH_TEST(test_ringbuf__poll_epoll),
	BH_TEST(test_ringbuf__query),
	BH_TEST(test_ringbuf__output_vs_reserve),
	BH_TEST(test_ringbuf__room_follows_consumer),
	BH_TEST(test_ringbuf__helpers_from_program),
	BH_TEST(test_ringbuf__checked_use_after_submit),
	BH_TEST(test_ringbuf__checked_submit_after_many_regions),
	BH_TEST(test_ringbuf__dynptr_helpers),
	BH_TEST(test_ringbuf__dynptr_slice_after_submit),
	BH_TEST(test_ringbuf__dynptr_errors),
	BH_TEST(test_ringbuf__checked_forged_dynptr),
	BH_TEST(test_ringbuf__cross_process_consumer),
};

BH_TEST_MAIN(cases)
