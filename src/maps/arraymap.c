/* SPDX-License-Identifier: MIT */
/*
 * maps/arraymap.c - ARRAY, PERCPU_ARRAY, and the arrays whose values are
 * objects: PROG_ARRAY (programs, for bpf_tail_call) and ARRAY_OF_MAPS.
 *
 * Values of ARRAY live in one zeroed area, element i at i * elem_size
 * (elem_size = round_up(value_size, 8)); with BPF_F_MMAPABLE the area is
 * page-aligned memory from mmap() that bh_map__mmap() hands to the host.
 * PERCPU_ARRAY keeps one such area per CPU slot:
 *
 *	values: [ cpu 0: e0 e1 ... e(n-1) ][ cpu 1: e0 ... ] ...
 *
 * Locking: none for values, which are read and written in place as in the
 * kernel (map_value_read/map_value_write make racing copies defined).  Object
 * arrays swap slot pointers atomically; the reference of a replaced object
 * is dropped a grace period later, since a program may still use it.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "core/rcu.h"
#include "exec/internal.h"
#include "isa/internal.h"
#include "maps/internal.h"
#include "progs/internal.h"

#define ARRAY_CREATE_FLAG_MASK                                          \
	(BPF_F_NUMA_NODE | BPF_F_MMAPABLE | BH_MAP_ACCESS_MASK |          \
	 BPF_F_PRESERVE_ELEMS | BPF_F_INNER_MAP)

struct bh_array {
	struct bh_map map;
	/* Immutable after alloc. */
	uint32_t elem_size;
	size_t area_size;        /* bytes of values (one CPU's for per-CPU) */
	bool mmapped;            /* values came from mmap() */
	uint8_t *values;         /* ARRAY, PERCPU_ARRAY */
	/* PROG_ARRAY, ARRAY_OF_MAPS: slot i holds an object or NULL; swapped
	 * with atomic exchange, read with acquire loads. */
	_Atomic(void *) *ptrs;
	/* Serialises PROG_ARRAY owner checks (rank 30). */
	pthread_mutex_t owner_lock;
};

static struct bh_array *to_array(struct bh_map *map)
{
	return bh_container_of(map, struct bh_array, map);
}

static bool is_percpu(const struct bh_map *map)
{
	return map->type == BPF_MAP_TYPE_PERCPU_ARRAY;
}

static bool is_fd_array(uint32_t type)
{
	return type == BPF_MAP_TYPE_PROG_ARRAY ||
	       type == BPF_MAP_TYPE_ARRAY_OF_MAPS;
}

/* ---- Creation ------------------------------------------------------------------ */

static int array_map_alloc_check(const struct bh_map_attr *attr)
{
	bool percpu = attr->map_type == BPF_MAP_TYPE_PERCPU_ARRAY;
	bool numa = (attr->map_flags & BPF_F_NUMA_NODE) &&
		    attr->numa_node != UINT32_MAX;

	if (!attr->max_entries || attr->key_size != 4 || !attr->value_size ||
	    (attr->map_flags & ~ARRAY_CREATE_FLAG_MASK) ||
	    !map_flags_access_ok(attr->map_flags) || (percpu && numa))
		return -EINVAL;
	if (attr->map_type != BPF_MAP_TYPE_ARRAY &&
	    (attr->map_flags & (BPF_F_MMAPABLE | BPF_F_INNER_MAP)))
		return -EINVAL;
	if (attr->map_flags & BPF_F_PRESERVE_ELEMS) /* PERF_EVENT_ARRAY only */
		return -EINVAL;
	if (attr->value_size > INT32_MAX)
		return -E2BIG;
	if (percpu && map_round8(attr->value_size) > BH_PCPU_MIN_UNIT_SIZE)
		return -E2BIG;
	return 0;
}

static int fd_array_map_alloc_check(const struct bh_map_attr *attr)
{
	/* Only object references (ids on the host side) are stored. */
	if (attr->value_size != sizeof(uint32_t))
		return -EINVAL;
	/* Program read-only/write-only is not supported for these maps. */
	if (attr->map_flags & (BPF_F_RDONLY_PROG | BPF_F_WRONLY_PROG))
		return -EINVAL;
	return array_map_alloc_check(attr);
}

static int array_alloc_values(struct bh_array *array, bool mmapable)
{
	uint64_t one = (uint64_t)array->map.max_entries * array->elem_size;
	uint64_t total;

	if (mmapable) {
		total = BH_ROUND_UP(one, BH_PAGE_SIZE);
		if (total > SIZE_MAX / 2)
			return -ENOMEM;
		array->values = mmap(NULL, total, PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (array->values == MAP_FAILED) {
			array->values = NULL;
			return -ENOMEM;
		}
		array->mmapped = true;
		array->area_size = total;
		return 0;
	}
	total = one * (is_percpu(&array->map) ? bh_cpu_count() : 1);
	if (total > SIZE_MAX / 2)
		return -ENOMEM;
	array->values = calloc(1, total ? total : 1);
	if (!array->values)
		return -ENOMEM;
	array->area_size = one;
	return 0;
}

static int array_map_alloc(const struct bh_map_attr *attr, struct bh_map **out)
{
	struct bh_array *array;
	struct bh_map *meta = NULL;
	int ret;

	if (attr->map_type == BPF_MAP_TYPE_ARRAY_OF_MAPS) {
		ret = map_meta_alloc(attr->inner_map, &meta);
		if (ret)
			return ret;
	}
	ret = -ENOMEM;
	array = calloc(1, sizeof(*array));
	if (!array)
		goto err_meta;
	map_init_from_attr(&array->map, attr);
	array->map.inner_meta = meta;
	array->elem_size = map_round8(attr->value_size);
	pthread_mutex_init(&array->owner_lock, NULL);
	if (is_fd_array(attr->map_type)) {
		array->ptrs = calloc(attr->max_entries, sizeof(*array->ptrs));
		if (!array->ptrs)
			goto err_array;
	} else {
		ret = array_alloc_values(array,
					 attr->map_flags & BPF_F_MMAPABLE);
		if (ret)
			goto err_array;
	}
	*out = &array->map;
	return 0;

err_array:
	pthread_mutex_destroy(&array->owner_lock);
	free(array);
err_meta:
	map_meta_free(meta);
	return ret;
}

static void array_map_free(struct bh_map *map)
{
	struct bh_array *array = to_array(map);

	if (array->ptrs) {
		for (uint32_t i = 0; i < map->max_entries; i++) {
			/* relaxed: nobody else can see the map any more */
			void *p = atomic_load_explicit(&array->ptrs[i],
						       memory_order_relaxed);

			if (p && map->type == BPF_MAP_TYPE_PROG_ARRAY)
				obj_put(&((struct bh_prog *)p)->obj);
			else if (p)
				obj_put(&((struct bh_map *)p)->obj);
		}
		free(array->ptrs);
	}
	if (array->mmapped)
		munmap(array->values, array->area_size);
	else
		free(array->values);
	pthread_mutex_destroy(&array->owner_lock);
	free(array);
}

static uint64_t array_map_mem_usage(const struct bh_map *map)
{
	const struct bh_array *array =
		bh_container_of(map, const struct bh_array, map);
	uint64_t size = sizeof(*array);

	if (array->ptrs)
		return size + (uint64_t)map->max_entries * sizeof(void *);
	return size + array->area_size *
			      (is_percpu(map) ? bh_cpu_count() : 1);
}

/* ---- Values ---------------------------------------------------------------------- */

static void *elem_ptr(struct bh_array *array, uint32_t cpu, uint32_t index)
{
	return array->values + (size_t)cpu * array->area_size +
	       (size_t)index * array->elem_size;
}

static void *array_map_lookup_elem(struct bh_map *map, const void *key)
{
	uint32_t index;

	memcpy(&index, key, sizeof(index));
	if (index >= map->max_entries)
		return NULL;
	return elem_ptr(to_array(map), 0, index);
}

static void *percpu_array_map_lookup_percpu(struct bh_map *map,
					    const void *key, uint32_t cpu)
{
	uint32_t index;

	memcpy(&index, key, sizeof(index));
	if (index >= map->max_entries || cpu >= bh_cpu_count())
		return NULL;
	return elem_ptr(to_array(map), cpu, index);
}

static void *percpu_array_map_lookup_elem(struct bh_map *map, const void *key)
{
	return percpu_array_map_lookup_percpu(map, key, bh_cpu_current());
}

/* The checks of array_map_update_elem(), in its order. */
static int array_update_check(struct bh_map *map, uint32_t index,
			      uint64_t flags)
{
	if ((flags & ~(uint64_t)BPF_F_LOCK) > BPF_EXIST)
		return -EINVAL;
	if (index >= map->max_entries)
		return -E2BIG; /* all elements exist: nothing can be added */
	if (flags & BPF_NOEXIST)
		return -EEXIST;
	if ((flags & BPF_F_LOCK) && !map_has_spin_lock(map))
		return -EINVAL;
	return 0;
}

static int array_map_update_elem(struct bh_map *map, const void *key,
				 const void *value, uint64_t flags)
{
	uint32_t index;
	int ret;

	memcpy(&index, key, sizeof(index));
	ret = array_update_check(map, index, flags);
	if (ret)
		return ret;
	/* Programs on a per-CPU array write their own slot's copy (no lock
	 * or timer there: map_check_btf refuses them in per-CPU maps). */
	if (is_percpu(map))
		map_value_write(elem_ptr(to_array(map), bh_cpu_current(), index),
				value, map->value_size);
	else {
		void *val = elem_ptr(to_array(map), 0, index);

		/* as array_map_update_elem(): the value's timer goes after
		 * either copy, also with BPF_F_LOCK (unlike a hash element
		 * updated in place, which keeps it) */
		if (flags & BPF_F_LOCK)
			map_value_write_locked(map, val, value);
		else
			map_value_write_fields(map, val, value);
		map_value_free_fields(map, val);
	}
	return 0;
}

int64_t array_value_index(const struct bh_map *map, const void *value)
{
	const struct bh_array *array =
		bh_container_of(map, const struct bh_array, map);
	uintptr_t start = (uintptr_t)array->values, off;

	if (map->type != BPF_MAP_TYPE_ARRAY || (uintptr_t)value < start)
		return -1;
	off = (uintptr_t)value - start;
	if (off % array->elem_size || off / array->elem_size >= map->max_entries)
		return -1;
	return (int64_t)(off / array->elem_size);
}

/* Host update of every CPU slot (bpf_percpu_array_update). */
static int percpu_array_sys_update(struct bh_map *map, const void *key,
				   const void *value, uint64_t flags)
{
	struct bh_array *array = to_array(map);
	uint32_t index, cpus = bh_cpu_count();
	int ret;

	memcpy(&index, key, sizeof(index));
	if (flags > BPF_EXIST)
		return -EINVAL;
	ret = array_update_check(map, index, flags);
	if (ret)
		return ret;
	for (uint32_t cpu = 0; cpu < cpus; cpu++)
		map_value_write(elem_ptr(array, cpu, index),
				(const uint8_t *)value + (size_t)cpu * array->elem_size,
				array->elem_size);
	return 0;
}

static int percpu_array_copy_value(struct bh_map *map, const void *key,
				   void *value)
{
	struct bh_array *array = to_array(map);
	uint32_t index, cpus = bh_cpu_count();

	memcpy(&index, key, sizeof(index));
	if (index >= map->max_entries)
		return -ENOENT;
	for (uint32_t cpu = 0; cpu < cpus; cpu++)
		map_value_read((uint8_t *)value + (size_t)cpu * array->elem_size,
			       elem_ptr(array, cpu, index), array->elem_size);
	return 0;
}

static long array_map_for_each(struct bh_map *map, bh_map_for_each_fn fn,
			       void *ctx, uint64_t flags)
{
	struct bh_array *array = to_array(map);
	uint32_t cpu = is_percpu(map) ? bh_cpu_current() : 0;
	long n = 0;

	if (flags)
		return -EINVAL;
	for (uint32_t i = 0; i < map->max_entries; i++) {
		uint32_t key = i;

		n++;
		if (fn(map, &key, elem_ptr(array, cpu, i), ctx))
			break;
	}
	return n;
}

static void *array_map_mmap(struct bh_map *map, size_t *size)
{
	struct bh_array *array = to_array(map);

	if (!(map->map_flags & BPF_F_MMAPABLE))
		return NULL;
	*size = array->area_size;
	return array->values;
}

/* Global data: one-element arrays only, as array_map_direct_value_addr(). */
static int array_map_direct_value_addr(struct bh_map *map, uint32_t off,
				       void **base)
{
	if (map->max_entries != 1)
		return -EOPNOTSUPP;
	if (off >= map->value_size)
		return -EINVAL;
	*base = to_array(map)->values;
	return 0;
}

/*
 * bpf_map_lookup_elem inlined (the kernel's array_map_gen_lookup), with
 * the value area's address as a constant where the kernel adds the
 * values' offset to the map pointer in R1:
 *
 *	r0 = *(u32 *)(r2 +0)
 *	if r0 >= max_entries goto null
 *	r0 <<= log2(elem_size)       (or r0 *= elem_size)
 *	r1 = <values> ll
 *	r0 += r1
 *	goto out
 * null:	r0 = 0
 * out:
 */
static int array_map_gen_lookup(struct bh_map *map, struct bpf_insn *buf)
{
	struct bh_array *array = to_array(map);
	uint64_t values = (uintptr_t)array->values;
	uint32_t esz = array->elem_size;
	struct bpf_insn *insn = buf;

	/* the compare's and the multiply's immediates are signed 32-bit */
	if (map->max_entries > INT32_MAX || esz > INT32_MAX)
		return -EOPNOTSUPP;
	*insn++ = (struct bpf_insn){ .code = BPF_LDX | BPF_MEM | BPF_W,
				     .dst_reg = BPF_REG_0, .src_reg = BPF_REG_2 };
	*insn++ = (struct bpf_insn){ .code = BPF_JMP | BPF_JGE | BPF_K,
				     .dst_reg = BPF_REG_0, .off = 5,
				     .imm = (int32_t)map->max_entries };
	if (!(esz & (esz - 1)))
		*insn++ = (struct bpf_insn){ .code = BPF_ALU64 | BPF_LSH | BPF_K,
					     .dst_reg = BPF_REG_0,
					     .imm = __builtin_ctz(esz) };
	else
		*insn++ = (struct bpf_insn){ .code = BPF_ALU64 | BPF_MUL | BPF_K,
					     .dst_reg = BPF_REG_0, .imm = (int32_t)esz };
	*insn++ = (struct bpf_insn){ .code = BPF_LD | BPF_IMM | BPF_DW,
				     .dst_reg = BPF_REG_1, .imm = (int32_t)(uint32_t)values };
	*insn++ = (struct bpf_insn){ .imm = (int32_t)(uint32_t)(values >> 32) };
	*insn++ = (struct bpf_insn){ .code = BPF_ALU64 | BPF_ADD | BPF_X,
				     .dst_reg = BPF_REG_0, .src_reg = BPF_REG_1 };
	*insn++ = (struct bpf_insn){ .code = BPF_JMP | BPF_JA, .off = 1 };
	*insn++ = (struct bpf_insn){ .code = BPF_ALU64 | BPF_MOV | BPF_K,
				     .dst_reg = BPF_REG_0 };
	return (int)(insn - buf);
}

static void *array_map_gen_lookup_area(struct bh_map *map, size_t *size)
{
	*size = (size_t)map->max_entries * to_array(map)->elem_size;
	return to_array(map)->values;
}

/*
 * PERCPU_ARRAY's (the kernel's percpu_array_map_gen_lookup, 6.10+): the
 * address in CPU slot 0's area, then the internal per-CPU move
 * (isa/internal.h) adds the running slot's distance, where the kernel
 * loads the element's per-CPU pointer and makes it this CPU's:
 *
 *	r0 = *(u32 *)(r2 +0)
 *	if r0 >= max_entries goto null
 *	r0 <<= log2(elem_size)       (or r0 *= elem_size)
 *	r1 = <values> ll
 *	r0 += r1
 *	r0 = &(void __percpu *)(r0)  (+ slot * area_size)
 *	goto out
 * null:	r0 = 0
 * out:
 */
static int percpu_array_map_gen_lookup(struct bh_map *map, struct bpf_insn *buf)
{
	struct bh_array *array = to_array(map);
	int n;

	if (array->area_size > UINT32_MAX)
		return -EOPNOTSUPP;
	n = array_map_gen_lookup(map, buf);
	if (n < 0)
		return n;
	/* after "r0 += r1" (the 6th of 8), before "goto out" */
	memmove(&buf[n - 1], &buf[n - 2], 2 * sizeof(*buf));
	buf[n - 2] = (struct bpf_insn){ .code = BPF_ALU64 | BPF_MOV | BPF_X,
					.dst_reg = BPF_REG_0, .src_reg = BPF_REG_0,
					.off = BH_ADDR_PERCPU,
					.imm = (int32_t)(uint32_t)array->area_size };
	buf[1].off++; /* the bounds check jumps one further, to "null" */
	return n + 1;
}

/* Every slot's area: an inlined lookup's pointer may be any slot's. */
static void *percpu_array_map_gen_lookup_area(struct bh_map *map, size_t *size)
{
	*size = to_array(map)->area_size * bh_cpu_count();
	return to_array(map)->values;
}

static bool array_map_meta_equal(const struct bh_map *meta,
				 const struct bh_map *inner)
{
	if (!map_meta_equal(meta, inner))
		return false;
	/* Lookups of arrays are inlined with max_entries unless INNER_MAP. */
	return (meta->map_flags & BPF_F_INNER_MAP) ||
	       meta->max_entries == inner->max_entries;
}

const struct bh_map_ops array_map_ops = {
	.alloc_check = array_map_alloc_check,
	.alloc = array_map_alloc,
	.free = array_map_free,
	.get_next_key = map_index_get_next_key,
	.lookup_batch = map_generic_lookup_batch,
	.update_batch = map_generic_update_batch,
	.mmap = array_map_mmap,
	.mem_usage = array_map_mem_usage,
	.lookup = array_map_lookup_elem,
	.update = array_map_update_elem,
	.delete = map_delete_einval,
	.for_each = array_map_for_each,
	.meta_equal = array_map_meta_equal,
	.direct_value_addr = array_map_direct_value_addr,
	.gen_lookup = array_map_gen_lookup,
	.gen_lookup_area = array_map_gen_lookup_area,
};

const struct bh_map_ops percpu_array_map_ops = {
	.alloc_check = array_map_alloc_check,
	.alloc = array_map_alloc,
	.free = array_map_free,
	.get_next_key = map_index_get_next_key,
	.copy_value = percpu_array_copy_value,
	.sys_update = percpu_array_sys_update,
	.lookup_batch = map_generic_lookup_batch,
	.update_batch = map_generic_update_batch,
	.mem_usage = array_map_mem_usage,
	.lookup = percpu_array_map_lookup_elem,
	.update = array_map_update_elem,
	.delete = map_delete_einval,
	.lookup_percpu = percpu_array_map_lookup_percpu,
	.for_each = array_map_for_each,
	.meta_equal = map_meta_equal,
	.gen_lookup = percpu_array_map_gen_lookup,
	.gen_lookup_area = percpu_array_map_gen_lookup_area,
};

/* ---- Object arrays: PROG_ARRAY, ARRAY_OF_MAPS ------------------------------------ */

static _Atomic(void *) *fd_slot(struct bh_map *map, const void *key)
{
	uint32_t index;

	memcpy(&index, key, sizeof(index));
	return index < map->max_entries ? &to_array(map)->ptrs[index] : NULL;
}

static struct bh_obj *slot_obj(const struct bh_map *map, void *ptr)
{
	if (!ptr)
		return NULL;
	return map->type == BPF_MAP_TYPE_PROG_ARRAY
		       ? &((struct bh_prog *)ptr)->obj
		       : &((struct bh_map *)ptr)->obj;
}

/* bpf_prog_map_compatible(): the first program fixes the array's type. */
static bool prog_array_compatible(struct bh_array *array, struct bh_prog *prog)
{
	unsigned int owner;
	bool ok;

	pthread_mutex_lock(&array->owner_lock);
	/* relaxed: written only under owner_lock */
	owner = atomic_load_explicit(&array->map.owner_prog_type,
				     memory_order_relaxed);
	if (!owner) {
		atomic_store_explicit(&array->map.owner_prog_type, prog->type,
				      memory_order_relaxed);
		ok = true;
	} else {
		ok = owner == prog->type;
	}
	pthread_mutex_unlock(&array->owner_lock);
	return ok;
}

/* map_fd_get_ptr(): the object with id @id, referenced, for this array. */
static int fd_get_ptr(struct bh_map *map, uint32_t id, void **ptr)
{
	struct bh_prog *prog;
	struct bh_map *inner;
	int ret;

	if (map->type == BPF_MAP_TYPE_ARRAY_OF_MAPS ||
	    map->type == BPF_MAP_TYPE_HASH_OF_MAPS) {
		ret = map_fd_get_inner(map, id, &inner);
		if (!ret)
			*ptr = inner;
		return ret;
	}
	prog = bh_prog__by_id(id);
	if (!prog)
		return -EBADF;
	if (!prog_array_compatible(to_array(map), prog)) {
		bh_prog__free(prog);
		return -EINVAL;
	}
	*ptr = prog;
	return 0;
}

/* bpf_fd_array_map_update_elem(): the host stores an object by id. */
static int fd_array_sys_update(struct bh_map *map, const void *key,
			       const void *value, uint64_t flags)
{
	_Atomic(void *) *slot;
	void *ptr, *old;
	uint32_t id;
	int ret;

	if (flags != BPF_ANY)
		return -EINVAL;
	slot = fd_slot(map, key);
	if (!slot)
		return -E2BIG;
	memcpy(&id, value, sizeof(id));
	ret = fd_get_ptr(map, id, &ptr);
	if (ret)
		return ret;
	/* acq_rel: release publishes the object to readers' acquire loads */
	old = atomic_exchange_explicit(slot, ptr, memory_order_acq_rel);
	map_put_deferred(slot_obj(map, old));
	return 0;
}

static int fd_array_delete_elem(struct bh_map *map, const void *key)
{
	_Atomic(void *) *slot = fd_slot(map, key);
	void *old;

	if (!slot)
		return -E2BIG;
	old = atomic_exchange_explicit(slot, NULL, memory_order_acq_rel);
	if (!old)
		return -ENOENT;
	map_put_deferred(slot_obj(map, old));
	return 0;
}

/* Host lookup: the id of the object in the slot. */
static int fd_array_copy_value(struct bh_map *map, const void *key,
			       void *value)
{
	_Atomic(void *) *slot = fd_slot(map, key);
	void *ptr;
	uint32_t id;

	/* acquire: pairs with the exchange in fd_array_sys_update() */
	ptr = slot ? atomic_load_explicit(slot, memory_order_acquire) : NULL;
	if (!ptr)
		return -ENOENT;
	id = slot_obj(map, ptr)->id;
	memcpy(value, &id, sizeof(id));
	return 0;
}

/* Programs: ARRAY_OF_MAPS lookups yield the inner map itself. */
static void *array_of_map_lookup_elem(struct bh_map *map, const void *key)
{
	_Atomic(void *) *slot = fd_slot(map, key);

	return slot ? atomic_load_explicit(slot, memory_order_acquire) : NULL;
}

struct bh_prog *map_prog_array_get(void *map_ptr, uint32_t index)
{
	struct bh_map *map = map_ptr;

	if (!map || map->type != BPF_MAP_TYPE_PROG_ARRAY ||
	    index >= map->max_entries)
		return NULL;
	/* acquire: pairs with the exchange in fd_array_sys_update() */
	return atomic_load_explicit(&to_array(map)->ptrs[index],
				    memory_order_acquire);
}

/* Runs before main(), before any program can tail-call. */
__attribute__((constructor)) static void prog_array_register_hook(void)
{
	exec_tail_call_lookup = map_prog_array_get;
}

const struct bh_map_ops prog_array_map_ops = {
	.alloc_check = fd_array_map_alloc_check,
	.alloc = array_map_alloc,
	.free = array_map_free,
	.get_next_key = map_index_get_next_key,
	.copy_value = fd_array_copy_value,
	.sys_update = fd_array_sys_update,
	.mem_usage = array_map_mem_usage,
	.lookup = map_lookup_null, /* programs only tail-call into it */
	.update = map_update_einval,
	.delete = fd_array_delete_elem,
	/* no meta_equal: a PROG_ARRAY cannot be an inner map (seed 000) */
};

const struct bh_map_ops array_of_maps_map_ops = {
	.alloc_check = fd_array_map_alloc_check,
	.alloc = array_map_alloc,
	.free = array_map_free,
	.get_next_key = map_index_get_next_key,
	.copy_value = fd_array_copy_value,
	.sys_update = fd_array_sys_update,
	.lookup_batch = map_generic_lookup_batch,
	.update_batch = map_generic_update_batch,
	.mem_usage = array_map_mem_usage,
	.lookup = array_of_map_lookup_elem,
	.update = map_update_einval,
	.delete = fd_array_delete_elem,
};
