/* SPDX-License-Identifier: MIT */
/*
 * helpers/map_helpers.c - the map helpers: bpf_map_lookup_elem,
 * bpf_map_update_elem, bpf_map_delete_elem, bpf_map_push_elem,
 * bpf_map_pop_elem, bpf_map_peek_elem, bpf_map_lookup_percpu_elem.
 *
 * They call the map type's ops directly, as the kernel's helpers do (no
 * host-side BPF_F_RDONLY / frozen checks: those concern the host only).
 * Until the verifier lands, what it would refuse at load time is refused at
 * run time instead: writes to a BPF_F_RDONLY_PROG map and reads from a
 * BPF_F_WRONLY_PROG map return -EPERM, and in a checked run a key or value
 * outside the program's memory returns -EFAULT (NULL for lookups).
 *
 * A checked run may only touch memory it was given, so a successful lookup
 * adds the value to the run's regions (read-only for BPF_F_RDONLY_PROG
 * maps).  The region table is small: once full, the slots this file added
 * are reused round-robin, oldest first.
 *
 * Map pointers in R1 come from ld_imm64 (resolved at load) or from a
 * map-in-map lookup; the interpreter's checked mode does not validate them
 * (the verifier will).
 */
#include <string.h>

#include "exec/callback.h"
#include "exec/internal.h"
#include "helpers/internal.h"
#include "maps/internal.h"

/* Where this thread's run started adding value regions. */
static _Thread_local const struct bh_exec_env *region_env;
static _Thread_local unsigned int region_first, region_next;

static void add_value_region(void *value, uint32_t size, bool writable)
{
	struct bh_exec_env *env = bh_exec_current;
	unsigned int span;

	if (!env || !env->checked || !value)
		return;
	if (exec_access_ok(env, value, size, writable))
		return;
	if (region_env != env || region_first > env->region_cnt) {
		region_env = env;
		region_first = env->region_cnt;
		region_next = 0;
	}
	if (!exec_add_region(env, value, size, writable))
		return;
	span = BH_EXEC_MAX_REGIONS - region_first;
	if (!span)
		return; /* the caller's own regions fill the table */
	env->regions[region_first + region_next++ % span] = (struct bh_region){
		.start = (uintptr_t)value, .size = size, .writable = writable
	};
}

static bool is_map_in_map(const struct bh_map *map)
{
	return map->type == BPF_MAP_TYPE_ARRAY_OF_MAPS ||
	       map->type == BPF_MAP_TYPE_HASH_OF_MAPS;
}

/* The value a lookup returned: accessible to a checked run. */
static uint64_t lookup_result(struct bh_map *map, void *value)
{
	if (value && !is_map_in_map(map))
		add_value_region(value, map->value_size,
				 !(map->map_flags & BPF_F_RDONLY_PROG));
	return (uint64_t)(uintptr_t)value;
}

static uint64_t map_lookup_elem(uint64_t r1, uint64_t r2, uint64_t r3,
				uint64_t r4, uint64_t r5)
{
	struct bh_map *map = (struct bh_map *)(uintptr_t)r1;
	const void *key = (const void *)(uintptr_t)r2;

	if (!map || !helper_mem_ok(key, map->key_size, false))
		return 0;
	return lookup_result(map, map->ops->lookup(map, key));
}

static uint64_t map_update_elem(uint64_t r1, uint64_t r2, uint64_t r3,
				uint64_t r4, uint64_t r5)
{
	struct bh_map *map = (struct bh_map *)(uintptr_t)r1;
	const void *key = (const void *)(uintptr_t)r2;
	const void *value = (const void *)(uintptr_t)r3;

	if (!map || !helper_mem_ok(key, map->key_size, false) ||
	    !helper_mem_ok(value, map->value_size, false))
		return (uint64_t)-EFAULT;
	if (map->map_flags & BPF_F_RDONLY_PROG)
		return (uint64_t)-EPERM;
	if ((r4 & BPF_F_LOCK) &&
	    !helper_spin_lock_check_free("bpf_map_update_elem with BPF_F_LOCK while holding a lock"))
		return (uint64_t)-EDEADLK;
	return (uint64_t)(int64_t)map->ops->update(map, key, value, r4);
}

static uint64_t map_delete_elem(uint64_t r1, uint64_t r2, uint64_t r3,
				uint64_t r4, uint64_t r5)
{
	struct bh_map *map = (struct bh_map *)(uintptr_t)r1;
	const void *key = (const void *)(uintptr_t)r2;

	if (!map || !helper_mem_ok(key, map->key_size, false))
		return (uint64_t)-EFAULT;
	if (map->map_flags & BPF_F_RDONLY_PROG)
		return (uint64_t)-EPERM;
	return (uint64_t)(int64_t)map->ops->delete(map, key);
}

static uint64_t map_push_elem(uint64_t r1, uint64_t r2, uint64_t r3,
			      uint64_t r4, uint64_t r5)
{
	struct bh_map *map = (struct bh_map *)(uintptr_t)r1;
	const void *value = (const void *)(uintptr_t)r2;

	if (!map || !helper_mem_ok(value, map->value_size, false))
		return (uint64_t)-EFAULT;
	if (map->map_flags & BPF_F_RDONLY_PROG)
		return (uint64_t)-EPERM;
	if (!map->ops->push)
		return (uint64_t)-EOPNOTSUPP;
	return (uint64_t)(int64_t)map->ops->push(map, value, r3);
}

static uint64_t pop_or_peek(uint64_t r1, uint64_t r2, bool pop)
{
	struct bh_map *map = (struct bh_map *)(uintptr_t)r1;
	void *value = (void *)(uintptr_t)r2;
	int (*fn)(struct bh_map *, void *);

	if (!map || !helper_mem_ok(value, map->value_size, true))
		return (uint64_t)-EFAULT;
	if ((map->map_flags & BPF_F_WRONLY_PROG) ||
	    (pop && (map->map_flags & BPF_F_RDONLY_PROG)))
		return (uint64_t)-EPERM;
	fn = pop ? map->ops->pop : map->ops->peek;
	if (!fn)
		return (uint64_t)-EOPNOTSUPP;
	return (uint64_t)(int64_t)fn(map, value);
}

static uint64_t map_pop_elem(uint64_t r1, uint64_t r2, uint64_t r3,
			     uint64_t r4, uint64_t r5)
{
	return pop_or_peek(r1, r2, true);
}

static uint64_t map_peek_elem(uint64_t r1, uint64_t r2, uint64_t r3,
			      uint64_t r4, uint64_t r5)
{
	return pop_or_peek(r1, r2, false);
}

static uint64_t map_lookup_percpu_elem(uint64_t r1, uint64_t r2, uint64_t r3,
				       uint64_t r4, uint64_t r5)
{
	struct bh_map *map = (struct bh_map *)(uintptr_t)r1;
	const void *key = (const void *)(uintptr_t)r2;

	if (!map || !helper_mem_ok(key, map->key_size, false) ||
	    !map->ops->lookup_percpu)
		return 0;
	return lookup_result(map, map->ops->lookup_percpu(map, key, (uint32_t)r3));
}

const struct bh_helper_proto helper_map_lookup_elem_proto = {
	.name = "map_lookup_elem",
	.fn = map_lookup_elem,
	.ret_type = BH_RET_PTR_TO_MAP_VALUE_OR_NULL,
	.arg_type = { BH_ARG_CONST_MAP_PTR, BH_ARG_PTR_TO_MAP_KEY },
};

const struct bh_helper_proto helper_map_update_elem_proto = {
	.name = "map_update_elem",
	.fn = map_update_elem,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_CONST_MAP_PTR, BH_ARG_PTR_TO_MAP_KEY,
		      BH_ARG_PTR_TO_MAP_VALUE, BH_ARG_ANYTHING },
};

const struct bh_helper_proto helper_map_delete_elem_proto = {
	.name = "map_delete_elem",
	.fn = map_delete_elem,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_CONST_MAP_PTR, BH_ARG_PTR_TO_MAP_KEY },
};

const struct bh_helper_proto helper_map_push_elem_proto = {
	.name = "map_push_elem",
	.fn = map_push_elem,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_CONST_MAP_PTR, BH_ARG_PTR_TO_MAP_VALUE,
		      BH_ARG_ANYTHING },
};

const struct bh_helper_proto helper_map_pop_elem_proto = {
	.name = "map_pop_elem",
	.fn = map_pop_elem,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_CONST_MAP_PTR, BH_ARG_PTR_TO_MAP_VALUE },
};

const struct bh_helper_proto helper_map_peek_elem_proto = {
	.name = "map_peek_elem",
	.fn = map_peek_elem,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_CONST_MAP_PTR, BH_ARG_PTR_TO_MAP_VALUE },
};

const struct bh_helper_proto helper_map_lookup_percpu_elem_proto = {
	.name = "map_lookup_percpu_elem",
	.fn = map_lookup_percpu_elem,
	.ret_type = BH_RET_PTR_TO_MAP_VALUE_OR_NULL,
	.arg_type = { BH_ARG_CONST_MAP_PTR, BH_ARG_PTR_TO_MAP_KEY,
		      BH_ARG_ANYTHING },
};

/*
 * bpf_for_each_map_elem(map, callback_fn, callback_ctx, flags): call the
 * BPF callback (map, key, value, ctx) for each element until it returns
 * non-zero; returns the number of elements visited.  A checked callback
 * may access the key (read-only) and the value for the time of its call.
 */
struct for_each_ctx {
	struct exec_callback cb;
	uint64_t cb_ctx;
	bool fault;
};

static uint64_t for_each_cb(struct bh_map *map, void *key, void *value,
			    void *arg)
{
	struct for_each_ctx *fe = arg;
	const uint64_t args[5] = { (uintptr_t)map, (uintptr_t)key,
				   (uintptr_t)value, fe->cb_ctx };
	uint64_t r0 = 0;
	int ret;

	/* checked: for this call only (the key may live on this C stack);
	 * a full table only makes the callback's accesses fault */
	exec_callback_add_region(&fe->cb, key, map->key_size, false);
	exec_callback_add_region(&fe->cb, value, map->value_size,
				 !(map->map_flags & BPF_F_RDONLY_PROG));
	ret = exec_callback_call(&fe->cb, args, &r0);
	if (ret) {
		fe->fault = true;
		return 1;
	}
	return r0;
}

static uint64_t for_each_map_elem(uint64_t r1, uint64_t r2, uint64_t r3,
				  uint64_t r4, uint64_t r5)
{
	struct bh_map *map = (struct bh_map *)(uintptr_t)r1;
	struct bh_exec_env *env = bh_exec_current;
	struct for_each_ctx fe = { .cb_ctx = r3 };
	long idx, n;

	if (!map || !env || !map->ops->for_each)
		return (uint64_t)-EINVAL;
	idx = exec_callback_index(env, r2);
	if (idx < 0 || exec_callback_prepare(&fe.cb, env, (uint32_t)idx))
		return (uint64_t)-EINVAL;
	n = map->ops->for_each(map, for_each_cb, &fe, r4);
	return fe.fault ? 0 : (uint64_t)n; /* a fault ends the run anyway */
}

const struct bh_helper_proto helper_for_each_map_elem_proto = {
	.name = "for_each_map_elem",
	.fn = for_each_map_elem,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_CONST_MAP_PTR, BH_ARG_PTR_TO_FUNC,
		      BH_ARG_PTR_TO_STACK_OR_NULL, BH_ARG_ANYTHING },
};

/*
 * bpf_tail_call: the interpreter runs it inline (exec/interp_body.h, with
 * exec_tail_call_lookup set by the PROG_ARRAY map); the prototype is here
 * so the loader knows the helper.  Called any other way it fails as a
 * tail call that found no program does: the caller goes on.
 */
static uint64_t tail_call(uint64_t r1, uint64_t r2, uint64_t r3, uint64_t r4,
			  uint64_t r5)
{
	return (uint64_t)-ENOENT;
}

const struct bh_helper_proto helper_tail_call_proto = {
	.name = "tail_call",
	.fn = tail_call,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_PTR_TO_CTX, BH_ARG_CONST_MAP_PTR, BH_ARG_ANYTHING },
};
