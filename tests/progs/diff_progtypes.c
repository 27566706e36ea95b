/* SPDX-License-Identifier: MIT */
/*
 * tests/progs/diff_progtypes.c - differential test of the program types
 * and helpers of bpfhost against the kernel's, through the raw bpf()
 * syscall: the same instructions, the same BPF_PROG_TEST_RUN inputs; the
 * return code, retval, data_out and ctx_out must agree.
 *
 * Covers SOCKET_FILTER and SCHED_CLS contexts and test_run rules, the
 * checksum helpers (random values), skb load/store bounds, the XDP adjust
 * helpers' bounds, RAW_TRACEPOINT test_run, and which helpers each type
 * (KPROBE, TRACEPOINT and PERF_EVENT included) may call (the verifier's
 * "program of this type cannot use helper").
 *
 *	diff_progtypes [--seed N]
 *
 * Prints "ok NAME" / "not ok NAME" / "skip NAME: why"; skips everything
 * when bpf() is refused.
 */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#include <linux/bpf.h>

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <bpfhost/bpfhost.h>

#include "progs/insn_builders.h"

#ifndef BPF_F_TEST_SKB_CHECKSUM_COMPLETE
#define BPF_F_TEST_SKB_CHECKSUM_COMPLETE (1U << 2)
#endif

static uint64_t rng = 0x2545f4914f6cdd1dULL;
static int failures;

static uint64_t rnd64(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

static int sys_bpf(int cmd, union bpf_attr *attr)
{
	long r = syscall(__NR_bpf, cmd, attr, sizeof(*attr));

	return r < 0 ? -errno : (int)r;
}

/* ---- One program, both sides ------------------------------------------------ */

struct side {
	int load_err;    /* 0 or -errno */
	char log[1 << 18];
	int ret;         /* test_run result */
	uint32_t retval;
	uint8_t data_out[4096];
	uint32_t data_size_out;
	uint8_t ctx_out[256];
	uint32_t ctx_size_out;
};

struct run {
	uint32_t type, attach;
	const struct bpf_insn *insns;
	size_t cnt;
	const void *data;
	uint32_t data_sz, data_out_sz;
	const void *ctx;
	uint32_t ctx_sz, ctx_out_sz;
	uint32_t flags, cpu, repeat;
	bool no_data_out;
};

static void k_side(const struct run *r, struct side *s)
{
	union bpf_attr a;
	int fd;

	memset(s, 0, sizeof(*s));
	memset(&a, 0, sizeof(a));
	a.prog_type = r->type;
	a.expected_attach_type = r->attach;
	a.insns = (uintptr_t)r->insns;
	a.insn_cnt = (uint32_t)r->cnt;
	a.license = (uintptr_t)"GPL";
	a.log_buf = (uintptr_t)s->log;
	a.log_size = sizeof(s->log);
	a.log_level = 1;
	fd = sys_bpf(BPF_PROG_LOAD, &a);
	if (fd < 0) {
		s->load_err = fd;
		return;
	}
	memset(&a, 0, sizeof(a));
	a.test.prog_fd = (uint32_t)fd;
	a.test.data_in = (uintptr_t)r->data;
	a.test.data_size_in = r->data_sz;
	if (!r->no_data_out) {
		a.test.data_out = (uintptr_t)s->data_out;
		a.test.data_size_out = r->data_out_sz ? r->data_out_sz : sizeof(s->data_out);
	}
	a.test.ctx_in = (uintptr_t)r->ctx;
	a.test.ctx_size_in = r->ctx_sz;
	if (r->ctx_out_sz) {
		a.test.ctx_out = (uintptr_t)s->ctx_out;
		a.test.ctx_size_out = r->ctx_out_sz;
	}
	a.test.flags = r->flags;
	a.test.cpu = r->cpu;
	a.test.repeat = r->repeat;
	s->ret = sys_bpf(BPF_PROG_TEST_RUN, &a);
	s->retval = a.test.retval;
	s->data_size_out = a.test.data_size_out;
	s->ctx_size_out = a.test.ctx_size_out;
	close(fd);
}

static void b_side(const struct run *r, struct side *s)
{
	BH_OPTS(bh_prog_load_opts, lo, .license = "GPL", .log_buf = s->log,
		.log_size = sizeof(s->log), .log_level = 1,
		.expected_attach_type = r->attach);
	BH_OPTS(bh_test_run_opts, o, .data_in = r->data, .data_size_in = r->data_sz,
		.ctx_in = r->ctx, .ctx_size_in = r->ctx_sz, .flags = r->flags,
		.cpu = r->cpu, .repeat = (int)r->repeat);
	struct bh_prog *prog;

	memset(s, 0, sizeof(*s));
	prog = bh_prog__load(r->type, r->insns, r->cnt, &lo);
	if (!prog) {
		s->load_err = -errno;
		return;
	}
	if (!r->no_data_out) {
		o.data_out = s->data_out;
		o.data_size_out = r->data_out_sz ? r->data_out_sz : sizeof(s->data_out);
	}
	if (r->ctx_out_sz) {
		o.ctx_out = s->ctx_out;
		o.ctx_size_out = r->ctx_out_sz;
	}
	s->ret = bh_prog__test_run(prog, &o);
	s->retval = o.retval;
	s->data_size_out = o.data_size_out;
	s->ctx_size_out = o.ctx_size_out;
	bh_prog__free(prog);
}

/* Compare; print the first difference.  Returns true when equal. */
static bool same(const char *what, const struct run *r)
{
	static struct side k, b;

	k_side(r, &k);
	b_side(r, &b);
	if ((k.load_err != 0) != (b.load_err != 0)) {
		printf("  %s: load kernel %d bpfhost %d\n  kernel log: %.300s\n  bpfhost log: %.300s\n",
		       what, k.load_err, b.load_err, k.log, b.log);
		return false;
	}
	if (k.load_err)
		return true;
	if (k.ret != b.ret || ((!k.ret || k.ret == -ENOSPC) && k.retval != b.retval)) {
		printf("  %s: ret kernel %d/%u bpfhost %d/%u\n", what, k.ret,
		       k.retval, b.ret, b.retval);
		return false;
	}
	if (k.ret && k.ret != -ENOSPC)
		return true;
	if (k.data_size_out != b.data_size_out ||
	    memcmp(k.data_out, b.data_out,
		   k.data_size_out < sizeof(k.data_out) ? k.data_size_out : sizeof(k.data_out))) {
		printf("  %s: data_out differs (size kernel %u bpfhost %u)\n", what,
		       k.data_size_out, b.data_size_out);
		for (uint32_t i = 0; i < k.data_size_out && i < 64; i++)
			if (k.data_out[i] != b.data_out[i])
				printf("    [%u] kernel %02x bpfhost %02x\n", i,
				       k.data_out[i], b.data_out[i]);
		return false;
	}
	if (r->ctx_out_sz && (k.ctx_size_out != b.ctx_size_out ||
			      memcmp(k.ctx_out, b.ctx_out, r->ctx_out_sz))) {
		printf("  %s: ctx_out differs\n", what);
		for (uint32_t i = 0; i < r->ctx_out_sz; i++)
			if (k.ctx_out[i] != b.ctx_out[i])
				printf("    [%u] kernel %02x bpfhost %02x\n", i,
				       k.ctx_out[i], b.ctx_out[i]);
		return false;
	}
	return true;
}

static void report(const char *name, bool ok)
{
	printf("%s %s\n", ok ? "ok" : "not ok", name);
	if (!ok)
		failures++;
}

/* ---- Packets ------------------------------------------------------------------ */

static uint8_t pkt[54];

static void make_pkt(void)
{
	static const uint8_t ip[20] = {
		0x45, 0, 0, 40, 0, 0, 0, 0, 64, 6, 0xbc, 0xcd, 127, 0, 0, 1, 127, 0, 0, 1,
	};

	memset(pkt, 0, sizeof(pkt));
	pkt[12] = 0x08;
	memcpy(pkt + 14, ip, sizeof(ip));
	pkt[46] = 5 << 4;
	pkt[53] = 123;
}

#define SKB(f) ((int16_t)offsetof(struct __sk_buff, f))

/* ---- Cases ---------------------------------------------------------------------- */

static void diff_skb_context(void)
{
	/* r0 = a hash of the readable fields */
	const struct bpf_insn insns[] = {
		LDX(W, 0, 1, SKB(len)),
		LDX(W, 2, 1, SKB(pkt_type)), A64K(LSH, 2, 8), A64X(XOR, 0, 2),
		LDX(W, 2, 1, SKB(ifindex)), A64K(LSH, 2, 12), A64X(XOR, 0, 2),
		LDX(W, 2, 1, SKB(protocol)), A64K(LSH, 2, 16), A64X(XOR, 0, 2),
		LDX(W, 2, 1, SKB(mark)), A64X(XOR, 0, 2),
		LDX(W, 2, 1, SKB(priority)), A64K(LSH, 2, 4), A64X(XOR, 0, 2),
		LDX(W, 2, 1, SKB(ingress_ifindex)), A64K(LSH, 2, 20), A64X(XOR, 0, 2),
		LDX(W, 2, 1, SKB(vlan_present)), A64X(XOR, 0, 2),
		LDX(W, 2, 1, SKB(queue_mapping)), A64X(XOR, 0, 2),
		LDX(W, 2, 1, SKB(hash)), A64X(XOR, 0, 2),
		LDX(W, 2, 1, SKB(napi_id)), A64X(XOR, 0, 2),
		LDX(W, 2, 1, SKB(gso_segs)), A64K(LSH, 2, 24), A64X(XOR, 0, 2),
		LDX(W, 2, 1, SKB(gso_size)), A64K(LSH, 2, 28), A64X(XOR, 0, 2),
		LDX(W, 2, 1, SKB(cb[2])), A64X(XOR, 0, 2),
		EXIT(),
	};
	static const uint8_t macs[][6] = {
		{ 0 }, { 2, 0, 0, 0, 0, 1 }, { 1, 0, 0x5e, 0, 0, 1 },
		{ 0xff, 0xff, 0xff, 0xff, 0xff, 0xff },
	};
	static const uint16_t protos[] = { 0x0800, 0x86dd, 0x0806, 0x0040, 0x05ff };
	struct __sk_buff ctx = { .mark = 5, .priority = 6, .ingress_ifindex = 3,
				 .cb = { 1, 2, 3, 4, 5 }, .gso_segs = 7,
				 .gso_size = 9, .wire_len = 0 };
	uint8_t p[sizeof(pkt)];
	bool ok = true;

	for (uint32_t type = 1; type <= 3; type += 2) {
		for (size_t m = 0; m < 4; m++) {
			for (size_t pr = 0; pr < 5; pr++) {
				struct run r = { .type = type, .insns = insns,
						 .cnt = NELEM(insns), .data = p,
						 .data_sz = sizeof(p), .ctx = &ctx,
						 .ctx_sz = sizeof(ctx),
						 .ctx_out_sz = sizeof(ctx) };
				char what[64];

				memcpy(p, pkt, sizeof(p));
				memcpy(p, macs[m], 6);
				p[12] = (uint8_t)(protos[pr] >> 8);
				p[13] = (uint8_t)protos[pr];
				if (pr == 4) /* 802.3 with 0xffff: ETH_P_802_3 */
					p[14] = p[15] = 0xff;
				snprintf(what, sizeof(what), "type %u mac %zu proto %zu",
					 type, m, pr);
				ok &= same(what, &r);
			}
		}
	}
	report("skb_context", ok);
}

static void diff_skb_ctx_in_rules(void)
{
	const struct bpf_insn insns[] = {
		MOV64K(2, 12), STX(W, 1, 2, SKB(cb[0])), MOV64K(0, 1), EXIT(),
	};
	bool ok = true;

	for (size_t off = 0; off < sizeof(struct __sk_buff); off += 4) {
		struct __sk_buff ctx;
		uint32_t v = (off == offsetof(struct __sk_buff, ifindex)) ? 1 :
			     (off == offsetof(struct __sk_buff, wire_len)) ? 60 :
			     (off == offsetof(struct __sk_buff, gso_segs)) ? 70000 : 3;
		struct run r = { .type = BPF_PROG_TYPE_SCHED_CLS, .insns = insns,
				 .cnt = NELEM(insns), .data = pkt,
				 .data_sz = sizeof(pkt), .ctx = &ctx,
				 .ctx_sz = sizeof(ctx), .ctx_out_sz = sizeof(ctx) };
		char what[64];

		memset(&ctx, 0, sizeof(ctx));
		memcpy((uint8_t *)&ctx + off, &v, 4);
		snprintf(what, sizeof(what), "ctx_in word at %zu", off);
		ok &= same(what, &r);
		r.type = BPF_PROG_TYPE_SOCKET_FILTER;
		ok &= same(what, &r);
	}
	report("skb_ctx_in_rules", ok);
}

static void diff_skb_opts_rules(void)
{
	const struct bpf_insn insns[] = { MOV64K(0, 2), EXIT() };
	static uint8_t big[8192], ctxbig[8192];
	struct { uint32_t sz, flags, cpu, ctx_sz, out_sz; bool nodata; } t[] = {
		{ 13 }, { 14 }, { 15 }, { 33 }, { 34 }, { 3712 }, { 3713 }, { 54, 1 }, { 54, 2 },
		{ 54, BPF_F_TEST_SKB_CHECKSUM_COMPLETE }, { 54, 0, 1 },
		{ 54, 0, 0, 300 }, { 54, 0, 0, 4097 }, { 54, 0, 0, 0, 10 },
		{ 54, 0, 0, 0, 54 }, { 54, 0, 0, 0, 53 },
	};
	bool ok = true;

	memcpy(big, pkt, sizeof(pkt));
	for (uint32_t type = 1; type <= 3; type += 2)
		for (size_t i = 0; i < NELEM(t); i++) {
			struct run r = { .type = type, .insns = insns,
					 .cnt = NELEM(insns), .data = big,
					 .data_sz = t[i].sz, .flags = t[i].flags,
					 .cpu = t[i].cpu, .data_out_sz = t[i].out_sz };
			char what[64];

			if (t[i].ctx_sz) {
				r.ctx = ctxbig;
				r.ctx_sz = t[i].ctx_sz;
			}
			snprintf(what, sizeof(what), "type %u opts row %zu", type, i);
			ok &= same(what, &r);
		}
	ctxbig[250] = 1;
	{
		struct run r = { .type = 3, .insns = insns, .cnt = NELEM(insns),
				 .data = big, .data_sz = 54, .ctx = ctxbig,
				 .ctx_sz = 300 };
		ok &= same("ctx tail non-zero", &r);
	}
	report("skb_opts_rules", ok);
}

/* The smallest packet per protocol: the kernel wants the network header. */
static void diff_skb_min_sizes(void)
{
	const struct bpf_insn insns[] = { MOV64K(0, 2), EXIT() };
	static const uint16_t protos[] = { 0x0800, 0x86dd, 0x0806, 0x8100, 0x0040 };
	static const uint32_t sizes[] = { 14, 15, 33, 34, 53, 54, 55 };
	uint8_t p[64];
	bool ok = true;

	memset(p, 0, sizeof(p));
	p[14] = 0x45;
	for (uint32_t type = 1; type <= 3; type += 2)
		for (size_t i = 0; i < NELEM(protos); i++)
			for (size_t j = 0; j < NELEM(sizes); j++) {
				struct run r = { .type = type, .insns = insns,
						 .cnt = NELEM(insns), .data = p,
						 .data_sz = sizes[j] };
				char what[64];

				p[12] = (uint8_t)(protos[i] >> 8);
				p[13] = (uint8_t)protos[i];
				p[14] = protos[i] == 0x86dd ? 0x60 : 0x45;
				snprintf(what, sizeof(what), "type %u proto %#x size %u",
					 type, protos[i], sizes[j]);
				ok &= same(what, &r);
			}
	report("skb_min_sizes", ok);
}

/* l3/l4_csum_replace(skb, off, from, to, flags) with random values; the
 * helper's result is returned, the packet compared. */
static void diff_csum_replace(void)
{
	bool ok = true;

	for (int i = 0; i < 400; i++) {
		int helper = (i & 1) ? BPF_FUNC_l4_csum_replace : BPF_FUNC_l3_csum_replace;
		static const uint32_t fl[] = { 0, 2, 4, 1, 8, 0x10 | 4, 0x20 | 2,
					       0x20 | 0x40 | 4, 0x10 | 0, 0x80 | 4 };
		uint32_t flags = fl[rnd64() % NELEM(fl)];
		uint64_t from = rnd64(), to = rnd64();
		int32_t off = (int32_t)(rnd64() % 60);
		uint8_t p[sizeof(pkt)];
		struct bpf_insn insns[] = {
			LDDW(3, from), LDDW(4, to), LDDW(5, flags),
			MOV64K(2, off), CALL(helper), EXIT(),
		};
		struct run r = { .type = BPF_PROG_TYPE_SCHED_CLS, .insns = insns,
				 .cnt = NELEM(insns), .data = p, .data_sz = sizeof(p) };
		char what[96];

		if (rnd64() % 4 == 0)
			from = (flags & 0xf) == 0 ? 0 : from;
		if ((flags & 0xf) == 0 && rnd64() % 2)
			from = 0;
		insns[0] = (struct bpf_insn)INSN(BPF_LD | BPF_IMM | BPF_DW, 3, 0, 0, (int32_t)from);
		insns[1] = (struct bpf_insn)INSN(0, 0, 0, 0, (int32_t)(from >> 32));
		for (size_t j = 0; j < sizeof(p); j++)
			p[j] = (uint8_t)rnd64();
		if (rnd64() % 8 == 0)
			p[24] = p[25] = 0; /* a zero checksum: MANGLED_0 paths */
		if (rnd64() % 8 == 0)
			p[24] = p[25] = 0xff;
		p[12] = 0x08;
		p[13] = 0;
		snprintf(what, sizeof(what), "csum %d off %d flags %#x from %#" PRIx64 " to %#" PRIx64,
			 helper, off, flags, from, to);
		if (!same(what, &r)) {
			ok = false;
			break;
		}
	}
	report("csum_replace", ok);
}

/* csum_diff(from, fs, to, ts, seed) over stack words, random contents. */
static void diff_csum_diff(void)
{
	bool ok = true;

	for (int i = 0; i < 200; i++) {
		int32_t fs = (int32_t)(rnd64() % 5) * 4, ts = (int32_t)(rnd64() % 5) * 4;
		uint64_t seed = rnd64(), w0 = rnd64(), w1 = rnd64(), w2 = rnd64(),
			 w3 = rnd64(), w4 = rnd64();
		struct bpf_insn insns[] = {
			LDDW(1, w0), STX(DW, 10, 1, -40), LDDW(1, w1), STX(DW, 10, 1, -32),
			LDDW(1, w2), STX(DW, 10, 1, -24), LDDW(1, w3), STX(DW, 10, 1, -16),
			LDDW(1, w4), STX(DW, 10, 1, -8),
			MOV64X(1, 10), A64K(ADD, 1, -40), MOV64K(2, fs),
			MOV64X(3, 10), A64K(ADD, 3, -20), MOV64K(4, ts),
			LDDW(5, seed), CALL(BPF_FUNC_csum_diff),
			MOV64X(1, 0), A64K(RSH, 1, 32), A64X(XOR, 0, 1), EXIT(),
		};
		struct run r = { .type = BPF_PROG_TYPE_SCHED_CLS, .insns = insns,
				 .cnt = NELEM(insns), .data = pkt, .data_sz = sizeof(pkt) };
		char what[64];

		if (i % 7 == 0)
			fs = 3; /* not a multiple of 4 */
		insns[12] = (struct bpf_insn)MOV64K(2, fs);
		snprintf(what, sizeof(what), "csum_diff fs %d ts %d", fs, ts);
		if (!same(what, &r)) {
			ok = false;
			break;
		}
	}
	report("csum_diff", ok);
}

/* skb_load_bytes / skb_store_bytes at offsets around the end. */
static void diff_skb_bytes(void)
{
	bool ok = true;

	for (uint32_t type = 1; type <= 3; type += 2)
		for (int32_t off = -2; off < 60; off += 3)
			for (int32_t len = 1; len <= 8; len += 7) {
				struct bpf_insn ld[] = {
					MOV64X(6, 1), ST(DW, 10, -8, 0x11223344),
					MOV64K(2, off), MOV64X(3, 10), A64K(ADD, 3, -8),
					MOV64K(4, len), CALL(BPF_FUNC_skb_load_bytes),
					LDX(DW, 1, 10, -8), A64X(XOR, 0, 1),
					EXIT(),
				};
				struct bpf_insn st[] = {
					ST(DW, 10, -8, 0x55667788),
					MOV64K(2, off), MOV64X(3, 10), A64K(ADD, 3, -8),
					MOV64K(4, len), MOV64K(5, (off & 1) ? 1 : 2),
					CALL(BPF_FUNC_skb_store_bytes), EXIT(),
				};
				struct run r = { .type = type, .insns = ld,
						 .cnt = NELEM(ld), .data = pkt,
						 .data_sz = sizeof(pkt) };
				char what[64];

				snprintf(what, sizeof(what), "load type %u off %d len %d",
					 type, off, len);
				ok &= same(what, &r);
				if (type != BPF_PROG_TYPE_SCHED_CLS)
					continue;
				r.insns = st;
				r.cnt = NELEM(st);
				snprintf(what, sizeof(what), "store off %d len %d", off, len);
				ok &= same(what, &r);
			}
	report("skb_load_store_bytes", ok);
}

/* bpf_strtol / bpf_strtoul on tricky strings, bases and lengths: the
 * result, *res and the consumed count go to the packet. */
static void diff_strtox(void)
{
	static const char *const strs[] = {
		" 123", "-42", "0x1f", "0777", "abc", "  -0x10", "08", "0x", "+5",
		"99999999999999999999", "-9223372036854775808",
		"9223372036854775808", "18446744073709551615",
		"18446744073709551616", "\t\n7z", "-", "   ", "0X1A", "1 2",
		"ffff", "-0", "0xffffffffffffffff", "-18446744073709551615",
	};
	static const uint32_t flags[] = { 0, 8, 10, 16, 1, 0x20 | 10 };
	bool ok = true;

	for (size_t i = 0; i < NELEM(strs); i++)
		for (size_t f = 0; f < NELEM(flags); f++)
			for (int helper = BPF_FUNC_strtol; helper <= BPF_FUNC_strtoul;
			     helper++) {
				uint64_t w[3] = { 0 };
				size_t n = strlen(strs[i]);
				int32_t lens[2] = { (int32_t)(n ? n : 1), 24 };

				memcpy(w, strs[i], n);
				for (int l = 0; l < 2; l++) {
					struct bpf_insn insns[] = {
						MOV64X(6, 1),
						LDDW(1, w[0]), STX(DW, 10, 1, -32),
						LDDW(1, w[1]), STX(DW, 10, 1, -24),
						LDDW(1, w[2]), STX(DW, 10, 1, -16),
						ST(DW, 10, -40, 0x77),
						MOV64X(1, 10), A64K(ADD, 1, -32),
						MOV64K(2, lens[l]), MOV64K(3, flags[f]),
						MOV64X(4, 10), A64K(ADD, 4, -40),
						CALL(helper), STX(DW, 10, 0, -48),
						MOV64X(1, 6), MOV64K(2, 14), MOV64X(3, 10),
						A64K(ADD, 3, -48), MOV64K(4, 16), MOV64K(5, 0),
						CALL(BPF_FUNC_skb_store_bytes),
						MOV64K(0, 0), EXIT(),
					};
					struct run r = { .type = BPF_PROG_TYPE_SCHED_CLS,
							 .insns = insns, .cnt = NELEM(insns),
							 .data = pkt, .data_sz = sizeof(pkt) };
					char what[96];

					snprintf(what, sizeof(what), "helper %d \"%s\" flags %#x len %d",
						 helper, strs[i], flags[f], lens[l]);
					ok &= same(what, &r);
				}
			}
	report("strtol_strtoul", ok);
}

/* bpf_skb_change_tail to lengths around its bounds, then a write at the
 * new end through re-read packet pointers; with and without
 * BPF_F_TEST_SKB_CHECKSUM_COMPLETE. */
static void diff_skb_change_tail(void)
{
	static const uint32_t lens[] = { 0, 13, 14, 15, 30, 54, 55, 100, 3000,
					 3712, 4000, 16064, 16065, 70000 };
	bool ok = true;

	for (size_t i = 0; i < NELEM(lens); i++)
		for (uint32_t fl = 0; fl < 3; fl++) {
			struct bpf_insn insns[] = {
				MOV64X(6, 1), LDDW(2, lens[i]), MOV64K(3, fl == 1 ? 1 : 0),
				CALL(BPF_FUNC_skb_change_tail), MOV64X(7, 0),
				LDX(W, 2, 6, SKB(data)), LDX(W, 3, 6, SKB(data_end)),
				MOV64X(4, 2), A64K(ADD, 4, 15), JX(JGT, 4, 3, 2),
				ST(B, 2, 14, 0x5a),
				LDX(W, 0, 6, SKB(len)), A64K(LSH, 0, 8), A64X(XOR, 0, 7),
				EXIT(),
			};
			struct run r = { .type = BPF_PROG_TYPE_SCHED_CLS,
					 .insns = insns, .cnt = NELEM(insns),
					 .data = pkt, .data_sz = sizeof(pkt),
					 .flags = fl == 2 ? BPF_F_TEST_SKB_CHECKSUM_COMPLETE : 0 };
			char what[64];

			snprintf(what, sizeof(what), "change_tail %u variant %u",
				 lens[i], fl);
			ok &= same(what, &r);
		}
	report("skb_change_tail", ok);
}

/* bpf_xdp_adjust_head / _tail / _meta with deltas around their bounds. */
static void diff_xdp_adjust(void)
{
	static const int32_t deltas[] = { -300, -257, -256, -217, -216, -215,
					  -200, -40, -4, -1, 0, 1, 4, 39, 40,
					  41, 100, 3000, 3420, 3421, 3422, 4000 };
	static const int helpers[] = { BPF_FUNC_xdp_adjust_head,
				       BPF_FUNC_xdp_adjust_tail,
				       BPF_FUNC_xdp_adjust_meta };
	uint32_t meta_ctx[6] = { 8, 54 + 8 };
	uint8_t data[54 + 8];
	bool ok = true;

	memcpy(data, "METADATA", 8);
	memcpy(data + 8, pkt, sizeof(pkt));
	for (size_t h = 0; h < NELEM(helpers); h++)
		for (size_t d = 0; d < NELEM(deltas); d++)
			for (int withmeta = 0; withmeta < 2; withmeta++) {
				struct bpf_insn insns[] = {
					MOV64X(6, 1), MOV64K(2, deltas[d]),
					CALL(helpers[h]), MOV64X(7, 0),
					/* a second call shows the state moved */
					MOV64X(1, 6), MOV64K(2, -4), CALL(helpers[h]),
					A64K(LSH, 0, 8), A64X(XOR, 0, 7), EXIT(),
				};
				struct run r = { .type = BPF_PROG_TYPE_XDP,
						 .insns = insns, .cnt = NELEM(insns),
						 .data = withmeta ? data : pkt,
						 .data_sz = withmeta ? sizeof(data) : sizeof(pkt) };
				char what[64];

				if (withmeta) {
					r.ctx = meta_ctx;
					r.ctx_sz = sizeof(meta_ctx);
					r.ctx_out_sz = sizeof(meta_ctx);
				}
				snprintf(what, sizeof(what), "helper %d delta %d meta %d",
					 helpers[h], deltas[d], withmeta);
				ok &= same(what, &r);
			}
	report("xdp_adjust", ok);
}

static void diff_raw_tp(void)
{
	const struct bpf_insn insns[] = {
		LDX(DW, 0, 1, 24), LDX(DW, 2, 1, 8), A64X(ADD, 0, 2),
		LDX(W, 2, 1, 16), A64X(XOR, 0, 2), EXIT(),
	};
	uint64_t args[13] = { 1, 2, 0x300000003ull, 4 };
	struct { uint32_t ctx_sz, data_sz, flags, cpu, repeat; } t[] = {
		/* (a ctx_in shorter than the furthest read, 32 bytes, is -EINVAL
		 * in the kernel through the verifier's max_ctx_offset; bpfhost
		 * agrees once its verifier runs at load) */
		{ 32 }, { 96 }, { 104 }, { 32, 54 }, { 0 }, { 32, 0, 1, 0 }, { 32, 0, 0, 1 },
		{ 32, 0, 1, 1 }, { 32, 0, 1, 4096 }, { 32, 0, 0, 0, 2 }, { 32, 0, 2 },
	};
	bool ok = true;

	for (uint32_t type = BPF_PROG_TYPE_RAW_TRACEPOINT;
	     type <= BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE;
	     type += BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE - BPF_PROG_TYPE_RAW_TRACEPOINT)
		for (size_t i = 0; i < NELEM(t); i++) {
			struct run r = { .type = type, .insns = insns,
					 .cnt = NELEM(insns), .ctx = args,
					 .ctx_sz = t[i].ctx_sz,
					 .data = t[i].data_sz ? pkt : NULL,
					 .data_sz = t[i].data_sz, .flags = t[i].flags,
					 .cpu = t[i].cpu, .repeat = t[i].repeat,
					 .no_data_out = true };
			char what[64];

			/* the kernel checks ctx pointer/size pairs before it
			 * finds the writable type has no test_run; bpfhost's
			 * generic entry does not yet (docs/progtypes.md) */
			if (type == BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE &&
			    !t[i].ctx_sz)
				continue;
			snprintf(what, sizeof(what), "raw_tp type %u row %zu", type, i);
			ok &= same(what, &r);
		}
	report("raw_tp_test_run", ok);
}

/* For each (type, helper): does the verifier let the type call it?  Only
 * the "cannot use helper" verdict is compared, not argument checks. */
static bool allowed(const struct side *s)
{
	return !strstr(s->log, "cannot use helper") && !strstr(s->log, "unknown func");
}

static void diff_helper_sets(void)
{
	static const struct { uint32_t type, attach; } types[] = {
		{ BPF_PROG_TYPE_SOCKET_FILTER }, { BPF_PROG_TYPE_SCHED_CLS },
		{ BPF_PROG_TYPE_XDP }, { BPF_PROG_TYPE_RAW_TRACEPOINT },
		{ BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE },
		{ BPF_PROG_TYPE_CGROUP_SYSCTL, BPF_CGROUP_SYSCTL },
		{ BPF_PROG_TYPE_CGROUP_SOCKOPT, BPF_CGROUP_SETSOCKOPT },
		{ BPF_PROG_TYPE_CGROUP_SOCKOPT, BPF_CGROUP_GETSOCKOPT },
		{ BPF_PROG_TYPE_KPROBE }, { BPF_PROG_TYPE_TRACEPOINT },
		{ BPF_PROG_TYPE_PERF_EVENT },
	};
	static const int ids[] = {
		BPF_FUNC_ktime_get_ns, BPF_FUNC_get_prandom_u32,
		BPF_FUNC_get_smp_processor_id, BPF_FUNC_trace_printk,
		BPF_FUNC_ktime_get_boot_ns, BPF_FUNC_ktime_get_coarse_ns,
		BPF_FUNC_ktime_get_tai_ns, BPF_FUNC_jiffies64,
		BPF_FUNC_get_current_pid_tgid, BPF_FUNC_snprintf, BPF_FUNC_strncmp,
		BPF_FUNC_loop, BPF_FUNC_spin_lock, BPF_FUNC_spin_unlock,
		BPF_FUNC_skb_load_bytes, BPF_FUNC_skb_store_bytes,
		BPF_FUNC_l3_csum_replace, BPF_FUNC_l4_csum_replace,
		BPF_FUNC_csum_diff, BPF_FUNC_redirect, BPF_FUNC_skb_change_tail,
		BPF_FUNC_xdp_adjust_head,
		BPF_FUNC_xdp_adjust_tail, BPF_FUNC_xdp_adjust_meta,
		BPF_FUNC_sysctl_get_name, BPF_FUNC_sysctl_get_current_value,
		BPF_FUNC_sysctl_get_new_value, BPF_FUNC_sysctl_set_new_value,
		BPF_FUNC_strtol, BPF_FUNC_strtoul, BPF_FUNC_get_retval,
		BPF_FUNC_set_retval,
		BPF_FUNC_map_lookup_elem, BPF_FUNC_tail_call,
	};
	static struct side k, b;
	bool ok = true;

	for (size_t t = 0; t < NELEM(types); t++)
		for (size_t i = 0; i < NELEM(ids); i++) {
			const struct bpf_insn insns[] = {
				MOV64K(1, 0), MOV64K(2, 0), MOV64K(3, 0),
				MOV64K(4, 0), MOV64K(5, 0), CALL(ids[i]),
				MOV64K(0, 1), EXIT(),
			};
			struct run r = { .type = types[t].type,
					 .attach = types[t].attach, .insns = insns,
					 .cnt = NELEM(insns) };

			k_side(&r, &k);
			b_side(&r, &b);
			if (allowed(&k) != allowed(&b)) {
				printf("  type %u/%u helper %d: kernel %s, bpfhost %s\n",
				       types[t].type, types[t].attach, ids[i],
				       allowed(&k) ? "allows" : "refuses",
				       allowed(&b) ? "allows" : "refuses");
				if (!allowed(&k))
					printf("    kernel: %.120s\n", strstr(k.log, "program") ? strstr(k.log, "program") : k.log);
				ok = false;
			} else if (!allowed(&k) &&
				   strstr(k.log, "cannot use helper") &&
				   !strstr(b.log, "cannot use helper")) {
				printf("  type %u helper %d: message differs\n",
				       types[t].type, ids[i]);
				ok = false;
			}
		}
	report("helper_sets", ok);
}

/* ---- TRACING: fentry / fexit on bpf_fentry_test1..6 ---------------------------- */

/* The BTF id of kernel function @name in vmlinux, or a negative errno. */
static int vmlinux_func_id(const char *name)
{
	static struct bh_btf *btf;
	static bool tried;

	if (!tried) {
		FILE *f = fopen("/sys/kernel/btf/vmlinux", "rb");
		static uint8_t *data;
		long n;

		tried = true;
		if (!f)
			return -ENOENT;
		fseek(f, 0, SEEK_END);
		n = ftell(f);
		fseek(f, 0, SEEK_SET);
		data = malloc((size_t)n);
		if (data && fread(data, 1, (size_t)n, f) == (size_t)n)
			btf = bh_btf__new(data, (size_t)n);
		fclose(f);
	}
	return btf ? bh_btf__find_by_name_kind(btf, name, BTF_KIND_FUNC) : -ENOENT;
}

/* value[0..n) = ctx[0..n) through one array-map lookup (key 0). */
static size_t tracing_prog(struct bpf_insn *insns, int32_t map_imm, uint32_t n)
{
	size_t i = 0;

	insns[i++] = (struct bpf_insn)MOV64X(6, 1);
	insns[i++] = (struct bpf_insn)ST(W, 10, -4, 0);
	insns[i++] = (struct bpf_insn)INSN(BPF_LD | BPF_IMM | BPF_DW, 1,
					   BPF_PSEUDO_MAP_FD, 0, map_imm);
	insns[i++] = (struct bpf_insn)INSN(0, 0, 0, 0, 0);
	insns[i++] = (struct bpf_insn)MOV64X(2, 10);
	insns[i++] = (struct bpf_insn)A64K(ADD, 2, -4);
	insns[i++] = (struct bpf_insn)CALL(BPF_FUNC_map_lookup_elem);
	insns[i++] = (struct bpf_insn)JK(JEQ, 0, 0, (int16_t)(2 * n));
	for (uint32_t k = 0; k < n; k++) {
		insns[i++] = (struct bpf_insn)LDX(DW, 1, 6, (int16_t)(8 * k));
		insns[i++] = (struct bpf_insn)STX(DW, 0, 1, (int16_t)(8 * k));
	}
	insns[i++] = (struct bpf_insn)MOV64K(0, 0);
	insns[i++] = (struct bpf_insn)EXIT();
	return i;
}

/* Run @prog_type/@attach on kernel function @fn (n context words); the
 * words land in value[] of a one-element array; 0 or -errno. */
static int k_tracing(const char *fn, uint32_t attach, uint32_t n, uint64_t *value)
{
	struct bpf_insn insns[64];
	union bpf_attr a;
	int id = vmlinux_func_id(fn), map, prog, link, ret;
	uint32_t key = 0;
	size_t cnt;

	if (id < 0)
		return id;
	memset(&a, 0, sizeof(a));
	a.map_type = BPF_MAP_TYPE_ARRAY;
	a.key_size = 4;
	a.value_size = 8 * 8;
	a.max_entries = 1;
	map = sys_bpf(BPF_MAP_CREATE, &a);
	if (map < 0)
		return map;
	cnt = tracing_prog(insns, map, n);
	memset(&a, 0, sizeof(a));
	a.prog_type = BPF_PROG_TYPE_TRACING;
	a.expected_attach_type = attach;
	a.attach_btf_id = (uint32_t)id;
	a.insns = (uintptr_t)insns;
	a.insn_cnt = (uint32_t)cnt;
	a.license = (uintptr_t)"GPL";
	prog = sys_bpf(BPF_PROG_LOAD, &a);
	if (prog < 0) {
		close(map);
		return prog;
	}
	memset(&a, 0, sizeof(a));
	a.raw_tracepoint.prog_fd = (uint32_t)prog;
	link = sys_bpf(BPF_RAW_TRACEPOINT_OPEN, &a);
	ret = link;
	if (link >= 0) {
		memset(&a, 0, sizeof(a));
		a.test.prog_fd = (uint32_t)prog;
		ret = sys_bpf(BPF_PROG_TEST_RUN, &a);
		if (!ret && a.test.retval)
			ret = -EPROTO;
		memset(&a, 0, sizeof(a));
		a.map_fd = (uint32_t)map;
		a.key = (uintptr_t)&key;
		a.value = (uintptr_t)value;
		if (!ret)
			ret = sys_bpf(BPF_MAP_LOOKUP_ELEM, &a);
		close(link);
	}
	close(prog);
	close(map);
	return ret;
}

static int b_tracing(const char *fn, uint32_t attach, uint32_t n, uint64_t *value)
{
	struct bpf_insn insns[64];
	struct bh_map *map = bh_map__create(BPF_MAP_TYPE_ARRAY, NULL, 4, 64, 1, NULL);
	struct bh_attach_func *f = bh_attach_func__find(fn);
	BH_OPTS(bh_prog_load_opts, lo, .license = "GPL", .expected_attach_type = attach);
	BH_OPTS(bh_test_run_opts, o);
	struct bh_prog *prog;
	uint32_t key = 0;
	size_t cnt;
	int ret;

	if (!map || !f)
		return -ENOENT;
	cnt = tracing_prog(insns, (int32_t)bh_map__id(map), n);
	prog = bh_prog__load(BPF_PROG_TYPE_TRACING, insns, cnt, &lo);
	if (!prog) {
		ret = -errno;
		bh_map__free(map);
		return ret;
	}
	ret = bh_attach_func__attach(f, prog);
	if (!ret)
		ret = bh_prog__test_run(prog, &o);
	if (!ret && o.retval)
		ret = -EPROTO;
	if (!ret)
		ret = bh_map__lookup_elem(map, &key, value);
	bh_attach_func__detach(f, prog);
	bh_prog__free(prog);
	bh_map__free(map);
	return ret;
}

static void diff_tracing(void)
{
	static const uint32_t nargs[] = { 1, 2, 3, 4, 5, 6 };
	bool ok = true;

	if (vmlinux_func_id("bpf_fentry_test1") < 0) {
		printf("skip tracing_fentry_fexit: no vmlinux BTF\n");
		return;
	}
	for (uint32_t t = 0; t < NELEM(nargs); t++)
		for (uint32_t attach = BPF_TRACE_FENTRY; attach <= BPF_TRACE_FEXIT;
		     attach++) {
			uint64_t kv[8] = { 0 }, bv[8] = { 0 };
			uint32_t n = nargs[t] + (attach == BPF_TRACE_FEXIT);
			char fn[32];
			int kr, br;

			snprintf(fn, sizeof(fn), "bpf_fentry_test%u", t + 1);
			kr = k_tracing(fn, attach, n, kv);
			if (kr == -EPERM) {
				/* e.g. a VM kernel refusing tracing programs
				 * to everyone */
				printf("skip tracing_fentry_fexit: the kernel refuses tracing programs (EPERM)\n");
				return;
			}
			br = b_tracing(fn, attach, n, bv);
			if (kr != br || memcmp(kv, bv, sizeof(kv))) {
				printf("  %s attach %u: kernel %d bpfhost %d\n", fn,
				       attach, kr, br);
				for (uint32_t k = 0; k < n; k++)
					printf("    ctx[%u] kernel %#" PRIx64 " bpfhost %#" PRIx64 "\n",
					       k, kv[k], bv[k]);
				ok = false;
			}
		}
	report("tracing_fentry_fexit", ok);
}

int main(int argc, char **argv)
{
	union bpf_attr a;

	for (int i = 1; i + 1 < argc; i++)
		if (!strcmp(argv[i], "--seed"))
			rng = strtoull(argv[i + 1], NULL, 0) | 1;
	memset(&a, 0, sizeof(a));
	if (sys_bpf(BPF_PROG_LOAD, &a) == -EPERM || geteuid() != 0) {
		printf("skip diff_progtypes: bpf() refused (not root?)\n");
		return 0;
	}
	make_pkt();
	diff_skb_context();
	diff_skb_ctx_in_rules();
	diff_skb_opts_rules();
	diff_skb_min_sizes();
	diff_csum_replace();
	diff_csum_diff();
	diff_skb_bytes();
	diff_skb_change_tail();
	diff_strtox();
	diff_xdp_adjust();
	diff_raw_tp();
	diff_tracing();
	diff_helper_sets();
	return failures ? 1 : 0;
}
