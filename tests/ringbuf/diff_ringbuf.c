/* SPDX-License-Identifier: MIT */
/*
 * tests/ringbuf/diff_ringbuf.c - differential test (make diff): the same
 * BPF program producing into a ring buffer on the kernel (BPF_PROG_TEST_RUN
 * of a SOCKET_FILTER) and on bpfhost; the consumer-visible record sequences
 * (sizes and bytes) and the program's return value must be identical.
 *
 * The program, per run: bpf_ringbuf_output of 8 stack bytes, reserve+submit
 * of 16, reserve+discard of 8, reserve_dynptr 24 + dynptr_write at 16 +
 * submit_dynptr, reserve_dynptr 8 + discard_dynptr, output of 0 bytes, a
 * reserve with bad flags (NULL), reserve_dynptr of 16 MiB (-E2BIG); returns
 * BPF_RB_AVAIL_DATA plus the two failures' results.  Skips when bpf(2) is
 * refused.
 */
#include <linux/bpf.h>
#include <bpfhost/bpfhost.h>

#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "test.h"

#define RING_SZ 4096
#define RUNS 20
#define MAX_RECS 256

#define I(c, d, s, o, i) \
	{ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) }
#define LD_MAP(d, ref) I(BPF_LD | BPF_IMM | BPF_DW, d, BPF_PSEUDO_MAP_FD, 0, ref), I(0, 0, 0, 0, 0)
#define MOVK(d, i) I(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define MOVX(d, s) I(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define ADDK(d, i) I(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, i)
#define ADDX(d, s) I(BPF_ALU64 | BPF_ADD | BPF_X, d, s, 0, 0)
#define STDW(d, o, i) I(BPF_ST | BPF_MEM | BPF_DW, d, 0, o, i)
#define CALL(f) I(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_##f)
#define JEQK(d, i, o) I(BPF_JMP | BPF_JEQ | BPF_K, d, 0, o, i)
#define EXIT() I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)
#define FP_ARG(r, off) MOVX(r, 10), ADDK(r, off)

static size_t build(struct bpf_insn *p, int ref)
{
	const struct bpf_insn prog[] = {
		/* output 8 bytes from fp-8 */
		STDW(10, -8, 0x11),
		LD_MAP(1, ref), FP_ARG(2, -8), MOVK(3, 8), MOVK(4, 0), CALL(ringbuf_output),
		/* reserve 16, fill, submit */
		LD_MAP(1, ref), MOVK(2, 16), MOVK(3, 0), CALL(ringbuf_reserve),
		JEQK(0, 0, 5),
		STDW(0, 0, 0x22), STDW(0, 8, 0x23),
		MOVX(1, 0), MOVK(2, 0), CALL(ringbuf_submit),
		/* reserve 8, fill, discard */
		LD_MAP(1, ref), MOVK(2, 8), MOVK(3, 0), CALL(ringbuf_reserve),
		JEQK(0, 0, 4),
		STDW(0, 0, 0x33),
		MOVX(1, 0), MOVK(2, 0), CALL(ringbuf_discard),
		/* dynptr at fp-32: reserve 24, zero it, write 0x44 at 16, submit */
		LD_MAP(1, ref), MOVK(2, 24), MOVK(3, 0), FP_ARG(4, -32),
		CALL(ringbuf_reserve_dynptr),
		STDW(10, -40, 0), STDW(10, -48, 0), STDW(10, -56, 0),
		FP_ARG(1, -32), MOVK(2, 0), FP_ARG(3, -56), MOVK(4, 24), MOVK(5, 0),
		CALL(dynptr_write),
		STDW(10, -8, 0x44),
		FP_ARG(1, -32), MOVK(2, 16), FP_ARG(3, -8), MOVK(4, 8), MOVK(5, 0),
		CALL(dynptr_write),
		FP_ARG(1, -32), MOVK(2, 0), CALL(ringbuf_submit_dynptr),
		/* reserve_dynptr 8, discard */
		LD_MAP(1, ref), MOVK(2, 8), MOVK(3, 0), FP_ARG(4, -32),
		CALL(ringbuf_reserve_dynptr),
		FP_ARG(1, -32), MOVK(2, 0), CALL(ringbuf_discard_dynptr),
		/* output 0 bytes */
		LD_MAP(1, ref), FP_ARG(2, -8), MOVK(3, 0), MOVK(4, 0), CALL(ringbuf_output),
		MOVX(6, 0),
		/* reserve_dynptr of 16 MiB: -E2BIG, then discard (null dynptr) */
		LD_MAP(1, ref), MOVK(2, 1 << 24), MOVK(3, 0), FP_ARG(4, -32),
		CALL(ringbuf_reserve_dynptr),
		ADDX(6, 0),
		FP_ARG(1, -32), MOVK(2, 0), CALL(ringbuf_discard_dynptr),
		/* r0 = avail data + r6 * 1000 */
		LD_MAP(1, ref), MOVK(2, BPF_RB_AVAIL_DATA), CALL(ringbuf_query),
		I(BPF_ALU64 | BPF_MUL | BPF_K, 6, 0, 0, 1000), ADDX(0, 6),
		EXIT(),
	};

	memcpy(p, prog, sizeof(prog));
	return sizeof(prog) / sizeof(prog[0]);
}

struct recs {
	unsigned int cnt;
	uint32_t size[MAX_RECS];
	uint8_t bytes[MAX_RECS][32];
};

static void add_rec(struct recs *r, const void *data, size_t size)
{
	if (r->cnt >= MAX_RECS)
		return;
	r->size[r->cnt] = (uint32_t)size;
	memcpy(r->bytes[r->cnt], data, size < 32 ? size : 32);
	r->cnt++;
}

static int bh_cb(void *ctx, void *data, size_t size)
{
	add_rec(ctx, data, size);
	return 0;
}

static long sys_bpf(int cmd, union bpf_attr *a)
{
	return syscall(__NR_bpf, cmd, a, sizeof(*a));
}

/* The kernel side: records and return values of RUNS runs; -errno. */
static int run_kernel(struct recs *r, uint32_t *retvals)
{
	static char log[1 << 16];
	long page = sysconf(_SC_PAGESIZE);
	struct bpf_insn insns[256];
	union bpf_attr a;
	int map, prog, ret = 0;
	uint8_t *cons_page, *prod;

	memset(&a, 0, sizeof(a));
	a.map_type = BPF_MAP_TYPE_RINGBUF;
	a.max_entries = RING_SZ;
	map = (int)sys_bpf(BPF_MAP_CREATE, &a);
	if (map < 0)
		return -errno;
	memset(&a, 0, sizeof(a));
	a.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
	a.insns = (uintptr_t)insns;
	a.insn_cnt = (uint32_t)build(insns, map);
	a.license = (uintptr_t)"GPL";
	a.log_buf = (uintptr_t)log;
	a.log_size = sizeof(log);
	a.log_level = 1;
	prog = (int)sys_bpf(BPF_PROG_LOAD, &a);
	if (prog < 0) {
		ret = -errno;
		fprintf(stderr, "  kernel load: %s\n%s\n", strerror(errno), log);
		close(map);
		return ret;
	}
	cons_page = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE, MAP_SHARED, map, 0);
	prod = mmap(NULL, (size_t)page + 2 * RING_SZ, PROT_READ, MAP_SHARED, map, page);
	for (int i = 0; i < RUNS && prod != MAP_FAILED && cons_page != MAP_FAILED; i++) {
		static uint8_t pkt[64];
		_Atomic uint64_t *cp = (_Atomic uint64_t *)cons_page;
		_Atomic uint64_t *pp = (_Atomic uint64_t *)prod;
		uint64_t cons = atomic_load(cp), pos = atomic_load(pp);

		memset(&a, 0, sizeof(a));
		a.test.prog_fd = (uint32_t)prog;
		a.test.data_in = (uintptr_t)pkt;
		a.test.data_size_in = sizeof(pkt);
		if (sys_bpf(BPF_PROG_TEST_RUN, &a)) {
			ret = -errno;
			break;
		}
		retvals[i] = a.test.retval;
		pos = atomic_load(pp);
		while (cons < pos) {
			uint32_t len = atomic_load((_Atomic uint32_t *)(prod + page +
									(cons & (RING_SZ - 1))));
			uint32_t size = len & ~(uint32_t)(BPF_RINGBUF_BUSY_BIT |
							  BPF_RINGBUF_DISCARD_BIT);

			if (len & BPF_RINGBUF_BUSY_BIT)
				break;
			if (!(len & BPF_RINGBUF_DISCARD_BIT))
				add_rec(r, prod + page + ((cons + 8) & (RING_SZ - 1)), size);
			cons += (size + 8 + 7) & ~7U;
			atomic_store(cp, cons);
		}
	}
	munmap(cons_page, (size_t)page);
	munmap(prod, (size_t)page + 2 * RING_SZ);
	close(prog);
	close(map);
	return ret;
}

static int run_bpfhost(struct recs *r, uint32_t *retvals)
{
	struct bh_map *m = bh_map__create(BPF_MAP_TYPE_RINGBUF, "diff", 0, 0,
					  RING_SZ, NULL);
	struct bh_ring_buffer *rb = m ? bh_ring_buffer__new(m, bh_cb, r, NULL) : NULL;
	struct bpf_insn insns[256];
	struct bh_prog *prog = NULL;
	size_t n;
	int ret = 0;

	if (!rb) {
		bh_map__free(m);
		return -errno;
	}
	n = build(insns, (int)bh_map__id(m));
	BH_OPTS(bh_prog_load_opts, lo, .license = "GPL");
	prog = bh_prog__load(BPF_PROG_TYPE_SYSCALL, insns, n, &lo);
	for (int i = 0; prog && i < RUNS; i++) {
		uint64_t r0 = 0;

		ret = bh_prog__exec(prog, NULL, 0, NULL, 0, &r0);
		if (ret)
			break;
		retvals[i] = (uint32_t)r0;
		bh_ring_buffer__consume(rb);
	}
	if (!prog)
		ret = -errno;
	bh_prog__free(prog);
	bh_ring_buffer__free(rb);
	bh_map__free(m);
	return ret;
}

static void test_diff_ringbuf__records(void)
{
	static struct recs k, b;
	uint32_t kret[RUNS] = { 0 }, bret[RUNS] = { 0 };
	int ret = run_kernel(&k, kret);

	if (ret == -EPERM || ret == -ENOSYS)
		SKIP("bpf(2) refused: %s", strerror(-ret));
	REQUIRE("diff-rb-kernel", ret == 0);
	REQUIRE("diff-rb-bpfhost", run_bpfhost(&b, bret) == 0);
	CHECK_EQ("diff-rb-count", b.cnt, k.cnt);
	CHECK_EQ("diff-rb-count-expected", k.cnt, 4 * RUNS);
	for (unsigned int i = 0; i < k.cnt && i < b.cnt; i++) {
		CHECK_EQ("diff-rb-size", b.size[i], k.size[i]);
		CHECK("diff-rb-bytes", !memcmp(b.bytes[i], k.bytes[i],
					       k.size[i] < 32 ? k.size[i] : 32));
	}
	for (int i = 0; i < RUNS; i++)
		CHECK_EQ("diff-rb-retval", bret[i], kret[i]);
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_diff_ringbuf__records),
};

BH_TEST_MAIN(cases)
