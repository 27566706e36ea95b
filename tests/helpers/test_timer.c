/* SPDX-License-Identifier: MIT */
/*
 * tests/helpers/test_timer.c - bpf_timer: bpf_timer_init's errors (clock,
 * double init, a map the host no longer holds), set_callback / start /
 * cancel, firing (R1..R3 as bpf_timer_cb gives them), BPF_F_TIMER_ABS,
 * re-arming from the callback, cancelling from the own callback
 * (-EDEADLK), and the timer going with its value: a deleted or replaced
 * hash element, an overwritten array value, the host's last map reference,
 * the map freed with armed timers (ASan runs check nothing leaks).
 *
 * One SYSCALL program drives everything (timer_fixture.h).  The cases run
 * verified, and most again loaded without the verifier (checked runs, where
 * the helpers check their arguments themselves).
 */
#include "test.h"

#include "helpers/timer_fixture.h"

static void test_timer__init_errors(void)
{
	struct fixture f;

	REQUIRE("tm-init-setup", setup(&f, BPF_MAP_TYPE_ARRAY, 4));
	CHECK_EQ("tm-start-uninit", op(&f, OP_START, 0, 1000, 0), -EINVAL);
	CHECK_EQ("tm-cancel-uninit", op(&f, OP_CANCEL, 0, 0, 0), -EINVAL);
	CHECK_EQ("tm-setcb-uninit", op(&f, OP_SETCB, 0, 0, 0), -EINVAL);
	CHECK_EQ("tm-init-coarse", op(&f, OP_INIT, 0, 0, CLOCK_REALTIME_COARSE), -EINVAL);
	CHECK_EQ("tm-init-alarm", op(&f, OP_INIT, 0, 0, CLOCK_BOOTTIME_ALARM), -EINVAL);
	CHECK_EQ("tm-init-flags16", op(&f, OP_INIT, 0, 0, 16 | CLOCK_MONOTONIC), -EINVAL);
	CHECK_EQ("tm-init-ok", op(&f, OP_INIT, 0, 0, CLOCK_MONOTONIC), 0);
	CHECK_EQ("tm-init-busy", op(&f, OP_INIT, 0, 0, CLOCK_MONOTONIC), -EBUSY);
	CHECK_EQ("tm-init-realtime", op(&f, OP_INIT, 1, 0, CLOCK_REALTIME), 0);
	CHECK_EQ("tm-init-boottime", op(&f, OP_INIT, 2, 0, CLOCK_BOOTTIME), 0);
	CHECK_EQ("tm-init-nokey", op(&f, OP_INIT, 9, 0, CLOCK_MONOTONIC), -2);
	/* initialised, but no callback yet */
	CHECK_EQ("tm-start-nocb", op(&f, OP_START, 0, 1000, 0), -EINVAL);
	CHECK_EQ("tm-cancel-idle", op(&f, OP_CANCEL, 0, 0, 0), 0);
	CHECK_EQ("tm-setcb-ok", op(&f, OP_SETCB, 0, 0, 0), 0);
	CHECK_EQ("tm-start-badflags", op(&f, OP_START, 0, 1000, 4), -EINVAL);
	/* the host sees the timer bytes as zero */
	CHECK_EQ("tm-host-zero", elem_of(&f, 0).timer[0], 0);
	teardown(&f);
}

static void test_timer__no_usercnt(void)
{
	struct fixture f;

	REQUIRE("tm-uref-setup", setup(&f, BPF_MAP_TYPE_ARRAY, 2));
	CHECK_EQ("tm-uref-init", op(&f, OP_INIT, 0, 0, CLOCK_MONOTONIC), 0);
	/* the program still holds the map, the host does not */
	bh_map__free(f.map);
	CHECK_EQ("tm-uref-eperm", op(&f, OP_INIT, 1, 0, CLOCK_MONOTONIC), -EPERM);
	/* the release freed timer 0 */
	CHECK_EQ("tm-uref-freed", op(&f, OP_CANCEL, 0, 0, 0), -EINVAL);
	f.map = NULL;
	teardown(&f);
}

static void test_timer__start_fires(void)
{
	struct fixture f;
	uint64_t t0;

	REQUIRE("tm-fire-setup", setup(&f, BPF_MAP_TYPE_ARRAY, 4));
	CHECK_EQ("tm-fire-init", op(&f, OP_INIT, 3, 0, CLOCK_MONOTONIC), 0);
	CHECK_EQ("tm-fire-setcb", op(&f, OP_SETCB, 3, 0, 0), 0);
	t0 = mono_ns(CLOCK_MONOTONIC);
	CHECK_EQ("tm-fire-start", op(&f, OP_START, 3, 20 * 1000000ull, 0), 0);
	CHECK("tm-fire-ran", wait_count(&f, 1));
	CHECK("tm-fire-late-enough", mono_ns(CLOCK_MONOTONIC) - t0 >= 20 * 1000000ull);
	CHECK_EQ("tm-fire-cnt", elem_of(&f, 3).cnt, 1);
	CHECK_EQ("tm-fire-key", elem_of(&f, 3).x, 103);
	/* one shot: nothing more */
	usleep(30000);
	CHECK_EQ("tm-fire-once", counter(&f), 1);
	/* fired: cancel finds nothing queued */
	CHECK_EQ("tm-fire-cancel-after", op(&f, OP_CANCEL, 3, 0, 0), 0);
	teardown(&f);
}

static void test_timer__cancel(void)
{
	struct fixture f;

	REQUIRE("tm-cancel-setup", setup(&f, BPF_MAP_TYPE_ARRAY, 2));
	CHECK_EQ("tm-cancel-init", op(&f, OP_INIT, 0, 0, CLOCK_MONOTONIC), 0);
	CHECK_EQ("tm-cancel-setcb", op(&f, OP_SETCB, 0, 0, 0), 0);
	CHECK_EQ("tm-cancel-start", op(&f, OP_START, 0, 50 * 1000000ull, 0), 0);
	CHECK_EQ("tm-cancel-active", op(&f, OP_CANCEL, 0, 0, 0), 1);
	CHECK_EQ("tm-cancel-again", op(&f, OP_CANCEL, 0, 0, 0), 0);
	/* cancel dropped the callback: start needs a new one */
	CHECK_EQ("tm-cancel-start-nocb", op(&f, OP_START, 0, 1000, 0), -EINVAL);
	usleep(80000);
	CHECK_EQ("tm-cancel-never-ran", counter(&f), 0);
	/* re-armed after a new set_callback, restarting moves the expiry */
	CHECK_EQ("tm-cancel-setcb2", op(&f, OP_SETCB, 0, 0, 0), 0);
	CHECK_EQ("tm-cancel-start-far", op(&f, OP_START, 0, 10000 * 1000000ull, 0), 0);
	CHECK_EQ("tm-cancel-start-near", op(&f, OP_START, 0, 1000000, 0), 0);
	CHECK("tm-cancel-restart-ran", wait_count(&f, 1));
	teardown(&f);
}

static void test_timer__cancel_own_callback(void)
{
	struct fixture f;

	REQUIRE("tm-deadlk-setup", setup(&f, BPF_MAP_TYPE_ARRAY, 2));
	CHECK_EQ("tm-deadlk-init", op(&f, OP_INIT, 1, 0, CLOCK_MONOTONIC), 0);
	CHECK_EQ("tm-deadlk-setcb", op(&f, OP_SETCB_SELFCANCEL, 1, 0, 0), 0);
	CHECK_EQ("tm-deadlk-start", op(&f, OP_START, 1, 1000, 0), 0);
	CHECK("tm-deadlk-ran", wait_count(&f, 1));
	usleep(2000);
	CHECK_EQ("tm-deadlk-ret", (int64_t)elem_of(&f, 1).x, -EDEADLK);
	teardown(&f);
}

static void test_timer__abs(void)
{
	struct fixture f;
	uint64_t t0;

	REQUIRE("tm-abs-setup", setup(&f, BPF_MAP_TYPE_ARRAY, 2));
	CHECK_EQ("tm-abs-init", op(&f, OP_INIT, 0, 0, CLOCK_REALTIME), 0);
	CHECK_EQ("tm-abs-setcb", op(&f, OP_SETCB, 0, 0, 0), 0);
	t0 = mono_ns(CLOCK_MONOTONIC);
	CHECK_EQ("tm-abs-start", op(&f, OP_START, 0, mono_ns(CLOCK_REALTIME) + 30000000ull,
				    BPF_F_TIMER_ABS), 0);
	CHECK("tm-abs-ran", wait_count(&f, 1));
	CHECK("tm-abs-not-early", mono_ns(CLOCK_MONOTONIC) - t0 >= 25000000ull);
	/* a time already past fires at once; CPU_PIN is accepted */
	CHECK_EQ("tm-abs-init2", op(&f, OP_INIT, 1, 0, CLOCK_MONOTONIC), 0);
	CHECK_EQ("tm-abs-setcb2", op(&f, OP_SETCB, 1, 0, 0), 0);
	CHECK_EQ("tm-abs-past", op(&f, OP_START, 1, 1, BPF_F_TIMER_ABS | BPF_F_TIMER_CPU_PIN), 0);
	CHECK("tm-abs-past-ran", wait_count(&f, 2));
	teardown(&f);
}

static void test_timer__rearm_from_callback(void)
{
	struct fixture f;

	REQUIRE("tm-rearm-setup", setup(&f, BPF_MAP_TYPE_HASH, 4));
	add_key(&f, 7);
	CHECK_EQ("tm-rearm-init", op(&f, OP_INIT, 7, 0, CLOCK_MONOTONIC), 0);
	CHECK_EQ("tm-rearm-setcb", op(&f, OP_SETCB_REARM, 7, 0, 0), 0);
	CHECK_EQ("tm-rearm-start", op(&f, OP_START, 7, 1000000, 0), 0);
	CHECK("tm-rearm-three", wait_count(&f, 3));
	usleep(20000);
	CHECK_EQ("tm-rearm-stops", counter(&f), 3);
	CHECK_EQ("tm-rearm-cnt", elem_of(&f, 7).cnt, 3);
	teardown(&f);
}

static void test_timer__delete_cancels(void)
{
	struct fixture f;
	uint32_t key = 5;

	REQUIRE("tm-del-setup", setup(&f, BPF_MAP_TYPE_HASH, 4));
	add_key(&f, 5);
	add_key(&f, 6);
	CHECK_EQ("tm-del-init", op(&f, OP_INIT, 5, 0, CLOCK_MONOTONIC), 0);
	CHECK_EQ("tm-del-setcb", op(&f, OP_SETCB, 5, 0, 0), 0);
	CHECK_EQ("tm-del-start", op(&f, OP_START, 5, 30 * 1000000ull, 0), 0);
	CHECK_EQ("tm-del-delete", bh_map__delete_elem(f.map, &key), 0);
	/* a replaced element loses its timer too */
	CHECK_EQ("tm-del-init6", op(&f, OP_INIT, 6, 0, CLOCK_MONOTONIC), 0);
	CHECK_EQ("tm-del-setcb6", op(&f, OP_SETCB, 6, 0, 0), 0);
	CHECK_EQ("tm-del-start6", op(&f, OP_START, 6, 30 * 1000000ull, 0), 0);
	add_key(&f, 6);
	CHECK_EQ("tm-del-replaced", op(&f, OP_CANCEL, 6, 0, 0), -EINVAL);
	usleep(60000);
	CHECK_EQ("tm-del-never-ran", counter(&f), 0);
	/* the element is back: a fresh, uninitialised timer */
	add_key(&f, 5);
	CHECK_EQ("tm-del-fresh", op(&f, OP_CANCEL, 5, 0, 0), -EINVAL);
	teardown(&f);
}

static void test_timer__array_update_cancels(void)
{
	struct fixture f;
	uint32_t key = 1;
	struct elem e = { { 0 }, 0, 0 };

	REQUIRE("tm-aupd-setup", setup(&f, BPF_MAP_TYPE_ARRAY, 2));
	CHECK_EQ("tm-aupd-init", op(&f, OP_INIT, 1, 0, CLOCK_MONOTONIC), 0);
	CHECK_EQ("tm-aupd-setcb", op(&f, OP_SETCB, 1, 0, 0), 0);
	CHECK_EQ("tm-aupd-start", op(&f, OP_START, 1, 30 * 1000000ull, 0), 0);
	CHECK_EQ("tm-aupd-update", bh_map__update_elem(f.map, &key, &e, BPF_ANY), 0);
	CHECK_EQ("tm-aupd-gone", op(&f, OP_CANCEL, 1, 0, 0), -EINVAL);
	usleep(60000);
	CHECK_EQ("tm-aupd-never-ran", counter(&f), 0);
	teardown(&f);
}

static void test_timer__delete_from_callback(void)
{
	struct fixture f;
	struct elem e;
	uint32_t key = 2;

	REQUIRE("tm-cbdel-setup", setup(&f, BPF_MAP_TYPE_HASH, 4));
	add_key(&f, 2);
	/* the callback reads its key from cnt's slot before counting: 2 */
	e = (struct elem){ { 0 }, 2, 0 };
	bh_map__update_elem(f.map, &key, &e, BPF_ANY);
	CHECK_EQ("tm-cbdel-init", op(&f, OP_INIT, 2, 0, CLOCK_MONOTONIC), 0);
	CHECK_EQ("tm-cbdel-setcb", op(&f, OP_SETCB_DELETE, 2, 0, 0), 0);
	CHECK_EQ("tm-cbdel-start", op(&f, OP_START, 2, 1000000, 0), 0);
	CHECK("tm-cbdel-ran", wait_count(&f, 1));
	usleep(5000);
	CHECK_EQ("tm-cbdel-gone", bh_map__lookup_elem(f.map, &key, &e), -ENOENT);
	teardown(&f);
}

static void test_timer__map_free_armed(void)
{
	struct fixture f;

	/* every value armed, some about to fire, as the map goes */
	REQUIRE("tm-free-setup", setup(&f, BPF_MAP_TYPE_ARRAY, 64));
	for (uint32_t k = 0; k < 64; k++) {
		op(&f, OP_INIT, k, 0, CLOCK_MONOTONIC);
		op(&f, OP_SETCB_REARM, k, 0, 0);
		op(&f, OP_START, k, k % 2 ? 10000 * 1000000ull : k * 10000ull, 0);
	}
	CHECK_EQ("tm-free-armed", op(&f, OP_CANCEL, 1, 0, 0), 1);
	CHECK_EQ("tm-free-rearm", op(&f, OP_SETCB_REARM, 1, 0, 0), 0);
	CHECK_EQ("tm-free-start", op(&f, OP_START, 1, 10000 * 1000000ull, 0), 0);
	/* the program goes first: the timers keep it until the map's
	 * host reference goes, which frees them */
	bh_prog__free(f.prog);
	f.prog = NULL;
	bh_map__free(f.map);
	f.map = NULL;
	teardown(&f);
	CHECK("tm-free-done", true);
}

static void test_timer__hash_map_free_armed(void)
{
	struct fixture f;

	REQUIRE("tm-hfree-setup", setup(&f, BPF_MAP_TYPE_LRU_HASH, 64));
	for (uint32_t k = 0; k < 32; k++) {
		add_key(&f, k);
		op(&f, OP_INIT, k, 0, CLOCK_BOOTTIME);
		op(&f, OP_SETCB_REARM, k, 0, 0);
		op(&f, OP_START, k, k % 2 ? 10000 * 1000000ull : 1000, 0);
	}
	teardown(&f);
	CHECK("tm-hfree-done", true);
}

/* ---- tests/progs/timer.bpf.c: the selftests' way ----------------------------- */

/* The object's .bss as the programs see it: array_calls, hmap_calls,
 * lru_calls, abs_calls, err, then (.data) self_cancel, hmap_counter. */
struct timer_bss {
	uint64_t array_calls, hmap_calls, lru_calls, abs_calls, err;
};

static void read_global(struct bh_object *obj, const char *sec, void *out, size_t sz)
{
	struct bh_object_map *m = bh_object__find_map_by_name(obj, sec);
	uint32_t zero = 0;

	memset(out, 0xff, sz);
	if (m)
		bh_map__lookup_elem(bh_object_map__map(m), &zero, out);
}

static void test_timer__object(void)
{
	const char *build = getenv("BUILD");
	char path[512], log[8192] = "";
	BH_OPTS(bh_object_open_opts, oo, .log_buf = log, .log_size = sizeof(log));
	struct bh_object *obj;
	struct timer_bss bss = { 0 };
	int64_t data[2];
	char ctx[8] = { 0 };
	BH_OPTS(bh_test_run_opts, ro, .ctx_in = ctx, .ctx_size_in = sizeof(ctx));
	int key = 1;
	uint64_t v[2];

	snprintf(path, sizeof(path), "%s/progs/timer.bpf.o", build && build[0] ? build : "build");
	obj = bh_object__open_file(path, &oo);
	REQUIRE("tm-obj-open", obj);
	if (bh_object__load(obj))
		fprintf(stderr, "  load: %s\n%s", strerror(errno), log);
	REQUIRE("tm-obj-load", bh_program__prog(bh_object__find_program_by_name(obj, "start_timers")));
	CHECK_EQ("tm-obj-run", bh_prog__test_run(bh_program__prog(
				   bh_object__find_program_by_name(obj, "start_timers")), &ro), 0);
	CHECK_EQ("tm-obj-armed", ro.retval, 0);
	for (int i = 0; i < 2000; i++) {
		read_global(obj, ".bss", &bss, sizeof(bss));
		if (bss.array_calls >= 3 && bss.hmap_calls >= 1 && bss.lru_calls >= 11 &&
		    bss.abs_calls >= 1)
			break;
		usleep(1000);
	}
	usleep(10000);
	read_global(obj, ".bss", &bss, sizeof(bss));
	read_global(obj, ".data", data, sizeof(data));
	CHECK_EQ("tm-obj-err", bss.err, 0);
	CHECK_EQ("tm-obj-array", bss.array_calls, 3);
	CHECK_EQ("tm-obj-hmap", bss.hmap_calls, 1);
	CHECK_EQ("tm-obj-lru", bss.lru_calls, 11);
	CHECK_EQ("tm-obj-abs", bss.abs_calls, 1);
	CHECK_EQ("tm-obj-self-cancel", data[0], -EDEADLK);
	CHECK_EQ("tm-obj-counter", data[1], 1);
	/* the callback deleted its own element */
	CHECK_EQ("tm-obj-deleted", bh_map__lookup_elem(bh_object_map__map(
		 bh_object__find_map_by_name(obj, "hmap")), &key, v), -ENOENT);
	/* array[1] fired for good: nothing armed to cancel */
	CHECK_EQ("tm-obj-cancel", bh_prog__test_run(bh_program__prog(
				      bh_object__find_program_by_name(obj, "cancel_array")), &ro), 0);
	CHECK_EQ("tm-obj-cancel-ret", ro.retval, 0);
	bh_object__close(obj);
}

/* A timer in an inner map's value: bpfhost does not track which inner map
 * (the kernel's map_uid), so the verifier refuses it. */
static void test_timer__inner_map_refused(void)
{
	static const char text[] =
		"stw [%r10-4], 0\n"
		"mov %r2, %r10\n"
		"add %r2, -4\n"
		"lddw %r1, map[idx:0]\n"
		"call 1\n"
		"jeq %r0, 0, out\n"
		"mov %r6, %r0\n"
		"mov %r1, %r6\n"
		"mov %r2, %r10\n"
		"add %r2, -4\n"
		"call 1\n"
		"jeq %r0, 0, out\n"
		"mov %r1, %r0\n"
		"mov %r2, %r6\n"
		"mov %r3, 1\n"
		"call 169\n"
		"out:\n"
		"mov %r0, 0\n"
		"exit\n";
	struct bh_btf *btf = timer_btf();
	BH_OPTS(bh_map_create_opts, io, .btf = btf, .btf_key_type_id = 1,
		.btf_value_type_id = 4);
	struct bh_map *inner = bh_map__create(BPF_MAP_TYPE_ARRAY, "inner", 4,
					      sizeof(struct elem), 1, &io);
	BH_OPTS(bh_map_create_opts, oo, .inner_map = inner);
	struct bh_map *outer = bh_map__create(BPF_MAP_TYPE_ARRAY_OF_MAPS, "outer", 4, 4, 1, &oo);
	struct bpf_insn *insns = NULL;
	size_t cnt = 0;
	char log[8192] = "";
	struct bh_prog *prog;

	REQUIRE("tm-inner-maps", btf && inner && outer);
	REQUIRE("tm-inner-asm", !bh_asm__parse(text, &insns, &cnt, NULL, 0));
	struct bh_map *maps[] = { outer };
	BH_OPTS(bh_prog_load_opts, po, .license = "GPL", .log_buf = log,
		.log_size = sizeof(log), .maps = maps, .map_cnt = 1);
	prog = bh_prog__load(BPF_PROG_TYPE_SYSCALL, insns, cnt, &po);
	CHECK("tm-inner-refused", !prog && errno == EINVAL);
	CHECK("tm-inner-msg", strstr(log, "R1: bpf_timer in an inner map is not verified by bpfhost yet"));
	bh_prog__free(prog);
	free(insns);
	bh_map__free(outer);
	bh_map__free(inner);
	bh_btf__free(btf);
}

/* A case again in checked runs, without the verifier. */
#define CHECKED(name)                                           \
	static void name##_checked(void)                        \
	{                                                       \
		load_flags = BH_PROG_LOAD_F_NO_VERIFY;          \
		name();                                         \
		load_flags = 0;                                 \
	}
CHECKED(test_timer__init_errors)
CHECKED(test_timer__no_usercnt)
CHECKED(test_timer__start_fires)
CHECKED(test_timer__cancel)
CHECKED(test_timer__cancel_own_callback)
CHECKED(test_timer__rearm_from_callback)
CHECKED(test_timer__delete_cancels)
CHECKED(test_timer__delete_from_callback)
CHECKED(test_timer__map_free_armed)

static const struct bh_test_case cases[] = {
	BH_TEST(test_timer__init_errors),
	BH_TEST(test_timer__no_usercnt),
	BH_TEST(test_timer__start_fires),
	BH_TEST(test_timer__cancel),
	BH_TEST(test_timer__cancel_own_callback),
	BH_TEST(test_timer__abs),
	BH_TEST(test_timer__rearm_from_callback),
	BH_TEST(test_timer__delete_cancels),
	BH_TEST(test_timer__array_update_cancels),
	BH_TEST(test_timer__delete_from_callback),
	BH_TEST(test_timer__map_free_armed),
	BH_TEST(test_timer__hash_map_free_armed),
	BH_TEST(test_timer__object),
	BH_TEST(test_timer__inner_map_refused),
	BH_TEST(test_timer__init_errors_checked),
	BH_TEST(test_timer__no_usercnt_checked),
	BH_TEST(test_timer__start_fires_checked),
	BH_TEST(test_timer__cancel_checked),
	BH_TEST(test_timer__cancel_own_callback_checked),
	BH_TEST(test_timer__rearm_from_callback_checked),
	BH_TEST(test_timer__delete_cancels_checked),
	BH_TEST(test_timer__delete_from_callback_checked),
	BH_TEST(test_timer__map_free_armed_checked),
};

BH_TEST_MAIN(cases)
