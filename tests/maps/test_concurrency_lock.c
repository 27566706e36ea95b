/* SPDX-License-Identifier: MIT */
/*
 * tests/maps/test_concurrency_lock.c - BPF_F_LOCK host copies against
 * programs holding the value's bpf_spin_lock (run by scripts/run-tests.sh
 * --tsan too: every access to the values is ordered by the lock).
 *
 * Programs on two threads bump both fields of struct val_lock { lock; int
 * cnt; long sum; } under the lock, one after the other, in an ARRAY (map
 * 9 of tests/verifier/vharness.h) and a HASH (map 10); a host thread reads
 * them with BPF_F_LOCK, which must never see cnt != sum (a program between
 * its two writes), and writes equal pairs with BPF_F_LOCK in place.
 */
#include <pthread.h>
#include <stdatomic.h>

#include "test.h"
#include "verifier/vharness.h"


/* A few instructions between the two writes: a window for a torn read. */
#define SPIN "mov %r4, 1\nadd %r4, 2\nmul %r4, 3\nadd %r4, 4\nmul %r4, 5\n"

/* 300 times, for map 9 key 0 then map 10 key 1: lock, cnt++, sum++,
 * unlock. */
#define BUMP(map, key, tag)                                                   \
	"stw [%r10-4], " #key "\nmov %r2, %r10\nadd %r2, -4\n"                \
	"lddw %r1, map[idx:" #map "]\ncall 1\n"                               \
	"jeq %r0, 0, " tag "\nmov %r6, %r0\nmov %r1, %r6\ncall 93\n"          \
	"ldxw %r2, [%r6+4]\nadd %r2, 1\nstxw [%r6+4], %r2\n"                  \
	SPIN SPIN SPIN SPIN                                                   \
	"ldxdw %r3, [%r6+8]\nadd %r3, 1\nstxdw [%r6+8], %r3\n"                \
	"mov %r1, %r6\ncall 94\n" tag ":\n"
static const char bump_both[] =
	"mov %r8, 0\nloop:\n"
	BUMP(9, 0, "a")
	BUMP(10, 1, "h")
	"add %r8, 1\njlt %r8, 300, loop\nmov %r0, 2\nexit\n";

struct val {
	uint32_t lock;
	int32_t cnt;
	int64_t sum;
};

struct shared {
	struct bh_prog *prog;
	struct bh_map *arr, *hash;
	atomic_int running; /* relaxed: a stop flag, orders nothing */
	int torn, failed;   /* host thread only */
};

static void *run_prog(void *p)
{
	struct shared *s = p;
	uint8_t pkt[64] = { 0 };
	BH_OPTS(bh_test_run_opts, o, .data_in = pkt, .data_size_in = sizeof(pkt),
		.repeat = 200);
	int ret = bh_prog__test_run(s->prog, &o);

	atomic_fetch_sub_explicit(&s->running, 1, memory_order_relaxed);
	return (void *)(intptr_t)ret;
}

static void *host(void *p)
{
	struct shared *s = p;
	uint32_t k0 = 0, k1 = 1;

	for (int i = 0; atomic_load_explicit(&s->running, memory_order_relaxed); i++) {
		struct val v;

		for (int h = 0; h < 2; h++) {
			struct bh_map *m = h ? s->hash : s->arr;
			uint32_t *k = h ? &k1 : &k0;

			if (bh_map__lookup_elem_flags(m, k, &v, BPF_F_LOCK)) {
				s->failed++;
				continue;
			}
			s->torn += v.cnt != (int32_t)v.sum || v.lock;
			if (i % 8 == 0) {
				v.sum = v.cnt = i;
				s->failed += bh_map__update_elem(m, k, &v, BPF_EXIST | BPF_F_LOCK) != 0;
			}
		}
	}
	return NULL;
}

static void test_concurrency_lock__host_vs_programs(void)
{
	static char log[1 << 16];
	BH_OPTS(bh_prog_load_opts, opts, .license = "GPL", .log_buf = log,
		.log_size = sizeof(log), .log_level = 1);
	struct shared s = { 0 };
	struct val v = { 0 };
	struct bpf_insn *insns;
	pthread_t t[3];
	struct vh_maps m;
	uint32_t k1 = 1;
	char err[256];
	size_t cnt;
	int bad = 0;

	vh_maps_init(&m, 0);
	opts.maps = m.bh;
	opts.map_cnt = VH_MAPS;
	REQUIRE("conc-asm", !bh_asm__parse(bump_both, &insns, &cnt, err, sizeof(err)));
	s.prog = bh_prog__load(BPF_PROG_TYPE_XDP, insns, cnt, &opts);
	free(insns);
	if (!s.prog)
		fprintf(stderr, "%s\n", log);
	REQUIRE("conc-load", s.prog != NULL);
	s.arr = m.bh[9];
	s.hash = m.bh[10];
	CHECK_EQ("conc-seed", bh_map__update_elem(s.hash, &k1, &v, BPF_ANY), 0);
	atomic_init(&s.running, 2);
	pthread_create(&t[2], NULL, host, &s);
	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, run_prog, &s);
	for (int i = 0; i < 3; i++) {
		void *r;

		pthread_join(t[i], &r);
		bad += i < 2 && r != NULL;
	}
	CHECK_EQ("conc-runs", bad, 0);
	CHECK_EQ("conc-host-calls", s.failed, 0);
	CHECK_EQ("conc-never-torn", s.torn, 0);
	for (int h = 0; h < 2; h++) {
		uint32_t k = (uint32_t)h;

		CHECK_EQ("conc-final", bh_map__lookup_elem_flags(h ? s.hash : s.arr, &k, &v,
								 BPF_F_LOCK), 0);
		CHECK_EQ("conc-final-pair", v.cnt, (int32_t)v.sum);
		CHECK("conc-final-counted", v.cnt > 0);
	}
	bh_prog__free(s.prog);
	vh_maps_free(&m);
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_concurrency_lock__host_vs_programs),
};

BH_TEST_MAIN(cases)
