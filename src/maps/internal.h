/* SPDX-License-Identifier: MIT */
/*
 * maps/internal.h - the map object, the per-type operations and the
 * helpers shared by the map types.
 *
 * Every map type is one entry of core/bpf_types.def naming a
 * `const struct bh_map_ops <type>_map_ops` defined in src/maps/.  map.c
 * validates what is common to all types (flags that are never valid, names,
 * access flags), then asks the type: alloc_check, alloc.  The dispatcher
 * (map.c) applies the host API's rules (BPF_F_RDONLY / BPF_F_WRONLY, frozen,
 * BPF_F_LOCK) before calling a type's op; programs call the ops directly
 * through the helpers (helpers/map_helpers.c).
 *
 * Concurrency: programs run inside an RCU read-side section (prog_run) and
 * host calls take one around each op; elements a reader may still see are
 * freed after a grace period (bh_rcu_call).  Per-type locking is described
 * at the top of each type's file.
 */
#ifndef BH_MAPS_INTERNAL_H
#define BH_MAPS_INTERNAL_H

#include <pthread.h>

#include <bpfhost/map.h>

#include "core/internal.h"

#define BH_MAP_ACCESS_MASK \
	(BPF_F_RDONLY | BPF_F_RDONLY_PROG | BPF_F_WRONLY | BPF_F_WRONLY_PROG)
/* KMALLOC_MAX_SIZE of x86-64 (4 MiB): the kernel's bound on element sizes. */
#define BH_KMALLOC_MAX_SIZE (1UL << 22)
/* PCPU_MIN_UNIT_SIZE: the bound on a per-CPU value. */
#define BH_PCPU_MIN_UNIT_SIZE (32U << 10)
#define BH_PAGE_SIZE 4096UL

/* What map creation was asked for (the fields of BPF_MAP_CREATE). */
struct bh_map_attr {
	uint32_t map_type;
	uint32_t key_size;
	uint32_t value_size;
	uint32_t max_entries;
	uint32_t map_flags;
	uint32_t numa_node;
	uint64_t map_extra;
	struct bh_map *inner_map; /* template for map-in-map, may be NULL */
};

/* Arguments of the batch ops (the batch part of union bpf_attr). */
struct bh_map_batch {
	const void *in_batch;
	void *out_batch;
	void *keys;
	void *values;
	uint32_t count;     /* in: room; the op sets it to elements done */
	uint64_t elem_flags;
	uint64_t flags;
};

struct bh_map;

/* bpf_for_each_map_elem's callback: non-zero stops the walk. */
typedef uint64_t (*bh_map_for_each_fn)(struct bh_map *map, void *key,
				       void *value, void *ctx);

struct bh_map_ops {
	/* ---- API only: creation, destruction, the host's calls ---- */
	/* Attribute checks before anything is allocated; NULL: none. */
	int (*alloc_check)(const struct bh_map_attr *attr);
	/* Mandatory.  Allocates and fills the type's fields; returns 0 or -errno. */
	int (*alloc)(const struct bh_map_attr *attr, struct bh_map **map);
	/* Mandatory.  No reader can see the map any more. */
	void (*free)(struct bh_map *map);
	/* Mandatory.  NULL @key: the first key. */
	int (*get_next_key)(struct bh_map *map, const void *key, void *next_key);
	/* Host lookup into the caller's buffer (per-CPU values, ids of fd
	 * maps); NULL: lookup() and copy value_size bytes. */
	int (*copy_value)(struct bh_map *map, const void *key, void *value);
	/* Host update (per-CPU values from every slot, ids); NULL: update(). */
	int (*sys_update)(struct bh_map *map, const void *key,
			  const void *value, uint64_t flags);
	/* NULL: -ENOTSUPP. */
	int (*lookup_and_delete)(struct bh_map *map, const void *key,
				 void *value, uint64_t flags);
	/* Batch ops; NULL: -ENOTSUPP.  map_generic_*_batch fit most types. */
	int (*lookup_batch)(struct bh_map *map, struct bh_map_batch *b);
	int (*lookup_and_delete_batch)(struct bh_map *map, struct bh_map_batch *b);
	int (*update_batch)(struct bh_map *map, struct bh_map_batch *b);
	int (*delete_batch)(struct bh_map *map, struct bh_map_batch *b);
	/* BPF_F_MMAPABLE value area; NULL: not mmapable. */
	void *(*mmap)(struct bh_map *map, size_t *size);
	/* Mandatory.  Bytes the map uses. */
	uint64_t (*mem_usage)(const struct bh_map *map);

	/* ---- API and programs ---- */
	/* Mandatory.  Program fast path: the value, or NULL. */
	void *(*lookup)(struct bh_map *map, const void *key);
	/* Mandatory (stubs return the kernel's errno). */
	int (*update)(struct bh_map *map, const void *key, const void *value,
		      uint64_t flags);
	int (*delete)(struct bh_map *map, const void *key);
	/* QUEUE, STACK, BLOOM_FILTER; NULL: -EOPNOTSUPP (programs). */
	int (*push)(struct bh_map *map, const void *value, uint64_t flags);
	int (*pop)(struct bh_map *map, void *value);
	int (*peek)(struct bh_map *map, void *value);
	/* Per-CPU maps: the value of slot @cpu; NULL: not per-CPU. */
	void *(*lookup_percpu)(struct bh_map *map, const void *key,
			       uint32_t cpu);
	/* bpf_for_each_map_elem: elements visited, or -errno; NULL: -EINVAL. */
	long (*for_each)(struct bh_map *map, bh_map_for_each_fn fn, void *ctx,
			 uint64_t flags);

	/* ---- Verifier ---- */
	/*
	 * Can @inner replace the template @meta in a map-in-map?  A type can
	 * be an inner map only if it sets this (seed 000's explicit opt-in).
	 */
	bool (*meta_equal)(const struct bh_map *meta, const struct bh_map *inner);
	/*
	 * BPF_PSEUDO_MAP_VALUE: the address of element 0's value, for direct
	 * access at @off (global data); NULL: not supported.
	 */
	int (*direct_value_addr)(struct bh_map *map, uint32_t off, void **base);
	/*
	 * bpf_map_lookup_elem inlined after verification (the kernel's
	 * map_gen_lookup, verifier/fixup.c): writes to @buf at most
	 * BH_MAP_GEN_LOOKUP_MAX instructions that set R0 as the helper would
	 * from the key at R2 (R1 may be clobbered, R2..R5 are not read
	 * after); returns their count, or -EOPNOTSUPP to keep the call.
	 * NULL: never inlined.  The values it addresses must stay where they
	 * are while the map lives.
	 */
	int (*gen_lookup)(struct bh_map *map, struct bpf_insn *buf);
	/* The memory gen_lookup's instructions may return pointers into, for
	 * checked runs (whole value area); required with gen_lookup. */
	void *(*gen_lookup_area)(struct bh_map *map, size_t *size);
};

#define BH_MAP_GEN_LOOKUP_MAX 16

struct bh_map {
	struct bh_obj obj;
	/* Immutable after bh_map__create() returns. */
	const struct bh_map_ops *ops;
	uint32_t type;
	uint32_t key_size;
	uint32_t value_size;
	uint32_t max_entries;
	/* As the kernel's: without BPF_F_RDONLY / BPF_F_WRONLY. */
	uint32_t map_flags;
	/*
	 * BPF_F_RDONLY / BPF_F_WRONLY given at creation: in the kernel they
	 * are the access mode of the map's descriptor; bpfhost has no
	 * descriptors and applies them to every host call on the map.
	 */
	uint32_t host_access;
	uint64_t map_extra;
	char name[BPF_OBJ_NAME_LEN];
	/*
	 * Byte offset in the value of its struct bpf_spin_lock / struct
	 * bpf_timer, found in the BTF given at creation (the kernel's
	 * btf_record); -1: none.  The verifier's rules use them.
	 */
	int32_t spin_lock_off;
	int32_t timer_off;
	bool has_btf; /* created with BTF for its value */
	/*
	 * References held by the host (the kernel's usercnt: descriptors and
	 * pins): those of bh_map__create, bh_map__get and bh_map__by_id, not
	 * those of programs or outer maps.  Atomic; when it drops to zero
	 * the map's timers are cancelled and freed (map_release_uref), so a
	 * timer cannot keep alive the program that keeps the map alive.
	 */
	atomic_uint usercnt;
	/* Map-in-map: the template (a struct bh_map of its own, no object). */
	struct bh_map *inner_meta;
	/* Guards frozen and writable_mapped (rank 20); taken by freeze and mmap. */
	pthread_mutex_t freeze_lock;
	/* Written under freeze_lock; readers load it relaxed: a host write
	 * racing a freeze may land on either side, as in the kernel. */
	atomic_bool frozen;
	bool writable_mapped;
	/*
	 * PROG_ARRAY: type of the first program stored (0: none yet); set once
	 * under the array's update lock, read relaxed.
	 */
	atomic_uint owner_prog_type;
};

static inline uint32_t map_round8(uint32_t x)
{
	return (x + 7) & ~7U;
}

/* Host-side per-CPU value size: round_up(value_size, 8) * CPU slots. */
static inline size_t map_percpu_value_size(const struct bh_map *map)
{
	return (size_t)map_round8(map->value_size) * bh_cpu_count();
}

/* Bytes a host buffer for one value of @map needs. */
size_t map_host_value_size(const struct bh_map *map);

/* Fill the common fields; types call this from alloc. */
void map_init_from_attr(struct bh_map *map, const struct bh_map_attr *attr);

/* bpf_map_flags_access_ok(): not RDONLY_PROG and WRONLY_PROG together. */
static inline bool map_flags_access_ok(uint32_t flags)
{
	return (flags & (BPF_F_RDONLY_PROG | BPF_F_WRONLY_PROG)) !=
	       (BPF_F_RDONLY_PROG | BPF_F_WRONLY_PROG);
}

/* Is @map an ARRAY_OF_MAPS / HASH_OF_MAPS / PROG_ARRAY (values are ids)? */
static inline bool map_is_fd_map(const struct bh_map *map)
{
	return map->type == BPF_MAP_TYPE_ARRAY_OF_MAPS ||
	       map->type == BPF_MAP_TYPE_HASH_OF_MAPS ||
	       map->type == BPF_MAP_TYPE_PROG_ARRAY;
}

/*
 * Value copies that other threads may race with (as the kernel's plain
 * copies do): 8-byte relaxed atomics when both sides are 8-aligned, bytes
 * otherwise, so the race is defined behaviour and TSan-clean.  Relaxed: a
 * value is not a synchronisation point; torn values between words are the
 * kernel's semantics too.
 */
void map_value_read(void *dst, const void *map_src, size_t size);
void map_value_write(void *map_dst, const void *src, size_t size);
void map_value_zero(void *map_dst, size_t size);
/*
 * copy_map_value() / check_and_init_map_value(): a value's bpf_spin_lock
 * and bpf_timer bytes belong to their helpers.  An update writes the whole
 * value but them (a held lock stays held); a fresh element and a host's
 * copy have them zero.
 */
void map_value_write_fields(const struct bh_map *map, void *map_dst, const void *src);
void map_value_zero_fields(const struct bh_map *map, void *value);
/*
 * bpf_obj_free_fields(): what a value owns goes when the value does (a
 * deleted or replaced element, an overwritten array value): its bpf_timer
 * is cancelled and freed.  Never blocks; any lock may be held.
 */
void map_value_free_fields(const struct bh_map *map, void *value);
/* The kernel's bpf_map_inc / bpf_map_put: references that are not the
 * host's (programs, outer maps); bh_map__get / bh_map__free count both. */
void map_ref_get(struct bh_map *map);
void map_ref_put(struct bh_map *map);
/* ARRAY: the index of @value when it is one of @map's values, else -1. */
int64_t array_value_index(const struct bh_map *map, const void *value);

/* Does @map's value hold a struct bpf_spin_lock (btf_record_has_field)? */
static inline bool map_has_spin_lock(const struct bh_map *map)
{
	return map->spin_lock_off >= 0;
}

/*
 * BPF_F_LOCK element flags of the batch ops (generic_map_*_batch): nothing
 * but BPF_F_LOCK, and that only on a value with a bpf_spin_lock.
 */
static inline bool map_elem_flags_ok(const struct bh_map *map, uint64_t flags)
{
	return !(flags & ~(uint64_t)BPF_F_LOCK) &&
	       (!(flags & BPF_F_LOCK) || map_has_spin_lock(map));
}

/*
 * copy_map_value_locked(): the copies of BPF_F_LOCK, made while holding
 * the value's own bpf_spin_lock, so that they never see (or leave) a value
 * half-written by a program between bpf_spin_lock and bpf_spin_unlock.
 * map_value_read_locked() copies the map value @map_src out (lock word
 * and timer zeroed in @dst); map_value_write_locked() writes @src over the
 * map value @map_dst but its lock and timer, as map_value_write_fields().
 * @map must have a spin lock.  The caller must not hold a bpf_spin_lock:
 * one thread holds at most one (the verifier's rule for programs).
 */
void map_value_read_locked(const struct bh_map *map, void *dst, const void *map_src);
void map_value_write_locked(const struct bh_map *map, void *map_dst, const void *src);

/* Shared stubs for mandatory slots. */
void *map_lookup_null(struct bh_map *map, const void *key);
int map_update_einval(struct bh_map *map, const void *key, const void *value,
		      uint64_t flags);
int map_delete_einval(struct bh_map *map, const void *key);
int map_get_next_key_einval(struct bh_map *map, const void *key, void *next);
/* Index maps (arrays, devmap): the next index, 0 for a missing key. */
int map_index_get_next_key(struct bh_map *map, const void *key, void *next_key);
int map_get_next_key_eopnotsupp(struct bh_map *map, const void *key,
				void *next);

/* The kernel's generic_map_*_batch, over get_next_key and the host ops. */
int map_generic_lookup_batch(struct bh_map *map, struct bh_map_batch *b);
int map_generic_update_batch(struct bh_map *map, struct bh_map_batch *b);
int map_generic_delete_batch(struct bh_map *map, struct bh_map_batch *b);

/* bpf_map_meta_equal(): type, key size, value size, flags. */
bool map_meta_equal(const struct bh_map *meta, const struct bh_map *inner);

/* Host-side ops without the API's permission checks (batch loops use them);
 * @flags of map_copy_value: 0 or BPF_F_LOCK (bpf_map_copy_value). */
int map_copy_value(struct bh_map *map, const void *key, void *value,
		   uint64_t flags);
int map_sys_update(struct bh_map *map, const void *key, const void *value,
		   uint64_t flags);
int map_sys_delete(struct bh_map *map, const void *key);

/* The registry's ops of @type, or NULL. */
const struct bh_map_ops *map_type_ops(uint32_t type);
/* Short name of @type from the registry ("hash"), or NULL. */
const char *map_type_name(uint32_t type);

/* Map-in-map (map_in_map.c). */
int map_meta_alloc(struct bh_map *inner, struct bh_map **meta);
void map_meta_free(struct bh_map *meta);
/* Resolve an inner map id for @outer: a reference, or -EBADF / -EINVAL. */
int map_fd_get_inner(struct bh_map *outer, uint32_t id, struct bh_map **inner);
/* Drop a slot's reference after a grace period (programs may hold it). */
void map_put_deferred(struct bh_obj *obj);

/* PROG_ARRAY (arraymap.c): program at @index for bpf_tail_call, or NULL. */
struct bh_prog *map_prog_array_get(void *map, uint32_t index);

/* DEVMAP / DEVMAP_HASH (devmap.c): the ifindex of @key's entry, 0 when
 * none.  For bpf_redirect_map, inside the caller's RCU read-side section. */
uint32_t devmap_redirect_lookup(struct bh_map *map, uint32_t key);

/* The jhash the kernel uses for hash tables and bloom filters. */
uint32_t map_jhash(const void *key, uint32_t length, uint32_t initval);
/* jhash2 over @length u32 words at @k (any alignment). */
uint32_t map_jhash2(const void *k, uint32_t length, uint32_t initval);

#endif /* BH_MAPS_INTERNAL_H */
