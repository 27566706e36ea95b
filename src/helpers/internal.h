/* SPDX-License-Identifier: MIT */
/*
 * helpers/internal.h - the one table of helper prototypes and
 * implementations, indexed by Linux's helper ids.
 */
#ifndef BH_HELPERS_INTERNAL_H
#define BH_HELPERS_INTERNAL_H

#include <time.h>

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
	BH_ARG_PTR_TO_MEM_OR_NULL,  /* readable memory or NULL, size next */
	BH_ARG_PTR_TO_SPIN_LOCK,    /* struct bpf_spin_lock in a map value */
	BH_ARG_PTR_TO_LONG,         /* writable 8 bytes (ARG_PTR_TO_FIXED_SIZE_MEM) */
	/* verifier: a known constant sizing the memory the helper returns */
	BH_ARG_CONST_ALLOC_SIZE_OR_ZERO,
	/* struct bpf_dynptr on the stack (the kernel's ARG_PTR_TO_DYNPTR forms) */
	BH_ARG_PTR_TO_DYNPTR,              /* initialised; any type; not destroyed */
	BH_ARG_PTR_TO_UNINIT_DYNPTR_LOCAL, /* stack the helper makes a local dynptr */
	BH_ARG_PTR_TO_UNINIT_DYNPTR_RINGBUF, /* ... a ring buffer dynptr (a reference) */
	BH_ARG_PTR_TO_DYNPTR_RINGBUF_RELEASE, /* a ring buffer dynptr the helper releases */
	/* kfuncs (the kernel derives these from the argument's BTF name) */
	BH_ARG_PTR_TO_UNINIT_DYNPTR_CLONE, /* __uninit: made a copy of the dynptr argument before */
	BH_ARG_PTR_TO_BUF_OR_NULL, /* __opt: writable memory or NULL, sized by the next */
	BH_ARG_CONST_SIZE_K,       /* __szk: a known constant, the size of the memory before */
	BH_ARG_PTR_TO_TIMER,        /* struct bpf_timer in a map value */
	BH_ARG_PTR_TO_ITER_NUM,    /* struct bpf_iter_num on the stack (KF_ITER_* say how) */
};

enum bh_ret_type {
	BH_RET_INTEGER = 0,
	BH_RET_VOID,
	BH_RET_PTR_TO_MAP_VALUE_OR_NULL,
	BH_RET_PTR_TO_MEM_OR_NULL,
	BH_RET_PTR_TO_DYNPTR_MEM_OR_NULL, /* a slice of the dynptr argument */
	BH_RET_PTR_TO_RDONLY_INT,  /* 4 read-only bytes (NULL too with KF_RET_NULL) */
};

struct bh_helper_proto {
	const char *name;    /* without the bpf_ prefix, as in helper_ids.def */
	bh_helper_fn fn;
	bool gpl_only;
	uint8_t ret_type;    /* enum bh_ret_type */
	uint8_t arg_type[5]; /* enum bh_arg_type */
};

/*
 * A kfunc: its prototype in the helpers' terms, with the kernel's
 * registration flags (BTF_ID_FLAGS).  The kinds of the arguments also give
 * the BTF prototype an extern kfunc must have (kfunc_btf_kind()).
 */
#define BH_KF_ACQUIRE (1u << 0)       /* returns a reference */
#define BH_KF_RELEASE (1u << 1)       /* releases its reference argument */
#define BH_KF_RET_NULL (1u << 2)      /* may return NULL */
#define BH_KF_SLEEPABLE (1u << 5)     /* may sleep: sleepable programs only */
#define BH_KF_ITER_NEW (1u << 8)      /* open-coded iterator constructor */
#define BH_KF_ITER_NEXT (1u << 9)
#define BH_KF_ITER_DESTROY (1u << 10)

/* Which programs may call it (the kernel's register_btf_kfunc_id_set). */
enum bh_kfunc_set {
	BH_KF_SET_COMMON = 0, /* common_kfunc_set: every program type */
};

struct bh_kfunc {
	struct bh_helper_proto proto; /* name: without the bpf_ prefix */
	uint32_t flags;               /* BH_KF_* */
	uint8_t arg_cnt;
	uint8_t set;                  /* enum bh_kfunc_set */
};

/* Kfunc @id (enum bh_kfunc_id), or NULL (kfuncs.c). */
const struct bh_kfunc *kfunc_proto(uint32_t id);
/* The id of the kfunc named @name ("bpf_dynptr_size"), or 0. */
uint32_t kfunc_id_by_name(const char *name);
/* May a program of type @prog_type call @k? */
bool kfunc_allowed(const struct bh_kfunc *k, uint32_t prog_type);
/* What a BTF prototype must have where @arg_type (@ret_type) is: 'p' a
 * pointer, 's' a scalar (integer or enum), 'v' void (returns only). */
char kfunc_arg_kind(uint8_t arg_type);
char kfunc_ret_kind(uint8_t ret_type);

/* Table slots filled by ringbuf_helpers.c (the dynptr kfuncs). */
extern const struct bh_kfunc kfunc_dynptr_slice, kfunc_dynptr_slice_rdwr, kfunc_dynptr_adjust, kfunc_dynptr_is_null, kfunc_dynptr_is_rdonly, kfunc_dynptr_size, kfunc_dynptr_clone;

/* Nanoseconds of clock @clk (clock_gettime), for the clock helpers. */
uint64_t helper_clock_ns(clockid_t clk);

/* The prototype of helper @id, or NULL when bpfhost does not provide it. */
const struct bh_helper_proto *helper_proto(uint32_t id);

/* Table slots filled by each helper family (one file each). */
extern const struct bh_helper_proto helper_ktime_get_ns_proto;
extern const struct bh_helper_proto helper_get_prandom_u32_proto;
extern const struct bh_helper_proto helper_get_smp_processor_id_proto;
extern const struct bh_helper_proto helper_trace_printk_proto;
/* helpers/ringbuf_helpers.c */
extern const struct bh_helper_proto helper_ringbuf_output_proto, helper_ringbuf_reserve_proto, helper_ringbuf_submit_proto, helper_ringbuf_discard_proto, helper_ringbuf_query_proto, helper_ringbuf_reserve_dynptr_proto, helper_ringbuf_submit_dynptr_proto, helper_ringbuf_discard_dynptr_proto, helper_dynptr_read_proto, helper_dynptr_write_proto, helper_dynptr_data_proto, helper_dynptr_from_mem_proto, helper_user_ringbuf_drain_proto;
/* helpers/map_helpers.c */
extern const struct bh_helper_proto helper_map_lookup_elem_proto;
extern const struct bh_helper_proto helper_map_update_elem_proto;
extern const struct bh_helper_proto helper_map_delete_elem_proto;
extern const struct bh_helper_proto helper_map_push_elem_proto;
extern const struct bh_helper_proto helper_map_pop_elem_proto;
extern const struct bh_helper_proto helper_map_peek_elem_proto;
extern const struct bh_helper_proto helper_map_lookup_percpu_elem_proto;
extern const struct bh_helper_proto helper_tail_call_proto;
extern const struct bh_helper_proto helper_for_each_map_elem_proto;

/* helpers/{skb,xdp,time,string,cgroup,loop}_helpers.c, spin_lock.c */
extern const struct bh_helper_proto helper_skb_load_bytes_proto, helper_skb_store_bytes_proto, helper_l3_csum_replace_proto, helper_l4_csum_replace_proto, helper_csum_diff_proto, helper_redirect_proto, helper_skb_change_tail_proto;
extern const struct bh_helper_proto helper_xdp_adjust_head_proto, helper_xdp_adjust_tail_proto, helper_xdp_adjust_meta_proto, helper_redirect_map_proto;
extern const struct bh_helper_proto helper_ktime_get_boot_ns_proto, helper_ktime_get_coarse_ns_proto, helper_ktime_get_tai_ns_proto, helper_jiffies64_proto, helper_get_current_pid_tgid_proto;
extern const struct bh_helper_proto helper_strncmp_proto, helper_snprintf_proto, helper_spin_lock_proto, helper_spin_unlock_proto, helper_loop_proto, helper_strtol_proto, helper_strtoul_proto;
/* helpers/timer.c */
extern const struct bh_helper_proto helper_timer_init_proto, helper_timer_set_callback_proto, helper_timer_start_proto, helper_timer_cancel_proto;
extern const struct bh_helper_proto helper_sysctl_get_name_proto, helper_sysctl_get_current_value_proto, helper_sysctl_get_new_value_proto, helper_sysctl_set_new_value_proto, helper_get_retval_proto, helper_set_retval_proto;

struct bh_prog;
/* The kernel's bpf_base_func_proto / bpf_tracing_func_proto: the helpers
 * every type (every tracing type) may call; NULL when not (func_proto.c). */
const struct bh_helper_proto *helper_base_func_proto(uint32_t func_id,
						     const struct bh_prog *prog);
const struct bh_helper_proto *helper_tracing_func_proto(uint32_t func_id,
							const struct bh_prog *prog);
/* bpf_sk_base_func_proto: the base set of the networking types. */
const struct bh_helper_proto *helper_sk_base_func_proto(uint32_t func_id,
							const struct bh_prog *prog);
/* The target the last bpf_redirect of this thread chose (skb_helpers.c). */
void helper_redirect_get(uint32_t *ifindex, uint64_t *flags);
/* bpf_redirect_map's target: the map's id and key (0, 0: none or a plain
 * bpf_redirect); bpf_redirect_map (xdp_helpers.c) records it with the
 * setter.  Both in skb_helpers.c, beside bpf_redirect's. */
void helper_redirect_map_get(uint32_t *map_id, uint32_t *index);
void helper_redirect_map_set(uint32_t map_id, uint32_t index,
			     uint32_t ifindex, uint64_t flags);
/* The bpf_spin_lock primitive, for maps' BPF_F_LOCK copies (spin_lock.c). */
void helper_spin_lock_raw(uint32_t *lock);
void helper_spin_unlock_raw(uint32_t *lock);
/*
 * A checked run holding a bpf_spin_lock may not wait for one (it could be
 * its own): false, and the run faults with @what.  Verified programs never
 * get there (no call but the unlock while a lock is held).
 */
bool helper_spin_lock_check_free(const char *what);

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

/* bpf_bprintf_prepare()'s check of a constant format (the verifier's, for
 * bpf_snprintf): 0, or -EINVAL for a conversion the kernel refuses or
 * more conversions than @num_args. */
int helper_bprintf_check(const char *fmt, uint32_t num_args);

/* Deliver one trace_printk line to the trace handler. */
void helper_trace_emit(const char *line, size_t len);

#endif /* BH_HELPERS_INTERNAL_H */
