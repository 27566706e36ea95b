/* SPDX-License-Identifier: MIT */
/*
 * bench/bench_ringbuf.c - ring buffer throughput, bpfhost beside the kernel
 * (in the style of the kernel's selftests/bpf/benchs/bench_ringbuf.c).
 *
 * Producers run a program through test_run with a repeat count, in a
 * loop, each on its own thread; every run makes one record of SIZE bytes:
 *
 *   reserve  r0 = bpf_ringbuf_reserve(map, SIZE, 0); write 8 bytes;
 *            bpf_ringbuf_submit(r0, flags)
 *   output   bpf_ringbuf_output(map, value, SIZE, 0), value a 1 KiB ARRAY
 *            element (copies SIZE bytes; the kernel's helpers may not read
 *            an XDP packet)
 *
 * Tables (docs/performance.md explains them):
 *
 *   produce   producers (1, 2, 4 threads) alone fill half of a 4 MiB ring,
 *             then the consumer empties it, until each producer used the
 *             window (0.3 s; --quick 10 ms) of CPU; records per producer
 *             CPU-second (CLOCK_THREAD_CPUTIME_ID: other processes on the
 *             machine do not count).  Every record made must be consumed.
 *   consume   records per consumer CPU-second in the same runs.
 *   pipeline  one producer and the consumer at once, records consumed per
 *             second of wall time and drops (full ring); consumer busy
 *             (consume_n in a loop) or on epoll, notifications default or
 *             sampled (FORCE_WAKEUP one run in 512, NO_WAKEUP otherwise).
 *
 * Engines:
 *
 *   bpfhost-prog  the program in bpfhost's interpreter (bh_prog__test_run,
 *                 XDP, unchecked), consumer bh_ring_buffer__consume / __poll
 *   bpfhost-host  the same records made by host C code calling
 *                 bh_ringbuf__reserve/__submit or __output (no interpreter)
 *   kernel        BPF_PROG_LOAD + BPF_PROG_TEST_RUN of the same
 *                 instructions (JIT; as SOCKET_FILTER, whose test_run costs
 *                 ~1 us a call where XDP's costs ms) into a
 *                 BPF_MAP_TYPE_RINGBUF, consumed over mmap by this process
 *                 with libbpf's protocol, or after epoll_wait on the map fd
 *
 *   contend   1, 2, 4 producers pinned round robin to the CPUs, all
 *             running at once into one ring with the consumer on epoll
 *             (sampled notifications), after a warm-up: records made
 *             (failed reservations left out) per producer CPU-second, the
 *             degradation against one producer, bpfhost over the kernel,
 *             and (medians only) records made per second of wall time;
 *             --runs N repeats it N times, engines in alternating order,
 *             and prints the medians with the ratios' ranges.
 *
 * Last, USER_RINGBUF samples/s: a host producer thread and a program
 * draining with bpf_user_ringbuf_drain, the same object
 * (tests/progs/bench_user_ringbuf.bpf.c) in bpfhost and in the kernel
 * (libbpf's user_ring_buffer producer).  $BUILD: where the object is
 * (default build).
 *
 * Usage: bench_ringbuf [--quick] [--contend | --single] [--runs N]
 * (--contend: only the contend table and the USER_RINGBUF figures;
 * --single: only the produce table's one-producer rows; --runs: either
 * table N times, then its medians)
 * Exit status 0; 1 when a ring's records were lost or corrupt.  bpf(2)
 * refused (EPERM, ENOSYS) is not a failure: the kernel column says n/a.
 */
#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <bpfhost/bpfhost.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define PIPE_RING_SZ (256 * 1024)  /* pipeline runs */
#define PHASE_RING_SZ (4 << 20)    /* phased runs */
/* contend runs: room for ~15 ms of the fastest producers' records, so
 * that a consumer kept off the CPU for a few ms (it shares the 2 CPUs with
 * pinned producers) does not fill the ring: failed reservations are not
 * records, and with 4 MiB the faster side dropped up to a third */
#define CONTEND_RING_SZ (32 << 20)
#define PKT_SZ 1100
#define REPEAT 256
#define BATCH 4096 /* busy consumer: records per call */

static double window_s = 0.3;

enum engine { ENG_PROG, ENG_HOST, ENG_KERNEL, ENG_CNT };
enum mode { MODE_RESERVE, MODE_OUTPUT };
enum cons_kind { CONS_BUSY, CONS_EPOLL };


static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- Programs --------------------------------------------------------------- */

#define I(c, d, s, o, i) \
	((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })

/* The program for @mode and @size; @map_ref / @arr_ref: the ring and a
 * one-element 1 KiB ARRAY, by id (bpfhost) or fd (kernel). */
static size_t build_prog(struct bpf_insn *p, enum mode mode, uint32_t size,
			 int map_ref, int arr_ref, bool sampled)
{
	size_t n = 0;

	/* r7: submit flags; sampled: FORCE_WAKEUP for 1 run in 512 at
	 * random, NO_WAKEUP otherwise (reserve mode only) */
	p[n++] = I(BPF_ALU64 | BPF_MOV | BPF_K, 7, 0, 0, 0);
	if (sampled) {
		p[n++] = I(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_get_prandom_u32);
		p[n++] = I(BPF_ALU64 | BPF_AND | BPF_K, 0, 0, 0, 511);
		p[n++] = I(BPF_ALU64 | BPF_MOV | BPF_K, 7, 0, 0, BPF_RB_NO_WAKEUP);
		p[n++] = I(BPF_JMP | BPF_JNE | BPF_K, 0, 0, 1, 0);
		p[n++] = I(BPF_ALU64 | BPF_MOV | BPF_K, 7, 0, 0, BPF_RB_FORCE_WAKEUP);
	}
	if (mode == MODE_RESERVE) {
		p[n++] = I(BPF_LD | BPF_IMM | BPF_DW, 1, BPF_PSEUDO_MAP_FD, 0, map_ref);
		p[n++] = I(0, 0, 0, 0, 0);
		p[n++] = I(BPF_ALU64 | BPF_MOV | BPF_K, 2, 0, 0, (int32_t)size);
		p[n++] = I(BPF_ALU64 | BPF_MOV | BPF_K, 3, 0, 0, 0);
		p[n++] = I(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_ringbuf_reserve);
		p[n++] = I(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 4, 0);
		p[n++] = I(BPF_ST | BPF_MEM | BPF_DW, 0, 0, 0, 1);
		p[n++] = I(BPF_ALU64 | BPF_MOV | BPF_X, 1, 0, 0, 0);
		p[n++] = I(BPF_ALU64 | BPF_MOV | BPF_X, 2, 7, 0, 0);
		p[n++] = I(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_ringbuf_submit);
	} else {
		/* r0 = lookup(array, 0): the SIZE source bytes (helpers may not
		 * read an XDP packet); output(map, r0, SIZE, 0) */
		p[n++] = I(BPF_ST | BPF_MEM | BPF_W, 10, 0, -4, 0);
		p[n++] = I(BPF_ALU64 | BPF_MOV | BPF_X, 2, 10, 0, 0);
		p[n++] = I(BPF_ALU64 | BPF_ADD | BPF_K, 2, 0, 0, -4);
		p[n++] = I(BPF_LD | BPF_IMM | BPF_DW, 1, BPF_PSEUDO_MAP_FD, 0, arr_ref);
		p[n++] = I(0, 0, 0, 0, 0);
		p[n++] = I(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_map_lookup_elem);
		p[n++] = I(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 6, 0);
		p[n++] = I(BPF_LD | BPF_IMM | BPF_DW, 1, BPF_PSEUDO_MAP_FD, 0, map_ref);
		p[n++] = I(0, 0, 0, 0, 0);
		p[n++] = I(BPF_ALU64 | BPF_MOV | BPF_X, 2, 0, 0, 0);
		p[n++] = I(BPF_ALU64 | BPF_MOV | BPF_K, 3, 0, 0, (int32_t)size);
		p[n++] = I(BPF_ALU64 | BPF_MOV | BPF_K, 4, 0, 0, 0);
		p[n++] = I(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_ringbuf_output);
	}
	p[n++] = I(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, XDP_PASS);
	p[n++] = I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	return n;
}

/* ---- The kernel through bpf(2) ------------------------------------------------ */

static long sys_bpf(int cmd, union bpf_attr *attr)
{
	return syscall(__NR_bpf, cmd, attr, sizeof(*attr));
}

static char kernel_why[128];

static int kernel_map(uint32_t type, uint32_t value_size, uint32_t max_entries)
{
	union bpf_attr a;
	long fd;

	memset(&a, 0, sizeof(a));
	a.map_type = type;
	a.key_size = type == BPF_MAP_TYPE_ARRAY ? 4 : 0;
	a.value_size = value_size;
	a.max_entries = max_entries;
	fd = sys_bpf(BPF_MAP_CREATE, &a);
	if (fd < 0)
		snprintf(kernel_why, sizeof(kernel_why), "BPF_MAP_CREATE: %s",
			 strerror(errno));
	return (int)fd;
}

static int kernel_prog(const struct bpf_insn *insns, size_t cnt)
{
	static char log[4096];
	union bpf_attr a;
	long fd;

	memset(&a, 0, sizeof(a));
	/* not XDP: the kernel's XDP test_run costs milliseconds per call
	 * (memory model setup), SOCKET_FILTER's a microsecond; the program
	 * does not read its context either way */
	a.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
	a.insns = (uintptr_t)insns;
	a.insn_cnt = (uint32_t)cnt;
	a.license = (uintptr_t)"GPL";
	a.log_buf = (uintptr_t)log;
	a.log_size = sizeof(log);
	a.log_level = 1;
	fd = sys_bpf(BPF_PROG_LOAD, &a);
	if (fd < 0)
		snprintf(kernel_why, sizeof(kernel_why), "BPF_PROG_LOAD: %s",
			 strerror(errno));
	return (int)fd;
}

/* The kernel ring as this process maps it (libbpf's layout). */
struct kring {
	int fd;
	uint32_t ring_sz;
	uint8_t *cons_page, *prod_area;
	size_t prod_sz;
	_Atomic uint64_t *cons_pos, *prod_pos;
	uint8_t *data;
	int epfd;
};

static int kring_map(struct kring *k, int fd)
{
	long page = sysconf(_SC_PAGESIZE);
	struct epoll_event ev = { .events = EPOLLIN };

	k->fd = fd;
	k->cons_page = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	k->prod_sz = (size_t)page + 2 * k->ring_sz;
	k->prod_area = mmap(NULL, k->prod_sz, PROT_READ, MAP_SHARED, fd, page);
	if (k->cons_page == MAP_FAILED || k->prod_area == MAP_FAILED)
		return -errno;
	k->cons_pos = (_Atomic uint64_t *)k->cons_page;
	k->prod_pos = (_Atomic uint64_t *)k->prod_area;
	k->data = k->prod_area + page;
	k->epfd = epoll_create1(EPOLL_CLOEXEC);
	return epoll_ctl(k->epfd, EPOLL_CTL_ADD, fd, &ev) ? -errno : 0;
}

static void kring_unmap(struct kring *k)
{
	munmap(k->cons_page, (size_t)sysconf(_SC_PAGESIZE));
	munmap(k->prod_area, k->prod_sz);
	close(k->epfd);
}

/*
 * libbpf's consumer loop over the kernel's ring, calling @cb for each
 * record as ring_buffer__consume does; at most @max records.
 */
static uint64_t kring_consume_n(struct kring *k, int (*cb)(void *, void *, size_t),
				void *ctx, uint64_t max)
{
	uint64_t cons = atomic_load_explicit(k->cons_pos, memory_order_relaxed);
	uint64_t got = 0, prod;

	/* acquire: pairs with the kernel's smp_store_release of producer_pos */
	while (got < max &&
	       (prod = atomic_load_explicit(k->prod_pos, memory_order_acquire)) != cons) {
		while (cons != prod && got < max) {
			uint32_t *hdr = (uint32_t *)(k->data + (cons & (k->ring_sz - 1)));
			/* acquire: pairs with the kernel's xchg in bpf_ringbuf_commit */
			uint32_t len = atomic_load_explicit((_Atomic uint32_t *)hdr,
							    memory_order_acquire);

			if (len & BPF_RINGBUF_BUSY_BIT)
				return got;
			cons += ((len & ~(uint32_t)BPF_RINGBUF_DISCARD_BIT) +
				 BPF_RINGBUF_HDR_SZ + 7) & ~7U;
			if (!(len & BPF_RINGBUF_DISCARD_BIT)) {
				cb(ctx, hdr + 2, len);
				got++;
			}
			/* release: pairs with the kernel's acquire in reserve */
			atomic_store_explicit(k->cons_pos, cons, memory_order_release);
		}
	}
	return got;
}

struct run;
static int bh_count(void *ctx, void *data, size_t size);
static int setup(struct run *r);
static void teardown(struct run *r);
static void print_rate(double v);
static void print_ratio(double a, double b);
static void print_ratio6(double a, double b);

/* ---- One measurement ------------------------------------------------------------ */

struct run {
	enum engine eng;
	enum mode mode;
	enum cons_kind cons;
	uint32_t size;
	unsigned int nprod;
	uint32_t ring_sz;
	bool sampled; /* notifications: 1 in 512 forced, others suppressed */
	/* bpfhost */
	struct bh_map *map, *arr;
	struct bh_prog *prog;
	/* kernel */
	int kprog, karr;
	struct kring kr;
	/* shared */
	atomic_bool stop;
	atomic_ulong attempts;
	uint64_t consumed, bad;
};

static uint8_t packet[PKT_SZ];

/* @repeat records from one producer thread (failed reservations count). */
static int run_once(struct run *r, int repeat)
{
	if (r->eng == ENG_PROG) {
		BH_OPTS(bh_test_run_opts, o, .data_in = packet,
			.data_size_in = PKT_SZ, .repeat = repeat);

		return bh_prog__test_run(r->prog, &o);
	}
	if (r->eng == ENG_KERNEL) {
		union bpf_attr a;

		memset(&a, 0, sizeof(a));
		a.test.prog_fd = (uint32_t)r->kprog;
		a.test.data_in = (uintptr_t)packet;
		a.test.data_size_in = PKT_SZ;
		a.test.repeat = (uint32_t)repeat;
		return (int)sys_bpf(BPF_PROG_TEST_RUN, &a);
	}
	for (int i = 0; i < repeat; i++) {
		uint64_t flags = !r->sampled ? 0
				 : i % 512 ? BPF_RB_NO_WAKEUP : BPF_RB_FORCE_WAKEUP;

		if (r->mode == MODE_OUTPUT) {
			bh_ringbuf__output(r->map, packet, r->size, flags);
		} else {
			uint64_t *s = bh_ringbuf__reserve(r->map, r->size);

			if (s) {
				*s = 1;
				bh_ringbuf__submit(s, flags);
			}
		}
	}
	return 0;
}

static void *producer(void *arg)
{
	struct run *r = arg;

	/* relaxed: a stop flag; the figures are read after pthread_join */
	while (!atomic_load_explicit(&r->stop, memory_order_relaxed)) {
		if (run_once(r, REPEAT))
			break;
		atomic_fetch_add_explicit(&r->attempts, REPEAT, memory_order_relaxed);
	}
	return NULL;
}

static int bh_count(void *ctx, void *data, size_t size)
{
	struct run *r = ctx;

	if (size != r->size)
		r->bad++;
	r->consumed++;
	return 0;
}

static void consume_loop(struct run *r, struct bh_ring_buffer *rb, double end)
{
	while (now_s() < end) {
		if (r->eng == ENG_KERNEL) {
			struct epoll_event ev;

			if (r->cons == CONS_EPOLL)
				epoll_wait(r->kr.epfd, &ev, 1, 10);
			kring_consume_n(&r->kr, bh_count, r, BATCH);
		} else if (r->cons == CONS_EPOLL) {
			bh_ring_buffer__poll(rb, 10);
		} else {
			bh_ring_buffer__consume_n(rb, BATCH);
		}
	}
}

/* Records/s of one configuration; -1 when the engine is unavailable. */
static double measure(struct run *r, double *drop_pct)
{
	struct bh_ring_buffer *rb = NULL;
	pthread_t t[8];
	double t0, t1;
	uint64_t c0;

	atomic_store(&r->stop, false);
	atomic_store(&r->attempts, 0);
	r->consumed = r->bad = 0;
	if (r->eng != ENG_KERNEL) {
		rb = bh_ring_buffer__new(r->map, bh_count, r, NULL);
		if (!rb)
			return -1;
	}
	for (unsigned int i = 0; i < r->nprod; i++)
		pthread_create(&t[i], NULL, producer, r);
	/* warm up a tenth of the window, then count */
	consume_loop(r, rb, now_s() + window_s / 10);
	c0 = r->consumed;
	uint64_t a0 = atomic_load(&r->attempts);
	t0 = now_s();
	consume_loop(r, rb, t0 + window_s);
	t1 = now_s();
	uint64_t got = r->consumed - c0, tried = atomic_load(&r->attempts) - a0;
	atomic_store(&r->stop, true);
	for (unsigned int i = 0; i < r->nprod; i++)
		pthread_join(t[i], NULL);
	/* drain what is left so the next configuration starts empty */
	if (rb)
		bh_ring_buffer__consume(rb);
	else
		kring_consume_n(&r->kr, bh_count, r, UINT64_MAX);
	bh_ring_buffer__free(rb);
	*drop_pct = tried > got ? 100.0 * (double)(tried - got) / (double)tried : 0;
	return (double)got / (t1 - t0);
}

/* ---- Phased runs: producers alone, then the consumer alone -------------------- */

static double thread_cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

struct phase {
	struct run *r;
	pthread_barrier_t start, end;
	int repeat;          /* per producer in this phase; 0: exit */
	double cpu[8];       /* CPU seconds of each producer */
	int err;
};

struct phase_arg {
	struct phase *ph;
	unsigned int i;
};

static void *phased_producer(void *arg)
{
	struct phase_arg *pa = arg;
	struct phase *ph = pa->ph;

	for (;;) {
		double t0;

		pthread_barrier_wait(&ph->start);
		if (!ph->repeat)
			return NULL;
		t0 = thread_cpu_s();
		if (run_once(ph->r, ph->repeat))
			ph->err = 1;
		ph->cpu[pa->i] += thread_cpu_s() - t0;
		pthread_barrier_wait(&ph->end);
	}
}

static uint64_t consume_all(struct run *r, struct bh_ring_buffer *rb)
{
	uint64_t before = r->consumed;

	if (rb)
		bh_ring_buffer__consume(rb);
	else
		kring_consume_n(&r->kr, bh_count, r, UINT64_MAX);
	return r->consumed - before;
}

/*
 * Producers fill half the ring together (no consumer running), then the
 * consumer empties it, until the producers used @window_s of CPU each.
 * *@prod: records per producer CPU-second; *@cons: records per consumer
 * CPU-second.  Every record made must be consumed: else r->bad.
 */
static int measure_phased(struct run *r, double *prod, double *cons)
{
	struct phase ph = { .r = r };
	struct phase_arg pa[8];
	struct bh_ring_buffer *rb = NULL;
	uint32_t len = (r->size + BPF_RINGBUF_HDR_SZ + 7) & ~7U;
	uint64_t made = 0, got = 0;
	double pcpu = 0, ccpu = 0;
	pthread_t t[8];

	r->consumed = r->bad = 0;
	if (r->eng != ENG_KERNEL) {
		rb = bh_ring_buffer__new(r->map, bh_count, r, NULL);
		if (!rb)
			return -1;
	}
	ph.repeat = (int)(r->ring_sz / 2 / len / r->nprod);
	pthread_barrier_init(&ph.start, NULL, r->nprod + 1);
	pthread_barrier_init(&ph.end, NULL, r->nprod + 1);
	for (unsigned int i = 0; i < r->nprod; i++) {
		pa[i] = (struct phase_arg){ &ph, i };
		pthread_create(&t[i], NULL, phased_producer, &pa[i]);
	}
	while (pcpu / r->nprod < window_s && !ph.err) {
		double c0;

		pthread_barrier_wait(&ph.start);
		pthread_barrier_wait(&ph.end);
		made += (uint64_t)ph.repeat * r->nprod;
		c0 = thread_cpu_s();
		got += consume_all(r, rb);
		ccpu += thread_cpu_s() - c0;
		pcpu = 0;
		for (unsigned int i = 0; i < r->nprod; i++)
			pcpu += ph.cpu[i];
	}
	ph.repeat = 0;
	pthread_barrier_wait(&ph.start);
	for (unsigned int i = 0; i < r->nprod; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&ph.start);
	pthread_barrier_destroy(&ph.end);
	bh_ring_buffer__free(rb);
	if (ph.err)
		return -1;
	if (got != made) {
		fprintf(stderr, "LOST: %llu of %llu records\n",
			(unsigned long long)(made - got), (unsigned long long)made);
		r->bad++;
	}
	*prod = (double)made / pcpu;
	*cons = ccpu > 0 ? (double)got / ccpu : 0;
	return 0;
}

/* ---- Contention: pinned producers and the consumer, all at once --------------- */

struct contend {
	struct run *r;
	pthread_barrier_t start;
	unsigned int ncpu;
	atomic_bool counting;  /* warm-up over: producers count from here */
	uint64_t attempts[8];  /* program runs (reservations tried) per producer */
	double cpu[8];         /* CPU seconds per producer */
	int err;
};

struct contend_arg {
	struct contend *c;
	unsigned int i;
};

/*
 * One producer pinned to CPU i % ncpu: test_run with REPEAT runs in a loop
 * until stop, as the kernel's bench_ringbufs producers run theirs.  Runs
 * before c->counting (the warm-up: first touch of the ring's pages, the
 * caches) are not counted.
 */
static void *contend_producer(void *arg)
{
	struct contend_arg *ca = arg;
	struct contend *c = ca->c;
	bool counting = false;
	cpu_set_t set;
	double t0 = 0;

	CPU_ZERO(&set);
	CPU_SET(ca->i % c->ncpu, &set);
	pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
	pthread_barrier_wait(&c->start);
	/* relaxed: stop and counting are flags; the figures are read after
	 * pthread_join */
	while (!atomic_load_explicit(&c->r->stop, memory_order_relaxed)) {
		if (!counting &&
		    atomic_load_explicit(&c->counting, memory_order_relaxed)) {
			counting = true;
			t0 = thread_cpu_s();
		}
		if (run_once(c->r, REPEAT)) {
			c->err = 1;
			break;
		}
		if (counting)
			c->attempts[ca->i] += REPEAT;
	}
	if (counting)
		c->cpu[ca->i] = thread_cpu_s() - t0;
	return NULL;
}

/* The ring's producer position (bytes reserved since it was created). */
static uint64_t ring_prod_pos(struct run *r)
{
	if (r->eng == ENG_KERNEL)
		/* acquire: pairs with the kernel's release store */
		return atomic_load_explicit(r->kr.prod_pos, memory_order_acquire);
	return bh_ringbuf__query(r->map, BPF_RB_PROD_POS);
}

/*
 * r->nprod producers, each pinned to its own CPU (round robin), run at the
 * same time into ONE ring while this thread consumes (epoll): a warm-up of
 * a tenth of @window_s, then @window_s of wall time counted.  *@rate:
 * records made (successful reservations, from the producer position) per
 * producer CPU-second, over the producers' summed CPU time; *@drop_pct:
 * runs whose reservation failed (ring full), which cost less than a record
 * and so are left out of the rate; *@wall: records made by all producers
 * per second of wall time.  Every record made must be consumed.
 */
static int measure_contended(struct run *r, double *rate, double *wall,
			     double *drop_pct)
{
	struct contend c = { .r = r };
	struct contend_arg ca[8];
	struct bh_ring_buffer *rb = NULL;
	uint64_t tried = 0, made, pos0, pos1;
	uint32_t len = (r->size + BPF_RINGBUF_HDR_SZ + 7) & ~7U;
	double cpu = 0, start, end;
	pthread_t t[8];
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	c.ncpu = n > 0 ? (unsigned int)n : 1;
	r->consumed = r->bad = 0;
	atomic_store(&r->stop, false);
	atomic_store(&c.counting, false);
	if (r->eng != ENG_KERNEL) {
		rb = bh_ring_buffer__new(r->map, bh_count, r, NULL);
		if (!rb)
			return -1;
	}
	pthread_barrier_init(&c.start, NULL, r->nprod + 1);
	for (unsigned int i = 0; i < r->nprod; i++) {
		ca[i] = (struct contend_arg){ &c, i };
		pthread_create(&t[i], NULL, contend_producer, &ca[i]);
	}
	pthread_barrier_wait(&c.start);
	consume_loop(r, rb, now_s() + window_s / 10);
	pos0 = ring_prod_pos(r);
	atomic_store(&c.counting, true);
	start = now_s();
	end = start + window_s;
	consume_loop(r, rb, end);
	atomic_store(&r->stop, true);
	end = now_s();
	for (unsigned int i = 0; i < r->nprod; i++) {
		pthread_join(t[i], NULL);
		tried += c.attempts[i];
		cpu += c.cpu[i];
	}
	pos1 = ring_prod_pos(r);
	consume_all(r, rb);
	bh_ring_buffer__free(rb);
	pthread_barrier_destroy(&c.start);
	if (c.err || cpu <= 0)
		return -1;
	if (r->consumed != pos1 / len) {
		fprintf(stderr, "CORRUPT OR LOST: %llu records consumed, %llu made\n",
			(unsigned long long)r->consumed, (unsigned long long)(pos1 / len));
		r->bad++;
	}
	made = (pos1 - pos0) / len;
	*rate = (double)made / cpu;
	*wall = (double)made / (end - start);
	*drop_pct = tried > made ? 100.0 * (double)(tried - made) / (double)tried : 0;
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Median of @n doubles (sorted in place); NAN if one is missing (NAN). */
static double median(double *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (isnan(v[i]))
			return NAN;
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

#define CONTEND_MAX_RUNS 64

/*
 * Table 4: 1, 2, 4 pinned producers running the same reserve+submit
 * program into one ring (4 on 2 CPUs: oversubscribed), bpfhost's
 * interpreter beside the kernel's JIT, @runs times.  deg: the per-producer
 * rate with N producers over the rate with 1, in the same run; bh/kern:
 * bpfhost over the kernel at the same N.  The engines are measured one
 * after the other for each row, in reverse order every other run, so
 * that neither side always comes first.  With @runs > 1: each run's
 * table, then the medians (of rates, and of each run's ratios) with the
 * range of the ratios, and what contention adds per record
 * (1/rate(N) - 1/rate(1), ns).
 */
static uint64_t contend_table(bool quick, unsigned int runs)
{
	static const uint32_t sizes[] = { 8, 64 };
	static const unsigned int prods[] = { 1, 2, 4 };
	static const enum engine engs[] = { ENG_PROG, ENG_HOST, ENG_KERNEL };
	static double rate[CONTEND_MAX_RUNS][2][3][ENG_CNT];
	static double drop[CONTEND_MAX_RUNS][2][3][ENG_CNT];
	static double wall[CONTEND_MAX_RUNS][2][3][ENG_CNT];
	uint64_t bad = 0;

	printf("\ncontend: records made per producer CPU-second, producers pinned (CPU i %% %ld) "
	       "and running at once into one ring (%u KiB), consumer on epoll\n",
	       sysconf(_SC_NPROCESSORS_ONLN), CONTEND_RING_SZ >> 10);
	for (unsigned int run = 0; run < runs; run++) {
		if (runs > 1)
			printf("run %u of %u\n", run + 1, runs);
		printf("%-8s %5s %5s %13s %6s %6s %13s %6s %13s %6s %6s %9s\n", "mode",
		       "size", "prod", "bpfhost-prog", "drop%", "deg", "bpfhost-host", "deg",
		       "kernel", "drop%", "deg", "prog/kern");
		for (size_t si = 0; si < 2; si++) {
			if (quick && si)
				continue;
			for (size_t pi = 0; pi < 3; pi++) {
				double *rt = rate[run][si][pi], *dr = drop[run][si][pi];
				double *wl = wall[run][si][pi];
				double *one = rate[run][si][0];

				if (quick && pi > 1)
					continue;
				for (size_t k = 0; k < 3; k++) {
					enum engine e = engs[run % 2 ? 2 - k : k];
					struct run r = { .kprog = -1, .eng = e, .mode = MODE_RESERVE,
							 .cons = CONS_EPOLL, .sampled = true,
							 .size = sizes[si], .nprod = prods[pi],
							 .ring_sz = CONTEND_RING_SZ };

					rt[e] = -1;
					dr[e] = 0;
					if (setup(&r) == 0 && measure_contended(&r, &rt[e], &wl[e], &dr[e]))
						rt[e] = -1;
					bad += r.bad;
					teardown(&r);
				}
				printf("%-8s %5u %5u", "reserve", sizes[si], prods[pi]);
				print_rate(rt[ENG_PROG]);
				printf(" %5.1f%%", dr[ENG_PROG]);
				print_ratio6(rt[ENG_PROG], one[ENG_PROG]);
				print_rate(rt[ENG_HOST]);
				print_ratio6(rt[ENG_HOST], one[ENG_HOST]);
				print_rate(rt[ENG_KERNEL]);
				printf(" %5.1f%%", dr[ENG_KERNEL]);
				print_ratio6(rt[ENG_KERNEL], one[ENG_KERNEL]);
				print_ratio(rt[ENG_PROG], rt[ENG_KERNEL]);
				printf("\n");
				fflush(stdout);
			}
		}
	}
	if (runs < 2)
		return bad;
	printf("\ncontend, medians of %u runs (deg, prog/kern: medians of each run's ratio, "
	       "[lowest-highest]; +ns: what contention adds per record, 1/rate(N) - 1/rate(1); "
	       "wall: records made by all producers per second of wall time, bpfhost-prog and "
	       "kernel)\n",
	       runs);
	printf("%-8s %5s %5s %11s %6s %17s %7s %11s %6s %17s %7s %17s %11s %11s\n", "mode",
	       "size", "prod", "bpfhost-prog", "drop%", "deg", "+ns", "kernel", "drop%", "deg",
	       "+ns", "prog/kern", "wall-prog", "wall-kern");
	for (size_t si = 0; si < 2; si++) {
		if (quick && si)
			continue;
		for (size_t pi = 0; pi < 3; pi++) {
			static const enum engine shown[] = { ENG_PROG, ENG_KERNEL };
			double v[CONTEND_MAX_RUNS];

			if (quick && pi > 1)
				continue;
			printf("%-8s %5u %5u", "reserve", sizes[si], prods[pi]);
			for (size_t k = 0; k < 2; k++) {
				enum engine e = shown[k];
				double lo = 1e300, hi = -1;

				for (unsigned int i = 0; i < runs; i++)
					v[i] = rate[i][si][pi][e] < 0 ? NAN : rate[i][si][pi][e];
				printf(" %9.2fM/s", median(v, runs) / 1e6);
				for (unsigned int i = 0; i < runs; i++)
					v[i] = drop[i][si][pi][e];
				printf(" %5.1f%%", median(v, runs));
				for (unsigned int i = 0; i < runs; i++) {
					double a = rate[i][si][pi][e], b = rate[i][si][0][e];

					v[i] = a > 0 && b > 0 ? a / b : NAN;
					if (v[i] < lo)
						lo = v[i];
					if (v[i] > hi)
						hi = v[i];
				}
				printf(" %5.2f [%4.2f-%4.2f]", median(v, runs), lo, hi);
				for (unsigned int i = 0; i < runs; i++) {
					double a = rate[i][si][pi][e], b = rate[i][si][0][e];

					v[i] = a > 0 && b > 0 ? 1e9 / a - 1e9 / b : NAN;
				}
				printf(" %7.1f", median(v, runs));
			}
			{
				double lo = 1e300, hi = -1;

				for (unsigned int i = 0; i < runs; i++) {
					double a = rate[i][si][pi][ENG_PROG];
					double b = rate[i][si][pi][ENG_KERNEL];

					v[i] = a > 0 && b > 0 ? a / b : NAN;
					if (v[i] < lo)
						lo = v[i];
					if (v[i] > hi)
						hi = v[i];
				}
				printf(" %5.2f [%4.2f-%4.2f]", median(v, runs), lo, hi);
			}
			for (size_t k = 0; k < 2; k++) {
				for (unsigned int i = 0; i < runs; i++)
					v[i] = rate[i][si][pi][shown[k]] < 0
						       ? NAN : wall[i][si][pi][shown[k]];
				printf(" %9.2fM/s", median(v, runs) / 1e6);
			}
			printf("\n");
		}
	}
	return bad;
}

/*
 * --single: the produce table's one-producer rows alone (reserve and
 * output, 8/64/1024 bytes), @runs times with the engines in alternating
 * order, then the medians with the range of each run's prog/kern ratio.
 */
static uint64_t single_table(unsigned int runs)
{
	static const uint32_t sizes[] = { 8, 64, 1024 };
	static const enum engine engs[] = { ENG_PROG, ENG_HOST, ENG_KERNEL };
	static double rate[CONTEND_MAX_RUNS][2][3][ENG_CNT];
	uint64_t bad = 0;

	for (unsigned int run = 0; run < runs; run++)
		for (int mode = 0; mode < 2; mode++)
			for (size_t si = 0; si < 3; si++)
				for (size_t k = 0; k < 3; k++) {
					enum engine e = engs[run % 2 ? 2 - k : k];
					struct run r = { .kprog = -1, .eng = e,
							 .mode = (enum mode)mode,
							 .size = sizes[si], .nprod = 1,
							 .ring_sz = PHASE_RING_SZ };
					double c, *v = &rate[run][mode][si][e];

					*v = NAN;
					if (setup(&r) == 0 && measure_phased(&r, v, &c))
						*v = NAN;
					bad += r.bad;
					teardown(&r);
				}
	printf("single producer: records per producer CPU-second (ring %u KiB), medians of %u runs; "
	       "prog/kern: median of each run's ratio [lowest-highest]\n",
	       PHASE_RING_SZ >> 10, runs);
	printf("%-8s %5s %13s %13s %13s %17s\n", "mode", "size", "bpfhost-prog",
	       "bpfhost-host", "kernel", "prog/kern");
	for (int mode = 0; mode < 2; mode++)
		for (size_t si = 0; si < 3; si++) {
			double v[CONTEND_MAX_RUNS], lo = 1e300, hi = -1;

			printf("%-8s %5u", mode ? "output" : "reserve", sizes[si]);
			for (int e = 0; e < ENG_CNT; e++) {
				for (unsigned int i = 0; i < runs; i++)
					v[i] = rate[i][mode][si][e];
				print_rate(median(v, runs));
			}
			for (unsigned int i = 0; i < runs; i++) {
				v[i] = rate[i][mode][si][ENG_PROG] / rate[i][mode][si][ENG_KERNEL];
				if (v[i] < lo)
					lo = v[i];
				if (v[i] > hi)
					hi = v[i];
			}
			printf(" %5.2f [%4.2f-%4.2f]\n", median(v, runs), lo, hi);
		}
	return bad;
}

/* ---- USER_RINGBUF ------------------------------------------------------------------ */

/*
 * tests/progs/bench_user_ringbuf.bpf.c, loaded by libbpf into the kernel and
 * by bpfhost's loader: SEC("syscall") drain() calls bpf_user_ringbuf_drain
 * once with a callback that bpf_dynptr_reads each sample's 8 bytes into a
 * global and returns 0; the run returns the number of samples drained.
 * A host thread produces 8-byte samples (bpfhost's producer, libbpf's
 * user_ring_buffer__reserve/__submit) as fast as there is room, while
 * this thread runs the program in a loop (bh_prog__test_run /
 * BPF_PROG_TEST_RUN, one run per call: the kernel's SYSCALL test_run takes
 * no repeat count).
 */
static const char *build_dir = "build";

struct urun {
	bool kernel;
	struct bh_map *map;              /* bpfhost */
	struct user_ring_buffer *kurb;   /* kernel, libbpf */
	atomic_bool stop;
	uint64_t produced;
};

static void *urb_producer(void *arg)
{
	struct urun *u = arg;
	struct bh_user_ring_buffer *p = u->kernel ? NULL
						  : bh_user_ring_buffer__new(u->map, NULL);

	if (!u->kernel && !p)
		return NULL;
	/* relaxed: a stop flag */
	while (!atomic_load_explicit(&u->stop, memory_order_relaxed)) {
		uint64_t *s = u->kernel ? user_ring_buffer__reserve(u->kurb, 8)
					: bh_user_ring_buffer__reserve(p, 8);

		if (!s)
			continue;
		*s = 1;
		if (u->kernel)
			user_ring_buffer__submit(u->kurb, s);
		else
			bh_user_ring_buffer__submit(p, s);
		u->produced++;
	}
	bh_user_ring_buffer__free(p);
	return NULL;
}

/* One drain run: samples drained (>= 0) or -errno. */
static long urb_drain_once(struct urun *u, int prog_fd, struct bh_prog *prog)
{
	if (u->kernel) {
		LIBBPF_OPTS(bpf_test_run_opts, o);
		int err = bpf_prog_test_run_opts(prog_fd, &o);

		return err ? -errno : (long)o.retval;
	}
	BH_OPTS(bh_test_run_opts, o);
	int err = bh_prog__test_run(prog, &o);

	return err ? err : (long)o.retval;
}

static int silent(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	return 0;
}

/*
 * Samples drained per second of wall time (*@wall) and per CPU-second of
 * the draining thread (*@cpu), for the kernel (@kernel) or bpfhost; -1
 * when unavailable.  Every sample produced must be drained (the ring is
 * drained after the producer stops), and the program's sum must equal
 * the count (each sample holds 1).
 */
static int measure_user_ringbuf(bool kernel, double *wall, double *cpu, uint64_t *bad)
{
	char path[512];
	struct urun u = { .kernel = kernel };
	struct bpf_object *kobj = NULL;
	struct bh_object *bobj = NULL;
	struct bh_prog *prog = NULL;
	uint64_t drained = 0, in_window = 0, sum = 0;
	int prog_fd = -1, ret = -1;
	double t0, t1, c0, c1;
	pthread_t t;
	long n = 0;

	*wall = *cpu = -1;
	snprintf(path, sizeof(path), "%s/progs/bench_user_ringbuf.bpf.o", build_dir);
	if (kernel) {
		libbpf_set_print(silent);
		kobj = bpf_object__open_file(path, NULL);
		if (!kobj || bpf_object__load(kobj))
			goto out;
		prog_fd = bpf_program__fd(bpf_object__find_program_by_name(kobj, "drain"));
		u.kurb = user_ring_buffer__new(
			bpf_map__fd(bpf_object__find_map_by_name(kobj, "urb")), NULL);
		if (prog_fd < 0 || !u.kurb)
			goto out;
	} else {
		/* verified: the fast mode, as any verified program */
		BH_OPTS(bh_object_open_opts, oo);

		bobj = bh_object__open_file(path, &oo);
		if (!bobj || bh_object__load(bobj))
			goto out;
		prog = bh_program__prog(bh_object__find_program_by_name(bobj, "drain"));
		u.map = bh_object_map__map(bh_object__find_map_by_name(bobj, "urb"));
		if (!prog || !u.map)
			goto out;
	}
	pthread_create(&t, NULL, urb_producer, &u);
	t0 = now_s();
	c0 = thread_cpu_s();
	while ((t1 = now_s()) - t0 < window_s) {
		n = urb_drain_once(&u, prog_fd, prog);
		if (n < 0)
			break;
		drained += (uint64_t)n;
	}
	c1 = thread_cpu_s();
	in_window = drained;
	atomic_store(&u.stop, true);
	pthread_join(t, NULL);
	if (n < 0)
		goto out;
	/* what is left, for the checks below (not in the rates) */
	while ((n = urb_drain_once(&u, prog_fd, prog)) > 0)
		drained += (uint64_t)n;
	/* the callbacks' sum of the samples' values (1 each) */
	if (kernel) {
		struct bpf_map *bss = bpf_object__find_map_by_name(kobj, ".bss");
		uint32_t zero = 0;
		uint64_t v[1];

		if (bss && !bpf_map__lookup_elem(bss, &zero, sizeof(zero), v, sizeof(v), 0))
			sum = v[0];
	} else {
		struct bh_object_map *bss = bh_object__find_map_by_name(bobj, ".bss");
		uint32_t zero = 0;

		if (bss)
			bh_map__lookup_elem(bh_object_map__map(bss), &zero, &sum);
	}
	if (drained != u.produced || sum != drained) {
		fprintf(stderr, "USER_RINGBUF %s: produced %llu, drained %llu, sum %llu\n",
			kernel ? "kernel" : "bpfhost", (unsigned long long)u.produced,
			(unsigned long long)drained, (unsigned long long)sum);
		(*bad)++;
	}
	*wall = (double)in_window / (t1 - t0);
	*cpu = c1 > c0 ? (double)in_window / (c1 - c0) : -1;
	ret = 0;
out:
	user_ring_buffer__free(u.kurb);
	bpf_object__close(kobj);
	bh_object__close(bobj);
	return ret;
}

/* ---- Main ---------------------------------------------------------------------------- */

static int setup(struct run *r)
{
	struct bpf_insn insns[32];
	size_t n;

	r->karr = -1;
	if (r->eng == ENG_KERNEL) {
		int fd = kernel_map(BPF_MAP_TYPE_RINGBUF, 0, r->ring_sz);

		r->kr.fd = fd;
		r->kr.ring_sz = r->ring_sz;
		if (fd < 0)
			return -1;
		r->karr = kernel_map(BPF_MAP_TYPE_ARRAY, 1024, 1);
		n = build_prog(insns, r->mode, r->size, fd, r->karr, r->sampled);
		r->kprog = kernel_prog(insns, n);
		if (r->karr < 0 || r->kprog < 0 || kring_map(&r->kr, fd))
			return -1;
		return 0;
	}
	r->map = bh_map__create(BPF_MAP_TYPE_RINGBUF, "bench", 0, 0, r->ring_sz, NULL);
	r->arr = bh_map__create(BPF_MAP_TYPE_ARRAY, "src", 4, 1024, 1, NULL);
	if (!r->map || !r->arr)
		return -1;
	if (r->eng == ENG_PROG) {
		BH_OPTS(bh_prog_load_opts, lo, .license = "GPL",
			.bh_flags = BH_PROG_LOAD_F_UNCHECKED);

		n = build_prog(insns, r->mode, r->size, (int)bh_map__id(r->map),
			       (int)bh_map__id(r->arr), r->sampled);
		r->prog = bh_prog__load(BPF_PROG_TYPE_XDP, insns, n, &lo);
		if (!r->prog)
			return -1;
	}
	return 0;
}

static void teardown(struct run *r)
{
	if (r->eng == ENG_KERNEL) {
		if (r->kr.cons_page)
			kring_unmap(&r->kr);
		if (r->kprog >= 0)
			close(r->kprog);
		if (r->karr >= 0)
			close(r->karr);
		if (r->kr.fd >= 0)
			close(r->kr.fd);
	} else {
		bh_prog__free(r->prog);
		bh_map__free(r->map);
		bh_map__free(r->arr);
	}
}

static void print_rate(double v)
{
	if (v < 0 || isnan(v))
		printf(" %13s", "n/a");
	else
		printf(" %9.2fM/s", v / 1e6);
}

static void print_ratio6(double a, double b)
{
	if (a > 0 && b > 0)
		printf(" %6.2f", a / b);
	else
		printf(" %6s", "n/a");
}

static void print_ratio(double a, double b)
{
	if (a > 0 && b > 0)
		printf(" %9.2f", a / b);
	else
		printf(" %9s", "n/a");
}

/* Table 1 (and 2): phased runs of every mode, size, producer count. */
static uint64_t phased_tables(bool quick)
{
	static const uint32_t sizes[] = { 8, 64, 1024 };
	static const unsigned int prods[] = { 1, 2, 4 };
	double cons_rate[2][3][ENG_CNT];
	uint64_t bad = 0;

	printf("produce: records per producer CPU-second (producers alone, ring %u KiB)\n",
	       PHASE_RING_SZ >> 10);
	printf("%-8s %5s %5s %13s %13s %13s %9s\n", "mode", "size", "prod",
	       "bpfhost-prog", "bpfhost-host", "kernel", "prog/kern");
	for (int mode = 0; mode < 2; mode++)
		for (size_t si = 0; si < 3; si++)
			for (size_t pi = 0; pi < 3; pi++) {
				double rate[ENG_CNT];

				if (quick && (si != 1 || pi > 1))
					continue;
				for (int e = 0; e < ENG_CNT; e++) {
					struct run r = { .kprog = -1, .eng = (enum engine)e,
							 .mode = (enum mode)mode,
							 .size = sizes[si], .nprod = prods[pi],
							 .ring_sz = PHASE_RING_SZ };
					double c = -1;

					rate[e] = -1;
					if (setup(&r) == 0 && measure_phased(&r, &rate[e], &c))
						rate[e] = -1;
					bad += r.bad;
					if (pi == 0)
						cons_rate[mode][si][e] = c;
					teardown(&r);
				}
				printf("%-8s %5u %5u", mode ? "output" : "reserve",
				       sizes[si], prods[pi]);
				for (int e = 0; e < ENG_CNT; e++)
					print_rate(rate[e]);
				print_ratio(rate[ENG_PROG], rate[ENG_KERNEL]);
				printf("\n");
				fflush(stdout);
			}
	printf("\nconsume: records per consumer CPU-second (busy consume of what one producer made)\n");
	printf("%-8s %5s %13s %13s %9s\n", "mode", "size", "bpfhost", "kernel",
	       "bh/kern");
	for (int mode = 0; mode < 2; mode++)
		for (size_t si = 0; si < 3; si++) {
			if (quick && si != 1)
				continue;
			printf("%-8s %5u", mode ? "output" : "reserve", sizes[si]);
			print_rate(cons_rate[mode][si][ENG_PROG]);
			print_rate(cons_rate[mode][si][ENG_KERNEL]);
			print_ratio(cons_rate[mode][si][ENG_PROG],
				    cons_rate[mode][si][ENG_KERNEL]);
			printf("\n");
		}
	return bad;
}

/* Table 3: one producer and the consumer at the same time. */
static uint64_t pipeline_table(bool quick)
{
	static const uint32_t sizes[] = { 8, 64, 1024 };
	uint64_t bad = 0;

	printf("\npipeline: records/s consumed, one producer and the consumer running "
	       "together (wall clock, ring %u KiB)\n", PIPE_RING_SZ >> 10);
	printf("%-8s %-13s %5s %13s %6s %13s %6s %13s %6s %9s\n", "mode",
	       "cons/notify", "size", "bpfhost-prog", "drop%", "bpfhost-host",
	       "drop%", "kernel", "drop%", "prog/kern");
	/* busy/default, epoll/default, epoll/sampled */
	for (int v = 0; v < 3; v++)
		for (size_t si = 0; si < 3; si++) {
			double rate[ENG_CNT], drop[ENG_CNT];

			if (quick && si != 1)
				continue;
			for (int e = 0; e < ENG_CNT; e++) {
				struct run r = { .kprog = -1, .eng = (enum engine)e,
						 .mode = MODE_RESERVE,
						 .cons = v ? CONS_EPOLL : CONS_BUSY,
						 .sampled = v == 2,
						 .size = sizes[si], .nprod = 1,
						 .ring_sz = PIPE_RING_SZ };

				rate[e] = -1;
				drop[e] = 0;
				if (setup(&r) == 0)
					rate[e] = measure(&r, &drop[e]);
				bad += r.bad;
				teardown(&r);
			}
			printf("%-8s %-13s %5u", "reserve",
			       v == 0 ? "busy/default" : v == 1 ? "epoll/default"
								: "epoll/sampled",
			       sizes[si]);
			for (int e = 0; e < ENG_CNT; e++) {
				print_rate(rate[e]);
				printf(" %5.1f%%", drop[e]);
			}
			print_ratio(rate[ENG_PROG], rate[ENG_KERNEL]);
			printf("\n");
			fflush(stdout);
		}
	return bad;
}

int main(int argc, char **argv)
{
	bool quick = false, only = false, single = false;
	unsigned int runs = 1;
	uint64_t bad = 0;
	double uw[2], uc[2];

	if (getenv("BUILD"))
		build_dir = getenv("BUILD");
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick")) {
			quick = true;
		} else if (!strcmp(argv[i], "--contend")) {
			only = true;
		} else if (!strcmp(argv[i], "--single")) {
			single = true;
		} else if (!strcmp(argv[i], "--runs") && i + 1 < argc) {
			runs = (unsigned int)strtoul(argv[++i], NULL, 10);
			if (!runs || runs > CONTEND_MAX_RUNS) {
				fprintf(stderr, "--runs: 1 to %d\n", CONTEND_MAX_RUNS);
				return 2;
			}
		} else {
			fprintf(stderr, "usage: bench_ringbuf [--quick] [--contend | --single] [--runs N]\n");
			return 2;
		}
	}

	if (quick)
		window_s = 0.01;
	for (int i = 0; i < PKT_SZ; i++)
		packet[i] = (uint8_t)i;
	if (single)
		return single_table(runs) ? 1 : 0;
	if (!only) {
		bad += phased_tables(quick);
		bad += pipeline_table(quick);
	}
	bad += contend_table(quick, runs);
	if (kernel_why[0])
		printf("kernel: n/a (%s)\n", kernel_why);
	if (measure_user_ringbuf(false, &uw[0], &uc[0], &bad))
		printf("user_ringbuf drain: bpfhost failed\n");
	measure_user_ringbuf(true, &uw[1], &uc[1], &bad);
	printf("\nuser_ringbuf: 8-byte samples drained by bpf_user_ringbuf_drain (one call "
	       "per run), a host thread producing\n");
	printf("%-22s %13s %13s %9s\n", "", "bpfhost-prog", "kernel", "bh/kern");
	printf("%-22s", "samples/s (wall)");
	print_rate(uw[0]);
	print_rate(uw[1]);
	print_ratio(uw[0], uw[1]);
	printf("\n%-22s", "samples/drainer CPU-s");
	print_rate(uc[0]);
	print_rate(uc[1]);
	print_ratio(uc[0], uc[1]);
	printf("\n");
	if (bad)
		printf("CORRUPT OR LOST: %llu\n", (unsigned long long)bad);
	return bad || uw[0] < 0 ? 1 : 0;
}
