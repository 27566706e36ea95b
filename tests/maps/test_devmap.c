/* SPDX-License-Identifier: MIT */
/*
 * tests/maps/test_devmap.c - DEVMAP and DEVMAP_HASH (the kernel's
 * kernel/bpf/devmap.c semantics), the interface registry they name
 * (bpfhost/netdev.h), and bpf_redirect_map from XDP programs.
 *
 * Programs calling bpf_redirect_map load with BH_PROG_LOAD_F_NO_VERIFY:
 * the verifier does not accept device maps as helper arguments yet.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

#include <bpfhost/bpfhost.h>

#include "test.h"

#define INSN(c, d, s, o, i)                                                 \
	{ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) }
#define MOV64K(d, i) INSN(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define MOV64X(d, s) INSN(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define ADD64K(d, i) INSN(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, i)
#define LDX(sz, d, s, o) INSN(BPF_LDX | BPF_MEM | BPF_##sz, d, s, o, 0)
#define ST(sz, d, o, i) INSN(BPF_ST | BPF_MEM | BPF_##sz, d, 0, o, i)
#define JEQK(d, i, o) INSN(BPF_JMP | BPF_JEQ | BPF_K, d, 0, o, i)
#define CALL(id) INSN(BPF_JMP | BPF_CALL, 0, 0, 0, id)
#define EXIT() INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)
#define LD_IMM64(d, src, v)                                                 \
	INSN(BPF_LD | BPF_IMM | BPF_DW, d, src, 0, (int32_t)(uint32_t)(v)),  \
	INSN(0, 0, 0, 0, (int32_t)(uint32_t)((uint64_t)(v) >> 32))

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static struct bh_map *mk(uint32_t type, uint32_t vs, uint32_t me,
			 uint32_t flags, int *err)
{
	BH_OPTS(bh_map_create_opts, o, .map_flags = flags);
	struct bh_map *m = bh_map__create(type, NULL, 4, vs, me, &o);

	*err = m ? 0 : -errno;
	return m;
}

static int create_err(uint32_t type, uint32_t ks, uint32_t vs, uint32_t me,
		      uint32_t flags)
{
	BH_OPTS(bh_map_create_opts, o, .map_flags = flags);
	struct bh_map *m = bh_map__create(type, NULL, ks, vs, me, &o);
	int err = m ? 0 : -errno;

	bh_map__free(m);
	return err;
}

static int upd(struct bh_map *m, uint32_t key, uint32_t ifindex,
	       uint32_t prog, uint64_t flags)
{
	uint32_t v[2] = { ifindex, prog };

	return bh_map__update_elem(m, &key, v, flags);
}

static int eth_ifindex(void)
{
	int i = bh_netdev__by_name("test_eth0");

	return i > 0 ? i : bh_netdev__register("test_eth0");
}

/* ---- The interface registry --------------------------------------------------- */

static void test_netdev__registry(void)
{
	char name[16];
	int a, b;

	CHECK_EQ("lo", bh_netdev__by_name("lo"), 1);
	CHECK_EQ("lo-name", bh_netdev__name(1, name, sizeof(name)), 0);
	CHECK("lo-name-text", !strcmp(name, "lo"));
	CHECK_EQ("lo-taken", bh_netdev__register("lo"), -EEXIST);
	a = bh_netdev__register("veth_a");
	b = bh_netdev__register("veth_b");
	CHECK("register-first", a >= 2);
	CHECK_EQ("register-next", b, a + 1);
	CHECK_EQ("register-again", bh_netdev__register("veth_a"), -EEXIST);
	CHECK_EQ("by-name", bh_netdev__by_name("veth_b"), b);
	CHECK_EQ("by-name-missing", bh_netdev__by_name("nope0"), -ENODEV);
	CHECK_EQ("name", bh_netdev__name((uint32_t)b, name, sizeof(name)), 0);
	CHECK("name-text", !strcmp(name, "veth_b"));
	CHECK_EQ("name-small", bh_netdev__name((uint32_t)b, name, 6), -ENOSPC);
	CHECK_EQ("name-missing", bh_netdev__name(100000, name, sizeof(name)), -ENODEV);
	CHECK_EQ("name-zero", bh_netdev__name(0, name, sizeof(name)), -ENODEV);
	CHECK_EQ("bad-empty", bh_netdev__register(""), -EINVAL);
	CHECK_EQ("bad-null", bh_netdev__register(NULL), -EINVAL);
	CHECK_EQ("bad-long", bh_netdev__register("sixteen_chars_xx"), -EINVAL);
	CHECK_EQ("bad-slash", bh_netdev__register("a/b"), -EINVAL);
	CHECK_EQ("bad-colon", bh_netdev__register("a:b"), -EINVAL);
	CHECK_EQ("bad-space", bh_netdev__register("a b"), -EINVAL);
	CHECK_EQ("bad-dot", bh_netdev__register("."), -EINVAL);
	CHECK("ok-15", bh_netdev__register("fifteen_chars_x") > 0);
}

/* ---- Creation ---------------------------------------------------------------------- */

static void test_devmap__attributes(void)
{
	static const uint32_t types[] = { BPF_MAP_TYPE_DEVMAP,
					  BPF_MAP_TYPE_DEVMAP_HASH };

	for (int i = 0; i < 2; i++) {
		uint32_t t = types[i];
		struct bh_map_info info;
		struct bh_map *m;
		int err;

		CHECK_EQ("vs4", create_err(t, 4, 4, 1, 0), 0);
		CHECK_EQ("vs8", create_err(t, 4, 8, 1, 0), 0);
		CHECK_EQ("ks0", create_err(t, 0, 4, 1, 0), -EINVAL);
		CHECK_EQ("ks8", create_err(t, 8, 4, 1, 0), -EINVAL);
		CHECK_EQ("vs0", create_err(t, 4, 0, 1, 0), -EINVAL);
		CHECK_EQ("vs5", create_err(t, 4, 5, 1, 0), -EINVAL);
		CHECK_EQ("vs12", create_err(t, 4, 12, 1, 0), -EINVAL);
		CHECK_EQ("me0", create_err(t, 4, 4, 0, 0), -EINVAL);
		CHECK_EQ("numa", create_err(t, 4, 4, 1, BPF_F_NUMA_NODE), 0);
		CHECK_EQ("rdonly", create_err(t, 4, 4, 1, BPF_F_RDONLY), 0);
		CHECK_EQ("wronly", create_err(t, 4, 4, 1, BPF_F_WRONLY), 0);
		CHECK_EQ("no-prealloc", create_err(t, 4, 4, 1, BPF_F_NO_PREALLOC), -EINVAL);
		CHECK_EQ("rdonly-prog", create_err(t, 4, 4, 1, BPF_F_RDONLY_PROG), -EINVAL);
		CHECK_EQ("wronly-prog", create_err(t, 4, 4, 1, BPF_F_WRONLY_PROG), -EINVAL);
		CHECK_EQ("mmapable", create_err(t, 4, 4, 1, BPF_F_MMAPABLE), -EINVAL);
		CHECK_EQ("zero-seed", create_err(t, 4, 4, 1, BPF_F_ZERO_SEED), -EINVAL);
		CHECK_EQ("inner-map", create_err(t, 4, 4, 1, BPF_F_INNER_MAP), -EINVAL);
		/* the kernel adds BPF_F_RDONLY_PROG: programs only read values */
		m = mk(t, 8, 3, 0, &err);
		REQUIRE("info-map", m);
		CHECK_EQ("info", bh_map__info(m, &info), 0);
		CHECK_EQ("info-type", info.type, t);
		CHECK_EQ("info-flags", info.map_flags, BPF_F_RDONLY_PROG);
		CHECK_EQ("info-vs", info.value_size, 8);
		bh_map__free(m);
	}
	/* DEVMAP_HASH: n_buckets must be a power of two that fits */
	CHECK_EQ("hash-me-big", create_err(BPF_MAP_TYPE_DEVMAP_HASH, 4, 4,
					   (1u << 31) + 1, 0), -EINVAL);
}

/* ---- DEVMAP ------------------------------------------------------------------------- */

static void test_devmap__array_ops(void)
{
	int eth = eth_ifindex(), err;
	struct bh_map *m = mk(BPF_MAP_TYPE_DEVMAP, 8, 4, 0, &err);
	uint32_t k, next, v[2];

	REQUIRE("eth", eth > 1);
	REQUIRE("create", m);
	/* empty: every index exists for get_next_key, none for lookup */
	k = 0;
	CHECK_EQ("lookup-empty", bh_map__lookup_elem(m, &k, v), -ENOENT);
	CHECK_EQ("update-lo", upd(m, 0, 1, 0, BPF_ANY), 0);
	CHECK_EQ("update-eth", upd(m, 2, (uint32_t)eth, 0, BPF_EXIST), 0);
	CHECK_EQ("update-noexist", upd(m, 1, 1, 0, BPF_NOEXIST), -EEXIST);
	CHECK_EQ("update-flags", upd(m, 1, 1, 0, 4), -EINVAL);
	CHECK_EQ("update-lock", upd(m, 1, 1, 0, BPF_F_LOCK), -EINVAL);
	CHECK_EQ("update-e2big", upd(m, 4, 1, 0, BPF_ANY), -E2BIG);
	CHECK_EQ("update-no-dev", upd(m, 1, 999, 0, BPF_ANY), -EINVAL);
	CHECK_EQ("update-no-prog", upd(m, 1, 1, 0x7ffffff0, BPF_ANY), -EINVAL);
	CHECK_EQ("update-prog-no-dev", upd(m, 1, 0, 5, BPF_ANY), -EINVAL);
	/* a negative "fd" names no program: accepted, reads back as id 0 */
	CHECK_EQ("update-neg-prog", upd(m, 3, 1, 0xffffffff, BPF_ANY), 0);
	k = 3;
	CHECK_EQ("lookup-neg-prog", bh_map__lookup_elem(m, &k, v), 0);
	CHECK_EQ("lookup-neg-prog-if", v[0], 1);
	CHECK_EQ("lookup-neg-prog-id", v[1], 0);
	k = 2;
	CHECK_EQ("lookup-eth", bh_map__lookup_elem(m, &k, v), 0);
	CHECK_EQ("lookup-eth-if", v[0], eth);
	k = 1;
	CHECK_EQ("lookup-unset", bh_map__lookup_elem(m, &k, v), -ENOENT);
	k = 9;
	CHECK_EQ("lookup-oob", bh_map__lookup_elem(m, &k, v), -ENOENT);
	/* ifindex 0 empties a slot */
	CHECK_EQ("update-zero", upd(m, 2, 0, 0, BPF_ANY), 0);
	k = 2;
	CHECK_EQ("lookup-zeroed", bh_map__lookup_elem(m, &k, v), -ENOENT);
	/* delete: any index below max_entries, set or not */
	k = 0;
	CHECK_EQ("delete", bh_map__delete_elem(m, &k), 0);
	CHECK_EQ("delete-again", bh_map__delete_elem(m, &k), 0);
	CHECK_EQ("lookup-deleted", bh_map__lookup_elem(m, &k, v), -ENOENT);
	k = 4;
	CHECK_EQ("delete-oob", bh_map__delete_elem(m, &k), -EINVAL);
	/* get_next_key: index order regardless of contents */
	CHECK_EQ("next-null", bh_map__get_next_key(m, NULL, &next), 0);
	CHECK_EQ("next-null-key", next, 0);
	k = 1;
	CHECK_EQ("next-1", bh_map__get_next_key(m, &k, &next), 0);
	CHECK_EQ("next-1-key", next, 2);
	k = 3;
	CHECK_EQ("next-last", bh_map__get_next_key(m, &k, &next), -ENOENT);
	k = 77;
	CHECK_EQ("next-oob", bh_map__get_next_key(m, &k, &next), 0);
	CHECK_EQ("next-oob-key", next, 0);
	/* no batch ops, no lookup-and-delete */
	{
		uint32_t keys[4], vals[8], count = 4, out;

		CHECK_EQ("lookup-batch", bh_map__lookup_batch(m, NULL, &out, keys, vals,
							     &count, NULL), -524);
		k = 3;
		CHECK_EQ("lookup-and-delete",
			 bh_map__lookup_and_delete_elem(m, &k, v), -524);
	}
	bh_map__free(m);
}

static void test_devmap__value_size_4(void)
{
	int err;
	struct bh_map *m = mk(BPF_MAP_TYPE_DEVMAP_HASH, 4, 2, 0, &err);
	uint32_t k = 7, v = 1, out = 0;

	REQUIRE("create", m);
	CHECK_EQ("update", bh_map__update_elem(m, &k, &v, BPF_ANY), 0);
	CHECK_EQ("lookup", bh_map__lookup_elem(m, &k, &out), 0);
	CHECK_EQ("lookup-if", out, 1);
	bh_map__free(m);
}

/* ---- DEVMAP_HASH -------------------------------------------------------------------- */

static void walk(struct bh_map *m, uint32_t *keys, int *n)
{
	uint32_t k, next, *prev = NULL;

	*n = 0;
	while (*n < 16 && !bh_map__get_next_key(m, prev, &next)) {
		keys[(*n)++] = next;
		k = next;
		prev = &k;
	}
}

static void test_devmap__hash_ops(void)
{
	int err, n;
	struct bh_map *m = mk(BPF_MAP_TYPE_DEVMAP_HASH, 8, 4, 0, &err);
	uint32_t k, next, v[2], keys[16];

	REQUIRE("create", m);
	CHECK_EQ("next-empty", bh_map__get_next_key(m, NULL, &next), -ENOENT);
	CHECK_EQ("update-zero-if", upd(m, 1, 0, 0, BPF_ANY), -EINVAL);
	CHECK_EQ("update-flags", upd(m, 1, 1, 0, 4), -EINVAL);
	CHECK_EQ("update-no-dev", upd(m, 1, 999, 0, BPF_ANY), -EINVAL);
	/* BPF_EXIST is not checked for a missing key: it inserts */
	CHECK_EQ("update-exist-missing", upd(m, 1, 1, 0, BPF_EXIST), 0);
	CHECK_EQ("update-noexist-present", upd(m, 1, 1, 0, BPF_NOEXIST), -EEXIST);
	/* 4 buckets: 1, 5 and 9 share bucket 1, each new one at its head */
	CHECK_EQ("update-5", upd(m, 5, 1, 0, BPF_NOEXIST), 0);
	CHECK_EQ("update-2", upd(m, 2, 1, 0, BPF_ANY), 0);
	CHECK_EQ("update-9", upd(m, 9, 1, 0, BPF_ANY), 0);
	walk(m, keys, &n);
	CHECK_EQ("walk-n", n, 4);
	CHECK("walk-order", n == 4 && keys[0] == 9 && keys[1] == 5 &&
				    keys[2] == 1 && keys[3] == 2);
	/* full: a new key is refused, a present one replaced (to the head) */
	CHECK_EQ("update-full", upd(m, 3, 1, 0, BPF_ANY), -E2BIG);
	CHECK_EQ("update-full-bad-dev", upd(m, 3, 999, 0, BPF_ANY), -EINVAL);
	CHECK_EQ("update-replace", upd(m, 5, 1, 0, BPF_EXIST), 0);
	walk(m, keys, &n);
	CHECK("walk-replaced", n == 4 && keys[0] == 5 && keys[1] == 9 &&
				       keys[2] == 1 && keys[3] == 2);
	/* a missing key starts over; the last key ends the walk */
	k = 42;
	CHECK_EQ("next-missing", bh_map__get_next_key(m, &k, &next), 0);
	CHECK_EQ("next-missing-key", next, 5);
	k = 2;
	CHECK_EQ("next-last", bh_map__get_next_key(m, &k, &next), -ENOENT);
	k = 9;
	CHECK_EQ("lookup", bh_map__lookup_elem(m, &k, v), 0);
	CHECK_EQ("lookup-if", v[0], 1);
	CHECK_EQ("lookup-prog", v[1], 0);
	k = 3;
	CHECK_EQ("lookup-missing", bh_map__lookup_elem(m, &k, v), -ENOENT);
	CHECK_EQ("delete-missing", bh_map__delete_elem(m, &k), -ENOENT);
	k = 9;
	CHECK_EQ("delete", bh_map__delete_elem(m, &k), 0);
	CHECK_EQ("lookup-deleted", bh_map__lookup_elem(m, &k, v), -ENOENT);
	walk(m, keys, &n);
	CHECK("walk-deleted", n == 3 && keys[0] == 5 && keys[1] == 1 && keys[2] == 2);
	CHECK_EQ("update-after-delete", upd(m, 3, 1, 0, BPF_ANY), 0);
	bh_map__free(m);
}

/* A device map can be an inner map (the default meta_equal). */
static void test_devmap__inner_map(void)
{
	int err;
	struct bh_map *tmpl = mk(BPF_MAP_TYPE_DEVMAP, 4, 4, 0, &err);
	struct bh_map *other = mk(BPF_MAP_TYPE_DEVMAP, 4, 4, 0, &err);
	struct bh_map *hash = mk(BPF_MAP_TYPE_DEVMAP_HASH, 4, 4, 0, &err);
	BH_OPTS(bh_map_create_opts, o, .inner_map = tmpl);
	struct bh_map *outer = bh_map__create(BPF_MAP_TYPE_ARRAY_OF_MAPS, NULL, 4,
					      4, 2, &o);
	uint32_t k = 0, id;

	REQUIRE("maps", tmpl && other && hash && outer);
	id = bh_map__id(other);
	CHECK_EQ("insert-same", bh_map__update_elem(outer, &k, &id, 0), 0);
	id = bh_map__id(hash);
	CHECK_EQ("insert-hash", bh_map__update_elem(outer, &k, &id, 0), -EINVAL);
	bh_map__free(outer);
	bh_map__free(hash);
	bh_map__free(other);
	bh_map__free(tmpl);
}

/* ---- Programs ------------------------------------------------------------------------ */

static struct bh_prog *load_xdp(const struct bpf_insn *insns, size_t cnt)
{
	char log[512] = "";
	BH_OPTS(bh_prog_load_opts, opts, .license = "GPL", .log_buf = log,
		.log_size = sizeof(log), .bh_flags = BH_PROG_LOAD_F_NO_VERIFY);
	struct bh_prog *p = bh_prog__load(BPF_PROG_TYPE_XDP, insns, cnt, &opts);

	if (!p)
		fprintf(stderr, "  load: %d %s\n", errno, log);
	return p;
}

static int xdp_run(struct bh_prog *p, uint32_t *retval)
{
	uint8_t pkt[64] = { 0 }, out[64];
	BH_OPTS(bh_test_run_opts, o, .data_in = pkt, .data_size_in = sizeof(pkt),
		.data_out = out, .data_size_out = sizeof(out));
	int err = bh_prog__test_run(p, &o);

	*retval = o.retval;
	return err;
}

/* bpf_redirect_map(map, key, flags) as the program's result. */
static uint32_t redirect(struct bh_map *m, uint64_t key, uint64_t flags)
{
	struct bpf_insn insns[] = {
		LD_IMM64(1, BPF_PSEUDO_MAP_FD, bh_map__id(m)),
		LD_IMM64(2, 0, key),
		LD_IMM64(3, 0, flags),
		CALL(BPF_FUNC_redirect_map),
		EXIT(),
	};
	struct bh_prog *p = load_xdp(insns, NELEM(insns));
	uint32_t ret = 0xdead;

	if (!p)
		return 0xbad;
	if (xdp_run(p, &ret))
		ret = 0xbad1;
	bh_prog__free(p);
	return ret;
}

static void test_redirect_map__devmap(void)
{
	static const uint32_t types[] = { BPF_MAP_TYPE_DEVMAP,
					  BPF_MAP_TYPE_DEVMAP_HASH };

	for (int i = 0; i < 2; i++) {
		int err, eth = eth_ifindex();
		struct bh_map *m = mk(types[i], 4, 4, 0, &err);
		uint32_t k = 1, v = (uint32_t)eth;

		REQUIRE("create", m);
		REQUIRE("update", !bh_map__update_elem(m, &k, &v, BPF_ANY));
		/* hit: XDP_REDIRECT whatever the action bits say */
		CHECK_EQ("hit", redirect(m, 1, 0), XDP_REDIRECT);
		CHECK_EQ("hit-pass", redirect(m, 1, XDP_PASS), XDP_REDIRECT);
		CHECK_EQ("hit-exclude", redirect(m, 1, BPF_F_EXCLUDE_INGRESS),
			 XDP_REDIRECT);
		/* miss: the action in the low two bits of flags */
		CHECK_EQ("miss", redirect(m, 2, 0), XDP_ABORTED);
		CHECK_EQ("miss-drop", redirect(m, 2, XDP_DROP), XDP_DROP);
		CHECK_EQ("miss-pass", redirect(m, 2, XDP_PASS), XDP_PASS);
		CHECK_EQ("miss-tx", redirect(m, 2, XDP_TX), XDP_TX);
		CHECK_EQ("miss-pass-excl", redirect(m, 2, XDP_PASS | BPF_F_EXCLUDE_INGRESS),
			 XDP_PASS);
		/* broadcast redirects even without an entry */
		CHECK_EQ("miss-broadcast", redirect(m, 2, BPF_F_BROADCAST), XDP_REDIRECT);
		CHECK_EQ("broadcast-excl", redirect(m, 2, BPF_F_BROADCAST |
						    BPF_F_EXCLUDE_INGRESS | XDP_PASS),
			 XDP_REDIRECT);
		/* unknown flags: XDP_ABORTED, even on a hit */
		CHECK_EQ("bad-flag", redirect(m, 1, 1u << 5), XDP_ABORTED);
		CHECK_EQ("bad-flag-high", redirect(m, 1, 1ull << 40 | XDP_PASS),
			 XDP_ABORTED);
		/* the key is a u32: high bits are dropped */
		CHECK_EQ("key-truncated", redirect(m, (1ull << 32) | 1, XDP_PASS),
			 XDP_REDIRECT);
		CHECK_EQ("key-big-miss", redirect(m, 5, XDP_PASS), XDP_PASS);
		/* a deleted entry misses */
		REQUIRE("delete", !bh_map__delete_elem(m, &k));
		CHECK_EQ("deleted", redirect(m, 1, XDP_DROP), XDP_DROP);
		bh_map__free(m);
	}
}

/* bpf_map_lookup_elem on a device map gives the value itself. */
static void test_devmap__program_lookup(void)
{
	int err, eth = eth_ifindex();
	struct bh_map *m = mk(BPF_MAP_TYPE_DEVMAP, 8, 4, 0, &err);
	uint32_t k = 3, v[2] = { (uint32_t)eth, 0 }, ret = 0;
	struct bpf_insn insns[] = {
		ST(W, 10, -4, 3),
		MOV64X(2, 10), ADD64K(2, -4),
		LD_IMM64(1, BPF_PSEUDO_MAP_FD, m ? bh_map__id(m) : 0),
		CALL(BPF_FUNC_map_lookup_elem),
		JEQK(0, 0, 2),
		LDX(W, 0, 0, 0),   /* ifindex */
		EXIT(),
		MOV64K(0, 1000),   /* no entry */
		EXIT(),
	};
	struct bh_prog *p;

	REQUIRE("create", m);
	p = load_xdp(insns, NELEM(insns));
	REQUIRE("load", p);
	CHECK_EQ("run-empty", xdp_run(p, &ret), 0);
	CHECK_EQ("empty", ret, 1000);
	REQUIRE("update", !bh_map__update_elem(m, &k, v, BPF_ANY));
	CHECK_EQ("run", xdp_run(p, &ret), 0);
	CHECK_EQ("ifindex", ret, eth);
	bh_prog__free(p);
	bh_map__free(m);
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_netdev__registry),
	BH_TEST(test_devmap__attributes),
	BH_TEST(test_devmap__array_ops),
	BH_TEST(test_devmap__value_size_4),
	BH_TEST(test_devmap__hash_ops),
	BH_TEST(test_devmap__inner_map),
	BH_TEST(test_redirect_map__devmap),
	BH_TEST(test_devmap__program_lookup),
};

BH_TEST_MAIN(cases)
