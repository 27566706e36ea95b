/* SPDX-License-Identifier: MIT */
/*
 * tests/helpers/test_concurrency_timer.c - bpf_timer under threads (run
 * under TSan by CI): programs on several threads init, set callbacks on,
 * start and cancel the timers of a hash map's elements while the host
 * deletes and replaces those elements and callbacks fire and re-arm on the
 * timer thread; then the map goes with timers still armed.  Nothing may
 * race, leak or be used after free.
 */
#include <pthread.h>

#include "test.h"
#include "helpers/timer_fixture.h"

/* ---- Concurrency (TSan) ---------------------------------------------------- */

#define CONC_THREADS 3
#define CONC_KEYS 16
#define CONC_ITERS 1500

static void *conc_worker(void *arg)
{
	struct fixture *f = arg;
	unsigned int seed = (unsigned int)(uintptr_t)pthread_self();

	for (int i = 0; i < CONC_ITERS; i++) {
		uint32_t key = (uint32_t)rand_r(&seed) % CONC_KEYS;
		struct elem e = { { 0 }, 0, 0 };

		switch (rand_r(&seed) % 6) {
		case 0:
			op(f, OP_INIT, key, 0, CLOCK_MONOTONIC);
			break;
		case 1:
			op(f, rand_r(&seed) % 2 ? OP_SETCB : OP_SETCB_REARM, key, 0, 0);
			break;
		case 2:
			op(f, OP_START, key, (uint64_t)(rand_r(&seed) % 200) * 1000, 0);
			break;
		case 3:
			op(f, OP_CANCEL, key, 0, 0);
			break;
		case 4:
			bh_map__delete_elem(f->map, &key);
			break;
		default:
			bh_map__update_elem(f->map, &key, &e, BPF_ANY);
			break;
		}
	}
	return NULL;
}

static void test_timer__concurrent(void)
{
	struct fixture f;
	pthread_t th[CONC_THREADS];

	REQUIRE("tm-conc-setup", setup(&f, BPF_MAP_TYPE_HASH, CONC_KEYS));
	for (uint32_t k = 0; k < CONC_KEYS; k++)
		add_key(&f, k);
	for (int i = 0; i < CONC_THREADS; i++)
		REQUIRE("tm-conc-spawn", !pthread_create(&th[i], NULL, conc_worker, &f));
	for (int i = 0; i < CONC_THREADS; i++)
		pthread_join(th[i], NULL);
	/* the timers still armed go with the map, callbacks may be running */
	teardown(&f);
	CHECK("tm-conc-done", true);
}

/* Again in checked runs, without the verifier. */
static void test_timer__concurrent_checked(void)
{
	load_flags = BH_PROG_LOAD_F_NO_VERIFY;
	test_timer__concurrent();
	load_flags = 0;
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_timer__concurrent),
	BH_TEST(test_timer__concurrent_checked),
};

BH_TEST_MAIN(cases)
