/* SPDX-License-Identifier: MIT */
/*
 * tests/helpers/test_kfuncs.c - the kfunc table (helpers/kfuncs.c) and
 * each kfunc's run-time semantics, called directly on struct bpf_dynptr
 * values outside any run (the verifier's side: tests/verifier/negative/
 * kfunc_*.s; both sides against the kernel: tests/progs/diffp_61_kfunc).
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <bpfhost/bpfhost.h>

#include "helpers/internal.h"
#include "progs/insn_builders.h"
#include "ringbuf/internal.h"
#include "test.h"

#define KCALL(id) INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, id)

static uint64_t kf(uint32_t id, uint64_t r1, uint64_t r2, uint64_t r3, uint64_t r4)
{
	return kfunc_proto(id)->proto.fn(r1, r2, r3, r4, 0);
}

#define P(x) ((uint64_t)(uintptr_t)(x))

static struct rb_dynptr local_over(void *mem, uint32_t size)
{
	return (struct rb_dynptr){ .data = mem,
				   .size = size | (RB_DYNPTR_LOCAL << RB_DYNPTR_TYPE_SHIFT) };
}

/* every id of kfunc_ids.def has a prototype whose name resolves back */
static void test_kfuncs__table(void)
{
	uint32_t n = 0;

	for (uint32_t id = 1; id < BH_KFUNC_MAX_ID; id++) {
		const struct bh_kfunc *k = kfunc_proto(id);
		char name[64];

		if (!k)
			continue;
		n++;
		snprintf(name, sizeof(name), "bpf_%s", k->proto.name);
		CHECK_EQ("kf-table-name", kfunc_id_by_name(name), id);
		CHECK("kf-table-fn", k->proto.fn != NULL);
		CHECK("kf-table-common", kfunc_allowed(k, BPF_PROG_TYPE_XDP) &&
					 kfunc_allowed(k, BPF_PROG_TYPE_SYSCALL));
	}
	CHECK_EQ("kf-table-count", n, BH_KFUNC_MAX_ID - 1);
	CHECK_EQ("kf-none-0", kfunc_proto(0), NULL);
	CHECK_EQ("kf-none-big", kfunc_proto(BH_KFUNC_MAX_ID), NULL);
	CHECK_EQ("kf-by-name-unknown", kfunc_id_by_name("bpf_task_acquire"), 0);
	CHECK_EQ("kf-by-name-unprefixed", kfunc_id_by_name("dynptr_size"), 0);
	CHECK_EQ("kf-by-name", kfunc_id_by_name("bpf_dynptr_clone"), BH_KFUNC_dynptr_clone);
	/* prototypes' BTF shapes */
	CHECK_EQ("kf-kind-ptr", kfunc_arg_kind(BH_ARG_PTR_TO_DYNPTR), 'p');
	CHECK_EQ("kf-kind-szk", kfunc_arg_kind(BH_ARG_CONST_SIZE_K), 's');
	CHECK_EQ("kf-kind-void", kfunc_ret_kind(BH_RET_VOID), 'v');
	CHECK_EQ("kf-kind-mem", kfunc_ret_kind(BH_RET_PTR_TO_DYNPTR_MEM_OR_NULL), 'p');
}

static void test_kfuncs__rcu(void)
{
	CHECK_EQ("kf-rcu-lock", kf(BH_KFUNC_rcu_read_lock, 0, 0, 0, 0), 0);
	CHECK_EQ("kf-rcu-unlock", kf(BH_KFUNC_rcu_read_unlock, 0, 0, 0, 0), 0);
}

static void test_kfuncs__size_null_rdonly(void)
{
	uint8_t mem[32];
	struct rb_dynptr d = local_over(mem, 32), null = { 0 };

	CHECK_EQ("kf-size", kf(BH_KFUNC_dynptr_size, P(&d), 0, 0, 0), 32);
	CHECK_EQ("kf-size-null", kf(BH_KFUNC_dynptr_size, P(&null), 0, 0, 0),
		 (uint32_t)-EINVAL);
	CHECK_EQ("kf-is-null", kf(BH_KFUNC_dynptr_is_null, P(&d), 0, 0, 0), 0);
	CHECK_EQ("kf-is-null-yes", kf(BH_KFUNC_dynptr_is_null, P(&null), 0, 0, 0), 1);
	CHECK_EQ("kf-rdonly-no", kf(BH_KFUNC_dynptr_is_rdonly, P(&d), 0, 0, 0), 0);
	d.size |= RB_DYNPTR_RDONLY;
	CHECK_EQ("kf-rdonly", kf(BH_KFUNC_dynptr_is_rdonly, P(&d), 0, 0, 0), 1);
	null.size = RB_DYNPTR_RDONLY; /* a NULL dynptr is not read-only */
	CHECK_EQ("kf-rdonly-null", kf(BH_KFUNC_dynptr_is_rdonly, P(&null), 0, 0, 0), 0);
}

static void test_kfuncs__slice(void)
{
	uint8_t mem[32], buf[8];
	struct rb_dynptr d = local_over(mem, 32);

	CHECK_EQ("kf-slice", kf(BH_KFUNC_dynptr_slice, P(&d), 8, P(buf), 8), P(mem + 8));
	CHECK_EQ("kf-slice-end", kf(BH_KFUNC_dynptr_slice, P(&d), 24, 0, 8), P(mem + 24));
	CHECK_EQ("kf-slice-past", kf(BH_KFUNC_dynptr_slice, P(&d), 25, 0, 8), 0);
	CHECK_EQ("kf-slice-huge", kf(BH_KFUNC_dynptr_slice, P(&d), 0, 0, 33), 0);
	CHECK_EQ("kf-slice-rdwr", kf(BH_KFUNC_dynptr_slice_rdwr, P(&d), 4, 0, 4), P(mem + 4));
	d.size |= RB_DYNPTR_RDONLY;
	CHECK_EQ("kf-slice-ro", kf(BH_KFUNC_dynptr_slice, P(&d), 0, 0, 8), P(mem));
	CHECK_EQ("kf-slice-rdwr-ro", kf(BH_KFUNC_dynptr_slice_rdwr, P(&d), 0, 0, 8), 0);
	d = (struct rb_dynptr){ 0 };
	CHECK_EQ("kf-slice-null", kf(BH_KFUNC_dynptr_slice, P(&d), 0, 0, 0), 0);
}

static void test_kfuncs__adjust(void)
{
	uint8_t mem[32];
	struct rb_dynptr d = local_over(mem, 32), null = { 0 };

	CHECK_EQ("kf-adj", kf(BH_KFUNC_dynptr_adjust, P(&d), 8, 24, 0), 0);
	CHECK_EQ("kf-adj-size", kf(BH_KFUNC_dynptr_size, P(&d), 0, 0, 0), 16);
	CHECK_EQ("kf-adj-slice", kf(BH_KFUNC_dynptr_slice, P(&d), 0, 0, 1), P(mem + 8));
	/* the kernel's order: start > end first, then end past the size */
	CHECK_EQ("kf-adj-inverted", kf(BH_KFUNC_dynptr_adjust, P(&d), 20, 8, 0),
		 (uint64_t)-EINVAL);
	CHECK_EQ("kf-adj-past", kf(BH_KFUNC_dynptr_adjust, P(&d), 0, 17, 0),
		 (uint64_t)-ERANGE);
	CHECK_EQ("kf-adj-empty", kf(BH_KFUNC_dynptr_adjust, P(&d), 16, 16, 0), 0);
	CHECK_EQ("kf-adj-empty-size", kf(BH_KFUNC_dynptr_size, P(&d), 0, 0, 0), 0);
	CHECK_EQ("kf-adj-type-kept", d.size >> RB_DYNPTR_TYPE_SHIFT, RB_DYNPTR_LOCAL);
	CHECK_EQ("kf-adj-null", kf(BH_KFUNC_dynptr_adjust, P(&null), 0, 0, 0),
		 (uint64_t)-EINVAL);
}

static void test_kfuncs__clone(void)
{
	uint8_t mem[32];
	struct rb_dynptr d = local_over(mem, 32), c, null = { 0 };

	memset(&c, 0xa5, sizeof(c));
	CHECK_EQ("kf-clone", kf(BH_KFUNC_dynptr_clone, P(&d), P(&c), 0, 0), 0);
	CHECK("kf-clone-same", !memcmp(&c, &d, sizeof(c)));
	/* a clone adjusts on its own */
	CHECK_EQ("kf-clone-adj", kf(BH_KFUNC_dynptr_adjust, P(&c), 4, 8, 0), 0);
	CHECK_EQ("kf-clone-orig", kf(BH_KFUNC_dynptr_size, P(&d), 0, 0, 0), 32);
	memset(&c, 0xa5, sizeof(c));
	CHECK_EQ("kf-clone-null", kf(BH_KFUNC_dynptr_clone, P(&null), P(&c), 0, 0),
		 (uint64_t)-EINVAL);
	CHECK_EQ("kf-clone-null-made-null", kf(BH_KFUNC_dynptr_is_null, P(&c), 0, 0, 0), 1);
	/* onto itself */
	CHECK_EQ("kf-clone-self", kf(BH_KFUNC_dynptr_clone, P(&d), P(&d), 0, 0), 0);
	CHECK_EQ("kf-clone-self-size", kf(BH_KFUNC_dynptr_size, P(&d), 0, 0, 0), 32);
}

static void test_kfuncs__iter_num(void)
{
	int32_t it[2];

	CHECK_EQ("kf-iter-new", kf(BH_KFUNC_iter_num_new, P(it), 2, 4, 0), 0);
	CHECK_EQ("kf-iter-next-2", *(int32_t *)(uintptr_t)kf(BH_KFUNC_iter_num_next, P(it), 0, 0, 0), 2);
	CHECK_EQ("kf-iter-next-3", *(int32_t *)(uintptr_t)kf(BH_KFUNC_iter_num_next, P(it), 0, 0, 0), 3);
	CHECK_EQ("kf-iter-end", kf(BH_KFUNC_iter_num_next, P(it), 0, 0, 0), 0);
	CHECK_EQ("kf-iter-end-again", kf(BH_KFUNC_iter_num_next, P(it), 0, 0, 0), 0);
	kf(BH_KFUNC_iter_num_destroy, P(it), 0, 0, 0);
	CHECK("kf-iter-destroyed", it[0] == 0 && it[1] == 0);
	CHECK_EQ("kf-iter-inverted", kf(BH_KFUNC_iter_num_new, P(it), 3, 2, 0), (uint64_t)-EINVAL);
	CHECK_EQ("kf-iter-inverted-next", kf(BH_KFUNC_iter_num_next, P(it), 0, 0, 0), 0);
	CHECK_EQ("kf-iter-big", kf(BH_KFUNC_iter_num_new, P(it), (uint64_t)-1, 8 * 1024 * 1024, 0),
		 (uint64_t)-E2BIG);
	CHECK_EQ("kf-iter-max", kf(BH_KFUNC_iter_num_new, P(it), 0, 8 * 1024 * 1024, 0), 0);
	CHECK_EQ("kf-iter-extremes", kf(BH_KFUNC_iter_num_new, P(it), (uint64_t)INT32_MIN,
				       (uint64_t)INT32_MAX, 0), (uint64_t)-E2BIG);
	CHECK_EQ("kf-iter-empty", kf(BH_KFUNC_iter_num_new, P(it), 7, 7, 0), 0);
	CHECK_EQ("kf-iter-empty-next", kf(BH_KFUNC_iter_num_next, P(it), 0, 0, 0), 0);
}

/*
 * A verified loop over bpf_iter_num, run by the interpreter: the sum of
 * 0..9.  Its destroy() is kfunc 12, helper 12's number (bpf_tail_call):
 * the interpreter must not take one for the other.
 */
static void test_kfuncs__iter_loop_runs(void)
{
	struct bpf_insn prog[] = {
		MOV64K(6, 0),
		MOV64X(1, 10), A64K(ADD, 1, -8), MOV64K(2, 0), MOV64K(3, 10),
		KCALL(BH_KFUNC_iter_num_new),
		/* loop: */
		MOV64X(1, 10), A64K(ADD, 1, -8),
		KCALL(BH_KFUNC_iter_num_next),
		JK(JEQ, 0, 0, 3),
		LDX(W, 1, 0, 0),
		A64X(ADD, 6, 1),
		JA(-7),
		MOV64X(1, 10), A64K(ADD, 1, -8),
		KCALL(BH_KFUNC_iter_num_destroy),
		MOV64X(0, 6), EXIT(),
	};
	char log[4096] = "";
	BH_OPTS(bh_prog_load_opts, o, .license = "GPL", .log_buf = log, .log_size = sizeof(log));
	struct bh_prog *p = bh_prog__load(BPF_PROG_TYPE_SYSCALL, prog, NELEM(prog), &o);
	BH_OPTS(bh_test_run_opts, r);

	if (!p)
		fprintf(stderr, "  load failed: %s\n", log);
	REQUIRE("kf-loop-load", p != NULL);
	CHECK_EQ("kf-loop-run", bh_prog__test_run(p, &r), 0);
	CHECK_EQ("kf-loop-sum", r.retval, 45);
	bh_prog__free(p);
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_kfuncs__table),
	BH_TEST(test_kfuncs__rcu),
	BH_TEST(test_kfuncs__size_null_rdonly),
	BH_TEST(test_kfuncs__slice),
	BH_TEST(test_kfuncs__adjust),
	BH_TEST(test_kfuncs__clone),
	BH_TEST(test_kfuncs__iter_num),
	BH_TEST(test_kfuncs__iter_loop_runs),
};

BH_TEST_MAIN(cases)
