/* SPDX-License-Identifier: MIT */
/*
 * tests/ringbuf/test_concurrency_ringbuf.c - stress: 1 to 8 producer
 * threads into one RINGBUF (reserve+submit, output and discard mixed) with
 * one consumer checking every producer's sequence, size and bytes (no
 * record lost, duplicated, reordered within a producer, or torn); and a
 * USER_RINGBUF with one producer and two competing drainers.  Also runs
 * under TSan (make tsan).
 *
 *   test_concurrency_ringbuf           a few seconds at most
 *   test_concurrency_ringbuf --long    100 million records per run
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <sys/resource.h>
#include <stdint.h>
#include <time.h>

#include <bpfhost/bpfhost.h>

#include "ringbuf/internal.h"
#include "test.h"

#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
#define DEFAULT_RECORDS 40000ULL
#else
#define DEFAULT_RECORDS 300000ULL
#endif

static uint64_t total_records = DEFAULT_RECORDS;

/* ---- RINGBUF: many producers, one consumer ---------------------------------- */

struct producer {
	struct bh_map *map;
	uint32_t id;
	uint64_t cnt; /* records to attempt (seq 0..cnt-1) */
	atomic_bool *stop;
};

/* No room: yield, or give up when the consumer has stopped. */
static bool wait_room(struct producer *pr)
{
	sched_yield();
	/* relaxed: only a stop signal */
	return !atomic_load_explicit(pr->stop, memory_order_relaxed);
}

/*
 * Producers 0..3 are host threads: every fourth record discarded, sizes
 * 16..115 bytes, bytes after the first 16 a pattern.  Producers 4..7 run a
 * BPF program (reserve 16, write tag and seq, submit): nothing discarded.
 */
static bool prog_id(uint32_t id)
{
	return id >= 4;
}

static bool seq_discarded(uint32_t id, uint64_t seq)
{
	return !prog_id(id) && seq % 4 == 3;
}

static uint32_t rec_size(uint32_t id, uint64_t seq)
{
	return prog_id(id) ? 16 : 16 + (uint32_t)((seq * 7 + id) % 100);
}

static void fill(uint8_t *p, uint32_t id, uint64_t seq, uint32_t size)
{
	uint64_t tag = (uint64_t)id << 48 | seq;

	memcpy(p, &tag, 8);
	memcpy(p + 8, &seq, 8);
	for (uint32_t i = 16; i < size; i++)
		p[i] = (uint8_t)(seq + id + i);
}

static void *produce(void *arg)
{
	struct producer *pr = arg;
	uint8_t buf[128];

	for (uint64_t seq = 0; seq < pr->cnt;) {
		uint32_t size = rec_size(pr->id, seq);

		if (seq % 4 == 2) {
			fill(buf, pr->id, seq, size);
			if (bh_ringbuf__output(pr->map, buf, size, 0)) {
				if (!wait_room(pr))
					break;
				continue;
			}
		} else {
			uint8_t *p = bh_ringbuf__reserve(pr->map, size);

			if (!p) {
				if (!wait_room(pr))
					break;
				continue;
			}
			fill(p, pr->id, seq, size);
			if (seq_discarded(pr->id, seq))
				bh_ringbuf__discard(p, 0);
			else
				bh_ringbuf__submit(p, 0);
		}
		seq++;
	}
	return NULL;
}

/* Records from a BPF program run by this thread (checked mode). */
static void *produce_prog(void *arg)
{
	struct producer *pr = arg;
	const struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_X, .dst_reg = 6, .src_reg = 1 },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_X, .dst_reg = 7, .src_reg = 2 },
		{ .code = BPF_LD | BPF_IMM | BPF_DW, .dst_reg = 1,
		  .src_reg = BPF_PSEUDO_MAP_FD, .imm = (int32_t)bh_map__id(pr->map) },
		{ 0 },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 2, .imm = 16 },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 3, .imm = 0 },
		{ .code = BPF_JMP | BPF_CALL, .imm = BPF_FUNC_ringbuf_reserve },
		{ .code = BPF_JMP | BPF_JEQ | BPF_K, .dst_reg = 0, .off = 7 },
		{ .code = BPF_STX | BPF_MEM | BPF_DW, .dst_reg = 0, .src_reg = 6 },
		{ .code = BPF_STX | BPF_MEM | BPF_DW, .dst_reg = 0, .src_reg = 7, .off = 8 },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_X, .dst_reg = 1, .src_reg = 0 },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 2, .imm = 0 },
		{ .code = BPF_JMP | BPF_CALL, .imm = BPF_FUNC_ringbuf_submit },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 1 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	BH_OPTS(bh_prog_load_opts, lo, .license = "GPL", .entry_args = 2);
	struct bh_prog *prog = bh_prog__load(BPF_PROG_TYPE_SYSCALL, insns,
					     BH_ARRAY_LEN(insns), &lo);

	for (uint64_t seq = 0; prog && seq < pr->cnt;) {
		uint64_t args[2] = { (uint64_t)pr->id << 48 | seq, seq }, r0 = 1;

		int ret = bh_prog__exec(prog, args, 2, NULL, 0, &r0);

		if (ret) {
			fprintf(stderr, "  program run: %d\n", ret);
			break;
		}
		if (r0) {
			if (!wait_room(pr))
				break;
			continue;
		}
		seq++;
	}
	bh_prog__free(prog);
	return NULL;
}

struct checker {
	uint64_t next[8];
	uint64_t got;
	uint64_t bad;
};

static int check_record(void *ctx, void *data, size_t size)
{
	struct checker *c = ctx;
	const uint8_t *p = data;
	uint64_t tag, seq;
	uint32_t id;

	c->got++;
	if (size < 16) {
		c->bad++;
		return 0;
	}
	memcpy(&tag, p, 8);
	memcpy(&seq, p + 8, 8);
	id = (uint32_t)(tag >> 48);
	if (id >= 8 || (tag & 0xffffffffffffULL) != seq || seq_discarded(id, seq) ||
	    seq != c->next[id] || size != rec_size(id, seq)) {
		if (c->bad++ < 5)
			fprintf(stderr, "  bad record: id %u seq %" PRIu64
				" expected %" PRIu64 " size %zu\n", id, seq,
				id < 8 ? c->next[id] : 0, size);
		return 0;
	}
	for (size_t i = 16; i < size; i++)
		if (p[i] != (uint8_t)(seq + id + i)) {
			c->bad++;
			return 0;
		}
	c->next[id] = seq + 1 + seq_discarded(id, seq + 1);
	return 0;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static uint64_t delivered(uint32_t id, uint64_t cnt)
{
	/* host producers discard seq % 4 == 3 */
	return prog_id(id) ? cnt : cnt - cnt / 4;
}

/* @nprod host threads (ids 0..3) and @nprog program threads (ids 4..7). */
static void run_producers(unsigned int nprod, unsigned int nprog)
{
	struct bh_map *m = bh_map__create(BPF_MAP_TYPE_RINGBUF, "stress", 0, 0,
					  64 * 1024, NULL);
	struct checker c;
	struct bh_ring_buffer *rb = m ? bh_ring_buffer__new(m, check_record, &c, NULL)
				      : NULL;
	struct producer pr[8];
	pthread_t t[8];
	/* programs are slower: a quarter of a host thread's share */
	uint64_t per = total_records / (nprod + nprog), want = 0, last;
	unsigned int nthreads = 0;
	atomic_bool stop = false;

	REQUIRE("rbc-setup", rb);
	memset(&c, 0, sizeof(c));
	for (unsigned int i = 0; i < nprod + nprog; i++, nthreads++) {
		uint32_t id = i < nprod ? i : 4 + (i - nprod);
		uint64_t cnt = prog_id(id) ? per / 4 : per;

		pr[i] = (struct producer){ m, id, cnt, &stop };
		want += delivered(id, cnt);
		pthread_create(&t[i], NULL, prog_id(id) ? produce_prog : produce,
			       &pr[i]);
	}
	/* alternate poll (epoll wakeups) and consume_n (busy polling); give
	 * up after 10 s without progress */
	last = now_ms();
	while (c.got < want && !c.bad && now_ms() - last < 10000) {
		int n = (c.got / 1000) % 2 ? bh_ring_buffer__poll(rb, 10)
					   : bh_ring_buffer__consume_n(rb, 100);

		if (n < 0) {
			fprintf(stderr, "  consumer error %d\n", n);
			break;
		}
		if (n)
			last = now_ms();
	}
	if (c.got < want) {
		struct bh_ringbuf *ring = rb_of(m);
		uint64_t cp = atomic_load(ring->consumer_pos);
		struct rb_hdr *h = (void *)(ring->data + (cp & ring->mask));

		fprintf(stderr, "  ring: cons %llu prod %llu pending %llu, header at cons: len %#x pg_off %u\n",
			(unsigned long long)cp,
			(unsigned long long)atomic_load(ring->producer_pos),
			(unsigned long long)ring->pending_pos, h->len, h->pg_off);
	}
	/* relaxed: a stop signal for producers waiting for room */
	atomic_store_explicit(&stop, true, memory_order_relaxed);
	for (unsigned int i = 0; i < nthreads; i++)
		pthread_join(t[i], NULL);
	bh_ring_buffer__consume(rb);
	CHECK_EQ("rbc-all-delivered", c.got, want);
	CHECK_EQ("rbc-no-bad", c.bad, 0);
	for (unsigned int i = 0; i < nthreads; i++)
		CHECK("rbc-sequence-complete", c.next[pr[i].id] >= pr[i].cnt - 1);
	CHECK_EQ("rbc-empty", bh_ringbuf__query(m, BPF_RB_AVAIL_DATA), 0);
	bh_ring_buffer__free(rb);
	bh_map__free(m);
}

static void test_concurrency_ringbuf__1_producer(void) { run_producers(1, 0); }
static void test_concurrency_ringbuf__2_producers(void) { run_producers(2, 0); }
static void test_concurrency_ringbuf__4_producers(void) { run_producers(4, 0); }
/* 8 producers: 4 host threads and 4 threads running a program */
static void test_concurrency_ringbuf__8_producers(void) { run_producers(4, 4); }
static void test_concurrency_ringbuf__programs(void) { run_producers(0, 2); }

/* ---- USER_RINGBUF: one producer, two drainers ---------------------------------- */

struct urb_shared {
	struct bh_map *map;
	uint64_t cnt;
	/* written only inside drains, which the ring's busy flag serialises */
	uint64_t next;
	uint64_t bad;
	atomic_bool done;
	atomic_ulong ebusy;
};

static int64_t urb_check(struct rb_dynptr *d, void *ctx)
{
	struct urb_shared *s = ctx;
	uint32_t size = d->size & RB_DYNPTR_SIZE_MASK;
	uint64_t v;

	memcpy(&v, d->data, 8);
	if (v != s->next || size != 8 + v % 57)
		s->bad++;
	for (uint32_t i = 8; i < size; i++)
		if (((uint8_t *)d->data)[i] != (uint8_t)(v ^ i))
			s->bad++;
	s->next++;
	return 0;
}

static void *urb_drainer(void *arg)
{
	struct urb_shared *s = arg;

	/* relaxed: only a stop signal; the drains synchronise the data */
	while (!atomic_load_explicit(&s->done, memory_order_relaxed)) {
		long ret = rb_user_drain(rb_of(s->map), urb_check, s, 0);

		if (ret == -EBUSY)
			atomic_fetch_add_explicit(&s->ebusy, 1, memory_order_relaxed);
		else if (ret <= 0)
			sched_yield();
	}
	return NULL;
}

static void test_concurrency_ringbuf__user_ringbuf(void)
{
	struct urb_shared s = { .cnt = total_records / 4 };
	struct bh_user_ring_buffer *p;
	pthread_t t[2];

	s.map = bh_map__create(BPF_MAP_TYPE_USER_RINGBUF, "ustress", 0, 0,
			       16 * 1024, NULL);
	p = s.map ? bh_user_ring_buffer__new(s.map, NULL) : NULL;
	REQUIRE("urbc-setup", p);
	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, urb_drainer, &s);
	for (uint64_t v = 0; v < s.cnt; v++) {
		uint32_t size = 8 + (uint32_t)(v % 57);
		uint8_t *d = bh_user_ring_buffer__reserve_blocking(p, size, 10000);

		if (!d) {
			s.bad++;
			break;
		}
		memcpy(d, &v, 8);
		for (uint32_t i = 8; i < size; i++)
			d[i] = (uint8_t)(v ^ i);
		if (v % 5 == 4) { /* discarded samples leave no gap in v */
			uint8_t *x = bh_user_ring_buffer__reserve_blocking(p, 3, 10000);

			if (x)
				bh_user_ring_buffer__discard(p, x);
		}
		bh_user_ring_buffer__submit(p, d);
	}
	/* wait for the drainers to catch up */
	for (int i = 0; i < 10000 && bh_ringbuf__query(s.map, BPF_RB_AVAIL_DATA); i++)
		sched_yield();
	atomic_store_explicit(&s.done, true, memory_order_relaxed);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	while (rb_user_drain(rb_of(s.map), urb_check, &s, 0) > 0)
		;
	CHECK_EQ("urbc-all", s.next, s.cnt);
	CHECK_EQ("urbc-no-bad", s.bad, 0);
	bh_user_ring_buffer__free(p);
	bh_map__free(s.map);
}

/* ---- A long-held reservation lock ------------------------------------------- */

struct lock_waiter {
	struct bh_map *map;
	atomic_bool done;
	long sleeps;   /* voluntary context switches during the reservation */
	bool ok;       /* reserved, wrote and submitted one record */
};

/* Times this thread blocked (a yield is an involuntary switch: it stays
 * runnable; a futex wait is a voluntary one). */
static long thread_nvcsw(void)
{
	struct rusage ru;

	getrusage(RUSAGE_THREAD, &ru);
	return ru.ru_nvcsw;
}

static void *lock_waiter(void *arg)
{
	struct lock_waiter *w = arg;
	long n0 = thread_nvcsw();
	uint64_t *p = bh_ringbuf__reserve(w->map, 8);

	w->sleeps = thread_nvcsw() - n0;
	if (p) {
		*p = 0x1122334455667788ULL;
		bh_ringbuf__submit(p, 0);
		w->ok = true;
	}
	/* release: the fields above are read after seeing done */
	atomic_store_explicit(&w->done, true, memory_order_release);
	return NULL;
}

static int count_8(void *ctx, void *data, size_t size)
{
	uint64_t v;

	memcpy(&v, data, sizeof(v));
	if (size == 8 && v == 0x1122334455667788ULL)
		++*(int *)ctx;
	return 0;
}

/*
 * The reservation lock held for 100 ms (as by a preempted holder): a
 * producer waiting for it goes to sleep after a few yields (it blocks,
 * where a yield leaves it runnable), reserves once the lock is released,
 * and its record comes out intact.
 */
static void test_concurrency_ringbuf__held_lock_waiter_sleeps(void)
{
	struct lock_waiter w = { 0 };
	struct bh_ring_buffer *cons;
	struct bh_ringbuf *rb;
	struct timespec hold = { 0, 100 * 1000 * 1000 };
	pthread_t t;
	int got = 0;

	w.map = bh_map__create(BPF_MAP_TYPE_RINGBUF, "held", 0, 0, 4096, NULL);
	CHECK("rbc-held-map", w.map);
	if (!w.map)
		return;
	rb = rb_of(w.map);
	/* acquire: as rb_lock() takes it; nobody else holds it here */
	CHECK("rbc-held-take", !atomic_exchange_explicit(&rb->lock.locked, 1,
							  memory_order_acquire));
	pthread_create(&t, NULL, lock_waiter, &w);
	nanosleep(&hold, NULL);
	/* acquire: pairs with the release store in lock_waiter() */
	CHECK("rbc-held-blocked", !atomic_load_explicit(&w.done, memory_order_acquire));
	/* release: as rb_unlock() */
	atomic_store_explicit(&rb->lock.locked, 0, memory_order_release);
	pthread_join(t, NULL);
	CHECK("rbc-held-reserved", w.ok);
	CHECK("rbc-held-slept", w.sleeps >= 10);
	cons = bh_ring_buffer__new(w.map, count_8, &got, NULL);
	CHECK("rbc-held-consumer", cons);
	if (cons)
		bh_ring_buffer__consume(cons);
	CHECK("rbc-held-record", got == 1);
	bh_ring_buffer__free(cons);
	bh_map__free(w.map);
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_concurrency_ringbuf__1_producer),
	BH_TEST(test_concurrency_ringbuf__2_producers),
	BH_TEST(test_concurrency_ringbuf__4_producers),
	BH_TEST(test_concurrency_ringbuf__8_producers),
	BH_TEST(test_concurrency_ringbuf__programs),
	BH_TEST(test_concurrency_ringbuf__user_ringbuf),
	BH_TEST(test_concurrency_ringbuf__held_lock_waiter_sleeps),
};

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--long")) {
		total_records = 100000000ULL;
		argv[1] = argv[0];
		argc--;
		argv++;
	}
	return bh_test_run_all(cases, BH_ARRAY_LEN(cases), argc, argv);
}
