/* SPDX-License-Identifier: MIT */
/*
 * verifier/calls.c - helper calls checked against their prototypes,
 * BPF-to-BPF calls (static subprograms verified in the caller's context),
 * returns, the return-value check of the program type, and the combined
 * stack limit.
 *
 * A helper is verified only when its prototype says everything a caller
 * must guarantee.  Prototypes whose BH_ARG_ANYTHING arguments are really
 * pointers the helper dereferences or releases (timers, kptrs, spin locks)
 * are refused until the verifier covers them: accepting them would let a
 * program hand the helper any address.  Dynptr arguments have kinds of
 * their own (dynptr.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers/internal.h"
#include "maps/internal.h"
#include "verifier/internal.h"

/* The helpers the kernel's prototypes mark .pkt_access (of those bpfhost
 * has): the others refuse packet pointers. */
static bool helper_pkt_access(uint32_t id)
{
	switch (id) {
	case BPF_FUNC_map_lookup_elem:
	case BPF_FUNC_map_update_elem:
	case BPF_FUNC_map_delete_elem:
	case BPF_FUNC_map_push_elem:
	case BPF_FUNC_map_lookup_percpu_elem:
	case BPF_FUNC_csum_diff:
		return true;
	default:
		return false;
	}
}

/* "bpf_map_lookup_elem", as the kernel's func_id_name(). */
static const char *helper_name(const struct bh_helper_proto *p)
{
	static _Thread_local char buf[64];

	snprintf(buf, sizeof(buf), "bpf_%s", p && p->name ? p->name : "unknown");
	return buf;
}

/* Helpers whose prototype hides pointer arguments (see the top). */
static bool helper_needs_more_than_proto(uint32_t id)
{
	switch (id) {
	case BPF_FUNC_kptr_xchg:
	case BPF_FUNC_per_cpu_ptr:
	case BPF_FUNC_this_cpu_ptr:
		return true;
	default:
		return false;
	}
}

/* Helpers after which packet pointers may point to freed or moved data
 * (the kernel's bpf_helper_changes_pkt_data). */
bool helper_changes_pkt_data(uint32_t id)
{
	switch (id) {
	case BPF_FUNC_skb_store_bytes:
	case BPF_FUNC_skb_change_head:
	case BPF_FUNC_skb_change_tail:
	case BPF_FUNC_skb_pull_data:
	case BPF_FUNC_skb_change_proto:
	case BPF_FUNC_skb_vlan_push:
	case BPF_FUNC_skb_vlan_pop:
	case BPF_FUNC_skb_adjust_room:
	case BPF_FUNC_l3_csum_replace:
	case BPF_FUNC_l4_csum_replace:
	case BPF_FUNC_clone_redirect:
	case BPF_FUNC_xdp_adjust_head:
	case BPF_FUNC_xdp_adjust_meta:
	case BPF_FUNC_xdp_adjust_tail:
	case BPF_FUNC_msg_pull_data:
	case BPF_FUNC_msg_push_data:
	case BPF_FUNC_msg_pop_data:
	case BPF_FUNC_lwt_push_encap:
	case BPF_FUNC_lwt_seg6_store_bytes:
	case BPF_FUNC_lwt_seg6_adjust_srh:
	case BPF_FUNC_lwt_seg6_action:
	case BPF_FUNC_store_hdr_opt:
		return true;
	default:
		return false;
	}
}

/* Which helpers a map type accepts (the kernel's
 * check_map_func_compatibility, for the types bpfhost has). */
static bool map_func_ok(const struct bh_map *map, uint32_t id)
{
	uint32_t t = map->type;
	bool plain = t == BPF_MAP_TYPE_HASH || t == BPF_MAP_TYPE_ARRAY ||
		     t == BPF_MAP_TYPE_PERCPU_HASH || t == BPF_MAP_TYPE_PERCPU_ARRAY ||
		     t == BPF_MAP_TYPE_LRU_HASH || t == BPF_MAP_TYPE_LRU_PERCPU_HASH ||
		     t == BPF_MAP_TYPE_LPM_TRIE;
	bool percpu = t == BPF_MAP_TYPE_PERCPU_HASH || t == BPF_MAP_TYPE_PERCPU_ARRAY ||
		      t == BPF_MAP_TYPE_LRU_PERCPU_HASH;
	bool qs = t == BPF_MAP_TYPE_QUEUE || t == BPF_MAP_TYPE_STACK;
	bool mim = t == BPF_MAP_TYPE_ARRAY_OF_MAPS || t == BPF_MAP_TYPE_HASH_OF_MAPS;
	bool dev = t == BPF_MAP_TYPE_DEVMAP || t == BPF_MAP_TYPE_DEVMAP_HASH;

	switch (id) {
	case BPF_FUNC_map_lookup_elem: /* device maps: read-only values */
		return plain || mim || dev;
	case BPF_FUNC_redirect_map:
		return dev;
	case BPF_FUNC_map_update_elem:
	case BPF_FUNC_map_delete_elem:
		return plain;
	case BPF_FUNC_map_lookup_percpu_elem:
		return percpu;
	case BPF_FUNC_map_push_elem:
	case BPF_FUNC_map_peek_elem:
		return qs || t == BPF_MAP_TYPE_BLOOM_FILTER;
	case BPF_FUNC_map_pop_elem:
		return qs;
	case BPF_FUNC_ringbuf_output:
	case BPF_FUNC_ringbuf_query:
	case BPF_FUNC_ringbuf_reserve:
	case BPF_FUNC_ringbuf_reserve_dynptr:
		return t == BPF_MAP_TYPE_RINGBUF;
	case BPF_FUNC_user_ringbuf_drain:
		return t == BPF_MAP_TYPE_USER_RINGBUF;
	case BPF_FUNC_tail_call:
		return t == BPF_MAP_TYPE_PROG_ARRAY;
	case BPF_FUNC_for_each_map_elem:
		return plain && t != BPF_MAP_TYPE_LPM_TRIE && map->ops->for_each;
	case BPF_FUNC_timer_init: /* the map of the timer (process_timer_func) */
	case BPF_FUNC_timer_set_callback:
	case BPF_FUNC_timer_start:
	case BPF_FUNC_timer_cancel:
		return map->timer_off >= 0;
	default:
		return false; /* any other helper taking a map: not verified yet */
	}
}

static const char *const expected_mem = "fp, pkt, pkt_meta, map_key, map_value, mem";

static int type_mismatch(struct bh_verifier_env *env, int regno,
			 const struct bh_reg *reg, const char *expected)
{
	char tb[48];

	verbose(env, "R%d type=%s expected=%s\n", regno,
		reg_type_str(reg->type, tb, sizeof(tb)), expected);
	return -EACCES;
}

static bool is_mem_type(uint32_t t)
{
	switch (t) {
	case PTR_TO_STACK: case PTR_TO_PACKET: case PTR_TO_PACKET_META:
	case PTR_TO_MAP_KEY: case PTR_TO_MAP_VALUE: case PTR_TO_MEM:
	case PTR_TO_MEM | MEM_RDONLY: case PTR_TO_MEM | MEM_RINGBUF:
		return true;
	default:
		return false;
	}
}

static int check_size_arg(struct bh_verifier_env *env, int regno,
			  struct call_meta *meta, bool zero_ok)
{
	struct bh_reg *reg = &cur_regs(env)[regno];

	int err;

	if (reg->type != SCALAR_VALUE)
		return type_mismatch(env, regno, reg, "scalar");
	/* the size bounds what the helper touches */
	err = mark_chain_precision(env, regno);
	if (err)
		return err;
	if (meta->mem_regno < 0) {
		verbose(env, "R%d size argument without a memory argument before it\n",
			regno);
		return -EINVAL;
	}
	if (reg->smin < 0) {
		verbose(env, "R%d min value is negative, either use unsigned or 'var &= const'\n",
			regno);
		return -EACCES;
	}
	if (reg->umin == 0 && !zero_ok) {
		verbose(env, "R%d invalid zero-sized read: u64=[%llu,%llu]\n", regno,
			(unsigned long long)reg->umin, (unsigned long long)reg->umax);
		return -EACCES;
	}
	if (reg->umax >= BH_MAX_VAR_SIZ) {
		verbose(env, "R%d unbounded memory access, use 'var &= const' or 'if (var < const)'\n",
			regno);
		return -EACCES;
	}
	if (meta->mem_maybe_null && register_is_null(&cur_regs(env)[meta->mem_regno])) {
		err = mark_chain_precision(env, meta->mem_regno);
		if (err)
			return err;
		if (reg->umax) {
			verbose(env, "R%d invalid zero-sized read: u64=[%llu,%llu]\n", regno,
				(unsigned long long)reg->umin, (unsigned long long)reg->umax);
			return -EACCES;
		}
		return 0;
	}
	return check_helper_mem_access(env, meta->mem_regno, (int)reg->umax, zero_ok,
				       meta->mem_write, meta->mem_write);
}

/*
 * The key a stack pointer points to, when its bytes are known: all zero, or
 * an 8-byte spilled constant (the kernel's get_constant_map_key).  -1 when
 * not known.
 */
static int64_t const_map_key(struct bh_verifier_env *env, const struct bh_reg *key,
			     uint32_t key_size)
{
	const struct bh_func_state *f;
	int64_t lo;
	bool zero = true;

	if (key->type != PTR_TO_STACK || !tnum_is_const(key->var_off) || key_size > 8)
		return -1;
	f = env->cur->frame[key->frameno];
	lo = (int64_t)key->var_off.value + key->off;
	if (lo < -f->allocated_stack || lo + key_size > 0)
		return -1;
	if (!(lo % 8)) {
		const struct bh_stack_slot *s = &f->stack[(-lo - 1) / 8];
		uint32_t n = 0;

		while (n < 8 && s->type[n] == STACK_SPILL)
			n++;
		/* a spilled constant of exactly the key's size */
		if (n == key_size && s->spilled.type == SCALAR_VALUE &&
		    tnum_is_const(s->spilled.var_off)) {
			uint64_t v = s->spilled.var_off.value;

			if (key_size < 8)
				v &= (1ULL << (key_size * 8)) - 1;
			if (v > INT64_MAX)
				return -1;
			/* the lookup's result depends on it (the zero
			 * bytes of the other case are compared as such) */
			if (mark_chain_precision_stack(env, key->frameno,
						       (int)((-lo - 1) / 8)))
				return -1;
			return (int64_t)v;
		}
		if (n)
			return -1;
	}
	for (int64_t o = lo; o < lo + key_size; o++) {
		int spi = (int)((-o - 1) / 8);

		zero &= f->stack[spi].type[o + 8 * (spi + 1)] == STACK_ZERO;
	}
	return zero ? 0 : -1;
}

/*
 * ARG_PTR_TO_CONST_STR (the kernel's check_reg_const_str): a string the
 * program cannot change, NUL-terminated inside the value.  The map must be
 * read-only to programs and frozen (no host write either: .rodata), the
 * offset constant, and the value a direct one (a one-element array).
 */
static int check_reg_const_str(struct bh_verifier_env *env, int regno)
{
	struct bh_reg *reg = &cur_regs(env)[regno];
	struct bh_map *map = reg->map_ptr;
	uint64_t map_off;
	void *base;
	int err;

	if (!(map->map_flags & BPF_F_RDONLY_PROG) ||
	    /* relaxed: a freeze is final; the loader froze before loading */
	    !atomic_load_explicit(&map->frozen, memory_order_relaxed)) {
		verbose(env, "R%d does not point to a readonly map'\n", regno);
		return -EACCES;
	}
	if (!tnum_is_const(reg->var_off)) {
		verbose(env, "R%d is not a constant address'\n", regno);
		return -EACCES;
	}
	if (!map->ops->direct_value_addr) {
		verbose(env, "no direct value access support for this map type\n");
		return -EACCES;
	}
	err = check_helper_mem_access(env, regno, (int)map->value_size - reg->off,
				      false, false, false);
	if (err)
		return err;
	map_off = (uint64_t)reg->off + reg->var_off.value;
	err = map->ops->direct_value_addr(map, (uint32_t)map_off, &base);
	if (err) {
		verbose(env, "direct value access on string failed\n");
		return err;
	}
	if (!memchr((const char *)base + map_off, 0, map->value_size - map_off)) {
		verbose(env, "string is not zero-terminated\n");
		return -EINVAL;
	}
	return 0;
}

/* The string a checked BH_ARG_PTR_TO_CONST_STR register points to. */
static const char *const_str(const struct bh_reg *reg)
{
	uint64_t off = (uint64_t)reg->off + reg->var_off.value;
	void *base;

	if (reg->map_ptr->ops->direct_value_addr(reg->map_ptr, (uint32_t)off, &base))
		return NULL;
	return (const char *)base + off;
}

/*
 * bpf_snprintf (check_bpf_snprintf_call): the format is checked now, with
 * as many arguments as data_len's known bits say; the helper checks the
 * real data_len again at run time.  The kernel refuses a data_len that is
 * not a multiple of 8 with -EINVAL and no message; bpfhost says why.
 */
static int check_bpf_snprintf_call(struct bh_verifier_env *env)
{
	const struct bh_reg *regs = cur_regs(env);
	uint64_t data_len = regs[5].var_off.value;
	const char *fmt = const_str(&regs[3]);

	if (data_len % 8) {
		verbose(env, "R5 data_len %llu is not a multiple of 8\n",
			(unsigned long long)data_len);
		return -EINVAL;
	}
	if (!fmt) {
		verbose(env, "verifier bug\n");
		return -EFAULT;
	}
	if (helper_bprintf_check(fmt, data_len / 8 > UINT32_MAX ? UINT32_MAX
							      : (uint32_t)(data_len / 8))) {
		verbose(env, "Invalid format string\n");
		return -EINVAL;
	}
	return 0;
}

/*
 * bpf_spin_lock / bpf_spin_unlock (the kernel's process_spin_lock): the
 * argument points exactly at the value's struct bpf_spin_lock, at a
 * constant offset.  One lock at a time: the state records which (the map,
 * and the id of the value pointer, unique per lookup); unlock must name
 * the same.  Calls and exits while it is held are refused in
 * check_helper_call() and check.c.
 */
static int process_spin_lock(struct bh_verifier_env *env, int regno, bool is_lock)
{
	struct bh_reg *reg = &cur_regs(env)[regno];
	struct bh_vstate *cur = env->cur;
	struct bh_map *map = reg->map_ptr;
	uint64_t val = reg->var_off.value;

	if (!tnum_is_const(reg->var_off)) {
		verbose(env, "R%d doesn't have constant offset. bpf_spin_lock has to be at the constant offset\n",
			regno);
		return -EINVAL;
	}
	if (!map->has_btf) {
		verbose(env, "map '%s' has to have BTF in order to use bpf_spin_lock\n",
			map->name);
		return -EINVAL;
	}
	if (map->spin_lock_off < 0) {
		verbose(env, "map '%s' has no valid bpf_spin_lock\n", map->name);
		return -EINVAL;
	}
	if ((int64_t)val + reg->off != map->spin_lock_off) {
		verbose(env, "off %lld doesn't point to 'struct bpf_spin_lock' that is at %d\n",
			(long long)val + reg->off, map->spin_lock_off);
		return -EINVAL;
	}
	if (is_lock) {
		if (cur->active_lock_map) {
			verbose(env, "Locking two bpf_spin_locks are not allowed\n");
			return -EINVAL;
		}
		cur->active_lock_map = map;
		cur->active_lock_id = reg->id;
		return 0;
	}
	if (!cur->active_lock_map) {
		verbose(env, "bpf_spin_unlock without taking a lock\n");
		return -EINVAL;
	}
	if (cur->active_lock_map != map || cur->active_lock_id != reg->id) {
		verbose(env, "bpf_spin_unlock of different lock\n");
		return -EINVAL;
	}
	cur->active_lock_map = NULL;
	cur->active_lock_id = 0;
	return 0;
}

/*
 * process_timer_func() (check_map_field_pointer): a timer argument points
 * at the struct bpf_timer of a map value, at a constant offset; its map
 * becomes the call's.
 */
static int process_timer_func(struct bh_verifier_env *env, int regno,
			      struct call_meta *meta)
{
	struct bh_reg *reg = &cur_regs(env)[regno];
	struct bh_map *map = reg->map_ptr;
	int64_t off;

	if (reg->type != PTR_TO_MAP_VALUE)
		return type_mismatch(env, regno, reg, "map_value");
	if (!tnum_is_const(reg->var_off)) {
		verbose(env, "R%d doesn't have constant offset. bpf_timer has to be at the constant offset\n",
			regno);
		return -EINVAL;
	}
	if (!map->has_btf) {
		verbose(env, "map '%s' has to have BTF in order to use bpf_timer\n",
			map->name);
		return -EINVAL;
	}
	if (map->timer_off < 0) {
		verbose(env, "map '%s' has no valid bpf_timer\n", map->name);
		return -EINVAL;
	}
	off = (int64_t)reg->var_off.value + reg->off;
	if (off != map->timer_off) {
		verbose(env, "off %lld doesn't point to 'struct bpf_timer' that is at %d\n",
			(long long)off, map->timer_off);
		return -EINVAL;
	}
	/*
	 * A value of an inner map carries its outer map's template (never
	 * initialised as an object), shared by every inner map: bpfhost does
	 * not track which inner map (the kernel's map_uid), so it could not
	 * tell bpf_timer_init a timer of one inner map from another's map.
	 */
	if (!map->obj.release) {
		verbose(env, "R%d: bpf_timer in an inner map is not verified by bpfhost yet\n",
			regno);
		return -EINVAL;
	}
	if (meta->map_ptr) {
		verbose(env, "verifier bug. Two map pointers in a timer helper\n");
		return -EFAULT;
	}
	meta->map_ptr = map;
	return 0;
}

int check_func_arg(struct bh_verifier_env *env, int arg, uint8_t type,
		   struct call_meta *meta)
{
	int regno = arg + 1;
	struct bh_reg *reg = &cur_regs(env)[regno];
	char tb[48];
	int err;

	if (type == BH_ARG_DONTCARE)
		return 0;
	err = check_reg_read(env, regno);
	if (err)
		return err;
	if (type == BH_ARG_ANYTHING) {
		if (!env->priv && is_pointer(reg)) {
			verbose(env, "R%d leaks addr into helper function\n", regno);
			return -EACCES;
		}
		return 0;
	}
	/* may_access_direct_pkt_data(): only the helpers the kernel marks
	 * pkt_access take packet memory, whatever the argument (helpers
	 * only: kfunc arguments are the kernel's check_kfunc_args) */
	if (!meta->kfunc &&
	    (BASE_TYPE(reg->type) == PTR_TO_PACKET ||
	     BASE_TYPE(reg->type) == PTR_TO_PACKET_META) && !helper_pkt_access(meta->func_id)) {
		verbose(env, "helper access to the packet is not allowed\n");
		return -EACCES;
	}
	switch (type) {
	case BH_ARG_CONST_MAP_PTR:
		if (reg->type != CONST_PTR_TO_MAP)
			return type_mismatch(env, regno, reg, "map_ptr");
		if (reg->off) {
			verbose(env, "R%d must have zero offset when passed to release func or trusted arg to kfunc\n",
				regno);
			return -EACCES;
		}
		/* bpf_timer_init(timer, map): the timer's own map (outer maps'
		 * inner maps are refused above, so no map_uid to compare) */
		if (meta->map_ptr && meta->map_ptr != reg->map_ptr) {
			verbose(env, "timer pointer in R1 map_uid=%d doesn't match map pointer in R2 map_uid=%d\n",
				0, 0);
			return -EINVAL;
		}
		meta->map_ptr = reg->map_ptr;
		return 0;
	case BH_ARG_PTR_TO_CTX:
		if (reg->type != PTR_TO_CTX)
			return type_mismatch(env, regno, reg, "ctx");
		if (reg->off || !tnum_equals_const(reg->var_off, 0)) {
			verbose(env, "dereference of modified %s ptr R%d off=%d disallowed\n",
				reg_type_str(reg->type, tb, sizeof(tb)), regno, reg->off);
			return -EACCES;
		}
		/* the helper uses the context: runs must pass a real one */
		if (!env->max_ctx_offset)
			env->max_ctx_offset = 1;
		return 0;
	case BH_ARG_PTR_TO_MAP_KEY:
	case BH_ARG_PTR_TO_MAP_VALUE:
		if (!is_mem_type(reg->type))
			return type_mismatch(env, regno, reg, expected_mem);
		if (!meta->map_ptr) {
			verbose(env, "invalid map_ptr to access map->%s\n",
				type == BH_ARG_PTR_TO_MAP_KEY ? "key" : "value");
			return -EACCES;
		}
		if (type == BH_ARG_PTR_TO_MAP_KEY) {
			meta->const_key = const_map_key(env, reg, meta->map_ptr->key_size);
			return check_helper_mem_access(env, regno,
						       (int)meta->map_ptr->key_size,
						       false, false, false);
		}
		/* pop and peek write the value (the kernel's MEM_UNINIT |
		 * MEM_WRITE), update and push read it; stack bytes may change */
		return check_helper_mem_access(env, regno,
					       (int)meta->map_ptr->value_size, false,
					       meta->func_id == BPF_FUNC_map_pop_elem ||
					       meta->func_id == BPF_FUNC_map_peek_elem,
					       true);
	case BH_ARG_PTR_TO_MEM_OR_NULL:
		if (register_is_null(reg)) {
			err = mark_chain_precision(env, regno);
			if (err)
				return err;
			meta->mem_regno = regno;
			meta->mem_write = false;
			meta->mem_maybe_null = true;
			return 0;
		}
		/* fallthrough */
	case BH_ARG_PTR_TO_MEM:
	case BH_ARG_PTR_TO_UNINIT_MEM:
		if (!is_mem_type(reg->type))
			return type_mismatch(env, regno, reg, expected_mem);
		if (type == BH_ARG_PTR_TO_UNINIT_MEM && (reg->type & MEM_RDONLY))
			return type_mismatch(env, regno, reg, expected_mem);
		meta->mem_regno = regno;
		meta->mem_write = type == BH_ARG_PTR_TO_UNINIT_MEM;
		meta->mem_maybe_null = false;
		return 0;
	case BH_ARG_PTR_TO_TIMER:
		return process_timer_func(env, regno, meta);
	case BH_ARG_PTR_TO_SPIN_LOCK:
		if (reg->type != PTR_TO_MAP_VALUE)
			return type_mismatch(env, regno, reg, "map_value, ptr_");
		return 0; /* process_spin_lock() after the prototype's check */
	case BH_ARG_PTR_TO_CONST_STR:
		if (reg->type != PTR_TO_MAP_VALUE)
			return type_mismatch(env, regno, reg, "map_value");
		return check_reg_const_str(env, regno);
	case BH_ARG_PTR_TO_FUNC:
		if (reg->type != PTR_TO_FUNC)
			return type_mismatch(env, regno, reg, "func");
		meta->callback = (int)reg->subprogno;
		return 0;
	case BH_ARG_PTR_TO_STACK_OR_NULL:
		meta->ctx_arg = *reg;
		if (register_is_null(reg))
			return mark_chain_precision(env, regno);
		if (reg->type != PTR_TO_STACK)
			return type_mismatch(env, regno, reg, "fp");
		return 0;
	case BH_ARG_PTR_TO_LONG:
		/* 8 writable bytes (the kernel's ARG_PTR_TO_FIXED_SIZE_MEM) */
		if (!is_mem_type(reg->type) || (reg->type & MEM_RDONLY))
			return type_mismatch(env, regno, reg, expected_mem);
		return check_helper_mem_access(env, regno, 8, false, true, true);
	case BH_ARG_CONST_ALLOC_SIZE_OR_ZERO:
		if (reg->type != SCALAR_VALUE)
			return type_mismatch(env, regno, reg, "scalar");
		if (!tnum_is_const(reg->var_off)) {
			verbose(env, "R%d is not a known constant'\n", regno);
			return -EACCES;
		}
		meta->mem_size = (int64_t)reg->var_off.value;
		return mark_chain_precision(env, regno);
	case BH_ARG_CONST_SIZE:
	case BH_ARG_CONST_SIZE_OR_ZERO:
		err = check_size_arg(env, regno, meta, type == BH_ARG_CONST_SIZE_OR_ZERO);
		meta->mem_regno = -1;
		return err;
	case BH_ARG_PTR_TO_DYNPTR_RINGBUF_RELEASE:
		meta->release_regno = regno;
		/* fallthrough */
	case BH_ARG_PTR_TO_DYNPTR:
	case BH_ARG_PTR_TO_UNINIT_DYNPTR_LOCAL:
	case BH_ARG_PTR_TO_UNINIT_DYNPTR_RINGBUF:
	case BH_ARG_PTR_TO_UNINIT_DYNPTR_CLONE:
		if (meta->kfunc && reg->type != PTR_TO_STACK &&
		    reg->type != CONST_PTR_TO_DYNPTR) {
			verbose(env, "arg#%d expected pointer to stack or const struct bpf_dynptr\n",
				arg);
			return -EINVAL;
		}
		return process_dynptr_func(env, regno, env->insn_idx, type, &meta->dynptr);
	case BH_ARG_PTR_TO_BUF_OR_NULL:
		/* kfuncs' __opt buffer: NULL, or memory the size after it
		 * (a constant) says the kfunc may write */
		meta->mem_regno = regno;
		meta->mem_write = true;
		meta->mem_maybe_null = register_is_null(reg);
		if (meta->mem_maybe_null)
			return mark_chain_precision(env, regno);
		if (!is_mem_type(reg->type) || (reg->type & MEM_RDONLY))
			return type_mismatch(env, regno, reg, expected_mem);
		return 0;
	case BH_ARG_CONST_SIZE_K:
		/* __szk: a known constant (it sizes what the kfunc returns) */
		if (reg->type != SCALAR_VALUE)
			return type_mismatch(env, regno, reg, "scalar");
		if (!tnum_is_const(reg->var_off)) {
			verbose(env, "R%d must be a known constant\n", regno);
			return -EINVAL;
		}
		err = mark_chain_precision(env, regno);
		if (err)
			return err;
		meta->mem_size = (int64_t)reg->var_off.value;
		if (meta->mem_regno >= 0 && !meta->mem_maybe_null)
			err = check_helper_mem_access(env, meta->mem_regno,
						      (int)BH_MIN(reg->var_off.value,
								  (uint64_t)INT32_MAX),
						      true, true, true);
		meta->mem_regno = -1;
		return err;
	default:
		verbose(env, "R%d argument type %u of this helper is not verified by bpfhost yet\n",
			regno, type);
		return -EINVAL;
	}
}

/* Stale packet pointers become numbers (the kernel's mark_reg_invalid):
 * unreadable ones for an unprivileged program, which must not see the
 * address. */
void clear_all_pkt_pointers(struct bh_vstate *st, bool priv)
{
	for_each_reg_in_vstate(st, f, r, ({
		if (reg_is_pkt_pointer_any(r) || r->type == PTR_TO_PACKET_END)
			mark_reg_invalid(r, priv);
	}));
}

bool helper_calls_callback(uint32_t id)
{
	return id == BPF_FUNC_loop || id == BPF_FUNC_for_each_map_elem ||
	       id == BPF_FUNC_user_ringbuf_drain;
}

/*
 * Callbacks (bpf_loop, bpf_for_each_map_elem, bpf_user_ringbuf_drain) run
 * any number of times, each seeing the stack the previous ones left, as the
 * kernel verifies them since Linux 6.7 ("verify callbacks as if they are
 * called unknown number of times"): at the helper call the caller goes on
 * at once (no call at all), and the callback's first call is pushed as a
 * path of its own, from the caller's state before the call.  Its exit goes
 * back to the helper call, which runs again: the caller goes on after it
 * (one call more) and the next call is pushed.  The helper call is a loop
 * entry (check.c): prune.c compares the state coming back with the earlier
 * iterations' there and stops when one covers it; before that, scalars no
 * check has needed and that changed since the previous iteration are
 * forgotten, so that counters converge.  bpf_loop also stops after
 * nr_loops calls when nr_loops is bounded (the kernel's callback_depth).
 */
static int push_callback(struct bh_verifier_env *env, int insn_idx, uint32_t id,
			 const struct call_meta *meta)
{
	struct bh_vstate *st = env->cur, *cb;
	struct bh_func_state *caller = st->frame[st->curframe], *f;
	struct bh_reg *args;
	int err;

	if (st->curframe + 1 >= BH_MAX_CALL_FRAMES) {
		verbose(env, "the call stack of %u frames is too deep\n", st->curframe + 2);
		return -E2BIG;
	}
	if (id == BPF_FUNC_loop && caller->regs[1].type == SCALAR_VALUE) {
		/* the number of calls decides how many are simulated */
		err = mark_chain_precision(env, 1);
		if (err)
			return err;
		if (caller->callback_depth >= caller->regs[1].umax) {
			caller->callback_depth = 0;
			if (log_level2(env))
				verbose(env, "frame%u bpf_loop iteration limit reached\n",
					st->curframe);
			return 0;
		}
	}
	err = verifier_push_stack(env, env->subprogs[meta->callback].start, insn_idx, &cb);
	if (err)
		return err;
	caller->callback_depth = 0; /* the path going on after the helper */
	f = calloc(1, sizeof(*f));
	if (!f)
		return -ENOMEM;
	init_func_state(f, insn_idx, cb->curframe + 1, (uint32_t)meta->callback);
	f->inst = ++env->frame_inst_gen;
	f->in_callback = true;
	f->callback_refs = cb->ref_cnt;
	cb->frame[cb->curframe]->callback_depth++;
	cb->cb_depth++;
	args = &f->regs[1];
	if (id == BPF_FUNC_loop) {
		/* (u32 index, void *ctx) */
		mark_reg_unknown(&args[0]);
		coerce_reg_to_size(&args[0], 4);
		args[1] = meta->ctx_arg;
	} else if (id == BPF_FUNC_user_ringbuf_drain) {
		/* (const struct bpf_dynptr *sample, void *ctx): a local dynptr
		 * over the sample, read only at run time */
		mark_reg_pointer(&args[0], CONST_PTR_TO_DYNPTR);
		args[0].dynptr_type = BH_DYNPTR_LOCAL;
		args[0].dynptr_first = true;
		args[0].id = ++env->id_gen;
		args[1] = meta->ctx_arg;
	} else {
		/* (map, key, value, ctx) */
		mark_reg_pointer(&args[0], CONST_PTR_TO_MAP);
		args[0].map_ptr = meta->map_ptr;
		mark_reg_pointer(&args[1], PTR_TO_MAP_KEY);
		args[1].map_ptr = meta->map_ptr;
		mark_reg_pointer(&args[2], PTR_TO_MAP_VALUE);
		args[2].map_ptr = meta->map_ptr;
		args[3] = meta->ctx_arg;
	}
	for (int i = 1; i <= 5; i++)
		f->regs[i].written = false;
	cb->frame[++cb->curframe] = f;
	return 0;
}

/* The callback returned: back to the helper call, which runs again (the
 * main loop steps to *@insn_idx + 1). */
int check_callback_exit(struct bh_verifier_env *env, int *insn_idx)
{
	struct bh_vstate *st = env->cur;
	struct bh_func_state *f = cur_frame(env);
	struct bh_reg *r0 = &f->regs[0];
	const struct bh_vstate *prev;
	int err = check_reg_read(env, 0);

	if (!err)
		err = mark_chain_precision(env, 0);
	if (err)
		return err;
	if (r0->type != SCALAR_VALUE || r0->smin < 0 || r0->smax > 1) {
		char tb[48];

		if (r0->type != SCALAR_VALUE)
			verbose(env, "At callback return the register R0 is not a known value (%s)\n",
				reg_type_str(r0->type, tb, sizeof(tb)));
		else
			verbose(env, "At callback return the register R0 has smin=%lld smax=%lld should have been in [0, 1]\n",
				(long long)r0->smin, (long long)r0->smax);
		return -EINVAL;
	}
	if (st->ref_cnt != f->callback_refs)
		return check_reference_leak(env);
	*insn_idx = f->callsite - 1;
	free(f->stack);
	free(f);
	st->frame[st->curframe--] = NULL;
	env->arrive_flags = BH_HIST_CB_RETURN;
	env->print_state = true;
	/* what changed since the previous iteration and mattered to no check */
	prev = find_prev_entry(env, *insn_idx + 1);
	if (prev)
		widen_imprecise_scalars(env, prev);
	return 0;
}

/*
 * bpf_timer_set_callback: the callback runs later, on its own (the timer
 * thread), not inside the call: it is verified once as a program of its
 * own (the kernel's push_async_cb and set_timer_callback_state), from a
 * fresh state: frame 0, R1 the timer's map, R2 its key, R3 its value,
 * nothing held.  The caller goes on at once with R0 an integer.  Each
 * entry counts one more in cb_depth (the kernel's async_entry_cnt): a
 * callback that sets itself again is another entry, not a loop.
 */
static int push_async_callback(struct bh_verifier_env *env, int insn_idx,
			       const struct call_meta *meta)
{
	struct bh_vstate *cb;
	struct bh_func_state *f;
	int err = verifier_push_stack(env, env->subprogs[meta->callback].start,
				      insn_idx, &cb);

	if (err)
		return err;
	/*
	 * Verified last: the pushed state moves to the bottom of the stack,
	 * so that every path of the caller (and of an entry of the callback
	 * still running, which may be the caller) has finished and left its
	 * checkpoints to prune against when it starts.  A callback that sets
	 * itself again is then pruned at its second entry.
	 */
	if (env->stack_cnt > 1) {
		struct bh_stack_elem e = env->stack[env->stack_cnt - 1];

		memmove(&env->stack[1], &env->stack[0],
			(env->stack_cnt - 1) * sizeof(env->stack[0]));
		env->stack[0] = e;
		cb = &env->stack[0].st;
	}
	env->subprogs[meta->callback].is_async_cb = true;
	/* a root of its own: no parent checkpoint waits for it */
	if (env->cur->parent)
		env->cur->parent->branches--;
	cb->parent = NULL;
	cb->branches = 0;
	cb->hist_cnt = 0;
	cb->seg_len = 0;
	cb->last_frame = 0;
	cb->ref_cnt = 0;
	cb->active_lock_map = NULL;
	cb->active_lock_id = 0;
	cb->active_rcu_lock = false;
	cb->cb_depth++;
	for (uint32_t i = 1; i <= cb->curframe; i++) {
		free(cb->frame[i]->stack);
		free(cb->frame[i]);
		cb->frame[i] = NULL;
	}
	cb->curframe = 0;
	f = cb->frame[0];
	init_func_state(f, -1, 0, (uint32_t)meta->callback);
	f->inst = ++env->frame_inst_gen;
	f->in_async_callback = true;
	/* callback_fn(struct bpf_map *map, void *key, void *value) */
	mark_reg_pointer(&f->regs[1], CONST_PTR_TO_MAP);
	f->regs[1].map_ptr = meta->map_ptr;
	mark_reg_pointer(&f->regs[2], PTR_TO_MAP_KEY);
	f->regs[2].map_ptr = meta->map_ptr;
	mark_reg_pointer(&f->regs[3], PTR_TO_MAP_VALUE);
	f->regs[3].map_ptr = meta->map_ptr;
	return 0;
}

/* check_return_code() of an async callback: R0 must be 0. */
int check_async_return(struct bh_verifier_env *env)
{
	const char *ctx = "At async callback return";
	struct bh_reg *r0 = &cur_regs(env)[0];
	int err = check_reg_read(env, 0);

	if (err)
		return err;
	if (r0->type != SCALAR_VALUE) {
		char tb[48];

		verbose(env, "%s the register R0 is not a known value (%s)\n", ctx,
			reg_type_str(r0->type, tb, sizeof(tb)));
		return -EINVAL;
	}
	err = mark_chain_precision(env, 0);
	if (err)
		return err;
	if (r0->smin >= 0 && r0->smax <= 0)
		return 0;
	/* verbose_invalid_scalar() */
	verbose(env, "%s the register R0 has", ctx);
	if (r0->smin > INT64_MIN)
		verbose(env, " smin=%lld", (long long)r0->smin);
	if (r0->smax < INT64_MAX)
		verbose(env, " smax=%lld", (long long)r0->smax);
	if (r0->smin == INT64_MIN && r0->smax == INT64_MAX)
		verbose(env, " unknown scalar value");
	verbose(env, " should have been in [0, 0]\n");
	return -EINVAL;
}

/* bpf_ringbuf_submit / _discard (record, flags): release the record. */
static int check_ringbuf_release(struct bh_verifier_env *env,
				 const struct bh_helper_proto *fn, int32_t func_id)
{
	struct bh_reg *regs = cur_regs(env), *rec = &regs[1];
	int err = check_reg_read(env, 1);

	if (!err)
		err = check_reg_read(env, 2);
	if (err)
		return err;
	if (rec->type != (PTR_TO_MEM | MEM_RINGBUF))
		return type_mismatch(env, 1, rec, "ringbuf_mem");
	if (rec->off || !tnum_equals_const(rec->var_off, 0)) {
		verbose(env, "R1 must have zero offset when passed to release func or trusted arg to kfunc\n");
		return -EINVAL;
	}
	if (!rec->ref_obj_id) {
		verbose(env, "R1 must be referenced when passed to release function\n");
		return -EINVAL;
	}
	err = release_reference(env, rec->ref_obj_id);
	if (err)
		return err;
	(void)fn;
	(void)func_id;
	for (int i = 0; i <= 5; i++) {
		mark_reg_not_init(&regs[i]);
		regs[i].written = true;
	}
	return 0;
}

/* One helper call: arguments by prototype, then R0 by return type (one
 * case each, as the kernel's check_helper_call; hence its length). */
int check_helper_call(struct bh_verifier_env *env, const struct bpf_insn *insn,
		      int insn_idx)
{
	uint32_t id = (uint32_t)insn->imm;
	const struct bh_helper_proto *fn;
	struct call_meta meta = { .mem_regno = -1, .const_key = -1, .callback = -1,
				  .func_id = (uint32_t)insn->imm };
	struct bh_reg *regs = cur_regs(env);
	int err;

	fn = env->in->proto ? env->in->proto(env->in->proto_ctx, id)
			    : helper_proto(id);
	if (!fn) {
		verbose(env, "program of this type cannot use helper %s#%d\n",
			helper_name(helper_proto(id)), insn->imm);
		return -EINVAL;
	}
	if (id == BPF_FUNC_tail_call && env->in->ctx_as_mem) {
		/* the target may read more of the caller's memory than the
		 * run provides for this program: nothing bounds it */
		verbose(env, "tail calls from programs whose context is caller memory are not verified by bpfhost\n");
		return -EINVAL;
	}
	/* do_check's rule: while a bpf_spin_lock is held, the only helper is
	 * the unlock */
	if (env->cur->active_lock_map && id != BPF_FUNC_spin_unlock) {
		verbose(env, "function calls are not allowed while holding a lock\n");
		return -EINVAL;
	}
	if (helper_needs_more_than_proto(id)) {
		verbose(env, "helper %s#%d is not verified by bpfhost yet\n",
			helper_name(fn), insn->imm);
		return -EINVAL;
	}
	if (id == BPF_FUNC_ringbuf_submit || id == BPF_FUNC_ringbuf_discard)
		return check_ringbuf_release(env, fn, insn->imm);
	for (int i = 0; i < 5; i++) {
		uint8_t t = fn->arg_type[i];

		/* bpf_ringbuf_reserve's size sizes the record: a constant */
		if (id == BPF_FUNC_ringbuf_reserve && i == 1)
			t = BH_ARG_CONST_ALLOC_SIZE_OR_ZERO;
		err = check_func_arg(env, i, t, &meta);
		if (err)
			return err;
	}
	if (id == BPF_FUNC_spin_lock || id == BPF_FUNC_spin_unlock) {
		err = process_spin_lock(env, 1, id == BPF_FUNC_spin_lock);
		if (err)
			return err;
	}
	if (id == BPF_FUNC_snprintf) {
		err = check_bpf_snprintf_call(env);
		if (err)
			return err;
	}
	/* the kernel makes dynptrs only over map values (not the stack, whose
	 * frame may be gone, nor a packet a helper may move) */
	if (id == BPF_FUNC_dynptr_from_mem && regs[1].type != PTR_TO_MAP_VALUE) {
		char tb[48];

		verbose(env, "Unsupported reg type %s for bpf_dynptr_from_mem data\n",
			reg_type_str(regs[1].type, tb, sizeof(tb)));
		return -EACCES;
	}
	if (meta.release_regno) {
		err = unmark_stack_slots_dynptr(env, &regs[meta.release_regno]);
		if (err) {
			verbose(env, "func %s#%d reference has not been acquired before\n",
				helper_name(fn), insn->imm);
			return err;
		}
	}
	/* record_func_map(): a map read-only to programs refuses the helpers
	 * that change it, before the type compatibility check */
	if (meta.map_ptr && (meta.map_ptr->map_flags & BPF_F_RDONLY_PROG) &&
	    (id == BPF_FUNC_map_delete_elem || id == BPF_FUNC_map_update_elem ||
	     id == BPF_FUNC_map_push_elem || id == BPF_FUNC_map_pop_elem)) {
		verbose(env, "write into map forbidden\n");
		return -EACCES;
	}
	/* record_func_key(): before the compatibility check (the kernel's
	 * message has no newline: kept so that logs compare byte for byte) */
	if (id == BPF_FUNC_tail_call &&
	    (!meta.map_ptr || meta.map_ptr->type != BPF_MAP_TYPE_PROG_ARRAY)) {
		verbose(env, "expected prog array map for tail call");
		return -EINVAL;
	}
	if (meta.map_ptr && !map_func_ok(meta.map_ptr, id)) {
		verbose(env, "cannot pass map_type %u into func %s#%d\n",
			meta.map_ptr->type, helper_name(fn), insn->imm);
		return -EINVAL;
	}
	if (id == BPF_FUNC_map_lookup_elem)
		fixup_record_map(env, insn_idx, meta.map_ptr);
	/* a tail call that succeeds never comes back: a reference held
	 * across it could never be released */
	if (id == BPF_FUNC_tail_call) {
		err = check_reference_leak(env);
		if (err) {
			verbose(env, "tail_call would lead to reference leak\n");
			return err;
		}
		if (env->cur->active_rcu_lock) {
			verbose(env, "tail_call cannot be used inside bpf_rcu_read_lock-ed region\n");
			return -EINVAL;
		}
	}
	/* the callback's first call, from the state before the call (its exit
	 * comes back here with R1-R5 as they are now); a timer's callback is
	 * verified on its own (below) */
	if (meta.callback >= 0 && id != BPF_FUNC_timer_set_callback) {
		err = push_callback(env, insn_idx, id, &meta);
		if (err)
			return err;
	}
	/* R1-R5 are clobbered */
	for (int i = 1; i <= 5; i++) {
		mark_reg_not_init(&regs[i]);
		regs[i].written = true;
	}
	switch (fn->ret_type) {
	case BH_RET_INTEGER:
		mark_reg_unknown(&regs[0]);
		break;
	case BH_RET_VOID:
		mark_reg_not_init(&regs[0]);
		break;
	case BH_RET_PTR_TO_MAP_VALUE_OR_NULL:
		if (!meta.map_ptr) {
			verbose(env, "kernel subsystem misconfigured verifier\n");
			return -EINVAL;
		}
		if (meta.map_ptr->inner_meta) {
			mark_reg_pointer(&regs[0], CONST_PTR_TO_MAP | PTR_MAYBE_NULL);
			regs[0].map_ptr = meta.map_ptr->inner_meta;
			regs[0].id = ++env->id_gen;
		} else if (id == BPF_FUNC_map_lookup_elem && meta.const_key >= 0 &&
			   (uint64_t)meta.const_key < meta.map_ptr->max_entries &&
			   (meta.map_ptr->type == BPF_MAP_TYPE_ARRAY ||
			    meta.map_ptr->type == BPF_MAP_TYPE_PERCPU_ARRAY)) {
			/* an array element that exists: never NULL (the
			 * kernel's can_elide_value_nullness) */
			mark_reg_pointer(&regs[0], PTR_TO_MAP_VALUE);
			regs[0].map_ptr = meta.map_ptr;
			/* the id names the value's lock */
			if (meta.map_ptr->spin_lock_off >= 0)
				regs[0].id = ++env->id_gen;
		} else {
			mark_reg_pointer(&regs[0], PTR_TO_MAP_VALUE | PTR_MAYBE_NULL);
			regs[0].map_ptr = meta.map_ptr;
			regs[0].id = ++env->id_gen;
		}
		break;
	case BH_RET_PTR_TO_MEM_OR_NULL:
		if (id != BPF_FUNC_ringbuf_reserve || meta.mem_size < 0 ||
		    meta.mem_size > UINT32_MAX) {
			verbose(env, "unknown return type %u of func %s#%d\n", fn->ret_type,
				helper_name(fn), insn->imm);
			return -EINVAL;
		}
		/* a record the program must submit or discard on every path */
		mark_reg_pointer(&regs[0], PTR_TO_MEM | MEM_RINGBUF | PTR_MAYBE_NULL);
		regs[0].mem_size = (uint32_t)meta.mem_size;
		++env->id_gen; /* the kernel spends one id on the NULL check first */
		err = acquire_reference(env, insn_idx);
		if (err < 0)
			return err;
		regs[0].id = regs[0].ref_obj_id = (uint32_t)err;
		break;
	case BH_RET_PTR_TO_DYNPTR_MEM_OR_NULL:
		/* bpf_dynptr_data: NULL or @size bytes of the dynptr, gone
		 * when it is released (ref_obj_id) or destroyed (dynptr_id) */
		if (meta.mem_size < 0 || meta.mem_size > UINT32_MAX) {
			verbose(env, "unknown return type %u of func %s#%d\n", fn->ret_type,
				helper_name(fn), insn->imm);
			return -EINVAL;
		}
		mark_reg_pointer(&regs[0], PTR_TO_MEM | PTR_MAYBE_NULL);
		regs[0].mem_size = (uint32_t)meta.mem_size;
		regs[0].id = ++env->id_gen;
		regs[0].dynptr_id = meta.dynptr.id;
		regs[0].ref_obj_id = meta.dynptr.ref_obj_id;
		break;
	default:
		verbose(env, "unknown return type %u of func %s#%d\n", fn->ret_type,
			helper_name(fn), insn->imm);
		return -EINVAL;
	}
	regs[0].written = true;
	if (helper_changes_pkt_data(id))
		clear_all_pkt_pointers(env->cur, env->priv);
	if (meta.callback >= 0 && id == BPF_FUNC_timer_set_callback)
		return push_async_callback(env, insn_idx, &meta);
	return 0;
}

int find_subprog(struct bh_verifier_env *env, int off)
{
	for (uint32_t i = 0; i < env->subprog_cnt; i++)
		if (env->subprogs[i].start == off)
			return (int)i;
	return -1;
}

int check_func_call(struct bh_verifier_env *env, const struct bpf_insn *insn,
		    int *insn_idx)
{
	struct bh_vstate *st = env->cur;
	struct bh_func_state *caller = st->frame[st->curframe], *callee;
	int target = *insn_idx + insn->imm + 1;
	int sub = find_subprog(env, target);

	if (st->curframe + 1 >= BH_MAX_CALL_FRAMES) {
		verbose(env, "the call stack of %u frames is too deep\n",
			st->curframe + 2);
		return -E2BIG;
	}
	if (sub < 0) {
		verbose(env, "verifier bug. No program starts at insn %d\n", target);
		return -EFAULT;
	}
	if (env->subprogs[sub].global)
		return check_global_call(env, sub);
	callee = calloc(1, sizeof(*callee));
	if (!callee)
		return -ENOMEM;
	init_func_state(callee, *insn_idx, st->curframe + 1, (uint32_t)sub);
	callee->inst = ++env->frame_inst_gen;
	for (int i = 1; i <= 5; i++)
		callee->regs[i] = caller->regs[i];
	for (int i = 0; i <= 5; i++) {
		mark_reg_not_init(&caller->regs[i]);
		caller->regs[i].written = true;
	}
	st->frame[++st->curframe] = callee;
	*insn_idx = target - 1; /* the main loop steps to the first insn */
	env->print_state = true;
	return 0;
}

int prepare_func_exit(struct bh_verifier_env *env, int *insn_idx)
{
	struct bh_vstate *st = env->cur;
	struct bh_func_state *callee = st->frame[st->curframe], *caller;
	struct bh_reg *r0 = &callee->regs[0];

	if (r0->type == PTR_TO_STACK) {
		verbose(env, "cannot return stack pointer to the caller\n");
		return -EINVAL;
	}
	caller = st->frame[st->curframe - 1];
	caller->regs[0] = *r0;
	caller->regs[0].written = true;
	if (env->subprogs[callee->subprogno].has_tail_call) {
		/* a tail call that succeeds returns here from another
		 * program: R0 is whatever it returns, and it may have moved
		 * the packet */
		mark_reg_unknown(&caller->regs[0]);
		clear_all_pkt_pointers(st, env->priv);
	}
	*insn_idx = callee->callsite; /* the main loop steps past the call */
	free(callee->stack);
	free(callee);
	st->frame[st->curframe--] = NULL;
	env->print_state = true;
	return 0;
}

int check_return_code(struct bh_verifier_env *env)
{
	const struct bh_verifier_input *in = env->in;
	struct bh_reg *r0 = &cur_regs(env)[0];
	int err = check_reg_read(env, 0);

	if (err)
		return err;
	if (!env->priv && is_pointer(r0)) {
		verbose(env, "R0 leaks addr as return value\n");
		return -EACCES;
	}
	if (!in->ret_range_check)
		return 0;
	if (r0->type != SCALAR_VALUE) {
		char tb[48];

		verbose(env, "At program exit the register R0 is not a known value (%s)\n",
			reg_type_str(r0->type, tb, sizeof(tb)));
		return -EINVAL;
	}
	err = mark_chain_precision(env, 0);
	if (err)
		return err;
	if (r0->smin < in->ret_min || r0->smax > in->ret_max) {
		verbose(env, "At program exit the register R0 has smin=%lld smax=%lld should have been in [%d, %d]\n",
			(long long)r0->smin, (long long)r0->smax, in->ret_min,
			in->ret_max);
		return -EINVAL;
	}
	return 0;
}

/* The frames of every call chain, each rounded as the kernel's JIT does,
 * fit in 512 bytes (check_max_stack_depth). */
static int stack_depth_from(struct bh_verifier_env *env, uint32_t sub,
			    int frame, int depth)
{
	int end = sub + 1 < env->subprog_cnt ? env->subprogs[sub + 1].start
					     : (int)env->insn_cnt;

	if (frame >= BH_MAX_CALL_FRAMES) {
		verbose(env, "the call stack of %d frames is too deep !\n", frame);
		return -E2BIG;
	}
	depth += BH_ROUND_UP(env->subprogs[sub].stack_depth, 16);
	if (depth > BH_MAX_BPF_STACK) {
		verbose(env, "combined stack size of %d calls is %d. Too large\n",
			frame + 1, depth);
		return -EACCES;
	}
	for (int pc = env->subprogs[sub].start; pc < end; pc++) {
		const struct bpf_insn *insn = &env->insns[pc];
		int callee, err;

		/* calls, and callbacks (a helper calls them one frame deeper) */
		if (!(insn->code == (BPF_JMP | BPF_CALL) &&
		      insn->src_reg == BPF_PSEUDO_CALL) &&
		    !(insn->code == (BPF_LD | BPF_IMM | BPF_DW) &&
		      insn->src_reg == BPF_PSEUDO_FUNC))
			continue;
		callee = find_subprog(env, pc + insn->imm + 1);
		/* a timer callback runs on its own stack: a root (below) */
		if (callee < 0 || env->subprogs[callee].is_async_cb)
			continue;
		err = stack_depth_from(env, (uint32_t)callee, frame + 1, depth);
		if (err)
			return err;
	}
	return 0;
}

int check_max_stack_depth(struct bh_verifier_env *env)
{
	int err = stack_depth_from(env, 0, 0, 0);

	/* each timer callback from its own frame 0, as the kernel's roots */
	for (uint32_t i = 1; !err && i < env->subprog_cnt; i++)
		if (env->subprogs[i].is_async_cb)
			err = stack_depth_from(env, i, 0, 0);
	return err;
}
