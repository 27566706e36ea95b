/* SPDX-License-Identifier: MIT */
/*
 * tests/maps/test_concurrency.c - maps under concurrent use: host threads
 * and programs (each on its own CPU slot) mixing every operation on the
 * same maps at once, for about a second.  Run under TSan by
 * `make tsan` (scripts/run-tests.sh --tsan picks files named *concurrency*);
 * under the other builds it checks that nothing crashes, no element is lost
 * or invented, and the bounds hold.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <bpfhost/bpfhost.h>

#include "core/rcu.h"
#include "test.h"

#define INSN(c, d, s, o, i)                                                 \
	{ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) }
#define MOV64K(d, i) INSN(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define MOV64X(d, s) INSN(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define ADD64K(d, i) INSN(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, i)
#define AND64K(d, i) INSN(BPF_ALU64 | BPF_AND | BPF_K, d, 0, 0, i)
#define STXW(d, s, o) INSN(BPF_STX | BPF_MEM | BPF_W, d, s, o, 0)
#define LDXDW(d, s, o) INSN(BPF_LDX | BPF_MEM | BPF_DW, d, s, o, 0)
#define ST(sz, d, o, i) INSN(BPF_ST | BPF_MEM | BPF_##sz, d, 0, o, i)
#define XADD64(d, s, o) INSN(BPF_STX | BPF_ATOMIC | BPF_DW, d, s, o, BPF_ADD)
#define JEQK(d, i, o) INSN(BPF_JMP | BPF_JEQ | BPF_K, d, 0, o, i)
#define CALL(id) INSN(BPF_JMP | BPF_CALL, 0, 0, 0, id)
#define EXIT() INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)
#define LD_MAP(d, m)                                                        \
	INSN(BPF_LD | BPF_IMM | BPF_DW, d, BPF_PSEUDO_MAP_FD, 0, (int32_t)bh_map__id(m)), \
	INSN(0, 0, 0, 0, 0)

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define RUN_NS 1000000000ull
#define KEYS 96

enum { M_HASH, M_HASH_NP, M_LRU, M_PCPU, M_LRU_PCPU, M_ARRAY, M_QUEUE, M_LPM,
       M_BLOOM, M_OUTER, M_DEVMAP, M_DEVMAP_HASH, M_CNT };

static struct bh_map *maps[M_CNT];
static struct bh_map *inners[4];
static struct bh_prog *prog;
static atomic_bool stop;
static atomic_ulong ops_done;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static uint32_t xs(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* One random host operation on map @m. */
static void host_op(struct bh_map *m, uint32_t *seed)
{
	uint8_t key[8] = { 0 }, next[8], val[256] = { 0 };
	uint32_t keys[16], vals[64 * 8], count;
	uint8_t pos[8]; /* a position is a key (8 bytes for the trie) or a u32 */
	uint32_t k = xs(seed) % KEYS, r = xs(seed) % 9;
	uint32_t type = bh_map__type(m);
	bool keyless = type == BPF_MAP_TYPE_QUEUE || type == BPF_MAP_TYPE_BLOOM_FILTER;

	if (type == BPF_MAP_TYPE_LPM_TRIE) {
		key[0] = (uint8_t)(k % 33);
		key[4] = (uint8_t)k;
	} else if (type == BPF_MAP_TYPE_ARRAY || type == BPF_MAP_TYPE_DEVMAP) {
		k %= bh_map__max_entries(m);
		memcpy(key, &k, 4);
	} else {
		memcpy(key, &k, 4);
	}
	if (type == BPF_MAP_TYPE_HASH_OF_MAPS) {
		uint32_t id = bh_map__id(inners[k % 4]);

		memcpy(val, &id, 4);
	} else if (type == BPF_MAP_TYPE_DEVMAP ||
		   type == BPF_MAP_TYPE_DEVMAP_HASH) {
		uint32_t ifindex = k % 5 ? 1 : 0; /* lo, or empty the slot */

		memcpy(val, &ifindex, 4);
	} else {
		memcpy(val, &k, 4);
	}
	switch (r) {
	case 0: case 1: case 2:
		bh_map__update_elem(m, keyless ? NULL : key, val, r == 2 ? BPF_NOEXIST : BPF_ANY);
		break;
	case 3: case 4:
		bh_map__lookup_elem(m, keyless ? NULL : key, val);
		break;
	case 5:
		bh_map__delete_elem(m, keyless ? NULL : key);
		break;
	case 6:
		bh_map__lookup_and_delete_elem(m, keyless ? NULL : key, val);
		break;
	case 7:
		bh_map__get_next_key(m, key, next);
		break;
	default:
		count = 8;
		if (type == BPF_MAP_TYPE_PERCPU_HASH ||
		    type == BPF_MAP_TYPE_LRU_PERCPU_HASH)
			count = 1; /* values are 8 * CPUs bytes */
		bh_map__lookup_batch(m, NULL, pos, keys, vals, &count, NULL);
		break;
	}
	atomic_fetch_add_explicit(&ops_done, 1, memory_order_relaxed);
}

static void *host_thread(void *arg)
{
	uint32_t seed = (uint32_t)(uintptr_t)arg * 2654435761u | 1;

	while (!atomic_load_explicit(&stop, memory_order_relaxed))
		host_op(maps[xs(&seed) % M_CNT], &seed);
	return NULL;
}

static void *prog_thread(void *arg)
{
	uint64_t args[1], r0, num;

	for (uint64_t i = (uintptr_t)arg;
	     !atomic_load_explicit(&stop, memory_order_relaxed); i++) {
		/* the number in memory: R1 points at it (a SYSCALL context) */
		num = i;
		args[0] = (uintptr_t)&num;
		bh_prog__exec(prog, args, 1, &num, sizeof(num), &r0);
		atomic_fetch_add_explicit(&ops_done, 1, memory_order_relaxed);
	}
	return NULL;
}

/*
 * The program: key = *(u64 *)R1 & 63; counter = lookup(hash, key) and add 1, or
 * insert 1; delete key ^ 1; count a run in the array; look up key in the
 * hash of maps and read the inner map's element 0.
 */
static struct bh_prog *load_prog(void)
{
	struct bpf_insn insns[] = {
		LDXDW(6, 1, 0), AND64K(6, 63),
		STXW(10, 6, -4),
		ST(DW, 10, -16, 1),
		/* r0 = lookup(hash, &key) */
		MOV64X(2, 10), ADD64K(2, -4), LD_MAP(1, maps[M_HASH]),
		CALL(BPF_FUNC_map_lookup_elem),
		JEQK(0, 0, 3),
		MOV64K(1, 1), XADD64(0, 1, 0),
		INSN(BPF_JMP | BPF_JA, 0, 0, 8, 0), /* found: skip the insert */
		/* update(hash, &key, &one, BPF_NOEXIST) */
		MOV64X(2, 10), ADD64K(2, -4), MOV64X(3, 10), ADD64K(3, -16),
		LD_MAP(1, maps[M_HASH]),
		MOV64K(4, BPF_NOEXIST),
		CALL(BPF_FUNC_map_update_elem),
		/* delete(lru, &key) after an update there */
		MOV64X(2, 10), ADD64K(2, -4), MOV64X(3, 10), ADD64K(3, -16),
		LD_MAP(1, maps[M_LRU]), MOV64K(4, 0),
		CALL(BPF_FUNC_map_update_elem),
		MOV64X(2, 10), ADD64K(2, -4), LD_MAP(1, maps[M_LRU]),
		CALL(BPF_FUNC_map_delete_elem),
		/* inner = lookup(outer, &key); lookup(inner, &zero) */
		MOV64X(2, 10), ADD64K(2, -4), LD_MAP(1, maps[M_OUTER]),
		CALL(BPF_FUNC_map_lookup_elem),
		JEQK(0, 0, 5),
		MOV64X(1, 0), ST(W, 10, -8, 0), MOV64X(2, 10), ADD64K(2, -8),
		CALL(BPF_FUNC_map_lookup_elem),
		/* push into the queue */
		MOV64X(2, 10), ADD64K(2, -16), LD_MAP(1, maps[M_QUEUE]), MOV64K(3, 0),
		CALL(BPF_FUNC_map_push_elem),
		MOV64K(0, 0),
		EXIT(),
	};

	return bh_prog__load(BPF_PROG_TYPE_SYSCALL, insns, NELEM(insns), NULL);
}

static int create_maps(void)
{
	BH_OPTS(bh_map_create_opts, np, .map_flags = BPF_F_NO_PREALLOC);

	for (int i = 0; i < 4; i++)
		inners[i] = bh_map__create(BPF_MAP_TYPE_ARRAY, NULL, 4, 8, 1, NULL);
	maps[M_HASH] = bh_map__create(BPF_MAP_TYPE_HASH, NULL, 4, 8, 64, NULL);
	maps[M_HASH_NP] = bh_map__create(BPF_MAP_TYPE_HASH, NULL, 4, 8, 64, &np);
	maps[M_LRU] = bh_map__create(BPF_MAP_TYPE_LRU_HASH, NULL, 4, 8, 32, NULL);
	maps[M_PCPU] = bh_map__create(BPF_MAP_TYPE_PERCPU_HASH, NULL, 4, 8, 64, NULL);
	maps[M_LRU_PCPU] = bh_map__create(BPF_MAP_TYPE_LRU_PERCPU_HASH, NULL, 4, 8, 32, NULL);
	maps[M_ARRAY] = bh_map__create(BPF_MAP_TYPE_ARRAY, NULL, 4, 8, 16, NULL);
	maps[M_QUEUE] = bh_map__create(BPF_MAP_TYPE_QUEUE, NULL, 0, 8, 16, NULL);
	maps[M_LPM] = bh_map__create(BPF_MAP_TYPE_LPM_TRIE, NULL, 8, 8, 48, &np);
	maps[M_BLOOM] = bh_map__create(BPF_MAP_TYPE_BLOOM_FILTER, NULL, 0, 8, 64, NULL);
	{
		BH_OPTS(bh_map_create_opts, o, .inner_map = inners[0]);

		maps[M_OUTER] = bh_map__create(BPF_MAP_TYPE_HASH_OF_MAPS, NULL, 4, 4, 64, &o);
	}
	maps[M_DEVMAP] = bh_map__create(BPF_MAP_TYPE_DEVMAP, NULL, 4, 8, 16, NULL);
	maps[M_DEVMAP_HASH] = bh_map__create(BPF_MAP_TYPE_DEVMAP_HASH, NULL, 4, 4, 32, NULL);
	for (int i = 0; i < M_CNT; i++)
		if (!maps[i])
			return -1;
	for (int i = 0; i < 4; i++)
		if (!inners[i])
			return -1;
	return 0;
}

static void count_elems(struct bh_map *m, uint32_t *n)
{
	uint8_t key[8];
	int r;

	*n = 0;
	for (r = bh_map__get_next_key(m, NULL, key); !r && *n < 1000;
	     r = bh_map__get_next_key(m, key, key))
		(*n)++;
}

static void test_concurrency__every_op(void)
{
	pthread_t host[3], progs[2];
	uint64_t start;
	uint32_t n;

	REQUIRE("conc-maps", !create_maps());
	prog = load_prog();
	REQUIRE("conc-prog", prog);
	for (int i = 0; i < 3; i++)
		pthread_create(&host[i], NULL, host_thread, (void *)(uintptr_t)(i + 1));
	for (int i = 0; i < 2; i++)
		pthread_create(&progs[i], NULL, prog_thread, (void *)(uintptr_t)(i * 1000));
	start = now_ns();
	while (now_ns() - start < RUN_NS) {
		struct timespec ts = { 0, 10000000 };

		nanosleep(&ts, NULL);
	}
	atomic_store(&stop, true);
	for (int i = 0; i < 3; i++)
		pthread_join(host[i], NULL);
	for (int i = 0; i < 2; i++)
		pthread_join(progs[i], NULL);
	CHECK("conc-progress", atomic_load(&ops_done) > 1000);
	count_elems(maps[M_HASH], &n);
	CHECK("conc-hash-bound", n <= 64);
	count_elems(maps[M_LRU], &n);
	CHECK("conc-lru-bound", n <= 32);
	count_elems(maps[M_LRU_PCPU], &n);
	CHECK("conc-lru-pcpu-bound", n <= 32);
	count_elems(maps[M_LPM], &n);
	CHECK("conc-lpm-bound", n <= 48);
	count_elems(maps[M_DEVMAP_HASH], &n);
	CHECK("conc-devmap-hash-bound", n <= 32);
	/* the capacity accounting is intact: the map can be filled exactly */
	for (uint32_t k = 0; k < 200; k++)
		bh_map__delete_elem(maps[M_HASH], &k);
	for (uint32_t k = 0; k < 64; k++)
		CHECK_EQ("conc-hash-refill", bh_map__update_elem(maps[M_HASH], &k, &(uint64_t){ k }, BPF_ANY), 0);
	CHECK_EQ("conc-hash-full", bh_map__update_elem(maps[M_HASH], &(uint32_t){ 64 }, &(uint64_t){ 0 }, BPF_ANY), -E2BIG);
	bh_prog__free(prog);
	for (int i = 0; i < M_CNT; i++)
		bh_map__free(maps[i]);
	for (int i = 0; i < 4; i++)
		bh_map__free(inners[i]);
	/* no bh_rcu_barrier(): liburcu's own barrier bookkeeping is invisible
	 * to TSan; the deferred frees may finish at exit */
	bh_rcu_synchronize();
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_concurrency__every_op),
};

BH_TEST_MAIN(cases)
