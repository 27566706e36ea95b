/* SPDX-License-Identifier: MIT */
/*
 * helpers/internal.h - the one table of helper prototypes and
 * implementations, indexed by Linux's helper ids.
 */
#ifndef BH_HELPERS_INTERNAL_H
#define BH_HELPERS_INTERNAL_H

#include "core/internal.h"

typedef uint64_t (*bh_helper_fn)(uint64_t r1, uint64_t r2, uint64_t r3,
				 uint64_t r4, uint64_t r5);

/* Argument and return types, as the kernel's bpf_func_proto has them. */
enum bh_arg_type {
	BH_ARG_DONTCARE = 0,     /* unused argument */
	BH_ARG_ANYTHING,         /* any initialised value */
	BH_ARG_PTR_TO_CTX,
	BH_ARG_CONST_MAP_PTR,
	BH_ARG_PTR_TO_MAP_KEY,
	BH_ARG_PTR_TO_MAP_VALUE,
	BH_ARG_PTR_TO_MEM,       /* readable memory, size in the next arg */
	BH_ARG_PTR_TO_UNINIT_MEM,/* writable memory, size in the next arg */
	BH_ARG_CONST_SIZE,
	BH_ARG_CONST_SIZE_OR_ZERO,
	BH_ARG_PTR_TO_CONST_STR,
	BH_ARG_PTR_TO_FUNC,
	BH_ARG_PTR_TO_STACK_OR_NULL,
};

enum bh_ret_type {
	BH_RET_INTEGER = 0,
	BH_RET_VOID,
	BH_RET_PTR_TO_MAP_VALUE_OR_NULL,
	BH_RET_PTR_TO_MEM_OR_NULL,
};

struct bh_helper_proto {
	const char *name;    /* without the bpf_ prefix, as in helper_ids.def */
	bh_helper_fn fn;
	bool gpl_only;
	uint8_t ret_type;    /* enum bh_ret_type */
	uint8_t arg_type[5]; /* enum bh_arg_type */
};

/* The prototype of helper @id, or NULL when bpfhost does not provide it. */
const struct bh_helper_proto *helper_proto(uint32_t id);

/* Table slots filled by each helper family (one file each). */
extern const struct bh_helper_proto helper_ktime_get_ns_proto;
extern const struct bh_helper_proto helper_get_prandom_u32_proto;
extern const struct bh_helper_proto helper_get_smp_processor_id_proto;
extern const struct bh_helper_proto helper_trace_printk_proto;

/*
 * Can a helper read (or write) @size bytes at @ptr on behalf of the running
 * program?  Always true for unchecked runs; for checked runs the same
 * bounds the interpreter enforces.
 */
bool helper_mem_ok(const void *ptr, uint64_t size, bool write);

/* Format like bpf_trace_printk / bpf_snprintf: %d %i %u %x %ld %lu %lx
 * %lld %llu %llx %p %s %c %%.  Returns bytes produced or -EINVAL. */
int helper_format(char *out, size_t out_sz, const char *fmt, size_t fmt_sz,
		  const uint64_t *args, unsigned int arg_cnt);

/* Deliver one trace_printk line to the trace handler. */
void helper_trace_emit(const char *line, size_t len);

#endif /* BH_HELPERS_INTERNAL_H */
