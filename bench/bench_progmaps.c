/* SPDX-License-Identifier: MIT */
/*
 * bench/bench_progmaps.c - maps used from inside programs: ns per HASH,
 * ARRAY and LRU_HASH lookup and update and PERCPU_ARRAY lookup (its
 * values left zero) made by a BPF program, and ns per
 * run of a packet-parsing XDP program; bpfhost beside the kernel (JIT) on
 * the same objects and the same inputs, through BPF_PROG_TEST_RUN with
 * repeat on both sides.
 *
 * The programs are tests/progs/diffp_51_bench.bpf.c (a bounded loop of 256
 * iterations doing one map operation each, keys 0..255 of maps the host
 * fills first, and loop_empty: the same loop without the map operation)
 * and tests/progs/diffp_32_parser.bpf.c (Ethernet / VLAN / IPv4 / IPv6 /
 * TCP / UDP parser with per-protocol counters) on a 80-byte IPv4 TCP SYN.
 *
 *   ns per operation = (ns per run - ns per run of loop_empty) / 256
 *
 * Each figure is the median of 5 measurements; each measurement is one
 * test_run whose repeat count makes it last about --ms milliseconds
 * (duration = mean ns per run, the kernel's definition).  bpfhost runs
 * each program loaded two ways: "fast" (BH_PROG_LOAD_F_UNCHECKED: the
 * interpreter without per-access checks, for trusted code) and "checked"
 * (the default load: every load and store checked against the run's
 * memory while the verifier is not the default; docs/verifier.md).
 *
 *	bench_progmaps [--quick] [--ms N] [--build DIR] [--cpu]
 *
 * --cpu: bpfhost's columns in this thread's CPU time per run instead of
 * test_run's duration (wall clock), for a machine other jobs load; the
 * kernel column stays its duration.
 * --quick: 4 ms measurements (about a second in all).  Without root (or
 * when bpf() is refused) the kernel column reads "-".  Exits non-zero when
 * a program fails to load or run on bpfhost, or when the parser's verdict
 * differs from the kernel's (tests/progs/diff_objects.c compares all of
 * these programs' results and maps with the kernel's).
 */
#include <bpf/libbpf.h>
#include <bpf/bpf.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bpfhost/bpfhost.h>

#define NOPS 256
#define MEASUREMENTS 5

static unsigned int run_ms = 100;
static const char *build = "build";
static bool kernel_ok;

/* ---- Inputs ----------------------------------------------------------------- */

static uint8_t pkt[80];

static void make_pkt(void)
{
	static const uint8_t hdr[] = {
		0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0x01,
		0x08, 0x00,                                     /* Ethernet */
		0x45, 0x00, 0x00, 0x42, 0x1c, 0x46, 0x40, 0x00, 0x40, 0x06, 0x00, 0x00,
		10, 1, 2, 3, 172, 16, 5, 6,                     /* IPv4 */
		0x04, 0xd2, 0x00, 0x50, 0x11, 0x22, 0x33, 0x44, 0, 0, 0, 0,
		0x50, 0x02, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, /* TCP SYN */
	};

	memcpy(pkt, hdr, sizeof(hdr));
	for (size_t i = sizeof(hdr); i < sizeof(pkt); i++)
		pkt[i] = (uint8_t)(i * 7 + 1);
}

/* ---- The three ways to run ------------------------------------------------ */

enum side { KERNEL, FAST, CHECKED, NSIDES };

static const char *const side_name[NSIDES] = { "kernel", "bpfhost-fast", "bpfhost-checked" };

static struct bpf_object *kobj[2];
static bool cpu_time; /* --cpu */
static struct bh_object *bobj[2][2]; /* [object][FAST/CHECKED] */

static const char *const obj_file[2] = { "diffp_51_bench", "diffp_32_parser" };

/* One run of @prog with @repeat; ns per run in *ns, retval in *retval. */
static int run_once(enum side s, int obj, const char *prog, int repeat,
		    double *ns, uint32_t *retval)
{
	uint8_t out[256];

	if (s == KERNEL) {
		struct bpf_program *p = bpf_object__find_program_by_name(kobj[obj], prog);
		LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = pkt,
			    .data_size_in = sizeof(pkt), .data_out = out,
			    .data_size_out = sizeof(out), .repeat = repeat);
		int r;

		if (!p)
			return -ENOENT;
		r = bpf_prog_test_run_opts(bpf_program__fd(p), &o);
		if (r)
			return r < 0 ? r : -r;
		*ns = o.duration;
		*retval = o.retval;
		return 0;
	} else {
		struct bh_program *p = bh_object__find_program_by_name(bobj[obj][s - 1], prog);
		BH_OPTS(bh_test_run_opts, o, .data_in = pkt, .data_size_in = sizeof(pkt),
			.data_out = out, .data_size_out = sizeof(out), .repeat = repeat);
		int r;

		struct timespec t0, t1;

		if (!p)
			return -ENOENT;
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
		r = bh_prog__test_run(bh_program__prog(p), &o);
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
		if (r)
			return r;
		/* --cpu: this thread's CPU time (bpfhost runs in it), which
		 * other jobs on a shared machine do not inflate */
		*ns = cpu_time ? ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / repeat
			       : o.duration;
		*retval = o.retval;
		return 0;
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Median over MEASUREMENTS of ns per run, each lasting about run_ms. */
static double measure(enum side s, int obj, const char *prog)
{
	double ns, v[MEASUREMENTS];
	uint32_t retval;
	int repeat;

	if (run_once(s, obj, prog, 20, &ns, &retval)) {
		fprintf(stderr, "bench_progmaps: %s: %s does not run\n", side_name[s], prog);
		return -1;
	}
	if (ns < 1)
		ns = 1;
	repeat = (int)(run_ms * 1e6 / MEASUREMENTS / ns);
	if (repeat < 5)
		repeat = 5;
	if (repeat > 10000000)
		repeat = 10000000;
	for (int i = 0; i < MEASUREMENTS; i++) {
		if (run_once(s, obj, prog, repeat, &v[i], &retval))
			return -1;
	}
	qsort(v, MEASUREMENTS, sizeof(v[0]), cmp_double);
	return v[MEASUREMENTS / 2];
}

/* ---- Loading --------------------------------------------------------------- */

static int fill_maps_k(struct bpf_object *o)
{
	static const char *const names[] = { "bh_hash", "bh_array", "bh_lru" };

	for (size_t m = 0; m < 3; m++) {
		struct bpf_map *map = bpf_object__find_map_by_name(o, names[m]);

		if (!map)
			return -ENOENT;
		for (uint32_t k = 0; k < NOPS; k++) {
			uint64_t v = k * 3;

			if (bpf_map_update_elem(bpf_map__fd(map), &k, &v, BPF_ANY))
				return -errno;
		}
	}
	return 0;
}

static int fill_maps_b(struct bh_object *o)
{
	static const char *const names[] = { "bh_hash", "bh_array", "bh_lru" };

	for (size_t m = 0; m < 3; m++) {
		struct bh_object_map *map = bh_object__find_map_by_name(o, names[m]);

		if (!map)
			return -ENOENT;
		for (uint32_t k = 0; k < NOPS; k++) {
			uint64_t v = k * 3;
			int r = bh_map__update_elem(bh_object_map__map(map), &k, &v, BPF_ANY);

			if (r)
				return r;
		}
	}
	return 0;
}

static int silent(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	return 0;
}

static int load_all(void)
{
	char path[512], log[8192];

	for (int i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/progs/%s.bpf.o", build, obj_file[i]);
		for (int s = 0; s < 2; s++) {
			BH_OPTS(bh_object_open_opts, oo, .log_buf = log, .log_size = sizeof(log),
				.prog_bh_flags = s == 0 ? BH_PROG_LOAD_F_UNCHECKED : 0);

			log[0] = 0;
			bobj[i][s] = bh_object__open_file(path, &oo);
			if (!bobj[i][s] || bh_object__load(bobj[i][s])) {
				fprintf(stderr, "bench_progmaps: bpfhost cannot load %s: %s\n%s\n",
					path, strerror(errno), log);
				return -1;
			}
			if (i == 0 && fill_maps_b(bobj[i][s]))
				return -1;
		}
		if (!kernel_ok)
			continue;
		kobj[i] = bpf_object__open_file(path, NULL);
		if (!kobj[i] || bpf_object__load(kobj[i]) || (i == 0 && fill_maps_k(kobj[i]))) {
			fprintf(stderr, "bench_progmaps: the kernel refused %s: no kernel column\n",
				path);
			kernel_ok = false;
		}
	}
	return 0;
}

/* ---- Report ------------------------------------------------------------------ */

static void cell(double v, double kern)
{
	if (v < 0)
		printf("  %10s %7s", "-", "");
	else if (kern > 0)
		printf("  %10.1f %6.1fx", v, v / kern);
	else
		printf("  %10.1f %7s", v, "");
}

int main(int argc, char **argv)
{
	static const struct { const char *label, *prog; } ops[] = {
		{ "hash lookup", "hash_lookup" },
		{ "hash update", "hash_update" },
		{ "array lookup", "array_lookup" },
		{ "array update", "array_update" },
		{ "lru lookup", "lru_lookup" },
		{ "lru update", "lru_update" },
		{ "percpu lookup", "percpu_lookup" },
	};
	double empty[NSIDES], v[NSIDES];
	int fd;

	if (getenv("BUILD"))
		build = getenv("BUILD");
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick"))
			run_ms = 4;
		else if (!strcmp(argv[i], "--ms") && i + 1 < argc)
			run_ms = (unsigned int)atoi(argv[++i]);
		else if (!strcmp(argv[i], "--build") && i + 1 < argc)
			build = argv[++i];
		else if (!strcmp(argv[i], "--cpu"))
			cpu_time = true;
	}
	if (!run_ms)
		run_ms = 1;
	libbpf_set_print(silent);
	fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	kernel_ok = fd >= 0;
	if (fd >= 0)
		close(fd);
	if (kernel_ok)
		bh_set_cpu_count((unsigned int)libbpf_num_possible_cpus());
	make_pkt();
	if (load_all())
		return 1;

	printf("bench_progmaps: map operations made by a program, ns per operation "
	       "(loop of %d, minus the empty loop; median of %d x ~%u ms)\n",
	       NOPS, MEASUREMENTS, run_ms / MEASUREMENTS ? run_ms / MEASUREMENTS : 1);
	printf("%-16s  %10s  %10s %7s  %10s %7s\n", "operation", "kernel",
	       "bh-fast", "ratio", "bh-checked", "ratio");
	for (int s = 0; s < NSIDES; s++)
		empty[s] = s == KERNEL && !kernel_ok ? -1 : measure(s, 0, "loop_empty");
	if (empty[FAST] < 0 || empty[CHECKED] < 0)
		return 1;
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		for (int s = 0; s < NSIDES; s++) {
			double r = s == KERNEL && !kernel_ok ? -1 : measure(s, 0, ops[i].prog);

			if (r < 0 && s != KERNEL)
				return 1;
			v[s] = r < 0 || empty[s] < 0 ? -1 : (r - empty[s]) / NOPS;
		}
		printf("%-16s", ops[i].label);
		if (v[KERNEL] < 0)
			printf("  %10s", "-");
		else
			printf("  %10.2f", v[KERNEL]);
		for (int s = FAST; s < NSIDES; s++) {
			if (v[KERNEL] > 0)
				printf("  %10.2f %6.1fx", v[s], v[s] / v[KERNEL]);
			else
				printf("  %10.2f %7s", v[s], "");
		}
		printf("\n");
	}
	printf("%-16s", "empty loop/run");
	if (empty[KERNEL] < 0)
		printf("  %10s", "-");
	else
		printf("  %10.1f", empty[KERNEL]);
	for (int s = FAST; s < NSIDES; s++)
		cell(empty[s], empty[KERNEL]);
	printf("   (ns per run of loop_empty)\n");

	for (int s = 0; s < NSIDES; s++) {
		v[s] = s == KERNEL && !kernel_ok ? -1 : measure(s, 1, "parser");
		if (v[s] < 0 && s != KERNEL)
			return 1;
	}
	printf("%-16s", "parser/run");
	if (v[KERNEL] < 0)
		printf("  %10s", "-");
	else
		printf("  %10.1f", v[KERNEL]);
	for (int s = FAST; s < NSIDES; s++)
		cell(v[s], v[KERNEL]);
	printf("   (ns per XDP test_run of diffp_32_parser, 80-byte TCP SYN)\n");

	/* the same programs must have computed the same things */
	if (kernel_ok) {
		double ns;
		uint32_t kr, br;

		if (run_once(KERNEL, 1, "parser", 1, &ns, &kr) ||
		    run_once(FAST, 1, "parser", 1, &ns, &br) || kr != br) {
			fprintf(stderr, "bench_progmaps: parser verdicts differ\n");
			return 1;
		}
	}
	for (int i = 0; i < 2; i++) {
		bpf_object__close(kobj[i]);
		bh_object__close(bobj[i][0]);
		bh_object__close(bobj[i][1]);
	}
	return 0;
}
