/* SPDX-License-Identifier: MIT */
/*
 * bench/bench_interp.c - the interpreter against the kernel's JIT.
 *
 * Runs each program of bench/progs/ as XDP on a sample packet three ways:
 *
 *   bpfhost-fast     bh_prog__test_run(), loaded with BH_PROG_LOAD_F_UNCHECKED
 *   bpfhost-checked  the same instructions loaded with
 *                    BH_PROG_LOAD_F_NO_VERIFY (unverified: every load and
 *                    store bounds-checked)
 *   kernel-jit       BPF_PROG_LOAD + BPF_PROG_TEST_RUN through bpf(2)
 *
 * All three get the same packet and the same repeat count, calibrated so
 * one bpfhost-fast measurement takes about BENCH_TARGET_NS.  A measurement
 * is this thread's CPU time (CLOCK_THREAD_CPUTIME_ID, user + system) around
 * one test_run call divided by the repeat count: it counts neither the time
 * other processes take the CPU (builds run next to this) nor integer
 * rounding of the `duration` field.  Each figure is the median of
 * BENCH_ROUNDS measurements, the three engines taking turns.
 *
 * Correctness: every run's retval must equal the one computed by running
 * the program's C source natively (bench/progs/NAME.h, shared with
 * NAME.bpf.c); any difference prints MISMATCH and the exit status is 1.
 *
 * ns/insn divides bpfhost-fast ns/run by a static count of the BPF
 * instructions one run executes, read off `llvm-objdump-19 -d` of the .bin
 * (see the cases[] table).  The count is only valid for the instructions it
 * was taken from, so each case also records the .bin's size; when the .bin
 * differs (another compiler), ns/insn prints as "?".
 *
 * Usage: bench_interp [--quick] [PROGS_DIR]
 *   PROGS_DIR  where NAME.bin are; default: progs/ next to this executable.
 *   --quick    a few runs of each, one round: a smoke test for the suite.
 * Exit status: 0; 1 on a retval mismatch or any failure.  A bpf(2) refused
 * with EPERM or ENOSYS is not a failure: the kernel column says n/a.
 */
#include <linux/bpf.h>
#include <bpfhost/bpfhost.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "progs/alu_loop.h"
#include "progs/csum.h"
#include "progs/parser.h"

#define BENCH_ROUNDS 5
#define BENCH_TARGET_NS 200e6 /* per bpfhost-fast measurement */
#define BENCH_CALIB_REPEAT 100
#define BENCH_QUICK_REPEAT 20
#define BENCH_PKT_CAP 2048
#define BENCH_KLOG_SZ (1U << 20)

enum { ENG_FAST, ENG_CHECKED, ENG_KERNEL, ENG_CNT };

static const char *const eng_names[ENG_CNT] = { "bpfhost-fast",
						"bpfhost-checked",
						"kernel-jit" };

struct bench_case {
	const char *name;  /* row label */
	const char *prog;  /* PROGS_DIR/<prog>.bin */
	/* Writes the sample packet to @pkt, returns its length. */
	uint32_t (*make_pkt)(uint8_t *pkt);
	/* The retval every engine must return: the C source run natively. */
	uint32_t (*expect)(uint8_t *pkt, uint32_t len);
	/*
	 * Where the packet starts in the native run's 8-aligned buffer.  The
	 * parser uses 2 (NET_IP_ALIGN): its IP header lands on a 4-byte
	 * boundary, so the native run makes no misaligned loads (UBSan).
	 */
	uint32_t pkt_off;
	size_t insn_cnt;   /* slots of the .bin exec_cnt was counted on */
	uint32_t exec_cnt; /* BPF instructions one run executes */
};

/* Everything measured for one case. */
struct bench_row {
	struct bpf_insn *insns;
	size_t insn_cnt;
	struct bh_prog *prog[2]; /* ENG_FAST, ENG_CHECKED */
	int kfd;                 /* kernel program, -1 when none */
	uint32_t kverif_cnt;     /* insns the kernel verifier processed */
	uint8_t pkt[BENCH_PKT_CAP];
	uint32_t pkt_len;
	uint32_t expect;
	uint32_t repeat;
	double ns[ENG_CNT][BENCH_ROUNDS];
	unsigned int mismatch; /* bit per engine whose retval was wrong */
};

/* Set once bpf(2) was refused; the kernel column is n/a from then on. */
static char kernel_refused[128];

/* ---- sample packets and native references ---------------------------- */

/* Bytes from a multiplicative hash of the offset: no short period. */
static uint32_t make_pattern_pkt(uint8_t *pkt, uint32_t len)
{
	uint32_t i;

	for (i = 0; i < len; i++)
		pkt[i] = (uint8_t)((i * 2654435761U) >> 13);
	return len;
}

static uint32_t make_alu_pkt(uint8_t *pkt)
{
	return make_pattern_pkt(pkt, 64);
}

static uint32_t expect_alu(uint8_t *pkt, uint32_t len)
{
	uint64_t seed;

	memcpy(&seed, pkt, sizeof(seed));
	return alu_loop_run(seed);
}

static uint32_t make_csum_pkt(uint8_t *pkt)
{
	return make_pattern_pkt(pkt, CSUM_LEN);
}

static uint32_t expect_csum(uint8_t *pkt, uint32_t len)
{
	return csum_run(pkt, pkt + len);
}

/*
 * Ethernet, 802.1ad tag (VLAN 100), 802.1Q tag (VLAN 5), IPv4 with a
 * router-alert option and padding (IHL 7), TCP SYN to port 443 with MSS,
 * SACK-permitted, timestamp, NOP and window-scale options (data offset 10).
 * Parses to REDIRECT.
 */
static const uint8_t parser_v4_pkt[] = {
	/* Ethernet: dst, src, 802.1ad */
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb,
	0x88, 0xa8,
	/* 802.1ad: PCP 0 VLAN 100, 802.1Q; 802.1Q: PCP 1 VLAN 5, IPv4 */
	0x00, 0x64, 0x81, 0x00, 0x20, 0x05, 0x08, 0x00,
	/* IPv4: IHL 7, total 68, DF, TTL 64, TCP, 10.0.0.1 -> 192.168.1.2 */
	0x47, 0x00, 0x00, 0x44, 0x12, 0x34, 0x40, 0x00, 0x40, 0x06, 0x00, 0x00,
	0x0a, 0x00, 0x00, 0x01, 0xc0, 0xa8, 0x01, 0x02,
	/* options: router alert, NOP, NOP, NOP, end */
	0x94, 0x04, 0x00, 0x00, 0x01, 0x01, 0x01, 0x00,
	/* TCP: 40000 -> 443, seq, ack 0, data offset 10, SYN, window 65535 */
	0x9c, 0x40, 0x01, 0xbb, 0x11, 0x22, 0x33, 0x44, 0x00, 0x00, 0x00, 0x00,
	0xa0, 0x02, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00,
	/* MSS 1460, SACK-permitted, timestamp, NOP, window scale 7 */
	0x02, 0x04, 0x05, 0xb4, 0x04, 0x02, 0x08, 0x0a, 0x00, 0x01, 0x02, 0x03,
	0x00, 0x00, 0x00, 0x00, 0x01, 0x03, 0x03, 0x07,
};

/*
 * Ethernet, IPv6 (2001:db8::1 -> 2001:db8::2), hop-by-hop options,
 * destination options, fragment header (offset 0, more fragments), UDP to
 * the VXLAN port, VXLAN (VNI 100), inner Ethernet + IPv4 start.  Parses to
 * REDIRECT.
 */
static const uint8_t parser_v6_pkt[] = {
	/* Ethernet: dst, src, IPv6 */
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb,
	0x86, 0xdd,
	/* IPv6: flow label 0x12345, payload 64, next hop-by-hop, hop limit 64,
	 * 2001:db8::1 -> 2001:db8::2 */
	0x60, 0x01, 0x23, 0x45, 0x00, 0x40, 0x00, 0x40,
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02,
	/* hop-by-hop: next destination options, length 8, PadN */
	0x3c, 0x00, 0x01, 0x04, 0x00, 0x00, 0x00, 0x00,
	/* destination options: next fragment, length 8, PadN */
	0x2c, 0x00, 0x01, 0x04, 0x00, 0x00, 0x00, 0x00,
	/* fragment: next UDP, offset 0, M, identification */
	0x11, 0x00, 0x00, 0x01, 0xde, 0xad, 0xbe, 0xef,
	/* UDP: 50000 -> 4789, length 40 */
	0xc3, 0x50, 0x12, 0xb5, 0x00, 0x28, 0x00, 0x00,
	/* VXLAN: flags I, VNI 100 */
	0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x64, 0x00,
	/* inner Ethernet: dst, src, IPv4; then the start of an IPv4 header */
	0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x02,
	0x08, 0x00, 0x45, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x00,
};

static uint32_t make_parser_v4_pkt(uint8_t *pkt)
{
	memcpy(pkt, parser_v4_pkt, sizeof(parser_v4_pkt));
	return sizeof(parser_v4_pkt);
}

static uint32_t make_parser_v6_pkt(uint8_t *pkt)
{
	memcpy(pkt, parser_v6_pkt, sizeof(parser_v6_pkt));
	return sizeof(parser_v6_pkt);
}

static uint32_t expect_parser(uint8_t *pkt, uint32_t len)
{
	return parser_run(pkt, pkt + len);
}

/*
 * Executed-instruction counts, from `llvm-objdump-19 -d` of the .bin built
 * by clang 19.1 (-O2 -mcpu=v3).  An ld_imm64 (two slots) counts as one
 * instruction: interpreters dispatch it once.
 *
 * alu_loop: insns 0-18 (16 instructions, three are ld_imm64), the loop
 *   19-47 (29) x 4096, the tail 48-51 (4): 16 + 118784 + 4 = 118804.
 * csum: insns 0-7 (8), the loop 8-13 (6) x 256, the tail 14-37 (24):
 *   8 + 1536 + 24 = 1568.
 * parser-v4, parser-v6: the one path each sample takes through the 537
 *   slots, stepped instruction by instruction along the disassembly: 459
 *   and 217.  (Stepped with a small throwaway BPF stepper, which also
 *   reproduces the two counts above and all four retvals.)
 *
 * The kernel verifier agrees on the loops: it walks alu_loop and csum
 * along their single path and reports 118805 and 1569 processed insns, the
 * counts above plus the early-exit branch's `exit`.
 */
static const struct bench_case cases[] = {
	{ .name = "alu_loop", .prog = "alu_loop", .make_pkt = make_alu_pkt,
	  .expect = expect_alu, .insn_cnt = 52, .exec_cnt = 118804 },
	{ .name = "csum", .prog = "csum", .make_pkt = make_csum_pkt,
	  .expect = expect_csum, .insn_cnt = 38, .exec_cnt = 1568 },
	{ .name = "parser-v4", .prog = "parser", .make_pkt = make_parser_v4_pkt,
	  .expect = expect_parser, .pkt_off = 2, .insn_cnt = 537,
	  .exec_cnt = 459 },
	{ .name = "parser-v6", .prog = "parser", .make_pkt = make_parser_v6_pkt,
	  .expect = expect_parser, .pkt_off = 2, .insn_cnt = 537,
	  .exec_cnt = 217 },
};

/* ---- time and files ---------------------------------------------------- */

static double cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(const double *v, int n)
{
	double tmp[BENCH_ROUNDS];

	memcpy(tmp, v, sizeof(*v) * (size_t)n);
	qsort(tmp, (size_t)n, sizeof(*tmp), cmp_double);
	return tmp[n / 2];
}

/* Read a raw instruction file; *insns is malloc'ed.  Returns 0 or -errno. */
static int read_insns(const char *path, struct bpf_insn **insns, size_t *cnt)
{
	FILE *f = fopen(path, "rb");
	long sz;
	int err = 0;

	if (!f)
		return -errno;
	if (fseek(f, 0, SEEK_END) || (sz = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET)) {
		err = -errno;
		goto err_close;
	}
	if (sz == 0 || sz % sizeof(struct bpf_insn)) {
		err = -EINVAL;
		goto err_close;
	}
	*insns = malloc((size_t)sz);
	if (!*insns) {
		err = -ENOMEM;
		goto err_close;
	}
	if (fread(*insns, 1, (size_t)sz, f) != (size_t)sz) {
		free(*insns);
		err = -EIO;
		goto err_close;
	}
	*cnt = (size_t)sz / sizeof(struct bpf_insn);
err_close:
	fclose(f);
	return err;
}

/* Default PROGS_DIR: progs/ next to this executable. */
static void default_progs_dir(char *dir, size_t dir_sz)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	if (n <= 0) {
		snprintf(dir, dir_sz, "build/bench/progs");
		return;
	}
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	*slash = '\0';
	snprintf(dir, dir_sz, "%s/progs", exe);
}

/* ---- the kernel -------------------------------------------------------- */

static int sys_bpf(int cmd, union bpf_attr *attr)
{
	long ret = syscall(__NR_bpf, cmd, attr, sizeof(*attr));

	return ret < 0 ? -errno : (int)ret;
}

static int refused(int err)
{
	return err == -EPERM || err == -ENOSYS;
}

static int kern_load_log(const struct bench_row *row, const char *name,
			 uint32_t log_level, char *log, uint32_t log_sz)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_XDP;
	attr.insns = (uintptr_t)row->insns;
	attr.insn_cnt = (uint32_t)row->insn_cnt;
	attr.license = (uintptr_t)"GPL";
	attr.log_level = log_level;
	attr.log_buf = (uintptr_t)log;
	attr.log_size = log_sz;
	snprintf(attr.prog_name, sizeof(attr.prog_name), "%s", name);
	if (log_sz)
		log[0] = '\0';
	return sys_bpf(BPF_PROG_LOAD, &attr);
}

/*
 * Load @row's instructions into the kernel, recording the verifier's
 * processed-instruction count.  Returns the fd, -EPERM/-ENOSYS when bpf(2)
 * is refused, another -errno after printing the verifier log.
 */
static int kern_load(struct bench_row *row, const char *name)
{
	char *log = malloc(BENCH_KLOG_SZ), *p;
	size_t len;
	int fd;

	if (!log)
		return -ENOMEM;
	fd = kern_load_log(row, name, 4 /* BPF_LOG_STATS */, log, 4096);
	if (fd >= 0) {
		p = strstr(log, "processed ");
		if (p)
			row->kverif_cnt = (uint32_t)strtoul(p + 10, NULL, 10);
	} else if (!refused(fd)) {
		fd = kern_load_log(row, name, 1, log, BENCH_KLOG_SZ);
		len = strlen(log);
		fprintf(stderr,
			"%s: kernel BPF_PROG_LOAD failed (%s); log tail:\n%s\n",
			name, strerror(-fd),
			log + (len > 8192 ? len - 8192 : 0));
	}
	free(log);
	return fd;
}

static int kern_run(const struct bench_row *row, uint32_t repeat,
		    uint32_t *retval)
{
	union bpf_attr attr;
	int err;

	memset(&attr, 0, sizeof(attr));
	attr.test.prog_fd = (uint32_t)row->kfd;
	attr.test.data_in = (uintptr_t)row->pkt;
	attr.test.data_size_in = row->pkt_len;
	attr.test.repeat = repeat;
	err = sys_bpf(BPF_PROG_TEST_RUN, &attr);
	if (err < 0)
		return err;
	*retval = attr.test.retval;
	return 0;
}

/* ---- bpfhost ----------------------------------------------------------- */

static struct bh_prog *bh_load(const struct bench_row *row, const char *name,
			       uint32_t bh_flags)
{
	static char log[65536];
	BH_OPTS(bh_prog_load_opts, opts, .name = name, .bh_flags = bh_flags,
		.log_buf = log, .log_size = sizeof(log), .log_level = 1,
		.license = "GPL");
	struct bh_prog *prog;

	log[0] = '\0';
	prog = bh_prog__load(BPF_PROG_TYPE_XDP, row->insns, row->insn_cnt,
			     &opts);
	if (!prog)
		fprintf(stderr, "%s: bh_prog__load(%s) failed (%s); log:\n%s\n",
			name, bh_flags ? "unchecked" : "checked",
			strerror(errno), log);
	return prog;
}

static int bh_run(const struct bench_row *row, struct bh_prog *prog,
		  uint32_t repeat, uint32_t *retval)
{
	BH_OPTS(bh_test_run_opts, opts, .data_in = row->pkt,
		.data_size_in = row->pkt_len, .repeat = (int)repeat);
	int err = bh_prog__test_run(prog, &opts);

	if (err < 0)
		return err;
	*retval = opts.retval;
	return 0;
}

/* ---- measuring --------------------------------------------------------- */

/* One test_run of @repeat runs on @eng; *ns = CPU ns per run. */
static int measure(struct bench_row *row, const char *name, int eng,
		   uint32_t repeat, double *ns)
{
	uint32_t retval = 0;
	double t0 = cpu_ns();
	int err;

	if (eng == ENG_KERNEL)
		err = kern_run(row, repeat, &retval);
	else
		err = bh_run(row, row->prog[eng], repeat, &retval);
	*ns = (cpu_ns() - t0) / repeat;
	if (err < 0) {
		fprintf(stderr, "%s: %s test_run failed: %s\n", name,
			eng_names[eng], strerror(-err));
		return err;
	}
	if (retval != row->expect && !(row->mismatch & (1U << eng))) {
		fprintf(stderr,
			"%s: MISMATCH: %s returned 0x%08x, expected 0x%08x\n",
			name, eng_names[eng], retval, row->expect);
		row->mismatch |= 1U << eng;
	}
	return 0;
}

/* Repeat count for about BENCH_TARGET_NS of bpfhost-fast. */
static int calibrate(struct bench_row *row, const char *name, int quick)
{
	double ns, r;
	int err;

	if (quick) {
		row->repeat = BENCH_QUICK_REPEAT;
		return 0;
	}
	err = measure(row, name, ENG_FAST, BENCH_CALIB_REPEAT, &ns);
	if (err < 0)
		return err;
	r = BENCH_TARGET_NS / (ns > 1 ? ns : 1);
	row->repeat = r < BENCH_CALIB_REPEAT ? BENCH_CALIB_REPEAT :
		      r > 1e9		     ? 1000000000U :
						   (uint32_t)r;
	return 0;
}

static int row_setup(struct bench_row *row, const struct bench_case *c,
		     const char *dir)
{
	char path[PATH_MAX + 64];
	uint8_t native[BENCH_PKT_CAP + 8] __attribute__((aligned(8)));
	int err;

	snprintf(path, sizeof(path), "%s/%s.bin", dir, c->prog);
	err = read_insns(path, &row->insns, &row->insn_cnt);
	if (err < 0) {
		fprintf(stderr, "%s: %s: %s\n", c->name, path, strerror(-err));
		return err;
	}
	row->pkt_len = c->make_pkt(row->pkt);
	memcpy(native + c->pkt_off, row->pkt, row->pkt_len);
	row->expect = c->expect(native + c->pkt_off, row->pkt_len);
	row->prog[ENG_FAST] = bh_load(row, c->prog, BH_PROG_LOAD_F_UNCHECKED);
	/* unverified, so the checked interpreter runs it (a verified load
	 * runs unchecked, like the fast column) */
	row->prog[ENG_CHECKED] = bh_load(row, c->prog, BH_PROG_LOAD_F_NO_VERIFY);
	if (!row->prog[ENG_FAST] || !row->prog[ENG_CHECKED])
		return -EINVAL;
	if (kernel_refused[0])
		return 0;
	err = kern_load(row, c->prog);
	if (refused(err)) {
		snprintf(kernel_refused, sizeof(kernel_refused),
			 "bpf() refused: %s", strerror(-err));
		return 0;
	}
	if (err < 0)
		return err;
	row->kfd = err;
	return 0;
}

static void row_free(struct bench_row *row)
{
	bh_prog__free(row->prog[ENG_FAST]);
	bh_prog__free(row->prog[ENG_CHECKED]);
	if (row->kfd >= 0)
		close(row->kfd);
	free(row->insns);
}

/* Measure one case; the engines take turns in each round. */
static int row_run(struct bench_row *row, const struct bench_case *c,
		   int rounds, int quick)
{
	int err, round, eng;

	err = calibrate(row, c->name, quick);
	for (round = 0; round < rounds && !err; round++) {
		for (eng = 0; eng < ENG_CNT && !err; eng++) {
			if (eng == ENG_KERNEL && row->kfd < 0)
				continue;
			err = measure(row, c->name, eng, row->repeat,
				      &row->ns[eng][round]);
		}
	}
	return err;
}

/* ---- output ------------------------------------------------------------ */

static void print_header(int rounds)
{
	struct utsname u;
	char line[256], cpu[128] = "unknown CPU";
	FILE *f = fopen("/proc/cpuinfo", "r");
	char *colon;

	while (f && fgets(line, sizeof(line), f)) {
		colon = strchr(line, ':');
		if (strncmp(line, "model name", 10) || !colon)
			continue;
		snprintf(cpu, sizeof(cpu), "%s", colon + 2);
		cpu[strcspn(cpu, "\n")] = '\0';
		break;
	}
	if (f)
		fclose(f);
	if (uname(&u))
		snprintf(u.release, sizeof(u.release), "?");
	printf("bench_interp: bpfhost %s, Linux %s, %s, %ld CPUs\n",
	       bh_version(), u.release, cpu, sysconf(_SC_NPROCESSORS_ONLN));
	printf("ns/run: median of %d, thread CPU time / repeat; "
	       "insns/run: static count (see source)\n\n", rounds);
	printf("%-10s %9s %10s %12s %8s %15s %14s %12s\n", "program",
	       "insns/run", "repeat", "fast ns/run", "ns/insn",
	       "checked ns/run", "kernel ns/run", "fast/kernel");
}

static void print_row(const struct bench_row *row, const struct bench_case *c,
		      int rounds)
{
	double fast = median(row->ns[ENG_FAST], rounds);
	double checked = median(row->ns[ENG_CHECKED], rounds);
	double kern = row->kfd >= 0 ? median(row->ns[ENG_KERNEL], rounds) : 0;
	char insn[16] = "?", per_insn[16] = "?", kcol[16] = "n/a",
	     ratio[16] = "n/a";

	if (c->exec_cnt && c->insn_cnt == row->insn_cnt) {
		snprintf(insn, sizeof(insn), "%u", c->exec_cnt);
		snprintf(per_insn, sizeof(per_insn), "%.2f",
			 fast / c->exec_cnt);
	}
	if (row->kfd >= 0) {
		snprintf(kcol, sizeof(kcol), "%.1f", kern);
		snprintf(ratio, sizeof(ratio), "%.1fx", fast / kern);
	}
	printf("%-10s %9s %10u %12.1f %8s %15.1f %14s %12s%s\n", c->name, insn,
	       row->repeat, fast, per_insn, checked, kcol, ratio,
	       row->mismatch ? "  MISMATCH" : "");
}

static void print_table(const struct bench_row *rows, int nrows, int rounds)
{
	const char *sep = "\nkernel verifier processed insns: ";
	int i;

	print_header(rounds);
	for (i = 0; i < nrows; i++)
		print_row(&rows[i], &cases[i], rounds);
	for (i = 0; i < nrows; i++) {
		if (!rows[i].kverif_cnt)
			continue;
		printf("%s%s %u", sep, cases[i].name, rows[i].kverif_cnt);
		sep = ", ";
	}
	if (sep[0] == ',')
		printf("\n");
	if (kernel_refused[0])
		printf("kernel: n/a (%s)\n", kernel_refused);
}

int main(int argc, char **argv)
{
	enum { NCASES = sizeof(cases) / sizeof(cases[0]) };
	static struct bench_row rows[NCASES];
	char dir[PATH_MAX + 16];
	int quick = 0, rounds, i, failed = 0;
	unsigned int mismatch = 0;

	default_progs_dir(dir, sizeof(dir));
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick"))
			quick = 1;
		else if (argv[i][0] != '-')
			snprintf(dir, sizeof(dir), "%s", argv[i]);
		else {
			fprintf(stderr, "usage: %s [--quick] [PROGS_DIR]\n",
				argv[0]);
			return 2;
		}
	}
	rounds = quick ? 1 : BENCH_ROUNDS;
	for (i = 0; i < NCASES; i++)
		rows[i].kfd = -1;

	for (i = 0; i < NCASES && !failed; i++)
		failed = row_setup(&rows[i], &cases[i], dir) < 0 ||
			 row_run(&rows[i], &cases[i], rounds, quick) < 0;
	if (!failed)
		print_table(rows, NCASES, rounds);
	for (i = 0; i < NCASES; i++) {
		mismatch |= rows[i].mismatch;
		row_free(&rows[i]);
	}
	if (mismatch)
		fprintf(stderr, "bench_interp: MISMATCH: an engine's retval "
				"differs from the native run (see above)\n");
	return failed || mismatch;
}
