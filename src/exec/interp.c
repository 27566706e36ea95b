/* SPDX-License-Identifier: MIT */
/*
 * exec/interp.c - the BPF interpreter: operation semantics shared by the
 * fast and the checked loop (interp_body.h), and exec_run().
 */
#include <string.h>

#include "exec/internal.h"
#include "helpers/internal.h"
#include "isa/internal.h"
#include "progs/internal.h"

__attribute__((tls_model("initial-exec"))) _Thread_local struct bh_exec_env *bh_exec_current;
struct bh_prog *(*exec_tail_call_lookup)(void *map, uint32_t index);

/* Opcode enumerators for the switch build of the loop. */
enum {
#define BH_OP(code, label) OPC_##label = code,
#include "opcodes.def"
#undef BH_OP
};

static inline uint64_t sdiv64(uint64_t a, uint64_t b)
{
	if (!b)
		return 0;
	if ((int64_t)b == -1)
		return -a; /* INT64_MIN / -1 wraps to INT64_MIN, no trap */
	return (uint64_t)((int64_t)a / (int64_t)b);
}

static inline uint64_t smod64(uint64_t a, uint64_t b)
{
	if (!b)
		return a;
	if ((int64_t)b == -1)
		return 0;
	return (uint64_t)((int64_t)a % (int64_t)b);
}

static inline uint32_t sdiv32(uint32_t a, uint32_t b)
{
	if (!b)
		return 0;
	if ((int32_t)b == -1)
		return -a;
	return (uint32_t)((int32_t)a / (int32_t)b);
}

static inline uint32_t smod32(uint32_t a, uint32_t b)
{
	if (!b)
		return a;
	if ((int32_t)b == -1)
		return 0;
	return (uint32_t)((int32_t)a % (int32_t)b);
}

/*
 * mov with offset 8/16/32 sign-extends the source (cpu v4 movsx).  Offset
 * BH_ADDR_PERCPU (-1) is internal, never loaded (the encoding check refuses
 * it): the kernel's BPF_MOV64_PERCPU_REG, which makes a per-CPU address
 * this CPU's; bpfhost's per-CPU areas are per map, so @stride (the
 * instruction's imm) gives the distance between two CPU slots' copies.
 */
static inline uint64_t movsx64(uint64_t s, int16_t off, uint32_t stride)
{
	switch (off) {
	case 8: return (uint64_t)(int64_t)(int8_t)s;
	case 16: return (uint64_t)(int64_t)(int16_t)s;
	case 32: return (uint64_t)(int64_t)(int32_t)s;
	case BH_ADDR_PERCPU: return s + (uint64_t)bh_cpu_current() * stride;
	default: return s;
	}
}

static inline uint32_t movsx32(uint32_t s, int16_t off)
{
	switch (off) {
	case 8: return (uint32_t)(int32_t)(int8_t)s;
	case 16: return (uint32_t)(int32_t)(int16_t)s;
	default: return s;
	}
}

/* Truncate to @bits (to little-endian on a little-endian host). */
static inline uint64_t to_le(uint64_t v, int32_t bits)
{
	switch (bits) {
	case 16: return (uint16_t)v;
	case 32: return (uint32_t)v;
	default: return v;
	}
}

static inline uint64_t bswap_n(uint64_t v, int32_t bits)
{
	switch (bits) {
	case 16: return __builtin_bswap16((uint16_t)v);
	case 32: return __builtin_bswap32((uint32_t)v);
	default: return __builtin_bswap64(v);
	}
}

/* Unaligned-safe memory access: BPF allows any alignment on x86-64. */
#define BH_LOAD_STORE(T)                                             \
	static inline T load_##T(uint64_t addr)                       \
	{                                                             \
		T v;                                                  \
		memcpy(&v, (const void *)(uintptr_t)addr, sizeof(v)); \
		return v;                                             \
	}                                                             \
	static inline void store_##T(uint64_t addr, T v)              \
	{                                                             \
		memcpy((void *)(uintptr_t)addr, &v, sizeof(v));       \
	}
BH_LOAD_STORE(uint8_t)
BH_LOAD_STORE(uint16_t)
BH_LOAD_STORE(uint32_t)
BH_LOAD_STORE(uint64_t)

/*
 * Atomic read-modify-write.  Sequentially consistent like the kernel's
 * atomic_*_return and cmpxchg; the plain (non-fetch) forms are relaxed in
 * Linux too, but one ordering keeps this simple and costs nothing on x86.
 */
#define BH_ATOMIC_FN(NAME, T)                                                \
	static inline void NAME(int32_t op, T *p, uint64_t *src, uint64_t *r0) \
	{                                                                    \
		T v = (T)*src, old;                                          \
		switch (op & ~BPF_FETCH) {                                   \
		case BPF_ADD: old = __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST); break; \
		case BPF_OR: old = __atomic_fetch_or(p, v, __ATOMIC_SEQ_CST); break; \
		case BPF_AND: old = __atomic_fetch_and(p, v, __ATOMIC_SEQ_CST); break; \
		case BPF_XOR: old = __atomic_fetch_xor(p, v, __ATOMIC_SEQ_CST); break; \
		case BPF_XCHG & ~BPF_FETCH:                                  \
			old = __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);   \
			break;                                               \
		case BPF_CMPXCHG & ~BPF_FETCH:                               \
			old = (T)*r0;                                        \
			__atomic_compare_exchange_n(p, &old, v, false,       \
						    __ATOMIC_SEQ_CST,        \
						    __ATOMIC_SEQ_CST);       \
			*r0 = old;                                           \
			return;                                              \
		default: /* refused at load */                               \
			return;                                              \
		}                                                            \
		if (op & BPF_FETCH)                                          \
			*src = old;                                          \
	}
BH_ATOMIC_FN(atomic32, uint32_t)
BH_ATOMIC_FN(atomic64, uint64_t)

#define SKF_NET_OFF (-0x100000)
#define SKF_LL_OFF (-0x200000)

/*
 * A negative legacy offset names a header, as the kernel's
 * bpf_internal_load_pointer_neg_helper(): SKF_NET_OFF + k is byte k of the
 * network header, SKF_LL_OFF + k of the link-layer header; the bytes must
 * lie between the buffer's start and the packet's end.
 */
static const uint8_t *pkt_neg(const struct bh_exec_env *env, int32_t k,
			      unsigned int size)
{
	const uint8_t *base, *end = env->pkt + env->pkt_len;
	int64_t off;

	if (k >= SKF_NET_OFF) {
		base = env->pkt_net;
		off = (int64_t)k - SKF_NET_OFF;
	} else if (k >= SKF_LL_OFF) {
		base = env->pkt_mac;
		off = (int64_t)k - SKF_LL_OFF;
	} else {
		return NULL;
	}
	if (!base || !env->pkt_head || off < env->pkt_head - base ||
	    off > end - base || end - base - off < (int64_t)size)
		return NULL;
	return base + off;
}

/* Legacy BPF_ABS/BPF_IND load: big-endian @size bytes at packet offset. */
static inline bool pkt_load(const struct bh_exec_env *env, uint32_t off,
			    unsigned int size, uint64_t *v)
{
	const uint8_t *p;

	if (!env->pkt)
		return false;
	if ((int32_t)off < 0) {
		p = pkt_neg(env, (int32_t)off, size);
		if (!p)
			return false;
	} else if (off > env->pkt_len || env->pkt_len - off < size) {
		return false;
	} else {
		p = env->pkt + off;
	}
	switch (size) {
	case 1: *v = p[0]; break;
	case 2: *v = (uint64_t)p[0] << 8 | p[1]; break;
	default:
		*v = (uint64_t)p[0] << 24 | (uint64_t)p[1] << 16 |
		     (uint64_t)p[2] << 8 | p[3];
	}
	return true;
}

static bool access_ok(const struct bh_exec_env *env, uintptr_t stack_lo,
		      uintptr_t stack_hi, uint64_t addr, uint64_t size,
		      bool write)
{
	if (addr >= stack_lo && addr <= stack_hi && stack_hi - addr >= size)
		return true;
	for (unsigned int i = 0; i < env->region_cnt; i++) {
		const struct bh_region *r = &env->regions[i];

		if (addr >= r->start && addr - r->start <= r->size &&
		    r->size - (addr - r->start) >= size)
			return !write || r->writable;
	}
	return false;
}

bool exec_access_ok(const struct bh_exec_env *env, const void *ptr,
		    uint64_t size, bool write)
{
	return access_ok(env, env->stack_lo, env->stack_hi, (uintptr_t)ptr,
			 size, write);
}

bool helper_mem_ok(const void *ptr, uint64_t size, bool write)
{
	const struct bh_exec_env *env = bh_exec_current;

	if (!env || !env->checked)
		return true;
	return exec_access_ok(env, ptr, size, write);
}

static uint64_t call_helper(struct bh_exec_env *env, uint32_t id,
			    const uint64_t *reg)
{
	const struct bh_helper_proto *proto = helper_proto(id);

	if (bh_unlikely(!proto)) {
		env->fault = -EFAULT;
		env->fault_what = "call to a helper that does not exist";
		return 0;
	}
	return proto->fn(reg[1], reg[2], reg[3], reg[4], reg[5]);
}

/* A kfunc (BPF_PSEUDO_KFUNC_CALL): imm is bpfhost's id (kfunc_ids.def). */
static uint64_t call_kfunc(struct bh_exec_env *env, uint32_t id,
			   const uint64_t *reg)
{
	const struct bh_kfunc *k = kfunc_proto(id);

	if (bh_unlikely(!k)) {
		env->fault = -EFAULT;
		env->fault_what = "call to a kfunc that does not exist";
		return 0;
	}
	return k->proto.fn(reg[1], reg[2], reg[3], reg[4], reg[5]);
}

static struct bh_prog *tail_call_target(struct bh_exec_env *env,
					uint64_t map, uint32_t index,
					bool checked)
{
	struct bh_prog *next;

	if (!exec_tail_call_lookup || env->tail_call_cnt >= BH_MAX_TAIL_CALL_CNT)
		return NULL;
	next = exec_tail_call_lookup((void *)(uintptr_t)map, index);
	/* An unchecked loop must never run a program that needs checks. */
	if (!next || (!checked && !next->unchecked))
		return NULL;
	/* a checked run may touch the target's direct values and the
	 * arrays its inlined lookups address, as the entry program's */
	if (checked)
		prog_maps_add_regions(&next->maps, env);
	env->tail_call_cnt++;
	return next;
}

#define BH_CHECKED 0
#define INTERP_FN interp_run_fast
#include "interp_body.h"
#undef BH_CHECKED
#undef INTERP_FN

#define BH_CHECKED 1
#define INTERP_FN interp_run_checked_loop
#include "interp_body.h"
#undef BH_CHECKED
#undef INTERP_FN

int exec_add_region(struct bh_exec_env *env, const void *start, size_t size,
		    bool writable)
{
	if (env->region_cnt >= BH_EXEC_MAX_REGIONS)
		return -E2BIG;
	env->regions[env->region_cnt++] = (struct bh_region){
		.start = (uintptr_t)start, .size = size, .writable = writable
	};
	return 0;
}

int exec_run(struct bh_exec_env *env, uint64_t *r0)
{
	struct bh_exec_env *outer = bh_exec_current;
	int ret;

	bh_exec_current = env;
	env->fault = 0;
	env->checked = env->force_checked || !env->prog->unchecked;
	if (env->checked)
		ret = interp_run_checked_loop(env, r0);
	else
		ret = interp_run_fast(env, r0);
	bh_exec_current = outer;
	return ret;
}
