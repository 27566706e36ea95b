/* SPDX-License-Identifier: MIT */
/*
 * helpers/helpers.c - the helper table: Linux's helper id -> prototype and
 * implementation.  A helper family adds its protos to this one table.
 */
#include "helpers/internal.h"

static const struct bh_helper_proto *const helper_table[__BPF_FUNC_MAX_ID] = {
	[BPF_FUNC_ktime_get_ns] = &helper_ktime_get_ns_proto,
	[BPF_FUNC_trace_printk] = &helper_trace_printk_proto,
	[BPF_FUNC_get_prandom_u32] = &helper_get_prandom_u32_proto,
	[BPF_FUNC_get_smp_processor_id] = &helper_get_smp_processor_id_proto,
};

const struct bh_helper_proto *helper_proto(uint32_t id)
{
	return id < __BPF_FUNC_MAX_ID ? helper_table[id] : NULL;
}
