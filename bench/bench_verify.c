/* SPDX-License-Identifier: MIT */
/*
 * bench/bench_verify.c - verification time, bpfhost against the kernel.
 *
 * Every program of the clang-built objects of the tests (build/progs/,
 * the -mcpu variants loader_cpu.vN left out) and of the benchmarks
 * (build/bench/progs/) is verified by both sides:
 *
 *   bpfhost  the object is loaded unverified once (maps created, program
 *            linked), then bh_prog__load() of the linked instructions with
 *            the object's maps, type, attach type, flags and licence, with
 *            verification and log level 4 (statistics), is timed: this
 *            thread's CPU time around the call (encoding check, verifier,
 *            copy);
 *   kernel   libbpf opens the object with only this program to load, at
 *            log level 4 (BPF_LOG_STATS).  The verifier's statistics give
 *            "processed N insns" and "verification time N usec" (the
 *            kernel's clock around bpf_check(): wall time, so preemption
 *            by other processes counts); the BPF_PROG_LOAD syscall is
 *            timed in this thread's CPU time (verifier, JIT, the rest of
 *            the load) by wrapping libbpf's syscall(): the Makefile links
 *            libbpf statically with -Wl,--wrap=syscall, and only loads
 *            with log level 4, the program measured, are timed (not
 *            libbpf's feature probes).
 *
 * A program whose object fills a program array with other programs at
 * load is loaded with the object's default programs, on both sides; only
 * its own load is timed.  Each figure is the median of RUNS loads, the two
 * sides taking turns.  `bh/verif` is bpfhost's time divided by the
 * kernel's verification time, `bh/sys` by the syscall's CPU time.
 *
 * Refusals are shown, not hidden: a program bpfhost refuses as "refused"
 * with the last line of its log; one it cannot even load unverified (a
 * program type or kfunc it lacks) as n/a with the loader's message; one
 * the kernel refuses with libbpf's first warning.  Objects bpfhost cannot
 * open (the loader's tests of malformed objects) are named and skipped.
 * When bpf() is refused (EPERM, ENOSYS) the kernel columns say n/a.
 *
 * Usage: bench_verify [--quick] [--runs N] [--top N] [--build DIR]
 *   --runs N   loads per side and program (default 5; --quick: 1)
 *   --top N    only the N tests/progs programs with the most instructions
 *              (default: all; --quick: 4), the benchmark programs always
 *   --build D  where progs/ and bench/progs/ are (default: the parent of
 *              this executable's folder, i.e. build/)
 * Exit status: 0; 1 on bad arguments or when the objects are missing.
 */
#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <bpfhost/bpfhost.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "progs/internal.h" /* struct bh_prog: the section's prog_flags */

#define VB_MAX_RUNS 31
#define VB_LOG_SZ (1U << 16)
#define VB_QUICK_TOP 4

struct vb_row {
	char obj_path[PATH_MAX];
	char prog[64];
	char label[96];         /* object:program */
	bool bench;             /* from bench/progs */
	size_t insn_cnt;        /* linked instructions (bpfhost) */
	/* bpfhost */
	int bh_err;             /* 0 verified; -errno refused */
	bool bh_unloadable;     /* not even an unverified load worked */
	char bh_why[160];
	uint32_t bh_processed;
	double bh_ms[VB_MAX_RUNS];
	/* kernel */
	int k_err;              /* 0 verified; -errno refused */
	char k_why[160];
	uint32_t k_processed;
	double k_verif_ms[VB_MAX_RUNS], k_sys_ms[VB_MAX_RUNS];
};

static char kernel_na[128]; /* set once bpf() is refused */
static char log_buf[VB_LOG_SZ];

/* ---- time, numbers ------------------------------------------------------ */

/*
 * This thread's CPU time (user + system, so a syscall's kernel work
 * counts): other processes on a shared machine do not inflate it.
 */
static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(const double *v, int n)
{
	double tmp[VB_MAX_RUNS];

	memcpy(tmp, v, sizeof(*v) * (size_t)n);
	qsort(tmp, (size_t)n, sizeof(*tmp), cmp_double);
	return n % 2 ? tmp[n / 2] : (tmp[n / 2 - 1] + tmp[n / 2]) / 2;
}

/* The number after @key in @log, or 0. */
static uint32_t log_num(const char *log, const char *key)
{
	const char *p = strstr(log, key);

	return p ? (uint32_t)strtoul(p + strlen(key), NULL, 10) : 0;
}

/* The last non-empty line of @log before its statistics, into @out. */
static void log_reason(const char *log, char *out, size_t out_sz)
{
	const char *end = strstr(log, "\nprocessed ");
	const char *start;

	if (!end)
		end = log + strlen(log);
	while (end > log && end[-1] == '\n')
		end--;
	start = end;
	while (start > log && start[-1] != '\n')
		start--;
	snprintf(out, out_sz, "%.*s", (int)(end - start), start);
}

/* ---- the kernel's side: libbpf, with its BPF_PROG_LOAD timed ------------- */

long __real_syscall(long nr, ...);
long __wrap_syscall(long nr, ...);

static double wrap_load_ms; /* time in BPF_PROG_LOAD with log level 4 */

/*
 * libbpf (linked statically with -Wl,--wrap=syscall) calls this for every
 * syscall.  syscall(2) takes up to six arguments; passing them all on, as
 * glibc's own syscall() reads them, is harmless for calls with fewer.
 */
long __wrap_syscall(long nr, ...)
{
	long a[6], ret;
	double t0 = 0;
	bool timed;
	va_list ap;

	va_start(ap, nr);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	timed = nr == __NR_bpf && a[0] == BPF_PROG_LOAD &&
		(((const union bpf_attr *)a[1])->log_level & 4);
	if (timed)
		t0 = now_ms();
	ret = __real_syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	if (timed)
		wrap_load_ms += now_ms() - t0;
	return ret;
}

static char libbpf_first[160]; /* libbpf's first warning: why a load failed */

static int keep_first(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_WARN && !libbpf_first[0]) {
		vsnprintf(libbpf_first, sizeof(libbpf_first), fmt, ap);
		libbpf_first[strcspn(libbpf_first, "\n")] = '\0';
	}
	return 0;
}

/*
 * One kernel load of @row's program; fills run @run's figures.  @all:
 * load the object's other programs too (those loaded by default), for
 * programs whose object fills a program array with them.
 */
static int kernel_load(struct vb_row *row, int run, bool all)
{
	struct bpf_object *obj = bpf_object__open_file(row->obj_path, NULL);
	struct bpf_program *p, *target = NULL;
	struct bpf_map *m;
	int err;

	if (!obj)
		return -errno;
	bpf_object__for_each_program(p, obj) {
		bool me = !strcmp(bpf_program__name(p), row->prog);

		if (me || !all)
			bpf_program__set_autoload(p, me);
		if (me)
			target = p;
	}
	/* pinning needs a mounted BPF FS: not what is measured here */
	bpf_object__for_each_map(m, obj)
		bpf_map__set_pin_path(m, NULL);
	if (!target) {
		bpf_object__close(obj);
		return -ENOENT;
	}
	bpf_program__set_log_level(target, 4 /* BPF_LOG_STATS */);
	bpf_program__set_log_buf(target, log_buf, sizeof(log_buf));
	log_buf[0] = '\0';
	libbpf_first[0] = '\0';
	wrap_load_ms = 0;
	err = bpf_object__load(obj);
	if (!err) {
		row->k_processed = log_num(log_buf, "processed ");
		row->k_verif_ms[run] = log_num(log_buf, "verification time ") / 1e3;
		row->k_sys_ms[run] = wrap_load_ms;
	} else {
		snprintf(row->k_why, sizeof(row->k_why), "%s", libbpf_first);
	}
	bpf_object__close(obj);
	return err < 0 ? err : 0;
}

/* The reason printed is the one of the load of the program alone. */
static int kernel_run(struct vb_row *row, int run)
{
	char why[sizeof(row->k_why)];
	int err = kernel_load(row, run, false);

	if (!err)
		return 0;
	memcpy(why, row->k_why, sizeof(why));
	err = kernel_load(row, run, true);
	if (err)
		memcpy(row->k_why, why, sizeof(why));
	return err;
}

static bool kernel_usable(void)
{
	int fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);

	if (fd >= 0) {
		close(fd);
		return true;
	}
	snprintf(kernel_na, sizeof(kernel_na), "bpf() refused: %s", strerror(errno));
	return false;
}

/* ---- bpfhost's side ----------------------------------------------------- */

/*
 * An object holding @row's program loaded unverified (maps created,
 * program linked), or NULL with the reason in row->bh_why.  @all: load the
 * object's other programs too (those loaded by default), for programs
 * whose object fills a program array with them.
 */
static struct bh_object *bh_open(struct vb_row *row, struct bh_program **target, bool all)
{
	BH_OPTS(bh_object_open_opts, oo, .log_buf = log_buf, .log_size = sizeof(log_buf),
		.prog_bh_flags = BH_PROG_LOAD_F_NO_VERIFY);
	struct bh_object *obj;
	struct bh_program *p = NULL;

	log_buf[0] = '\0';
	obj = bh_object__open_file(row->obj_path, &oo);
	if (!obj)
		goto fail;
	*target = NULL;
	while ((p = bh_object__next_program(obj, p))) {
		bool me = !strcmp(bh_program__name(p), row->prog);

		if (me || !all)
			bh_program__set_autoload(p, me);
		if (me)
			*target = p;
	}
	if (*target && !bh_object__load(obj))
		return obj;
fail:
	bh_object__close(obj);
	if (all) /* the reason printed is the one of the program alone */
		return NULL;
	log_reason(log_buf, row->bh_why, sizeof(row->bh_why));
	return bh_open(row, target, true);
}

/* One verified load of @row's program; fills run @run. */
static int bh_run(struct vb_row *row, int run)
{
	struct bh_map *maps[64];
	struct bh_object_map *m = NULL;
	struct bh_program *target;
	struct bh_object *obj = bh_open(row, &target, false);
	const struct bpf_insn *insns;
	struct bh_prog *prog;
	size_t map_cnt = 0, cnt;
	double t0, t1;

	if (!obj) {
		row->bh_unloadable = true;
		row->bh_err = -EINVAL;
		return -EINVAL;
	}
	while ((m = bh_object__next_map(obj, m)) && map_cnt < 64)
		maps[map_cnt++] = bh_object_map__map(m);
	insns = bh_program__insns(target, &cnt);
	row->insn_cnt = cnt;
	{
		BH_OPTS(bh_prog_load_opts, lo, .name = "bench",
			.prog_flags = bh_program__prog(target)->prog_flags,
			.log_buf = log_buf, .log_size = sizeof(log_buf), .log_level = 4,
			.expected_attach_type = bh_program__expected_attach_type(target),
			.license = bh_object__license(obj), .maps = maps, .map_cnt = map_cnt);

		log_buf[0] = '\0';
		t0 = now_ms();
		prog = bh_prog__load(bh_program__type(target), insns, cnt, &lo);
		t1 = now_ms();
	}
	row->bh_ms[run] = t1 - t0;
	row->bh_processed = log_num(log_buf, "processed ");
	if (prog) {
		row->bh_err = 0;
		bh_prog__free(prog);
	} else {
		row->bh_err = -errno;
		log_reason(log_buf, row->bh_why, sizeof(row->bh_why));
	}
	bh_object__close(obj);
	return 0;
}

/* ---- the programs ------------------------------------------------------- */

static struct vb_row *rows;
static int nrows, cap_rows;

static int add_object(const char *path, bool bench)
{
	BH_OPTS(bh_object_open_opts, oo, .log_buf = log_buf, .log_size = sizeof(log_buf));
	struct bh_object *obj = bh_object__open_file(path, &oo);
	struct bh_program *p = NULL;
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t blen = strcspn(base, ".");
	char why[160];

	if (!obj) { /* the loader's tests include malformed objects */
		log_reason(log_buf, why, sizeof(why));
		printf("%s: not opened (%s): %s\n", base, strerror(errno), why);
		return 0;
	}
	while ((p = bh_object__next_program(obj, p))) {
		struct vb_row *r;

		if (nrows == cap_rows) {
			cap_rows = cap_rows ? 2 * cap_rows : 64;
			rows = realloc(rows, (size_t)cap_rows * sizeof(*rows));
			if (!rows)
				return -1;
		}
		r = &rows[nrows++];
		memset(r, 0, sizeof(*r));
		snprintf(r->obj_path, sizeof(r->obj_path), "%s", path);
		snprintf(r->prog, sizeof(r->prog), "%s", bh_program__name(p));
		snprintf(r->label, sizeof(r->label), "%.*s:%s", (int)blen, base, r->prog);
		r->bench = bench;
		bh_program__insns(p, &r->insn_cnt); /* before linking: for --top */
	}
	bh_object__close(obj);
	return 0;
}

static int is_object(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	/* loader_cpu.vN.bpf.o: the same program built for each -mcpu */
	return n > 6 && !strcmp(d->d_name + n - 6, ".bpf.o") && !strstr(d->d_name, ".v");
}

static int add_dir(const char *dir, bool bench)
{
	struct dirent **ents;
	char path[PATH_MAX];
	int n = scandir(dir, &ents, is_object, alphasort), err = 0;

	if (n < 0) {
		fprintf(stderr, "bench_verify: %s: %s (run make)\n", dir, strerror(errno));
		return -1;
	}
	for (int i = 0; i < n; i++) {
		if (snprintf(path, sizeof(path), "%s/%s", dir, ents[i]->d_name) >=
		    (int)sizeof(path))
			err = -1;
		if (!err)
			err = add_object(path, bench);
		free(ents[i]);
	}
	free(ents);
	return err;
}

/* Benchmark programs first, then the most instructions first. */
static int cmp_rows(const void *a, const void *b)
{
	const struct vb_row *x = a, *y = b;

	if (x->bench != y->bench)
		return y->bench - x->bench;
	if (x->insn_cnt != y->insn_cnt)
		return x->insn_cnt < y->insn_cnt ? 1 : -1;
	return strcmp(x->label, y->label);
}

/* ---- output ------------------------------------------------------------- */

static void print_header(int runs)
{
	struct utsname u;
	double load[3] = { 0 };

	if (uname(&u))
		snprintf(u.release, sizeof(u.release), "?");
	if (getloadavg(load, 3) < 0)
		load[0] = -1;
	printf("bench_verify: bpfhost %s, Linux %s, %ld CPUs, load average %.2f\n",
	       bh_version(), u.release, sysconf(_SC_NPROCESSORS_ONLN), load[0]);
	printf("ms: median of %d loads; bpfhost: bh_prog__load() verified, thread CPU time; "
	       "kernel: its verifier's \"verification time\" (wall) and the BPF_PROG_LOAD "
	       "syscall (thread CPU time)\n\n", runs);
	printf("%-38s %6s %10s %10s %10s %8s %8s %9s %9s\n", "object:program", "insns",
	       "bpfhost ms", "verif ms", "syscall ms", "bh/verif", "bh/sys", "bh insns",
	       "k insns");
}

static void print_row(const struct vb_row *r, int runs)
{
	char bh[16], kv[16] = "n/a", ks[16] = "n/a", ratio[16] = "n/a", ratio2[16] = "n/a",
	     bp[16] = "-", kp[16] = "n/a";
	double bms = r->bh_err ? 0 : median(r->bh_ms, runs), kms = 0, sms;

	if (r->bh_err)
		snprintf(bh, sizeof(bh), r->bh_unloadable ? "n/a" : "refused");
	else
		snprintf(bh, sizeof(bh), "%.3f", bms);
	if (!r->bh_err)
		snprintf(bp, sizeof(bp), "%u", r->bh_processed);
	if (!kernel_na[0] && r->k_err) {
		snprintf(kv, sizeof(kv), "refused");
		snprintf(ks, sizeof(ks), "-");
		snprintf(kp, sizeof(kp), "-");
		snprintf(ratio, sizeof(ratio), "-");
		snprintf(ratio2, sizeof(ratio2), "-");
	} else if (!kernel_na[0]) {
		kms = median(r->k_verif_ms, runs);
		sms = median(r->k_sys_ms, runs);
		snprintf(kv, sizeof(kv), "%.3f", kms);
		snprintf(ks, sizeof(ks), "%.3f", sms);
		snprintf(kp, sizeof(kp), "%u", r->k_processed);
		snprintf(ratio, sizeof(ratio), "-");
		snprintf(ratio2, sizeof(ratio2), "-");
		/* the kernel counts whole microseconds: 0 is below its clock */
		if (!r->bh_err && kms > 0)
			snprintf(ratio, sizeof(ratio), "%.2fx", bms / kms);
		if (!r->bh_err && sms > 0)
			snprintf(ratio2, sizeof(ratio2), "%.2fx", bms / sms);
	}
	printf("%-38s %6zu %10s %10s %10s %8s %8s %9s %9s\n", r->label, r->insn_cnt, bh, kv,
	       ks, ratio, ratio2, bp, kp);
	if (r->bh_unloadable)
		printf("    bpfhost cannot load it even unverified: %s\n", r->bh_why);
	else if (r->bh_err) /* a refusal is loaded once: its time is run 0's */
		printf("    bpfhost refuses (%s) after %.3f ms, %u insns processed: %s\n",
		       strerror(-r->bh_err), r->bh_ms[0], r->bh_processed, r->bh_why);
	if (!kernel_na[0] && r->k_err)
		printf("    kernel refuses (%s): %s\n", strerror(-r->k_err), r->k_why);
}

/* Measure and print every row (@top: tests/progs rows, -1 all), then sums. */
static void measure_all(int runs, int top)
{
	int shown = 0, printed = 0, bh_ok = 0, both = 0;
	double bh_sum = 0, k_sum = 0, s_sum = 0;

	for (int i = 0; i < nrows; i++) {
		struct vb_row *r = &rows[i];

		if (!r->bench && top >= 0 && shown >= top)
			continue;
		shown += !r->bench;
		for (int run = 0; run < runs; run++) {
			/* a refusal does not change with repeats: one load */
			if (!r->bh_unloadable && !(run && r->bh_err))
				bh_run(r, run);
			if (kernel_na[0] || (run && r->k_err))
				continue;
			r->k_err = kernel_run(r, run);
		}
		print_row(r, runs);
		fflush(stdout);
		printed++;
		if (r->bh_err)
			continue;
		bh_ok++;
		if (!kernel_na[0] && !r->k_err) {
			both++;
			bh_sum += median(r->bh_ms, runs);
			k_sum += median(r->k_verif_ms, runs);
			s_sum += median(r->k_sys_ms, runs);
		}
	}
	printf("\nbpfhost verified %d of the %d programs above", bh_ok, printed);
	if (both)
		printf("; over the %d both verify: bpfhost %.1f ms, kernel verifier %.1f ms "
		       "(%.2fx), syscall %.1f ms (%.2fx)", both, bh_sum, k_sum,
		       k_sum > 0 ? bh_sum / k_sum : 0, s_sum, s_sum > 0 ? bh_sum / s_sum : 0);
	printf("\n");
}

/* A whole number 0..max from @s, or -1. */
static int parse_count(const char *s, int max)
{
	char *end;
	long v = strtol(s, &end, 10);

	return *s && !*end && v >= 0 && v <= max ? (int)v : -1;
}

int main(int argc, char **argv)
{
	char build[PATH_MAX] = "", dir[PATH_MAX + 32];
	int runs = 5, top = -1, quick = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick")) {
			quick = 1;
		} else if (!strcmp(argv[i], "--runs") && i + 1 < argc) {
			runs = parse_count(argv[++i], VB_MAX_RUNS);
		} else if (!strcmp(argv[i], "--top") && i + 1 < argc) {
			top = parse_count(argv[++i], INT_MAX);
			if (top < 0) {
				fprintf(stderr, "bench_verify: --top takes a count\n");
				return 1;
			}
		} else if (!strcmp(argv[i], "--build") && i + 1 < argc) {
			snprintf(build, sizeof(build), "%s", argv[++i]);
		} else {
			fprintf(stderr, "usage: bench_verify [--quick] [--runs N] [--top N] "
					"[--build DIR]\n");
			return 1;
		}
	}
	if (quick) {
		runs = 1;
		if (top < 0)
			top = VB_QUICK_TOP;
	}
	if (runs < 1 || runs > VB_MAX_RUNS) {
		fprintf(stderr, "bench_verify: --runs must be 1 to %d\n", VB_MAX_RUNS);
		return 1;
	}
	if (!build[0]) { /* build/bench/bench_verify -> build */
		ssize_t n = readlink("/proc/self/exe", build, sizeof(build) - 1);
		char *slash;

		build[n > 0 ? n : 0] = '\0';
		for (int k = 0; k < 2 && (slash = strrchr(build, '/')); k++)
			*slash = '\0';
		if (!build[0])
			snprintf(build, sizeof(build), "build");
	}
	libbpf_set_print(keep_first);
	snprintf(dir, sizeof(dir), "%s/bench/progs", build);
	if (add_dir(dir, true))
		return 1;
	snprintf(dir, sizeof(dir), "%s/progs", build);
	if (add_dir(dir, false))
		return 1;
	qsort(rows, (size_t)nrows, sizeof(*rows), cmp_rows);
	if (!kernel_usable())
		printf("kernel: n/a (%s): kernel columns skipped\n", kernel_na);
	else
		bh_set_cpu_count((unsigned int)libbpf_num_possible_cpus());
	print_header(runs);
	measure_all(runs, top);
	free(rows);
	return 0;
}
