/* SPDX-License-Identifier: MIT */
/*
 * tests/maps/test_map_progs.c - programs using maps: ld_imm64 map
 * references (by id, by index into bh_prog_load_opts.maps, direct values
 * for global data), the references programs hold, the map helpers in
 * checked and unchecked runs, map-in-map lookups from a program, per-CPU
 * lookups, queue helpers, and tail calls through a PROG_ARRAY (33 deep).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

#include <bpfhost/bpfhost.h>

#include "core/internal.h"
#include "core/rcu.h"
#include "test.h"

#define INSN(c, d, s, o, i)                                                 \
	{ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) }
#define MOV64K(d, i) INSN(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define MOV64X(d, s) INSN(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define ADD64K(d, i) INSN(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, i)
#define LDX(sz, d, s, o) INSN(BPF_LDX | BPF_MEM | BPF_##sz, d, s, o, 0)
#define STX(sz, d, s, o) INSN(BPF_STX | BPF_MEM | BPF_##sz, d, s, o, 0)
#define ST(sz, d, o, i) INSN(BPF_ST | BPF_MEM | BPF_##sz, d, 0, o, i)
#define XADD64(d, s, o) INSN(BPF_STX | BPF_ATOMIC | BPF_DW, d, s, o, BPF_ADD)
#define JEQK(d, i, o) INSN(BPF_JMP | BPF_JEQ | BPF_K, d, 0, o, i)
#define CALL(id) INSN(BPF_JMP | BPF_CALL, 0, 0, 0, id)
#define EXIT() INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)
/* ld_imm64 of a map: src is a BPF_PSEUDO_MAP_* kind, imm an id or index */
#define LD_MAP(d, src, imm, off)                                            \
	INSN(BPF_LD | BPF_IMM | BPF_DW, d, src, 0, (int32_t)(imm)),           \
	INSN(0, 0, 0, 0, (int32_t)(off))

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static struct bh_prog *load_opts(const struct bpf_insn *insns, size_t cnt,
				 struct bh_map **maps, size_t map_cnt,
				 uint32_t bh_flags, int *err)
{
	char log[512] = "";
	BH_OPTS(bh_prog_load_opts, opts, .license = "GPL", .log_buf = log,
		.log_size = sizeof(log), .maps = maps, .map_cnt = map_cnt,
		.bh_flags = bh_flags);
	struct bh_prog *prog = bh_prog__load(BPF_PROG_TYPE_SYSCALL, insns, cnt, &opts);

	*err = prog ? 0 : -errno;
	if (!prog && getenv("BH_TEST_VERBOSE"))
		fprintf(stderr, "  load: %d %s\n", errno, log);
	return prog;
}

static struct bh_prog *load(const struct bpf_insn *insns, size_t cnt)
{
	int err;

	return load_opts(insns, cnt, NULL, 0, 0, &err);
}

static uint64_t run(struct bh_prog *prog, int *err)
{
	uint64_t r0 = 0;

	*err = bh_prog__exec(prog, NULL, 0, NULL, 0, &r0);
	return r0;
}

static struct bh_map *mk(uint32_t type, uint32_t ks, uint32_t vs, uint32_t me,
			 uint32_t flags)
{
	BH_OPTS(bh_map_create_opts, o, .map_flags = flags);

	return bh_map__create(type, NULL, ks, vs, me, &o);
}

/* counter[key 0] += 1 through bpf_map_lookup_elem and an atomic add */
#define COUNTER_BODY(src, imm)                                              \
	ST(W, 10, -4, 0),                                                   \
	MOV64X(2, 10), ADD64K(2, -4),                                       \
	LD_MAP(1, src, imm, 0),                                             \
	CALL(BPF_FUNC_map_lookup_elem),                                     \
	JEQK(0, 0, 2),                                                      \
	MOV64K(1, 1),                                                       \
	XADD64(0, 1, 0)

static void counter_runs(struct bh_map *m, struct bh_prog *p, int n,
			 const char *tag)
{
	uint32_t k = 0;
	uint64_t v = 0;
	int err;

	for (int i = 0; i < n; i++) {
		run(p, &err);
		CHECK_EQ(tag, err, 0);
	}
	bh_map__lookup_elem(m, &k, &v);
	CHECK_EQ(tag, v, n);
}

static void test_ldimm64__map_by_id(void)
{
	struct bh_map *m = mk(BPF_MAP_TYPE_ARRAY, 4, 8, 1, 0);
	struct bpf_insn insns[] = { COUNTER_BODY(BPF_PSEUDO_MAP_FD, bh_map__id(m)),
				    MOV64K(0, 0), EXIT() };
	struct bh_prog *p;

	REQUIRE("ld-id-map", m);
	p = load(insns, NELEM(insns));
	REQUIRE("ld-id-load", p);
	/* the loaded instruction keeps its source: dumps can say "map" */
	CHECK_EQ("ld-id-src-kept", bh_prog__insns(p, NULL)[3].src_reg,
		 BPF_PSEUDO_MAP_FD);
	counter_runs(m, p, 5, "ld-id-count");
	/* the program holds a reference: the map outlives the caller's */
	bh_map__free(m);
	{
		uint64_t r;
		int err;

		r = run(p, &err);
		CHECK_EQ("ld-id-after-free", err, 0);
		(void)r;
	}
	bh_prog__free(p);
}

static void test_ldimm64__map_by_index(void)
{
	struct bh_map *a = mk(BPF_MAP_TYPE_HASH, 4, 8, 4, 0);
	struct bh_map *b = mk(BPF_MAP_TYPE_ARRAY, 4, 8, 1, 0);
	struct bh_map *maps[2] = { a, b };
	struct bpf_insn insns[] = { COUNTER_BODY(BPF_PSEUDO_MAP_IDX, 1),
				    MOV64K(0, 0), EXIT() };
	struct bpf_insn bad_id[] = { LD_MAP(1, BPF_PSEUDO_MAP_FD, 0x7ffffff0, 0),
				     MOV64K(0, 0), EXIT() };
	struct bpf_insn bad_hi[] = { LD_MAP(1, BPF_PSEUDO_MAP_FD, bh_map__id(b), 4),
				     MOV64K(0, 0), EXIT() };
	struct bh_prog *p;
	int err;

	REQUIRE("ld-idx-maps", a && b);
	p = load_opts(insns, NELEM(insns), maps, 2, 0, &err);
	REQUIRE("ld-idx-load", p);
	counter_runs(b, p, 3, "ld-idx-count");
	bh_prog__free(p);
	CHECK("ld-idx-no-array", !load_opts(insns, NELEM(insns), NULL, 0, 0, &err));
	CHECK_EQ("ld-idx-no-array-errno", err, -EPROTO);
	CHECK("ld-idx-beyond", !load_opts(insns, NELEM(insns), maps, 1, 0, &err));
	CHECK_EQ("ld-idx-beyond-errno", err, -EFAULT);
	CHECK("ld-bad-id", !load_opts(bad_id, NELEM(bad_id), NULL, 0, 0, &err));
	CHECK_EQ("ld-bad-id-errno", err, -EBADF);
	CHECK("ld-fd-hi-imm", !load_opts(bad_hi, NELEM(bad_hi), NULL, 0, 0, &err));
	CHECK_EQ("ld-fd-hi-imm-errno", err, -EINVAL);
	bh_map__free(a);
	bh_map__free(b);
}

static void test_ldimm64__global_data(void)
{
	struct bh_map *g = mk(BPF_MAP_TYPE_ARRAY, 4, 16, 1, 0);
	struct bh_map *g2 = mk(BPF_MAP_TYPE_ARRAY, 4, 16, 2, 0);
	struct bh_map *ro = mk(BPF_MAP_TYPE_ARRAY, 4, 16, 1, BPF_F_RDONLY_PROG);
	/* value[8..16) = 99; return value[0..8) + 1 */
	struct bpf_insn insns[] = {
		LD_MAP(1, BPF_PSEUDO_MAP_VALUE, g ? bh_map__id(g) : 0, 8),
		ST(DW, 1, 0, 99),
		LDX(DW, 0, 1, -8),
		ADD64K(0, 1),
		EXIT(),
	};
	struct bh_prog *p;
	uint32_t k = 0;
	uint64_t val[2] = { 41, 0 };
	int err;

	REQUIRE("gd-maps", g && g2 && ro);
	bh_map__update_elem(g, &k, val, BPF_ANY);
	p = load_opts(insns, NELEM(insns), NULL, 0, 0, &err);
	REQUIRE("gd-load", p);
	CHECK_EQ("gd-run", run(p, &err), 42);
	CHECK_EQ("gd-run-err", err, 0);
	bh_map__lookup_elem(g, &k, val);
	CHECK_EQ("gd-stored", val[1], 99);
	bh_prog__free(p);
	/* only one-element arrays have direct values */
	insns[0].imm = (int32_t)bh_map__id(g2);
	CHECK("gd-two-elems", !load_opts(insns, NELEM(insns), NULL, 0, 0, &err));
	CHECK_EQ("gd-two-elems-errno", err, -EOPNOTSUPP);
	insns[0].imm = (int32_t)bh_map__id(g);
	insns[1].imm = 16;
	CHECK("gd-off", !load_opts(insns, NELEM(insns), NULL, 0, 0, &err));
	CHECK_EQ("gd-off-errno", err, -EINVAL);
	/* a BPF_F_RDONLY_PROG value is read-only to a checked run (the
	 * verifier refuses the write: load unverified to test the run) */
	insns[0].imm = (int32_t)bh_map__id(ro);
	insns[1].imm = 8;
	p = load_opts(insns, NELEM(insns), NULL, 0, BH_PROG_LOAD_F_NO_VERIFY, &err);
	REQUIRE("gd-ro-load", p);
	run(p, &err);
	CHECK_EQ("gd-ro-fault", err, -EFAULT);
	bh_prog__free(p);
	bh_map__free(g);
	bh_map__free(g2);
	bh_map__free(ro);
}

static void test_helpers__update_delete_and_checked_value(void)
{
	struct bh_map *h = mk(BPF_MAP_TYPE_HASH, 4, 8, 4, 0);
	/* key 7 = 1234 (flags BPF_NOEXIST); return what update returned */
	struct bpf_insn upd[] = {
		ST(W, 10, -4, 7),
		ST(DW, 10, -16, 1234),
		LD_MAP(1, BPF_PSEUDO_MAP_FD, h ? bh_map__id(h) : 0, 0),
		MOV64X(2, 10), ADD64K(2, -4),
		MOV64X(3, 10), ADD64K(3, -16),
		MOV64K(4, BPF_NOEXIST),
		CALL(BPF_FUNC_map_update_elem),
		EXIT(),
	};
	/* read past the value of key 7: a checked run faults (the verifier
	 * refuses it: loaded with BH_PROG_LOAD_F_NO_VERIFY to test the run) */
	struct bpf_insn past[] = {
		ST(W, 10, -4, 7),
		MOV64X(2, 10), ADD64K(2, -4),
		LD_MAP(1, BPF_PSEUDO_MAP_FD, h ? bh_map__id(h) : 0, 0),
		CALL(BPF_FUNC_map_lookup_elem),
		JEQK(0, 0, 2),
		LDX(DW, 1, 0, 0),    /* in bounds */
		LDX(DW, 0, 0, 8),    /* beyond value_size */
		EXIT(),
	};
	struct bpf_insn del[] = {
		ST(W, 10, -4, 7),
		MOV64X(2, 10), ADD64K(2, -4),
		LD_MAP(1, BPF_PSEUDO_MAP_FD, h ? bh_map__id(h) : 0, 0),
		CALL(BPF_FUNC_map_delete_elem),
		EXIT(),
	};
	struct bh_prog *pu, *pp, *pd;
	uint32_t k = 7;
	uint64_t v;
	int err;

	REQUIRE("hlp-map", h);
	pu = load(upd, NELEM(upd));
	pp = load_opts(past, NELEM(past), NULL, 0, BH_PROG_LOAD_F_NO_VERIFY, &err);
	pd = load(del, NELEM(del));
	REQUIRE("hlp-load", pu && pp && pd);
	CHECK_EQ("hlp-update", run(pu, &err), 0);
	CHECK_EQ("hlp-update-again", (int64_t)run(pu, &err), -EEXIST);
	CHECK_EQ("hlp-host-sees", bh_map__lookup_elem(h, &k, &v), 0);
	CHECK_EQ("hlp-host-val", v, 1234);
	run(pp, &err);
	CHECK_EQ("hlp-past-value", err, -EFAULT);
	CHECK_EQ("hlp-delete", run(pd, &err), 0);
	CHECK_EQ("hlp-delete-again", (int64_t)run(pd, &err), -ENOENT);
	bh_prog__free(pu);
	bh_prog__free(pp);
	bh_prog__free(pd);
	bh_map__free(h);
}

static void test_helpers__queue_and_percpu(void)
{
	struct bh_map *q = mk(BPF_MAP_TYPE_QUEUE, 0, 8, 4, 0);
	struct bh_map *pc = mk(BPF_MAP_TYPE_PERCPU_ARRAY, 4, 8, 1, 0);
	/* push 5, push 6, pop -> return popped value */
	struct bpf_insn qp[] = {
		ST(DW, 10, -8, 5),
		LD_MAP(1, BPF_PSEUDO_MAP_FD, q ? bh_map__id(q) : 0, 0),
		MOV64X(2, 10), ADD64K(2, -8), MOV64K(3, 0),
		CALL(BPF_FUNC_map_push_elem),
		ST(DW, 10, -8, 6),
		LD_MAP(1, BPF_PSEUDO_MAP_FD, q ? bh_map__id(q) : 0, 0),
		MOV64X(2, 10), ADD64K(2, -8), MOV64K(3, 0),
		CALL(BPF_FUNC_map_push_elem),
		LD_MAP(1, BPF_PSEUDO_MAP_FD, q ? bh_map__id(q) : 0, 0),
		MOV64X(2, 10), ADD64K(2, -16),
		CALL(BPF_FUNC_map_pop_elem),
		LDX(DW, 0, 10, -16),
		EXIT(),
	};
	/* the value of CPU slot 0 via bpf_map_lookup_percpu_elem */
	struct bpf_insn pl[] = {
		ST(W, 10, -4, 0),
		MOV64X(2, 10), ADD64K(2, -4),
		LD_MAP(1, BPF_PSEUDO_MAP_FD, pc ? bh_map__id(pc) : 0, 0),
		MOV64K(3, 0),
		CALL(BPF_FUNC_map_lookup_percpu_elem),
		JEQK(0, 0, 1),
		LDX(DW, 0, 0, 0),
		EXIT(),
	};
	unsigned int cpus = bh_cpu_count_get();
	uint64_t *vals = calloc(cpus, 8), out;
	struct bh_prog *p1, *p2;
	uint32_t k = 0;
	int err;

	REQUIRE("qpc-maps", q && pc && vals);
	p1 = load(qp, NELEM(qp));
	p2 = load(pl, NELEM(pl));
	REQUIRE("qpc-load", p1 && p2);
	CHECK_EQ("q-prog-pop", run(p1, &err), 5);
	CHECK_EQ("q-host-left", bh_map__lookup_and_delete_elem(q, NULL, &out), 0);
	CHECK_EQ("q-host-left-val", out, 6);
	vals[0] = 77;
	bh_map__update_elem(pc, &k, vals, BPF_ANY);
	CHECK_EQ("pc-prog", run(p2, &err), 77);
	bh_prog__free(p1);
	bh_prog__free(p2);
	bh_map__free(q);
	bh_map__free(pc);
	free(vals);
}

static void test_helpers__rdonly_prog(void)
{
	struct bh_map *m = mk(BPF_MAP_TYPE_HASH, 4, 8, 4, BPF_F_RDONLY_PROG);
	struct bpf_insn upd[] = {
		ST(W, 10, -4, 1), ST(DW, 10, -16, 1),
		LD_MAP(1, BPF_PSEUDO_MAP_FD, m ? bh_map__id(m) : 0, 0),
		MOV64X(2, 10), ADD64K(2, -4), MOV64X(3, 10), ADD64K(3, -16),
		MOV64K(4, 0), CALL(BPF_FUNC_map_update_elem), EXIT(),
	};
	struct bh_prog *p;
	uint32_t k = 1;
	uint64_t v = 3;
	int err;

	REQUIRE("ro-map", m);
	/* the verifier refuses it, as the kernel's ... */
	p = load_opts(upd, NELEM(upd), NULL, 0, 0, &err);
	CHECK("ro-verified-refused", !p && err == -EACCES);
	bh_prog__free(p);
	/* ... and unverified, the helper refuses at run time */
	p = load_opts(upd, NELEM(upd), NULL, 0, BH_PROG_LOAD_F_NO_VERIFY, &err);
	REQUIRE("ro-load", p);
	CHECK_EQ("ro-prog-update", (int64_t)run(p, &err), -EPERM);
	/* the host may still write it */
	CHECK_EQ("ro-host-update", bh_map__update_elem(m, &k, &v, BPF_ANY), 0);
	bh_prog__free(p);
	bh_map__free(m);
}

static void test_map_in_map__program_lookup(void)
{
	struct bh_map *inner = mk(BPF_MAP_TYPE_ARRAY, 4, 8, 1, 0);
	BH_OPTS(bh_map_create_opts, o, .inner_map = inner);
	struct bh_map *outer = bh_map__create(BPF_MAP_TYPE_HASH_OF_MAPS, NULL, 4, 4, 2, &o);
	/* inner = outer[3]; return inner[0] */
	struct bpf_insn insns[] = {
		ST(W, 10, -4, 3),
		MOV64X(2, 10), ADD64K(2, -4),
		LD_MAP(1, BPF_PSEUDO_MAP_FD, outer ? bh_map__id(outer) : 0, 0),
		CALL(BPF_FUNC_map_lookup_elem),
		JEQK(0, 0, 8),
		MOV64X(1, 0),
		ST(W, 10, -8, 0),
		MOV64X(2, 10), ADD64K(2, -8),
		CALL(BPF_FUNC_map_lookup_elem),
		JEQK(0, 0, 2),
		LDX(DW, 0, 0, 0),
		EXIT(),
		MOV64K(0, 1000),
		EXIT(),
	};
	struct bh_prog *p;
	uint32_t k = 3, zero = 0, id;
	uint64_t v = 4242;
	int err;

	REQUIRE("mimp-maps", inner && outer);
	p = load(insns, NELEM(insns));
	REQUIRE("mimp-load", p);
	CHECK_EQ("mimp-missing", run(p, &err), 1000);
	id = bh_map__id(inner);
	bh_map__update_elem(inner, &zero, &v, BPF_ANY);
	CHECK_EQ("mimp-insert", bh_map__update_elem(outer, &k, &id, BPF_ANY), 0);
	CHECK_EQ("mimp-lookup", run(p, &err), 4242);
	CHECK_EQ("mimp-err", err, 0);
	bh_prog__free(p);
	bh_map__free(outer);
	bh_map__free(inner);
}

static void test_tail_call__depth_33(void)
{
	struct bh_map *cnt = mk(BPF_MAP_TYPE_ARRAY, 4, 8, 1, 0);
	struct bh_map *pa = mk(BPF_MAP_TYPE_PROG_ARRAY, 4, 4, 2, 0);
	/* count a run, then tail-call pa[0] (itself) */
	struct bpf_insn insns[] = {
		MOV64X(6, 1),
		COUNTER_BODY(BPF_PSEUDO_MAP_FD, cnt ? bh_map__id(cnt) : 0),
		MOV64X(1, 6),
		LD_MAP(2, BPF_PSEUDO_MAP_FD, pa ? bh_map__id(pa) : 0, 0),
		MOV64K(3, 0),
		CALL(BPF_FUNC_tail_call),
		MOV64K(0, 7),
		EXIT(),
	};
	struct bh_prog *p, *other;
	uint32_t k = 0, id, got;
	uint64_t v = 0;
	int err;

	REQUIRE("tc-maps", cnt && pa);
	/* The verifier refuses tail calls between SYSCALL programs (the target
	 * could read past the caller's context buffer); the point here is the
	 * interpreter's run-time limit of 33 tail calls. */
	p = load_opts(insns, NELEM(insns), NULL, 0, BH_PROG_LOAD_F_NO_VERIFY, &err);
	REQUIRE("tc-load", p);
	/* empty slot: the tail call falls through */
	CHECK_EQ("tc-empty", run(p, &err), 7);
	id = bh_prog__id(p);
	CHECK_EQ("tc-insert", bh_map__update_elem(pa, &k, &id, BPF_ANY), 0);
	CHECK_EQ("tc-host-lookup", bh_map__lookup_elem(pa, &k, &got), 0);
	CHECK_EQ("tc-host-lookup-id", got, id);
	bh_map__update_elem(cnt, &k, &v, BPF_ANY);
	CHECK_EQ("tc-run", run(p, &err), 7);
	bh_map__lookup_elem(cnt, &k, &v);
	/* the first run plus 33 tail calls */
	CHECK_EQ("tc-depth", v, 34);
	/* a program of another type cannot join the array */
	{
		struct bpf_insn ret[] = { MOV64K(0, 0), EXIT() };

		other = bh_prog__load(BPF_PROG_TYPE_XDP, ret, 2, NULL);
		REQUIRE("tc-other", other);
		id = bh_prog__id(other);
		k = 1;
		CHECK_EQ("tc-owner-type", bh_map__update_elem(pa, &k, &id, BPF_ANY), -EINVAL);
		CHECK_EQ("tc-flags", bh_map__update_elem(pa, &k, &id, BPF_NOEXIST), -EINVAL);
		bh_prog__free(other);
	}
	/* the array holds p; empty the slot to break the cycle */
	k = 0;
	CHECK_EQ("tc-delete", bh_map__delete_elem(pa, &k), 0);
	bh_prog__free(p);
	bh_map__free(pa);
	bh_map__free(cnt);
	bh_rcu_barrier();
}

/* Sum an array's values with bpf_for_each_map_elem; stop a hash walk early. */
static void test_helpers__for_each_map_elem(void)
{
	struct bh_map *a = mk(BPF_MAP_TYPE_ARRAY, 4, 8, 4, 0);
	struct bh_map *h = mk(BPF_MAP_TYPE_HASH, 4, 8, 8, 0);
	/*
	 * main: sum = 0; n = for_each(map, cb, &sum, 0); return n << 32 | sum
	 * cb(map, key, value, ctx): *ctx += *value; return *value == STOP
	 */
	struct bpf_insn insns[] = {
		ST(DW, 10, -8, 0),                                  /* 0 */
		LD_MAP(1, BPF_PSEUDO_MAP_FD, 0, 0),                 /* 1-2 */
		INSN(BPF_LD | BPF_IMM | BPF_DW, 2, BPF_PSEUDO_FUNC, 0, 9), /* 3-4 -> 13 */
		INSN(0, 0, 0, 0, 0),
		MOV64X(3, 10), ADD64K(3, -8),                       /* 5-6 */
		MOV64K(4, 0),                                       /* 7 */
		CALL(BPF_FUNC_for_each_map_elem),                   /* 8 */
		INSN(BPF_ALU64 | BPF_LSH | BPF_K, 0, 0, 0, 32),     /* 9 */
		LDX(DW, 1, 10, -8),                                 /* 10 */
		INSN(BPF_ALU64 | BPF_OR | BPF_X, 0, 1, 0, 0),       /* 11 */
		EXIT(),                                             /* 12 */
		LDX(DW, 5, 3, 0),                                   /* 13: cb */
		LDX(DW, 6, 4, 0),
		INSN(BPF_ALU64 | BPF_ADD | BPF_X, 6, 5, 0, 0),
		STX(DW, 4, 6, 0),
		/* r0 = *value == STOP */
		MOV64K(0, 0),
		JEQK(5, 100, 1),
		EXIT(),
		MOV64K(0, 1),
		EXIT(),
	};
	struct bh_prog *p;
	uint64_t r;
	uint32_t k;
	int err;

	REQUIRE("fe-maps", a && h);
	for (k = 0; k < 4; k++)
		bh_map__update_elem(a, &k, &(uint64_t){ k + 1 }, BPF_ANY);
	insns[1].imm = (int32_t)bh_map__id(a);
	p = load(insns, NELEM(insns));
	REQUIRE("fe-load", p);
	r = run(p, &err);
	CHECK_EQ("fe-array-err", err, 0);
	CHECK_EQ("fe-array-count", r >> 32, 4);
	CHECK_EQ("fe-array-sum", (uint32_t)r, 10);
	bh_prog__free(p);
	/* a hash whose only element says stop: one visit */
	k = 1;
	bh_map__update_elem(h, &k, &(uint64_t){ 100 }, BPF_ANY);
	insns[1].imm = (int32_t)bh_map__id(h);
	p = load(insns, NELEM(insns));
	REQUIRE("fe-hash-load", p);
	r = run(p, &err);
	CHECK_EQ("fe-hash-err", err, 0);
	CHECK_EQ("fe-hash-count", r >> 32, 1);
	CHECK_EQ("fe-hash-sum", (uint32_t)r, 100);
	bh_prog__free(p);
	bh_map__free(a);
	bh_map__free(h);
}

/*
 * A program on CPU slot 1 writes a new per-CPU hash element: slot 1 gets
 * the value, the other slots zeros; an update of an existing element
 * touches only the running slot.  LRU maps take program updates too.
 */
static void test_helpers__percpu_hash_slots(void)
{
	unsigned int cpus = bh_cpu_count_get();
	struct bh_map *m = mk(BPF_MAP_TYPE_PERCPU_HASH, 4, 8, 4, 0);
	struct bh_map *lru = mk(BPF_MAP_TYPE_LRU_PERCPU_HASH, 4, 8, 4,
				BPF_F_NO_COMMON_LRU);
	struct bpf_insn insns[] = {
		ST(W, 10, -4, 9),
		ST(DW, 10, -16, 55),
		LD_MAP(1, BPF_PSEUDO_MAP_FD, m ? bh_map__id(m) : 0, 0),
		MOV64X(2, 10), ADD64K(2, -4), MOV64X(3, 10), ADD64K(3, -16),
		MOV64K(4, 0), CALL(BPF_FUNC_map_update_elem),
		EXIT(),
	};
	uint64_t *vals = calloc(cpus, 8);
	struct bh_prog *p, *pl;
	uint32_t k = 9;
	int err;

	if (cpus < 2) {
		bh_map__free(m);
		bh_map__free(lru);
		free(vals);
		SKIP("needs two CPU slots");
	}
	REQUIRE("pch-maps", m && lru && vals);
	p = load(insns, NELEM(insns));
	insns[2].imm = (int32_t)bh_map__id(lru);
	pl = load(insns, NELEM(insns));
	REQUIRE("pch-load", p && pl);
	/* a run nested in a slot this thread holds keeps that slot */
	bh_cpu_enter(1);
	CHECK_EQ("pch-ret", run(p, &err), 0);
	CHECK_EQ("pch-run", err, 0);
	CHECK_EQ("pch-lru-ret", run(pl, &err), 0);
	bh_cpu_exit();
	CHECK_EQ("pch-lookup", bh_map__lookup_elem(m, &k, vals), 0);
	CHECK_EQ("pch-slot0", vals[0], 0);
	CHECK_EQ("pch-slot1", vals[1], 55);
	CHECK_EQ("pch-lru-lookup", bh_map__lookup_elem(lru, &k, vals), 0);
	CHECK_EQ("pch-lru-slot1", vals[1], 55);
	/* an update of the existing element on slot 0 writes slot 0 only */
	vals[1] = 66;
	CHECK_EQ("pch-host-set", bh_map__update_elem(m, &k, vals, BPF_EXIST), 0);
	bh_cpu_enter(0);
	CHECK_EQ("pch-run0", run(p, &err), 0);
	bh_cpu_exit();
	CHECK_EQ("pch-lookup2", bh_map__lookup_elem(m, &k, vals), 0);
	CHECK_EQ("pch-slot0-after", vals[0], 55);
	CHECK_EQ("pch-slot1-after", vals[1], 66);
	bh_prog__free(p);
	bh_prog__free(pl);
	bh_map__free(m);
	bh_map__free(lru);
	free(vals);
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_helpers__percpu_hash_slots),
	BH_TEST(test_helpers__for_each_map_elem),
	BH_TEST(test_ldimm64__map_by_id),
	BH_TEST(test_ldimm64__map_by_index),
	BH_TEST(test_ldimm64__global_data),
	BH_TEST(test_helpers__update_delete_and_checked_value),
	BH_TEST(test_helpers__queue_and_percpu),
	BH_TEST(test_helpers__rdonly_prog),
	BH_TEST(test_map_in_map__program_lookup),
	BH_TEST(test_tail_call__depth_33),
};

BH_TEST_MAIN(cases)
