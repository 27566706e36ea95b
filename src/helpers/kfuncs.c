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
