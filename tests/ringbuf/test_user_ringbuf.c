/* SPDX-License-Identifier: MIT */
/*
 * tests/ringbuf/test_user_ringbuf.c - BPF_MAP_TYPE_USER_RINGBUF, one case
 * per behaviour of seed 001: the producer API (8-byte alignment, ENOSPC,
 * E2BIG, blocking reserve with a timeout), bpf_user_ringbuf_drain (order,
 * discarded samples skipped, the callback stopping it, -EBUSY, the sample
 * limit, wakeups with default flags, NO_WAKEUP and FORCE_WAKEUP, flag
 * errors), untrusted producer data (bad positions, corrupt headers, random
 * bytes), the drain from a program's callback (checked and unchecked),
 * and a producer in another process.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <bpfhost/bpfhost.h>

#include "ringbuf/internal.h"
#include "ringbuf/rb_insns.h"
#include "test.h"

#define PAGE 4096

static struct bh_map *urb_new(uint32_t size)
{
	struct bh_map *map = bh_map__create(BPF_MAP_TYPE_USER_RINGBUF, "urb",
					    0, 0, size, NULL);

	if (!map)
		fprintf(stderr, "  user ringbuf create: errno %d\n", errno);
	return map;
}

static int submit_u64(struct bh_user_ring_buffer *p, uint64_t v, bool discard)
{
	uint64_t *s = bh_user_ring_buffer__reserve(p, sizeof(v));

	if (!s)
		return -errno;
	*s = v;
	if (discard)
		bh_user_ring_buffer__discard(p, s);
	else
		bh_user_ring_buffer__submit(p, s);
	return 0;
}

/* What a drain callback saw. */
struct got {
	unsigned int cnt;
	uint64_t vals[1024];
	uint32_t sizes[1024];
	unsigned int stop_at;   /* return 1 at this sample (1-based) */
	struct bh_ringbuf *nest; /* drain this ring from inside the callback */
	long nested_ret;
};

static int64_t got_cb(struct rb_dynptr *d, void *ctx)
{
	struct got *g = ctx;
	uint32_t size = d->size & RB_DYNPTR_SIZE_MASK;
	uint64_t v = 0;

	memcpy(&v, d->data, size < 8 ? size : 8);
	if (g->cnt < 1024) {
		g->vals[g->cnt] = v;
		g->sizes[g->cnt] = size;
	}
	g->cnt++;
	if (g->nest)
		g->nested_ret = rb_user_drain(g->nest, got_cb, g, 0);
	return g->stop_at && g->cnt == g->stop_at;
}

static long drain(struct bh_map *m, struct got *g, uint64_t flags)
{
	return rb_user_drain(rb_of(m), got_cb, g, flags);
}

/* ---- Producer API ------------------------------------------------------------ */

static void test_user_ringbuf__reserve_errors(void)
{
	struct bh_map *m = urb_new(PAGE), *k = bh_map__create(BPF_MAP_TYPE_RINGBUF,
							     NULL, 0, 0, PAGE, NULL);
	struct bh_user_ring_buffer *p = bh_user_ring_buffer__new(m, NULL);
	uint8_t *s;
	int n = 0;

	REQUIRE("urb-res-producer", p && k);
	CHECK("urb-res-wrong-type", !bh_user_ring_buffer__new(k, NULL) && errno == EINVAL);
	s = bh_user_ring_buffer__reserve(p, 3);
	REQUIRE("urb-res-first", s);
	CHECK_EQ("urb-res-aligned", (uintptr_t)s % 8, 0);
	CHECK_EQ("urb-res-busy", ((struct rb_hdr *)s - 1)->len, 3 | BPF_RINGBUF_BUSY_BIT);
	bh_user_ring_buffer__submit(p, s);
	CHECK_EQ("urb-res-submitted", ((struct rb_hdr *)s - 1)->len, 3);
	CHECK_EQ("urb-res-prod", bh_ringbuf__query(m, BPF_RB_PROD_POS), 16);
	/* the whole ring may be used by one sample, one byte more never fits */
	CHECK("urb-res-e2big", !bh_user_ring_buffer__reserve(p, PAGE - 7) &&
				       errno == E2BIG);
	CHECK("urb-res-enospc", !bh_user_ring_buffer__reserve(p, PAGE - 8) &&
					errno == ENOSPC);
	while (submit_u64(p, 1, false) == 0)
		n++;
	CHECK_EQ("urb-res-full-count", n, (PAGE - 16) / 16);
	CHECK_EQ("urb-res-full-errno", submit_u64(p, 1, false), -ENOSPC);
	bh_user_ring_buffer__free(p);
	bh_map__free(k);
	bh_map__free(m);
}

struct drainer {
	struct bh_map *map;
	int delay_ms;
	long ret;
};

static void *drain_later(void *arg)
{
	struct drainer *d = arg;
	struct timespec ts = { 0, d->delay_ms * 1000000L };
	struct got g = { 0 };

	nanosleep(&ts, NULL);
	d->ret = drain(d->map, &g, 0);
	return NULL;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void test_user_ringbuf__reserve_blocking(void)
{
	struct bh_map *m = urb_new(PAGE);
	struct bh_user_ring_buffer *p = bh_user_ring_buffer__new(m, NULL);
	struct drainer d = { m, 30, 0 };
	pthread_t t;
	uint64_t t0;
	void *s;

	REQUIRE("urb-blk-producer", p);
	s = bh_user_ring_buffer__reserve_blocking(p, PAGE - 8, 0);
	REQUIRE("urb-blk-all", s);
	bh_user_ring_buffer__submit(p, s);
	t0 = now_ms();
	CHECK("urb-blk-timeout", !bh_user_ring_buffer__reserve_blocking(p, 8, 40) &&
					 errno == ENOSPC);
	CHECK("urb-blk-waited", now_ms() - t0 >= 35);
	CHECK("urb-blk-e2big", !bh_user_ring_buffer__reserve_blocking(p, PAGE, 10) &&
				       errno == E2BIG);
	CHECK("urb-blk-einval", !bh_user_ring_buffer__reserve_blocking(p, 8, -2) &&
					errno == EINVAL);
	/* a drain in another thread makes room and wakes the producer */
	pthread_create(&t, NULL, drain_later, &d);
	t0 = now_ms();
	s = bh_user_ring_buffer__reserve_blocking(p, 8, 5000);
	pthread_join(t, NULL);
	CHECK("urb-blk-woken", s != NULL);
	CHECK("urb-blk-early", now_ms() - t0 < 4000);
	CHECK_EQ("urb-blk-drained", d.ret, 1);
	if (s)
		bh_user_ring_buffer__discard(p, s);
	bh_user_ring_buffer__free(p);
	bh_map__free(m);
}

/* ---- Drain ---------------------------------------------------------------------- */

static void test_user_ringbuf__drain_order_discard(void)
{
	struct bh_map *m = urb_new(PAGE);
	struct bh_user_ring_buffer *p = bh_user_ring_buffer__new(m, NULL);
	struct got g = { 0 };
	uint8_t *s;

	REQUIRE("urb-order-producer", p);
	CHECK_EQ("urb-order-empty", drain(m, &g, 0), 0);
	submit_u64(p, 1, false);
	submit_u64(p, 2, true);
	submit_u64(p, 3, false);
	s = bh_user_ring_buffer__reserve(p, 5); /* still busy: the drain stops */
	REQUIRE("urb-order-busy", s);
	CHECK_EQ("urb-order-count", drain(m, &g, 0), 2);
	CHECK("urb-order-values", g.cnt == 2 && g.vals[0] == 1 && g.vals[1] == 3);
	CHECK_EQ("urb-order-size", g.sizes[0], 8);
	memset(s, 9, 5);
	bh_user_ring_buffer__submit(p, s);
	CHECK_EQ("urb-order-later", drain(m, &g, 0), 1);
	CHECK_EQ("urb-order-size5", g.sizes[2], 5);
	CHECK_EQ("urb-order-empty-after", bh_ringbuf__query(m, BPF_RB_AVAIL_DATA), 0);
	bh_user_ring_buffer__free(p);
	bh_map__free(m);
}

static void test_user_ringbuf__drain_stop_and_busy(void)
{
	struct bh_map *m = urb_new(PAGE);
	struct bh_user_ring_buffer *p = bh_user_ring_buffer__new(m, NULL);
	struct got g = { .stop_at = 2 };

	REQUIRE("urb-stop-producer", p);
	for (int i = 1; i <= 5; i++)
		submit_u64(p, (uint64_t)i, false);
	CHECK_EQ("urb-stop-two", drain(m, &g, 0), 2);
	g.stop_at = 0;
	g.nest = rb_of(m);
	CHECK_EQ("urb-stop-rest", drain(m, &g, 0), 3);
	CHECK_EQ("urb-busy-nested", g.nested_ret, -EBUSY);
	CHECK_EQ("urb-stop-last", g.vals[4], 5);
	CHECK_EQ("urb-flags", drain(m, &g, 4), -EINVAL);
	bh_user_ring_buffer__free(p);
	bh_map__free(m);
}

static void test_user_ringbuf__sample_limit(void)
{
	const uint32_t extra = 10;
	struct bh_map *m = urb_new(2 << 20);
	struct bh_user_ring_buffer *p = bh_user_ring_buffer__new(m, NULL);
	struct got g = { 0 };

	REQUIRE("urb-limit-producer", p);
	for (uint32_t i = 0; i < BPF_MAX_USER_RINGBUF_SAMPLES + extra; i++) {
		void *s = bh_user_ring_buffer__reserve(p, 0);

		REQUIRE("urb-limit-reserve", s);
		bh_user_ring_buffer__submit(p, s);
	}
	CHECK_EQ("urb-limit-first", drain(m, &g, 0), BPF_MAX_USER_RINGBUF_SAMPLES);
	CHECK_EQ("urb-limit-second", drain(m, &g, 0), extra);
	bh_user_ring_buffer__free(p);
	bh_map__free(m);
}

static void test_user_ringbuf__wakeups(void)
{
	struct bh_map *m = urb_new(PAGE);
	struct bh_user_ring_buffer *p = bh_user_ring_buffer__new(m, NULL);
	struct got g = { 0 };

	REQUIRE("urb-wake-producer", p);
	rb_test_wakeups(m);
	drain(m, &g, 0);
	CHECK_EQ("urb-wake-nothing", rb_test_wakeups(m), 0);
	for (int i = 0; i < 3; i++)
		submit_u64(p, 1, false);
	drain(m, &g, 0);
	CHECK_EQ("urb-wake-once", rb_test_wakeups(m), 1);
	submit_u64(p, 1, false);
	drain(m, &g, BPF_RB_NO_WAKEUP);
	CHECK_EQ("urb-wake-no-wakeup", rb_test_wakeups(m), 0);
	drain(m, &g, BPF_RB_FORCE_WAKEUP);
	CHECK_EQ("urb-wake-force-empty", rb_test_wakeups(m), 1);
	submit_u64(p, 1, true); /* a discarded sample was consumed too */
	drain(m, &g, 0);
	CHECK_EQ("urb-wake-discarded", rb_test_wakeups(m), 1);
	bh_user_ring_buffer__free(p);
	bh_map__free(m);
}

/* ---- Untrusted producer data ---------------------------------------------------- */

struct bounds {
	uint8_t *lo, *hi;
	unsigned int bad;
};

static int64_t bounds_cb(struct rb_dynptr *d, void *ctx)
{
	struct bounds *b = ctx;
	uint8_t *p = d->data;
	uint32_t size = d->size & RB_DYNPTR_SIZE_MASK;
	volatile uint8_t sink = 0;

	if (p < b->lo || p + size > b->hi)
		b->bad++;
	for (uint32_t i = 0; i < size; i += 64) /* touch it: ASan/SEGV */
		sink ^= p[i];
	(void)sink;
	return 0;
}

static void test_user_ringbuf__corrupt_producer(void)
{
	struct bh_map *m = urb_new(PAGE);
	struct bh_ringbuf *rb;
	struct got g = { 0 };
	struct rb_hdr *h;

	REQUIRE("urb-corrupt-map", m);
	rb = rb_of(m);
	h = (struct rb_hdr *)rb->data;
	/* producer position not a multiple of 8 */
	atomic_store(rb->producer_pos, 12);
	CHECK_EQ("urb-corrupt-pos", drain(m, &g, 0), -EINVAL);
	/* a length past what the producer position advertises */
	atomic_store(rb->producer_pos, 16);
	h->len = 64;
	CHECK_EQ("urb-corrupt-len", drain(m, &g, 0), -EINVAL);
	/* a sample longer than the ring */
	atomic_store(rb->producer_pos, 4 * PAGE);
	h->len = PAGE;
	CHECK_EQ("urb-corrupt-e2big", drain(m, &g, 0), -E2BIG);
	/* busy: nothing to drain yet */
	h->len = 8 | BPF_RINGBUF_BUSY_BIT;
	CHECK_EQ("urb-corrupt-busy", drain(m, &g, 0), 0);
	CHECK_EQ("urb-corrupt-no-callback", g.cnt, 0);
	/* the drain never moved the consumer position */
	CHECK_EQ("urb-corrupt-cons", bh_ringbuf__query(m, BPF_RB_CONS_POS), 0);
	bh_map__free(m);
}

static void test_user_ringbuf__dynptr_size_limit(void)
{
	struct bh_map *m = urb_new(32 << 20);
	struct bh_ringbuf *rb;
	struct got g = { 0 };

	REQUIRE("urb-dynlimit-map", m);
	rb = rb_of(m);
	((struct rb_hdr *)rb->data)->len = 1 << 24; /* one past a dynptr's max */
	atomic_store(rb->producer_pos, 32 << 20);
	CHECK_EQ("urb-dynlimit", drain(m, &g, 0), -E2BIG);
	bh_map__free(m);
}

/* Random producer bytes: the drain never hands out memory outside the ring. */
static void test_user_ringbuf__fuzz_drain(void)
{
	struct bh_map *m = urb_new(PAGE);
	struct bh_ringbuf *rb;
	struct bounds b;
	uint64_t x = 0x9e3779b97f4a7c15ULL;

	REQUIRE("urb-fuzz-map", m);
	rb = rb_of(m);
	b = (struct bounds){ rb->data, rb->data + 2 * PAGE, 0 };
	for (int iter = 0; iter < 20000; iter++) {
		/* xorshift64 */
		for (int i = 0; i < 8; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			uint32_t off = (uint32_t)(x % (PAGE / 4)) * 4;
			uint32_t v = (uint32_t)(x >> 32);

			if (i & 1) /* plausible lengths often, random bits too */
				v = (v & 0xc0000000U) | (v % (PAGE + 64));
			memcpy(rb->data + off, &v, 4);
		}
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		/* positions near each other, sometimes anywhere */
		uint64_t cons = (x & 0xff) < 16 ? x : (x >> 8) % (16 * PAGE);
		uint64_t prod = cons + ((x >> 20) % (2 * PAGE)) - ((x >> 40) & 1 ? 0 : 64);

		atomic_store(rb->consumer_pos, cons & ~7ULL);
		atomic_store(rb->producer_pos, (x >> 50) & 1 ? prod : prod & ~7ULL);
		long ret = rb_user_drain(rb, bounds_cb, &b, 0);
		CHECK("urb-fuzz-ret", ret >= 0 || ret == -EINVAL || ret == -E2BIG);
		if (b.bad)
			break;
	}
	CHECK_EQ("urb-fuzz-in-bounds", b.bad, 0);
	bh_map__free(m);
}

/* ---- From a program's callback ----------------------------------------------------- */

static void test_user_ringbuf__drain_from_program(void)
{
	struct bh_map *m = urb_new(PAGE);
	struct bh_user_ring_buffer *p = bh_user_ring_buffer__new(m, NULL);

	REQUIRE("urb-prog-producer", p);
	/*
	 * main: fp-8 = 0; r0 = drain(map, cb, fp-8, 0); return r0 << 32 | fp-8
	 * cb(dynptr, ctx): read 8 bytes at 0 into fp-8; *ctx += it;
	 *                  a sample of 100 stops the drain (return 1)
	 */
	const struct bpf_insn prog[] = {
		ST(DW, 10, -8, 0),
		LD_MAP(1, m),
		LDDW_SRC(2, BPF_PSEUDO_FUNC, 9),
		MOV64X(3, 10), ADD64K(3, -8), MOV64K(4, 0),
		CALL(user_ringbuf_drain),
		LSH64K(0, 32), LDX(DW, 1, 10, -8), ADD64X(0, 1),
		EXIT(),
		/* callback, insn 13 */
		MOV64X(6, 2), MOV64X(3, 1),
		MOV64X(1, 10), ADD64K(1, -8), MOV64K(2, 8), MOV64K(4, 0),
		MOV64K(5, 0), CALL(dynptr_read),
		LDX(DW, 1, 10, -8), LDX(DW, 2, 6, 0), ADD64X(2, 1),
		STX(DW, 6, 2, 0),
		MOV64K(0, 0), JNEK(1, 100, 1), MOV64K(0, 1),
		EXIT(),
	};

	for (int unchecked = 0; unchecked < 2; unchecked++) {
		struct bh_prog *prog_obj = rb_test_load_nv(prog, NELEM(prog), unchecked);
		uint64_t r0 = 0;

		REQUIRE("urb-prog-load", prog_obj);
		for (int i = 1; i <= 10; i++)
			submit_u64(p, (uint64_t)i, i == 4);
		submit_u64(p, 100, false);
		submit_u64(p, 7, false);
		CHECK_EQ("urb-prog-run",
			 bh_prog__exec(prog_obj, NULL, 0, NULL, 0, &r0), 0);
		/* 9 samples + the stopping one; 55 - 4 + 100 */
		CHECK_EQ("urb-prog-count", r0 >> 32, 10);
		CHECK_EQ("urb-prog-sum", (uint32_t)r0, 151);
		CHECK_EQ("urb-prog-rest", bh_prog__exec(prog_obj, NULL, 0, NULL, 0, &r0), 0);
		CHECK_EQ("urb-prog-rest-val", r0, (1ULL << 32) | 7);
		bh_prog__free(prog_obj);
	}
	bh_user_ring_buffer__free(p);
	bh_map__free(m);
}

/* A checked callback that writes outside its memory stops the program. */
static void test_user_ringbuf__checked_callback_fault(void)
{
	struct bh_map *m = urb_new(PAGE);
	struct bh_user_ring_buffer *p = bh_user_ring_buffer__new(m, NULL);
	const struct bpf_insn prog[] = {
		LD_MAP(1, m),
		LDDW_SRC(2, BPF_PSEUDO_FUNC, 6),
		MOV64K(3, 0), MOV64K(4, 0),
		CALL(user_ringbuf_drain),
		MOV64K(0, 0),
		EXIT(),
		/* callback: write through the NULL context */
		ST(DW, 2, 0, 1), MOV64K(0, 0), EXIT(),
	};
	struct bh_prog *prog_obj;
	uint64_t r0;

	REQUIRE("urb-fault-producer", p);
	prog_obj = rb_test_load_nv(prog, NELEM(prog), false);
	REQUIRE("urb-fault-load", prog_obj);
	submit_u64(p, 1, false);
	CHECK_EQ("urb-fault", bh_prog__exec(prog_obj, NULL, 0, NULL, 0, &r0), -EFAULT);
	/* the drain ended and released the ring */
	CHECK_EQ("urb-fault-not-busy", atomic_load(&rb_of(m)->busy), 0);
	bh_prog__free(prog_obj);
	bh_user_ring_buffer__free(p);
	bh_map__free(m);
}

/* A checked callback cannot write its sample; an unchecked one (a verified
 * program's) writes it, as the kernel lets it (diffp_59). */
static void test_user_ringbuf__checked_sample_read_only(void)
{
	struct bh_map *m = urb_new(PAGE);
	struct bh_user_ring_buffer *p = bh_user_ring_buffer__new(m, NULL);
	/* main: fp-8 = 0; drain(map, cb, fp-8, 0); return fp-8
	 * cb: fp-8 = 5; *ctx = dynptr_write(dynptr, 0, fp-8, 8, 0) */
	const struct bpf_insn prog[] = {
		ST(DW, 10, -8, 0),
		LD_MAP(1, m),
		LDDW_SRC(2, BPF_PSEUDO_FUNC, 7),
		MOV64X(3, 10), ADD64K(3, -8), MOV64K(4, 0),
		CALL(user_ringbuf_drain),
		LDX(DW, 0, 10, -8),
		EXIT(),
		/* callback, insn 11 */
		MOV64X(6, 2),
		ST(DW, 10, -8, 5),
		MOV64K(2, 0), MOV64X(3, 10), ADD64K(3, -8), MOV64K(4, 8),
		MOV64K(5, 0), CALL(dynptr_write),
		STX(DW, 6, 0, 0),
		MOV64K(0, 0), EXIT(),
	};

	REQUIRE("urb-ro-producer", p);
	for (int unchecked = 0; unchecked < 2; unchecked++) {
		struct bh_prog *prog_obj = rb_test_load_nv(prog, NELEM(prog), unchecked);
		uint64_t r0 = 1;

		REQUIRE("urb-ro-load", prog_obj);
		submit_u64(p, 1, false);
		CHECK_EQ("urb-ro-run", bh_prog__exec(prog_obj, NULL, 0, NULL, 0, &r0), 0);
		CHECK_EQ("urb-ro-result", (int64_t)r0, unchecked ? 0 : -EINVAL);
		bh_prog__free(prog_obj);
	}
	bh_user_ring_buffer__free(p);
	bh_map__free(m);
}

static void test_user_ringbuf__callback_target_checked(void)
{
	const struct bpf_insn bad[] = {
		LDDW_SRC(2, BPF_PSEUDO_FUNC, 40), MOV64K(0, 0), EXIT(),
	};

	CHECK("urb-cbtarget-range", !rb_test_load(bad, NELEM(bad), true) &&
					    errno == EINVAL);
}

/* ---- Another process ------------------------------------------------------------ */

static void test_user_ringbuf__cross_process_producer(void)
{
	struct bh_map *m = urb_new(PAGE);
	const uint64_t n = 20000;
	uint64_t next = 0, t0;
	int status = 0, bad = 0;
	pid_t pid;

	REQUIRE("urb-xproc-map", m);
	pid = fork();
	REQUIRE("urb-xproc-fork", pid >= 0);
	if (pid == 0) {
		struct bh_user_ring_buffer *p = bh_user_ring_buffer__new_shared(
			bh_ringbuf__mem_fd(m), bh_ringbuf__event_fd(m), NULL);

		if (!p)
			_exit(2);
		for (uint64_t v = 0; v < n; v++) {
			uint64_t *s = bh_user_ring_buffer__reserve_blocking(
				p, 8 + (uint32_t)(v % 64), 10000);

			if (!s)
				_exit(3);
			*s = v;
			bh_user_ring_buffer__submit(p, s);
		}
		bh_user_ring_buffer__free(p);
		_exit(0);
	}
	t0 = now_ms();
	while (next < n && now_ms() - t0 < 20000) {
		struct got g = { 0 };
		long ret = drain(m, &g, 0);

		if (ret < 0) {
			bad++;
			break;
		}
		for (unsigned int i = 0; i < g.cnt && i < 1024; i++) {
			if (g.vals[i] != next || g.sizes[i] != 8 + next % 64)
				bad++;
			next++;
		}
		if (g.cnt > 1024) /* more than we record */
			bad++;
		if (!ret)
			sched_yield();
	}
	CHECK_EQ("urb-xproc-wait", waitpid(pid, &status, 0), pid);
	CHECK("urb-xproc-child-ok", WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_EQ("urb-xproc-all", next, n);
	CHECK_EQ("urb-xproc-bad", bad, 0);
	bh_map__free(m);
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_user_ringbuf__reserve_errors),
	BH_TEST(test_user_ringbuf__reserve_blocking),
	BH_TEST(test_user_ringbuf__drain_order_discard),
	BH_TEST(test_user_ringbuf__drain_stop_and_busy),
	BH_TEST(test_user_ringbuf__sample_limit),
	BH_TEST(test_user_ringbuf__wakeups),
	BH_TEST(test_user_ringbuf__corrupt_producer),
	BH_TEST(test_user_ringbuf__dynptr_size_limit),
	BH_TEST(test_user_ringbuf__fuzz_drain),
	BH_TEST(test_user_ringbuf__drain_from_program),
	BH_TEST(test_user_ringbuf__checked_callback_fault),
	BH_TEST(test_user_ringbuf__checked_sample_read_only),
	BH_TEST(test_user_ringbuf__callback_target_checked),
	BH_TEST(test_user_ringbuf__cross_process_producer),
};

BH_TEST_MAIN(cases)
