/* SPDX-License-Identifier: MIT */
/*
 * helpers/kfuncs.c - the kfuncs bpfhost implements: id (kfunc_ids.def) ->
 * prototype, flags and implementation, as the helper table (helpers.c)
 * is for helpers.  The kernel registers these in its common_kfunc_set
 * (kernel/bpf/helpers.c), for every program type.
 *
 * bpf_rcu_read_lock / _unlock: a program already runs inside bpfhost's RCU
 * read-side section (core/rcu.h), as a kernel program does inside the
 * kernel's; the kfuncs only mark the section the verifier pairs, and do
 * nothing at run time.
 */
#include <string.h>

#include "helpers/internal.h"

static uint64_t rcu_read_nop(uint64_t r1, uint64_t r2, uint64_t r3, uint64_t r4,
			     uint64_t r5)
{
	return 0;
}

static const struct bh_kfunc kfunc_rcu_read_lock = {
	.proto = { .name = "rcu_read_lock", .fn = rcu_read_nop, .ret_type = BH_RET_VOID },
};
static const struct bh_kfunc kfunc_rcu_read_unlock = {
	.proto = { .name = "rcu_read_unlock", .fn = rcu_read_nop, .ret_type = BH_RET_VOID },
};

/*
 * Open-coded iterators over numbers (the kernel's bpf_iter_num_*): the
 * program's struct bpf_iter_num (8 bytes on its stack) holds the last
 * number given and the end.  The verifier proves every path destroys it.
 */
struct iter_num {
	int32_t cur, end;
};

#define BH_MAX_LOOPS (8 * 1024 * 1024) /* the kernel's BPF_MAX_LOOPS */

static uint64_t iter_num_new(uint64_t it, uint64_t start, uint64_t end, uint64_t r4,
			     uint64_t r5)
{
	struct iter_num *s = (struct iter_num *)(uintptr_t)it;
	int32_t a = (int32_t)start, b = (int32_t)end;

	if (!helper_mem_ok(s, sizeof(*s), true))
		return (uint64_t)-EFAULT;
	s->cur = s->end = 0;
	if (a > b)
		return (uint64_t)-EINVAL;
	if ((int64_t)b - a > BH_MAX_LOOPS)
		return (uint64_t)-E2BIG;
	/* the first next() gives @start */
	s->cur = (int32_t)((uint32_t)a - 1);
	s->end = b;
	return 0;
}

static uint64_t iter_num_next(uint64_t it, uint64_t r2, uint64_t r3, uint64_t r4,
			      uint64_t r5)
{
	struct iter_num *s = (struct iter_num *)(uintptr_t)it;

	if (!helper_mem_ok(s, sizeof(*s), true))
		return 0;
	/* done, or never started (a failed new()): NULL from now on */
	if ((int64_t)s->cur + 1 >= s->end) {
		s->cur = s->end = 0;
		return 0;
	}
	s->cur++;
	return (uintptr_t)&s->cur;
}

static uint64_t iter_num_destroy(uint64_t it, uint64_t r2, uint64_t r3, uint64_t r4,
				 uint64_t r5)
{
	struct iter_num *s = (struct iter_num *)(uintptr_t)it;

	if (helper_mem_ok(s, sizeof(*s), true))
		s->cur = s->end = 0;
	return 0;
}

static const struct bh_kfunc kfunc_iter_num_new = {
	.proto = { .name = "iter_num_new", .fn = iter_num_new, .ret_type = BH_RET_INTEGER,
		   .arg_type = { BH_ARG_PTR_TO_ITER_NUM, BH_ARG_ANYTHING, BH_ARG_ANYTHING } },
	.flags = BH_KF_ITER_NEW, .arg_cnt = 3,
};
static const struct bh_kfunc kfunc_iter_num_next = {
	.proto = { .name = "iter_num_next", .fn = iter_num_next,
		   .ret_type = BH_RET_PTR_TO_RDONLY_INT,
		   .arg_type = { BH_ARG_PTR_TO_ITER_NUM } },
	.flags = BH_KF_ITER_NEXT | BH_KF_RET_NULL, .arg_cnt = 1,
};
static const struct bh_kfunc kfunc_iter_num_destroy = {
	.proto = { .name = "iter_num_destroy", .fn = iter_num_destroy, .ret_type = BH_RET_VOID,
		   .arg_type = { BH_ARG_PTR_TO_ITER_NUM } },
	.flags = BH_KF_ITER_DESTROY, .arg_cnt = 1,
};

#define BH_KFUNC_ID(name, id) [id] = &kfunc_##name,
static const struct bh_kfunc *const kfunc_table[BH_KFUNC_MAX_ID] = {
#include <bpfhost/kfunc_ids.def>
};
#undef BH_KFUNC_ID

const struct bh_kfunc *kfunc_proto(uint32_t id)
{
	return id < BH_KFUNC_MAX_ID ? kfunc_table[id] : NULL;
}

uint32_t kfunc_id_by_name(const char *name)
{
	if (strncmp(name, "bpf_", 4))
		return 0;
	for (uint32_t id = 1; id < BH_KFUNC_MAX_ID; id++)
		if (kfunc_table[id] && !strcmp(kfunc_table[id]->proto.name, name + 4))
			return id;
	return 0;
}

bool kfunc_allowed(const struct bh_kfunc *k, uint32_t prog_type)
{
	(void)prog_type;
	return k->set == BH_KF_SET_COMMON;
}

char kfunc_arg_kind(uint8_t arg_type)
{
	switch (arg_type) {
	case BH_ARG_ANYTHING:
	case BH_ARG_CONST_SIZE:
	case BH_ARG_CONST_SIZE_OR_ZERO:
	case BH_ARG_CONST_ALLOC_SIZE_OR_ZERO:
	case BH_ARG_CONST_SIZE_K:
		return 's';
	default:
		return 'p';
	}
}

char kfunc_ret_kind(uint8_t ret_type)
{
	switch (ret_type) {
	case BH_RET_VOID:
		return 'v';
	case BH_RET_INTEGER:
		return 's';
	default:
		return 'p';
	}
}
