/* SPDX-License-Identifier: MIT */
/*
 * bench/bench_mprog.c - multi-program chains: the cost of running a hook's
 * chain, and of changing it, against the kernel's tcx.
 *
 * 1. Chain runs.  A tcx-policy hook holds N programs `r0 = TCX_NEXT; exit`
 *    (N = 1, 8, 63: 63 is the most a chain holds, as in Linux), so every run
 *    goes through all N and ends on the hook's default.  ns/run is this
 *    thread's CPU time around a loop of bh_hook__run() calls divided by the
 *    count, median of BENCH_ROUNDS.  Programs are loaded unchecked (the fast
 *    interpreter) and checked.
 *
 *    Kernel column, an approximation: the kernel has no test_run of a whole
 *    tcx chain, and measuring one through real packets would mostly measure
 *    the network stack.  So it is N times the kernel's own per-run time of
 *    one such SCHED_CLS program under BPF_PROG_TEST_RUN (the `duration` it
 *    reports for a 64-byte packet, JIT on), which is what tcx_run() spends
 *    per program, without tcx's per-packet bookkeeping.
 *
 * 2. Attach / detach latency.  Wall-clock time of bh_hook__attach() and
 *    bh_hook__detach() of one program on a chain of 8, with no runs, and
 *    with one thread running the chain in a loop meanwhile.  Every change
 *    publishes a new array and waits for an RCU grace period before it
 *    returns, so this is mostly the grace period.  Kernel: the same on the
 *    tcx ingress of `lo` in a network namespace of this process's own
 *    (unshare(CLONE_NEWNET); BPF_PROG_ATTACH / BPF_PROG_DETACH through
 *    bpf(2)); tcx waits for its grace period too (synchronize_rcu()), and
 *    a kernel grace period takes milliseconds, so fewer of those are timed.
 *
 * Usage: bench_mprog [--quick]   (--quick: about a second, for the suite)
 * Exit status 0; 1 when a run fails or returns the wrong verdict.  A bpf(2)
 * or unshare() refused prints n/a in the kernel columns.
 */
#include <bpfhost/bpfhost.h>

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define BENCH_ROUNDS 5
#define BENCH_TARGET_NS 100e6 /* per chain-run measurement */
#define MAXN 63

static const int sizes[] = { 1, 8, 63 };
#define NSIZES 3

/* ---- Clocks ------------------------------------------------------------------ */

static double now_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* ---- The kernel (raw bpf(2); Debian's <linux/bpf.h> lacks tcx) ------------------ */

#define K_PROG_LOAD 5
#define K_PROG_ATTACH 8
#define K_PROG_DETACH 9
#define K_PROG_TEST_RUN 10
#define K_SCHED_CLS 3
#define K_TCX_INGRESS 46

static int sys_bpf(int cmd, void *attr, size_t size)
{
	long r = syscall(__NR_bpf, cmd, attr, size);

	return r < 0 ? -errno : (int)r;
}

static int k_load_next(void)
{
	struct bpf_insn insns[2] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = TCX_NEXT },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	struct {
		uint32_t prog_type, insn_cnt;
		uint64_t insns, license;
	} a = { K_SCHED_CLS, 2, (uint64_t)(uintptr_t)insns,
		(uint64_t)(uintptr_t)"GPL" };

	return sys_bpf(K_PROG_LOAD, &a, sizeof(a));
}

/* Kernel ns per run of one program (BPF_PROG_TEST_RUN's duration). */
static double k_test_run_ns(int fd, uint32_t repeat)
{
	static uint8_t pkt[64];
	struct {
		uint32_t prog_fd, retval, data_size_in, data_size_out;
		uint64_t data_in, data_out;
		uint32_t repeat, duration;
	} a = { .prog_fd = (uint32_t)fd, .data_size_in = sizeof(pkt),
		.data_in = (uint64_t)(uintptr_t)pkt, .repeat = repeat };

	pkt[12] = 0x08; /* IPv4 ethertype */
	if (sys_bpf(K_PROG_TEST_RUN, &a, sizeof(a)))
		return -1;
	return a.retval == (uint32_t)TCX_NEXT ? (double)a.duration : -1.0;
}

struct k_attach {
	uint32_t target_ifindex, attach_bpf_fd, attach_type, attach_flags;
	uint32_t replace_bpf_fd, relative_fd;
	uint64_t expected_revision;
};

static int k_attach(int cmd, int fd)
{
	struct k_attach a = { .target_ifindex = 1, .attach_bpf_fd = (uint32_t)fd,
			      .attach_type = K_TCX_INGRESS };

	return sys_bpf(cmd, &a, sizeof(a));
}

/* ---- bpfhost ------------------------------------------------------------------ */

static struct bh_prog *h_load_next(bool checked)
{
	struct bpf_insn insns[2] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = TCX_NEXT },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	BH_OPTS(bh_prog_load_opts, o,
		.bh_flags = checked ? 0 : BH_PROG_LOAD_F_UNCHECKED);

	return bh_prog__load(BPF_PROG_TYPE_XDP, insns, 2, &o);
}

static struct bh_hook *chain_of(int n, bool checked, struct bh_prog **progs)
{
	BH_OPTS(bh_hook_opts, ho, .default_ret = 12345);
	struct bh_hook *hook = bh_hook__new(BPF_PROG_TYPE_XDP, &ho);

	for (int i = 0; i < n; i++) {
		progs[i] = h_load_next(checked);
		if (!hook || !progs[i] || bh_hook__attach(hook, progs[i], NULL)) {
			fprintf(stderr, "setting up a chain of %d: %s\n", n,
				strerror(errno));
			exit(1);
		}
	}
	return hook;
}

static void chain_free(struct bh_hook *hook, struct bh_prog **progs, int n)
{
	bh_hook__free(hook);
	for (int i = 0; i < n; i++)
		bh_prog__free(progs[i]);
}

static int failures;

/* ns per bh_hook__run over @iters runs (thread CPU time). */
static double run_loop(struct bh_hook *hook, long iters)
{
	double t0 = now_ns(CLOCK_THREAD_CPUTIME_ID);
	uint64_t ret;

	for (long i = 0; i < iters; i++) {
		if (bh_hook__run(hook, NULL, &ret) || ret != 12345) {
			failures++;
			return -1;
		}
	}
	return (now_ns(CLOCK_THREAD_CPUTIME_ID) - t0) / (double)iters;
}

static double bench_chain(int n, bool checked, bool quick)
{
	struct bh_prog *progs[MAXN];
	struct bh_hook *hook = chain_of(n, checked, progs);
	double v[BENCH_ROUNDS], est;
	long iters = 1000;
	int rounds = quick ? 1 : BENCH_ROUNDS;

	est = run_loop(hook, iters);
	if (!quick && est > 0)
		iters = (long)(BENCH_TARGET_NS / est) + 1;
	else
		iters = 20000 / n + 100;
	for (int r = 0; r < rounds; r++)
		v[r] = run_loop(hook, iters);
	chain_free(hook, progs, n);
	return median(v, rounds);
}

/* ---- Attach / detach latency -------------------------------------------------- */

struct runner {
	struct bh_hook *hook;
	atomic_bool stop;
	atomic_ulong runs;
};

static void *runner_main(void *arg)
{
	struct runner *rn = arg;
	uint64_t ret;

	while (!atomic_load_explicit(&rn->stop, memory_order_relaxed)) {
		if (bh_hook__run(rn->hook, NULL, &ret))
			failures++;
		atomic_fetch_add_explicit(&rn->runs, 1, memory_order_relaxed);
	}
	return NULL;
}

/* Median µs of attach and of detach of one program on a chain of 8. */
static void bench_latency(int ops, bool with_runs, double *att_us,
			  double *det_us, unsigned long *runs)
{
	struct bh_prog *progs[8], *extra = h_load_next(false);
	struct bh_hook *hook = chain_of(8, false, progs);
	double *a = calloc((size_t)ops, sizeof(double));
	double *d = calloc((size_t)ops, sizeof(double));
	struct runner rn = { .hook = hook };
	pthread_t th;

	if (with_runs) {
		pthread_create(&th, NULL, runner_main, &rn);
		while (atomic_load(&rn.runs) < 1000) /* it is running */
			sched_yield();
	}
	for (int i = 0; i < ops; i++) {
		double t0 = now_ns(CLOCK_MONOTONIC), t1, t2;

		if (bh_hook__attach(hook, extra, NULL))
			failures++;
		t1 = now_ns(CLOCK_MONOTONIC);
		if (bh_hook__detach(hook, extra, NULL))
			failures++;
		t2 = now_ns(CLOCK_MONOTONIC);
		a[i] = (t1 - t0) / 1e3;
		d[i] = (t2 - t1) / 1e3;
	}
	if (with_runs) {
		atomic_store(&rn.stop, true);
		pthread_join(th, NULL);
	}
	*runs = atomic_load(&rn.runs);
	*att_us = median(a, ops);
	*det_us = median(d, ops);
	free(a);
	free(d);
	chain_free(hook, progs, 8);
	bh_prog__free(extra);
}

/* The same on the kernel's tcx; false when refused. */
static bool bench_k_latency(int ops, double *att_us, double *det_us)
{
	int fds[9], n = 0;
	double *a = calloc((size_t)ops, sizeof(double));
	double *d = calloc((size_t)ops, sizeof(double));
	bool ok = true;

	for (; n < 9; n++) {
		fds[n] = k_load_next();
		if (fds[n] < 0 || (n < 8 && k_attach(K_PROG_ATTACH, fds[n]))) {
			ok = false;
			break;
		}
	}
	for (int i = 0; ok && i < ops; i++) {
		double t0 = now_ns(CLOCK_MONOTONIC), t1, t2;

		ok = !k_attach(K_PROG_ATTACH, fds[8]);
		t1 = now_ns(CLOCK_MONOTONIC);
		ok = ok && !k_attach(K_PROG_DETACH, fds[8]);
		t2 = now_ns(CLOCK_MONOTONIC);
		a[i] = (t1 - t0) / 1e3;
		d[i] = (t2 - t1) / 1e3;
	}
	if (ok) {
		*att_us = median(a, ops);
		*det_us = median(d, ops);
	}
	for (int i = 0; i < n && i < 9; i++) {
		if (fds[i] < 0)
			continue;
		if (i < 8)
			k_attach(K_PROG_DETACH, fds[i]);
		close(fds[i]);
	}
	free(a);
	free(d);
	return ok;
}

int main(int argc, char **argv)
{
	bool quick = argc > 1 && !strcmp(argv[1], "--quick");
	int ops = quick ? 30 : 2000, kops = quick ? 4 : 40;
	double kone = -1, katt = 0, kdet = 0;
	bool knet = false;
	int kfd;

	kfd = k_load_next();
	if (kfd >= 0) {
		double v[BENCH_ROUNDS];
		int rounds = quick ? 1 : BENCH_ROUNDS;

		for (int r = 0; r < rounds; r++)
			v[r] = k_test_run_ns(kfd, quick ? 10000 : 2000000);
		kone = median(v, rounds);
		close(kfd);
		if (!unshare(CLONE_NEWNET))
			knet = bench_k_latency(kops, &katt, &kdet);
	}

	printf("chain run: N programs `r0 = TCX_NEXT; exit`, every run through all"
	       " of them (ns/run)\n");
	printf("  %5s %14s %8s %14s %8s %16s\n", "progs", "bpfhost-fast",
	       "ns/prog", "bpfhost-chk", "ns/prog", "kernel N x 1 (~)");
	for (int i = 0; i < NSIZES; i++) {
		int n = sizes[i];
		double fast = bench_chain(n, false, quick);
		double chk = bench_chain(n, true, quick);

		printf("  %5d %14.1f %8.2f %14.1f %8.2f", n, fast, fast / n, chk,
		       chk / n);
		if (kone >= 0)
			printf(" %16.1f\n", kone * n);
		else
			printf(" %16s\n", "n/a");
	}
	if (kone >= 0)
		printf("  kernel: one program under BPF_PROG_TEST_RUN %.1f ns/run "
		       "(JIT), times N\n", kone);

	printf("attach + detach of one program on a chain of 8 (median us, %d "
	       "each)\n", ops);
	for (int w = 0; w < 2; w++) {
		double att, det;
		unsigned long runs;

		bench_latency(ops, w, &att, &det, &runs);
		printf("  bpfhost %-22s attach %8.1f  detach %8.1f",
		       w ? "with a running thread" : "idle", att, det);
		if (w)
			printf("  (%lu chain runs meanwhile)", runs);
		printf("\n");
	}
	if (knet)
		printf("  kernel  %-22s attach %8.1f  detach %8.1f  (%d each)\n",
		       "tcx, idle", katt, kdet, kops);
	else
		printf("  kernel  tcx: n/a (bpf() or unshare refused)\n");
	if (failures)
		printf("FAILED: %d runs or changes failed\n", failures);
	return failures ? 1 : 0;
}
