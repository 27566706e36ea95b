/* SPDX-License-Identifier: MIT */
/*
 * tests/progs/test_prog.c - program objects and runs: ids and references,
 * accessors, BPF_PROG_TEST_RUN for XDP and SYSCALL programs (with the
 * kernel's rules for data, ctx and their _out sizes), bpf_trace_printk
 * through the trace handler, bpf_get_smp_processor_id, and one program run
 * from several threads at once.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include <bpfhost/bpfhost.h>

#include "helpers/internal.h"
#include "progs/internal.h"
#include "test.h"

/* ---- Instruction builders (test-local) ---------------------------------- */

#define INSN(c, d, s, o, i)                                                 \
	{ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) }
#define A64K(op, d, i) INSN(BPF_ALU64 | BPF_##op | BPF_K, d, 0, 0, i)
#define A64X(op, d, s) INSN(BPF_ALU64 | BPF_##op | BPF_X, d, s, 0, 0)
#define MOV64K(d, i) A64K(MOV, d, i)
#define MOV64X(d, s) A64X(MOV, d, s)
#define LDDW(d, v)                                                          \
	INSN(BPF_LD | BPF_IMM | BPF_DW, d, 0, 0,                            \
	     (int32_t)(uint32_t)(uint64_t)(v)),                             \
	INSN(0, 0, 0, 0, (int32_t)(uint32_t)((uint64_t)(v) >> 32))
#define LDX(sz, d, s, o) INSN(BPF_LDX | BPF_MEM | BPF_##sz, d, s, o, 0)
#define STX(sz, d, s, o) INSN(BPF_STX | BPF_MEM | BPF_##sz, d, s, o, 0)
#define ST(sz, d, o, i) INSN(BPF_ST | BPF_MEM | BPF_##sz, d, 0, o, i)
#define ATOMIC(sz, d, s, o, op) INSN(BPF_STX | BPF_ATOMIC | BPF_##sz, d, s, o, op)
#define CALL(id) INSN(BPF_JMP | BPF_CALL, 0, 0, 0, id)
#define EXIT() INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define XDP_PASS 2

static struct bh_prog *load(uint32_t type, const struct bpf_insn *insns,
			    size_t cnt, uint32_t bh_flags, const char *name)
{
	char log[256] = "";
	BH_OPTS(bh_prog_load_opts, opts, .name = name, .bh_flags = bh_flags,
		.license = "GPL", .log_buf = log, .log_size = sizeof(log),
		.entry_args = 2);
	struct bh_prog *prog = bh_prog__load(type, insns, cnt, &opts);

	if (!prog)
		fprintf(stderr, "  load failed: errno %d, log: %s\n", errno, log);
	return prog;
}

static const struct bpf_insn ret7[] = { MOV64K(0, 7), EXIT() };

/* ---- Ids, references, accessors --------------------------------------------- */

static bool id_listed(uint32_t id)
{
	uint32_t cur = 0, next, prev = 0;

	while (!bh_prog__next_id(cur, &next)) {
		if (next <= prev)
			return false; /* not ascending: treat as a failure */
		if (next == id)
			return true;
		prev = cur = next;
	}
	return false;
}

static void test_prog__ids(void)
{
	struct bh_prog *a = load(BPF_PROG_TYPE_SYSCALL, ret7, NELEM(ret7), 0, NULL);
	struct bh_prog *b = load(BPF_PROG_TYPE_XDP, ret7, NELEM(ret7), 0, NULL);
	struct bh_prog *found;
	uint32_t ida, idb, next = 0, cur, prev;
	int ret;

	REQUIRE("prog-ids-load", a && b);
	ida = bh_prog__id(a);
	idb = bh_prog__id(b);
	CHECK("prog-ids-nonzero", ida != 0 && idb != 0);
	CHECK("prog-ids-grow", idb > ida);

	found = bh_prog__by_id(ida);
	CHECK("prog-ids-by-id", found == a);
	bh_prog__free(found);
	found = bh_prog__by_id(idb);
	CHECK("prog-ids-by-id-b", found == b);
	bh_prog__free(found);

	CHECK_EQ("prog-ids-next-a", bh_prog__next_id(ida, &next), 0);
	CHECK_EQ("prog-ids-next-is-b", next, idb);
	CHECK("prog-ids-listed-a", id_listed(ida));
	CHECK("prog-ids-listed-b", id_listed(idb));
	/* the walk from 0 is strictly ascending */
	cur = 0;
	prev = 0;
	while (!bh_prog__next_id(cur, &next)) {
		CHECK("prog-ids-ascending", next > prev);
		prev = cur = next;
	}
	errno = 0;
	CHECK_EQ("prog-ids-next-end", bh_prog__next_id(idb, &next), -ENOENT);
	CHECK_EQ("prog-ids-next-end-errno", errno, ENOENT);
	CHECK_EQ("prog-ids-next-max", bh_prog__next_id(UINT32_MAX, &next), -ENOENT);

	bh_prog__free(a);
	errno = 0;
	CHECK("prog-ids-gone", !bh_prog__by_id(ida));
	CHECK_EQ("prog-ids-gone-errno", errno, ENOENT);
	CHECK("prog-ids-unlisted", !id_listed(ida));
	ret = bh_prog__next_id(0, &next);
	CHECK("prog-ids-next-skips", ret == 0 && next != ida);
	bh_prog__free(b);
	CHECK("prog-ids-gone-b", !bh_prog__by_id(idb));
	errno = 0;
	CHECK("prog-ids-zero", !bh_prog__by_id(0));
	CHECK_EQ("prog-ids-zero-errno", errno, ENOENT);

	/* ids are not reused */
	a = load(BPF_PROG_TYPE_SYSCALL, ret7, NELEM(ret7), 0, NULL);
	REQUIRE("prog-ids-reload", a);
	CHECK("prog-ids-fresh", bh_prog__id(a) > idb);
	bh_prog__free(a);
}

static void test_prog__refcounts(void)
{
	struct bh_prog *p = load(BPF_PROG_TYPE_SYSCALL, ret7, NELEM(ret7), 0, NULL);
	struct bh_prog *q;
	uint32_t id;
	uint64_t r0;

	REQUIRE("prog-ref-load", p);
	id = bh_prog__id(p);
	CHECK("prog-ref-get", bh_prog__get(p) == p);
	bh_prog__free(p); /* one reference left */
	q = bh_prog__by_id(id);
	CHECK("prog-ref-alive", q == p);
	bh_prog__free(q);
	CHECK_EQ("prog-ref-runs", bh_prog__exec(p, NULL, 0, NULL, 0, &r0), 0);
	CHECK_EQ("prog-ref-runs-r0", r0, 7);

	/* a reference from by_id keeps it after the loader's one is dropped */
	q = bh_prog__by_id(id);
	REQUIRE("prog-ref-by-id", q == p);
	bh_prog__free(p);
	CHECK_EQ("prog-ref-by-id-runs", bh_prog__exec(q, NULL, 0, NULL, 0, &r0), 0);
	p = bh_prog__by_id(id);
	CHECK("prog-ref-still", p == q);
	bh_prog__free(p);
	bh_prog__free(q);
	CHECK("prog-ref-gone", !bh_prog__by_id(id));
	bh_prog__free(NULL);
}

static void test_prog__accessors(void)
{
	struct bpf_insn insns[] = { MOV64K(0, 1), A64K(ADD, 0, 2), EXIT() };
	const struct bpf_insn *got;
	struct bh_prog *p, *q;
	size_t cnt = 0;
	uint64_t r0;

	p = load(BPF_PROG_TYPE_XDP, insns, NELEM(insns), 0, "my_xdp");
	q = load(BPF_PROG_TYPE_SYSCALL, insns, NELEM(insns), 0, NULL);
	REQUIRE("prog-acc-load", p && q);
	CHECK_EQ("prog-acc-type", bh_prog__type(p), BPF_PROG_TYPE_XDP);
	CHECK_EQ("prog-acc-type-q", bh_prog__type(q), BPF_PROG_TYPE_SYSCALL);
	CHECK("prog-acc-name", !strcmp(bh_prog__name(p), "my_xdp"));
	CHECK("prog-acc-no-name", !strcmp(bh_prog__name(q), ""));
	got = bh_prog__insns(p, &cnt);
	CHECK_EQ("prog-acc-cnt", cnt, NELEM(insns));
	CHECK("prog-acc-copy", got != insns);
	CHECK("prog-acc-same", !memcmp(got, insns, sizeof(insns)));
	CHECK("prog-acc-null-cnt", bh_prog__insns(p, NULL) == got);
	/* the caller's array is the caller's: changing it changes nothing */
	insns[0].imm = 100;
	CHECK_EQ("prog-acc-indep", bh_prog__exec(p, NULL, 0, NULL, 0, &r0), 0);
	CHECK_EQ("prog-acc-indep-r0", r0, 3);
	CHECK_EQ("prog-acc-indep-insn", got[0].imm, 1);
	bh_prog__free(p);
	bh_prog__free(q);
}

/* ---- XDP test_run --------------------------------------------------------- */

/* Linux's struct xdp_md. */
struct xdp_md_user {
	uint32_t data, data_end, data_meta;
	uint32_t ingress_ifindex, rx_queue_index, egress_ifindex;
};

/* Returns (data_end - data) << 8 | (data - data_meta): packet and meta size. */
static const struct bpf_insn xdp_sizes[] = {
	LDX(W, 2, 1, 0),
	LDX(W, 3, 1, 4),
	LDX(W, 4, 1, 8),
	MOV64X(0, 3),
	A64X(SUB, 0, 2),
	A64K(LSH, 0, 8),
	A64X(SUB, 2, 4),
	A64X(OR, 0, 2),
	EXIT(),
};

/* data[0] = ~data[0]; data[size - 1] = 0xee; return XDP_PASS. */
static const struct bpf_insn xdp_rewrite[] = {
	LDX(W, 2, 1, 0),
	LDX(W, 3, 1, 4),
	LDX(B, 4, 2, 0),
	A64K(XOR, 4, 0xff),
	STX(B, 2, 4, 0),
	ST(B, 3, -1, 0xee),
	MOV64K(0, XDP_PASS),
	EXIT(),
};

static void fill(uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(i * 7 + 1);
}

static void test_xdp__data_in_out(void)
{
	uint8_t in[64], out[128], want[64];
	struct bh_prog *p;

	fill(in, sizeof(in));
	memcpy(want, in, sizeof(in));
	want[0] ^= 0xff;
	want[63] = 0xee;
	for (int mode = 0; mode < 2; mode++) {
		BH_OPTS(bh_test_run_opts, opts, .data_in = in,
			.data_size_in = sizeof(in), .data_out = out,
			.data_size_out = sizeof(out));

		p = load(BPF_PROG_TYPE_XDP, xdp_rewrite, NELEM(xdp_rewrite),
			 BH_PROG_LOAD_F_NO_VERIFY | /* no bounds checks */
			 (mode ? BH_PROG_LOAD_F_UNCHECKED : 0), NULL);
		REQUIRE("prog-xdp-load", p);
		memset(out, 0x5a, sizeof(out));
		CHECK_EQ("prog-xdp-run", bh_prog__test_run(p, &opts), 0);
		CHECK_EQ("prog-xdp-retval", opts.retval, XDP_PASS);
		CHECK_EQ("prog-xdp-size-out", opts.data_size_out, sizeof(in));
		CHECK("prog-xdp-data-out", !memcmp(out, want, sizeof(want)));
		CHECK_EQ("prog-xdp-out-tail", out[64], 0x5a);
		CHECK_EQ("prog-xdp-in-const", in[0], 1);
		bh_prog__free(p);
	}
}

static void test_xdp__sizes_without_ctx(void)
{
	uint8_t in[100];
	struct bh_prog *p = load(BPF_PROG_TYPE_XDP, xdp_sizes, NELEM(xdp_sizes),
				 0, NULL);
	BH_OPTS(bh_test_run_opts, opts, .data_in = in, .data_size_in = sizeof(in));

	REQUIRE("prog-xdp-sizes-load", p);
	fill(in, sizeof(in));
	CHECK_EQ("prog-xdp-sizes-run", bh_prog__test_run(p, &opts), 0);
	CHECK_EQ("prog-xdp-sizes-ret", opts.retval, 100 << 8);
	/* data_out NULL: the size is still reported */
	CHECK_EQ("prog-xdp-sizes-out-sz", opts.data_size_out, sizeof(in));
	bh_prog__free(p);
}

static void test_xdp__ctx_in_metadata(void)
{
	uint8_t in[40], out[40];
	struct xdp_md_user ctx = { .data = 8, .data_end = sizeof(in) };
	struct xdp_md_user ctx_out;
	struct bh_prog *p = load(BPF_PROG_TYPE_XDP, xdp_sizes, NELEM(xdp_sizes),
				 0, NULL);
	BH_OPTS(bh_test_run_opts, opts, .data_in = in, .data_size_in = sizeof(in),
		.data_out = out, .data_size_out = sizeof(out), .ctx_in = &ctx,
		.ctx_size_in = sizeof(ctx), .ctx_out = &ctx_out,
		.ctx_size_out = sizeof(ctx_out));

	REQUIRE("prog-xdp-meta-load", p);
	fill(in, sizeof(in));
	memset(&ctx_out, 0xff, sizeof(ctx_out));
	CHECK_EQ("prog-xdp-meta-run", bh_prog__test_run(p, &opts), 0);
	/* 8 bytes of metadata, then a 32-byte packet */
	CHECK_EQ("prog-xdp-meta-ret", opts.retval, (32 << 8) | 8);
	/* data_out holds the metadata too, from data_meta on */
	CHECK_EQ("prog-xdp-meta-out-sz", opts.data_size_out, sizeof(in));
	CHECK("prog-xdp-meta-out", !memcmp(out, in, sizeof(in)));
	CHECK_EQ("prog-xdp-meta-ctx-meta", ctx_out.data_meta, 0);
	CHECK_EQ("prog-xdp-meta-ctx-data", ctx_out.data, 8);
	CHECK_EQ("prog-xdp-meta-ctx-end", ctx_out.data_end, sizeof(in));
	CHECK_EQ("prog-xdp-meta-ctx-sz", opts.ctx_size_out, sizeof(ctx_out));

	/* a shorter ctx_in is zero-filled: here data_end is missing */
	opts.ctx_size_in = 4;
	CHECK_EQ("prog-xdp-meta-short", bh_prog__test_run(p, &opts), -EINVAL);
	bh_prog__free(p);
}

static void test_xdp__ctx_in_rules(void)
{
	uint8_t in[64];
	struct {
		struct xdp_md_user md;
		uint32_t extra;
	} big = { .md = { .data_end = sizeof(in) } };
	static const struct {
		struct xdp_md_user md;
		int want;
	} rows[] = {
		{ { .data_end = 64 }, 0 },
		{ { .data = 32, .data_end = 64 }, 0 },
		{ { .data_meta = 4, .data = 4, .data_end = 64 }, -EINVAL },
		{ { .data_end = 63 }, -EINVAL },          /* data_end != size */
		{ { .data_end = 65 }, -EINVAL },
		{ { .data_end = 0 }, -EINVAL },
		{ { .data = 36, .data_end = 64 }, 0 },      /* up to 252 since 6.x */
		{ { .data = 6, .data_end = 64 }, -EINVAL },  /* meta not 4-aligned */
		{ { .data_end = 64, .ingress_ifindex = 1 }, 0 },  /* loopback */
		{ { .data_end = 64, .ingress_ifindex = 9999 }, -ENODEV },
		{ { .data_end = 64, .ingress_ifindex = 1, .rx_queue_index = 1 }, -EINVAL },
		{ { .data_end = 64, .rx_queue_index = 1 }, -EINVAL },
		{ { .data_end = 64, .egress_ifindex = 1 }, -EINVAL },
	};
	struct bh_prog *p = load(BPF_PROG_TYPE_XDP, xdp_sizes, NELEM(xdp_sizes),
				 0, NULL);
	int bad = 0;

	REQUIRE("prog-xdp-rules-load", p);
	fill(in, sizeof(in));
	for (size_t i = 0; i < NELEM(rows); i++) {
		BH_OPTS(bh_test_run_opts, opts, .data_in = in,
			.data_size_in = sizeof(in), .ctx_in = &rows[i].md,
			.ctx_size_in = sizeof(rows[i].md));
		int ret = bh_prog__test_run(p, &opts);

		if (ret != rows[i].want) {
			fprintf(stderr, "  row %zu: %d, want %d\n", i, ret,
				rows[i].want);
			bad++;
		}
	}
	CHECK_EQ("prog-xdp-rules-rows", bad, 0);

	/* bytes of ctx_in past struct xdp_md must be zero */
	{
		BH_OPTS(bh_test_run_opts, opts, .data_in = in,
			.data_size_in = sizeof(in), .ctx_in = &big,
			.ctx_size_in = sizeof(big));

		CHECK_EQ("prog-xdp-rules-big-zero", bh_prog__test_run(p, &opts), 0);
		big.extra = 1;
		CHECK_EQ("prog-xdp-rules-big-tail", bh_prog__test_run(p, &opts),
			 -EINVAL);
	}
	bh_prog__free(p);
}

static void test_xdp__bad_data(void)
{
	uint8_t in[4096];
	struct bh_prog *p = load(BPF_PROG_TYPE_XDP, ret7, NELEM(ret7), 0, NULL);

	REQUIRE("prog-xdp-bad-load", p);
	memset(in, 0, sizeof(in));
	{
		BH_OPTS(bh_test_run_opts, opts, .data_in = in, .data_size_in = 13);

		errno = 0;
		CHECK_EQ("prog-xdp-short", bh_prog__test_run(p, &opts), -EINVAL);
		CHECK_EQ("prog-xdp-short-errno", errno, EINVAL);
		opts.data_size_in = 14; /* ETH_HLEN: the smallest packet */
		CHECK_EQ("prog-xdp-eth-hlen", bh_prog__test_run(p, &opts), 0);
		CHECK_EQ("prog-xdp-eth-hlen-ret", opts.retval, 7);
		/* data_size_out now says 14: as in the kernel, a larger result
		 * with that size hint is -ENOSPC even without data_out */
		opts.data_size_in = 64;
		CHECK_EQ("prog-xdp-size-hint", bh_prog__test_run(p, &opts), -ENOSPC);
		CHECK_EQ("prog-xdp-size-hint-full", opts.data_size_out, 64);
		opts.data_size_out = 0; /* no hint: no limit */
		opts.data_size_in = 0;
		CHECK_EQ("prog-xdp-empty", bh_prog__test_run(p, &opts), -EINVAL);
		opts.data_size_in = 4096 - 256 - 320; /* a page less head/tailroom */
		CHECK_EQ("prog-xdp-max", bh_prog__test_run(p, &opts), 0);
	}
	{
		BH_OPTS(bh_test_run_opts, opts, .data_size_in = 64);

		CHECK_EQ("prog-xdp-null-data", bh_prog__test_run(p, &opts), -EINVAL);
	}
	{
		BH_OPTS(bh_test_run_opts, opts, .data_in = in, .data_size_in = 64,
			.repeat = -1);

		CHECK_EQ("prog-xdp-neg-repeat", bh_prog__test_run(p, &opts), -EINVAL);
	}
	{
		BH_OPTS(bh_test_run_opts, opts, .data_in = in, .data_size_in = 64,
			.flags = 1u << 5);

		CHECK_EQ("prog-xdp-bad-flags", bh_prog__test_run(p, &opts), -EINVAL);
	}
	{
		BH_OPTS(bh_test_run_opts, opts, .data_in = in, .data_size_in = 64,
			.cpu = 1);

		CHECK_EQ("prog-xdp-cpu-no-flag", bh_prog__test_run(p, &opts), -EINVAL);
	}
	{
		/* The kernel's XDP test_run takes no CPU (only raw_tp does). */
		BH_OPTS(bh_test_run_opts, opts, .data_in = in, .data_size_in = 64,
			.flags = BPF_F_TEST_RUN_ON_CPU, .cpu = 0);

		CHECK_EQ("prog-xdp-on-cpu-refused", bh_prog__test_run(p, &opts), -EINVAL);
	}
	{
		BH_OPTS(bh_test_run_opts, opts, .data_in = in, .data_size_in = 64,
			.flags = BPF_F_TEST_XDP_LIVE_FRAMES);

		CHECK_EQ("prog-xdp-live-frames", bh_prog__test_run(p, &opts), -EOPNOTSUPP);
	}
	{
		BH_OPTS(bh_test_run_opts, opts, .data_in = in, .data_size_in = 64,
			.batch_size = 4);

		CHECK_EQ("prog-xdp-batch-size", bh_prog__test_run(p, &opts), -EINVAL);
	}
	{
		uint8_t ctx_out[24];
		BH_OPTS(bh_test_run_opts, opts, .data_in = in, .data_size_in = 64,
			.ctx_out = ctx_out, .ctx_size_out = sizeof(ctx_out));

		CHECK_EQ("prog-xdp-ctx-out-no-in", bh_prog__test_run(p, &opts), -EINVAL);
	}
	{
		struct bh_test_run_opts opts = { .sz = 4 };

		CHECK_EQ("prog-xdp-opts-sz", bh_prog__test_run(p, &opts), -EINVAL);
		CHECK_EQ("prog-xdp-opts-null", bh_prog__test_run(p, NULL), -EINVAL);
		CHECK_EQ("prog-xdp-prog-null", bh_prog__test_run(NULL, &opts), -EINVAL);
	}
	bh_prog__free(p);
}

/* data_out too small: -ENOSPC, the prefix copied, the full size reported. */
static void test_xdp__data_out_too_small(void)
{
	uint8_t in[64], out[32], ctx_small[4];
	struct xdp_md_user ctx_in = { .data_end = sizeof(in) };
	/* unbounded packet access: a test of test_run, not of the verifier */
	struct bh_prog *p = load(BPF_PROG_TYPE_XDP, xdp_rewrite,
				 NELEM(xdp_rewrite), BH_PROG_LOAD_F_NO_VERIFY, NULL);

	REQUIRE("prog-xdp-nospc-load", p);
	fill(in, sizeof(in));
	{
		BH_OPTS(bh_test_run_opts, opts, .data_in = in,
			.data_size_in = sizeof(in), .data_out = out,
			.data_size_out = 10);

		memset(out, 0x5a, sizeof(out));
		errno = 0;
		CHECK_EQ("prog-xdp-nospc", bh_prog__test_run(p, &opts), -ENOSPC);
		CHECK_EQ("prog-xdp-nospc-errno", errno, ENOSPC);
		CHECK_EQ("prog-xdp-nospc-size", opts.data_size_out, sizeof(in));
		CHECK_EQ("prog-xdp-nospc-retval", opts.retval, XDP_PASS);
		CHECK_EQ("prog-xdp-nospc-first", out[0], in[0] ^ 0xff);
		CHECK("prog-xdp-nospc-prefix", !memcmp(out + 1, in + 1, 9));
		CHECK_EQ("prog-xdp-nospc-stop", out[10], 0x5a);
	}
	/* ctx_out too small: the same rule */
	{
		BH_OPTS(bh_test_run_opts, opts, .data_in = in,
			.data_size_in = sizeof(in), .ctx_in = &ctx_in,
			.ctx_size_in = sizeof(ctx_in), .ctx_out = ctx_small,
			.ctx_size_out = sizeof(ctx_small));

		CHECK_EQ("prog-xdp-ctx-nospc", bh_prog__test_run(p, &opts), -ENOSPC);
		CHECK_EQ("prog-xdp-ctx-nospc-size", opts.ctx_size_out,
			 sizeof(struct xdp_md_user));
		CHECK_EQ("prog-xdp-ctx-nospc-data", ctx_small[0], 0);
	}
	bh_prog__free(p);
}

static void test_xdp__repeat_and_duration(void)
{
	uint8_t in[64] = { 0 };
	/* counts its runs in data[0..3] (the packet is rebuilt only once) */
	struct bpf_insn count[] = {
		LDX(W, 2, 1, 0),
		MOV64K(3, 1),
		ATOMIC(W, 2, 3, 0, BPF_ADD | BPF_FETCH),
		MOV64X(0, 3),
		EXIT(),
	};
	uint8_t out[64];
	uint32_t runs;
	/* an atomic on packet data: the verifier refuses it */
	struct bh_prog *p = load(BPF_PROG_TYPE_XDP, count, NELEM(count),
				 BH_PROG_LOAD_F_NO_VERIFY, NULL);
	BH_OPTS(bh_test_run_opts, opts, .data_in = in, .data_size_in = sizeof(in),
		.data_out = out, .data_size_out = sizeof(out), .repeat = 1000);

	REQUIRE("prog-xdp-repeat-load", p);
	CHECK_EQ("prog-xdp-repeat", bh_prog__test_run(p, &opts), 0);
	memcpy(&runs, out, 4);
	CHECK_EQ("prog-xdp-repeat-runs", runs, 1000);
	CHECK_EQ("prog-xdp-repeat-retval", opts.retval, 999);
	CHECK("prog-xdp-repeat-duration", opts.duration > 0);
	/* repeat 0 means once */
	opts.repeat = 0;
	opts.data_size_out = sizeof(out);
	CHECK_EQ("prog-xdp-repeat0", bh_prog__test_run(p, &opts), 0);
	memcpy(&runs, out, 4);
	CHECK_EQ("prog-xdp-repeat0-runs", runs, 1);
	bh_prog__free(p);
}

/* ---- SYSCALL test_run ------------------------------------------------------- */

/* ctx->a += 1; return ctx->b; */
static const struct bpf_insn syscall_prog[] = {
	LDX(W, 2, 1, 0),
	A64K(ADD, 2, 1),
	STX(W, 1, 2, 0),
	LDX(W, 0, 1, 4),
	EXIT(),
};

static void test_syscall__ctx_written_back(void)
{
	uint32_t ctx[2] = { 41, 7 };
	struct bh_prog *p = load(BPF_PROG_TYPE_SYSCALL, syscall_prog,
				 NELEM(syscall_prog),
				 BH_PROG_LOAD_F_NO_VERIFY /* reads past ctx below */, NULL);
	BH_OPTS(bh_test_run_opts, opts, .ctx_in = ctx, .ctx_size_in = sizeof(ctx));

	REQUIRE("prog-sys-load", p);
	CHECK_EQ("prog-sys-run", bh_prog__test_run(p, &opts), 0);
	CHECK_EQ("prog-sys-retval", opts.retval, 7);
	CHECK_EQ("prog-sys-ctx-a", ctx[0], 42);
	CHECK_EQ("prog-sys-ctx-b", ctx[1], 7);
	CHECK_EQ("prog-sys-run2", bh_prog__test_run(p, &opts), 0);
	CHECK_EQ("prog-sys-ctx-a2", ctx[0], 43);

	/* checked: reading past ctx_size_in faults, the context stays */
	opts.ctx_size_in = 4;
	CHECK_EQ("prog-sys-past", bh_prog__test_run(p, &opts), -EFAULT);
	CHECK_EQ("prog-sys-past-ctx", ctx[0], 43);
	bh_prog__free(p);

	/* no context at all: R1 is NULL */
	p = load(BPF_PROG_TYPE_SYSCALL, ret7, NELEM(ret7), 0, NULL);
	REQUIRE("prog-sys-noctx-load", p);
	{
		BH_OPTS(bh_test_run_opts, o2);

		CHECK_EQ("prog-sys-noctx", bh_prog__test_run(p, &o2), 0);
		CHECK_EQ("prog-sys-noctx-ret", o2.retval, 7);
	}
	bh_prog__free(p);
}

static void test_syscall__rejects_unsupported(void)
{
	uint32_t ctx[2] = { 0 }, out[2];
	uint8_t data[64] = { 0 };
	struct bh_prog *p = load(BPF_PROG_TYPE_SYSCALL, syscall_prog,
				 NELEM(syscall_prog), 0, NULL);
	static const int kinds = 7;
	int bad = 0;

	REQUIRE("prog-sys-rej-load", p);
	for (int k = 0; k < kinds; k++) {
		BH_OPTS(bh_test_run_opts, opts, .ctx_in = ctx,
			.ctx_size_in = sizeof(ctx));
		int ret;

		switch (k) {
		case 0: opts.data_in = data; opts.data_size_in = sizeof(data); break;
		case 1: opts.data_out = data; opts.data_size_out = sizeof(data); break;
		case 2: opts.ctx_out = out; opts.ctx_size_out = sizeof(out); break;
		case 3: opts.repeat = 2; break;
		case 4: opts.flags = BPF_F_TEST_RUN_ON_CPU; break;
		case 5: opts.ctx_size_in = 65536; break;
		case 6: opts.ctx_in = NULL; break;
		}
		ctx[0] = 5;
		ret = bh_prog__test_run(p, &opts);
		if (ret != -EINVAL || ctx[0] != 5) {
			fprintf(stderr, "  kind %d: %d ctx %u\n", k, ret, ctx[0]);
			bad++;
		}
	}
	CHECK_EQ("prog-sys-rej-kinds", bad, 0);
	bh_prog__free(p);
}

/* ---- bpf_trace_printk -------------------------------------------------------- */

#define MAX_LINES 8
static struct {
	char line[MAX_LINES][256];
	unsigned int cpu[MAX_LINES];
	int cnt;
} captured;

static void capture(void *ctx, unsigned int cpu, const char *line, size_t len)
{
	int *calls = ctx;

	(*calls)++;
	if (captured.cnt >= MAX_LINES)
		return;
	snprintf(captured.line[captured.cnt], sizeof(captured.line[0]), "%.*s",
		 (int)len, line);
	captured.cpu[captured.cnt++] = cpu;
}

/* Append instructions storing @s and its NUL at fp+@off (8-byte steps). */
static size_t put_str(struct bpf_insn *p, size_t n, int16_t off, const char *s)
{
	size_t len = strlen(s) + 1;

	for (size_t i = 0; i < len; i += 8) {
		uint64_t v = 0;
		struct bpf_insn ld[2] = { LDDW(1, 0) };

		memcpy(&v, s + i, len - i < 8 ? len - i : 8);
		ld[0].imm = (int32_t)(uint32_t)v;
		ld[1].imm = (int32_t)(uint32_t)(v >> 32);
		p[n++] = ld[0];
		p[n++] = ld[1];
		p[n++] = (struct bpf_insn)STX(DW, 10, 1, (int16_t)(off + i));
	}
	return n;
}

/*
 * Run bpf_trace_printk(fmt, fmt_size, a1, a2, a3) with fmt at fp-64 and, when
 * @str is set, @str at fp-128 passed as a2.  Returns R0 (or a value with bit
 * 62 set when the run failed).
 */
static int64_t printk(int mode, const char *fmt, uint32_t fmt_size,
		      uint64_t a1, uint64_t a2, const char *str, uint64_t a3)
{
	struct bpf_insn p[64];
	size_t n = 0;
	struct bh_prog *prog;
	uint64_t r0 = 0;
	int err;

	n = put_str(p, n, -64, fmt);
	if (str)
		n = put_str(p, n, -128, str);
	p[n++] = (struct bpf_insn)MOV64X(1, 10);
	p[n++] = (struct bpf_insn)A64K(ADD, 1, -64);
	p[n++] = (struct bpf_insn)MOV64K(2, (int32_t)fmt_size);
	{
		struct bpf_insn l3[2] = { LDDW(3, a1) }, l4[2] = { LDDW(4, a2) },
				l5[2] = { LDDW(5, a3) };

		p[n++] = l3[0];
		p[n++] = l3[1];
		if (str) {
			p[n++] = (struct bpf_insn)MOV64X(4, 10);
			p[n++] = (struct bpf_insn)A64K(ADD, 4, -128);
		} else {
			p[n++] = l4[0];
			p[n++] = l4[1];
		}
		p[n++] = l5[0];
		p[n++] = l5[1];
	}
	p[n++] = (struct bpf_insn)CALL(BPF_FUNC_trace_printk);
	p[n++] = (struct bpf_insn)EXIT();
	prog = load(BPF_PROG_TYPE_SYSCALL, p, n,
		    mode ? BH_PROG_LOAD_F_UNCHECKED : 0, NULL);
	if (!prog)
		return 1ll << 62;
	err = bh_prog__exec(prog, NULL, 0, NULL, 0, &r0);
	bh_prog__free(prog);
	return err ? (1ll << 62) | (uint32_t)-err : (int64_t)r0;
}

static void test_trace__printk_formats(void)
{
	static const char line1[] = "d=-5 u=4000000000 x=beef\n";
	static const char line2[] = "ll=-1234567890123 s=hello %";
	static const char line3[] = "lu=18446744073709551615 lx=0 c=A";
	int calls = 0;

	bh_trace__set_handler(capture, &calls);
	for (int mode = 0; mode < 2; mode++) {
		const char *fmt1 = "d=%d u=%u x=%x\n";
		const char *fmt2 = "ll=%lld s=%s %%";
		const char *fmt3 = "lu=%llu lx=%llx c=%c";
		int64_t r;

		memset(&captured, 0, sizeof(captured));
		calls = 0;
		r = printk(mode, fmt1, (uint32_t)strlen(fmt1) + 1, (uint64_t)-5,
			   4000000000u, NULL, 0xbeef);
		CHECK_EQ("prog-trace-ret1", r, strlen(line1));
		r = printk(mode, fmt2, (uint32_t)strlen(fmt2) + 1,
			   (uint64_t)-1234567890123ll, 0, "hello", 0);
		CHECK_EQ("prog-trace-ret2", r, strlen(line2));
		r = printk(mode, fmt3, (uint32_t)strlen(fmt3) + 1, UINT64_MAX, 0,
			   NULL, 'A');
		/* %llu takes a1, %llx a2 (0), %c a3 */
		CHECK_EQ("prog-trace-ret3", r, strlen(line3));
		CHECK_EQ("prog-trace-calls", calls, 3);
		CHECK("prog-trace-line1", !strcmp(captured.line[0], line1));
		CHECK("prog-trace-line2", !strcmp(captured.line[1], line2));
		CHECK("prog-trace-line3", !strcmp(captured.line[2], line3));
		for (int i = 0; i < captured.cnt; i++)
			CHECK("prog-trace-cpu", captured.cpu[i] < bh_cpu_count_get());
	}
	bh_trace__set_handler(NULL, NULL);
}

static void test_trace__printk_bad_format(void)
{
	int calls = 0;

	bh_trace__set_handler(capture, &calls);
	for (int mode = 0; mode < 2; mode++) {
		memset(&captured, 0, sizeof(captured));
		calls = 0;
		CHECK_EQ("prog-trace-bad-conv", printk(mode, "x=%q", 5, 1, 2, NULL, 3),
			 -EINVAL);
		CHECK_EQ("prog-trace-bad-trailing", printk(mode, "x=%", 4, 1, 2, NULL, 3),
			 -EINVAL);
		CHECK_EQ("prog-trace-bad-count",
			 printk(mode, "%d %d %d %d", 12, 1, 2, NULL, 3), -EINVAL);
		CHECK_EQ("prog-trace-bad-ls", printk(mode, "%ls", 4, 1, 2, NULL, 3),
			 -EINVAL);
		/* the format must end with its NUL inside fmt_size */
		CHECK_EQ("prog-trace-bad-nul", printk(mode, "abc", 3, 1, 2, NULL, 3),
			 -EINVAL);
		CHECK_EQ("prog-trace-bad-calls", calls, 0);
		/* %s of memory the run may not read prints "(fault)" */
		CHECK_EQ("prog-trace-fault-ret",
			 printk(mode, "s=%s", 5, 4096, 0, NULL, 0), 9);
		CHECK("prog-trace-fault", !strcmp(captured.line[0], "s=(fault)"));
	}
	/* a format outside the run's memory is refused in checked mode */
	{
		struct bpf_insn p[] = {
			MOV64K(1, 4096),
			MOV64K(2, 4),
			CALL(BPF_FUNC_trace_printk),
			EXIT(),
		};
		/* a wild format pointer: the helper's own run-time check */
		struct bh_prog *prog = load(BPF_PROG_TYPE_SYSCALL, p, NELEM(p),
					    BH_PROG_LOAD_F_NO_VERIFY, NULL);
		uint64_t r0 = 0;

		REQUIRE("prog-trace-wild-load", prog);
		CHECK_EQ("prog-trace-wild", bh_prog__exec(prog, NULL, 0, NULL, 0, &r0), 0);
		CHECK_EQ("prog-trace-wild-ret", (int64_t)r0, -EFAULT);
		bh_prog__free(prog);
	}
	bh_trace__set_handler(NULL, NULL);
}

/* ---- bpf_get_smp_processor_id ------------------------------------------------- */

static void test_helper__smp_processor_id(void)
{
	struct bpf_insn prog[] = { CALL(BPF_FUNC_get_smp_processor_id), EXIT() };
	unsigned int ncpu = bh_cpu_count_get();
	uint8_t in[64] = { 0 };
	struct bh_prog *p;
	uint64_t r0;

	CHECK("prog-cpu-count", ncpu >= 1);
	p = load(BPF_PROG_TYPE_XDP, prog, NELEM(prog), 0, NULL);
	REQUIRE("prog-cpu-load", p);
	for (int i = 0; i < 100; i++) {
		r0 = UINT64_MAX;
		CHECK_EQ("prog-cpu-exec", bh_prog__exec(p, NULL, 0, NULL, 0, &r0), 0);
		CHECK("prog-cpu-range", r0 < ncpu);
	}
	/* A thread holding slot N runs nested programs on slot N. */
	for (unsigned int cpu = 0; cpu < ncpu && cpu < 8; cpu++) {
		CHECK_EQ("prog-cpu-enter", bh_cpu_enter((int)cpu), cpu);
		CHECK_EQ("prog-cpu-on-cpu", bh_prog__exec(p, NULL, 0, NULL, 0, &r0), 0);
		CHECK_EQ("prog-cpu-on-cpu-ret", r0, cpu);
		bh_cpu_exit();
	}
	(void)in;
	bh_prog__free(p);
}

/* ---- Concurrent runs ---------------------------------------------------------- */

#define THREADS 4
#define RUNS 20000

struct worker {
	pthread_t thread;
	struct bh_prog *prog;
	uint64_t *counter;
	uint64_t tid;
	int wrong;
	unsigned int cpu_wrong;
};

/* *counter += 1 (atomically); return (tid * 3) << 16 | smp_processor_id() */
static const struct bpf_insn worker_prog[] = {
	MOV64X(6, 2),
	MOV64K(3, 1),
	ATOMIC(DW, 1, 3, 0, BPF_ADD),
	CALL(BPF_FUNC_get_smp_processor_id),
	MOV64X(7, 0),
	MOV64X(0, 6),
	A64K(MUL, 0, 3),
	A64K(LSH, 0, 16),
	A64X(OR, 0, 7),
	EXIT(),
};

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	unsigned int ncpu = bh_cpu_count_get();

	for (int i = 0; i < RUNS; i++) {
		uint64_t args[2] = { (uintptr_t)w->counter, w->tid }, r0 = 0;

		if (bh_prog__exec(w->prog, args, 2, w->counter,
				  sizeof(*w->counter), &r0) ||
		    r0 >> 16 != w->tid * 3)
			w->wrong++;
		if ((r0 & 0xffff) >= ncpu)
			w->cpu_wrong++;
	}
	return NULL;
}

static void test_prog__concurrent_runs(void)
{
	struct worker w[THREADS];
	uint64_t counter = 0;

	for (int mode = 0; mode < 2; mode++) {
		struct bh_prog *p = load(BPF_PROG_TYPE_SYSCALL, worker_prog,
					 NELEM(worker_prog),
					 BH_PROG_LOAD_F_NO_VERIFY | /* reads R2 */
					 (mode ? BH_PROG_LOAD_F_UNCHECKED : 0), NULL);
		int started = 0;

		REQUIRE("prog-mt-load", p);
		counter = 0;
		for (int i = 0; i < THREADS; i++) {
			w[i] = (struct worker){ .prog = p, .counter = &counter,
						.tid = (uint64_t)i + 1 };
			if (!pthread_create(&w[i].thread, NULL, worker_main, &w[i]))
				started++;
		}
		CHECK_EQ("prog-mt-started", started, THREADS);
		for (int i = 0; i < started; i++) {
			pthread_join(w[i].thread, NULL);
			CHECK_EQ("prog-mt-results", w[i].wrong, 0);
			CHECK_EQ("prog-mt-cpu", w[i].cpu_wrong, 0);
		}
		CHECK_EQ("prog-mt-counter", counter, (uint64_t)started * RUNS);
		bh_prog__free(p);
	}
}


/* Flags and widths in formats, as the kernel's bpf_bprintf_prepare takes. */
static void test_trace__format_widths(void)
{
	static const struct {
		const char *fmt;
		uint64_t arg;
		const char *want;
	} rows[] = {
		{ "[%5d]", 42, "[   42]" },
		{ "[%-5d]", 42, "[42   ]" },
		{ "[%08x]", 0xbeef, "[0000beef]" },
		{ "[%+d]", 7, "[+7]" },
		{ "[% d]", 7, "[ 7]" },
		{ "[%3c]", 'x', "[  x]" },
		{ "[%10lld]", (uint64_t)-5, "[        -5]" },
	};
	char out[64];

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int n = helper_format(out, sizeof(out), rows[i].fmt,
				      strlen(rows[i].fmt) + 1, &rows[i].arg, 1);

		CHECK_EQ("prog-fmt-width-len", n, (long long)strlen(rows[i].want));
		if (n >= 0 && strcmp(out, rows[i].want))
			fprintf(stderr, "  %s -> '%s', want '%s'\n", rows[i].fmt,
				out, rows[i].want);
		CHECK("prog-fmt-width-text", n >= 0 && !strcmp(out, rows[i].want));
	}
	/* a wide field is cut to the buffer; the full length is returned */
	CHECK_EQ("prog-fmt-width-long",
		 helper_format(out, sizeof(out), "%12345d", 8, &rows[0].arg, 1), 12345);
	CHECK_EQ("prog-fmt-width-long-nul", strlen(out), sizeof(out) - 1);
	/* flags and width, then no conversion: refused */
	CHECK_EQ("prog-fmt-width-dangling",
		 helper_format(out, sizeof(out), "%08", 4, &rows[0].arg, 1), -EINVAL);
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_trace__format_widths),
	BH_TEST(test_prog__ids),
	BH_TEST(test_prog__refcounts),
	BH_TEST(test_prog__accessors),
	BH_TEST(test_xdp__data_in_out),
	BH_TEST(test_xdp__sizes_without_ctx),
	BH_TEST(test_xdp__ctx_in_metadata),
	BH_TEST(test_xdp__ctx_in_rules),
	BH_TEST(test_xdp__bad_data),
	BH_TEST(test_xdp__data_out_too_small),
	BH_TEST(test_xdp__repeat_and_duration),
	BH_TEST(test_syscall__ctx_written_back),
	BH_TEST(test_syscall__rejects_unsupported),
	BH_TEST(test_trace__printk_formats),
	BH_TEST(test_trace__printk_bad_format),
	BH_TEST(test_helper__smp_processor_id),
	BH_TEST(test_prog__concurrent_runs),
};

BH_TEST_MAIN(cases)
