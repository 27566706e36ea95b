/* SPDX-License-Identifier: MIT */
/*
 * bpfhost/map.h - maps: create them, read and write their elements from the
 * host, hand them to programs.
 *
 * A map is a reference-counted object with a process-wide id, as in the
 * kernel.  The calls below are the host side of the kernel's bpf() map
 * commands (libbpf's bpf_map_* wrappers) with the same arguments, flags and
 * errnos; see docs/maps.md for the semantics of each type and for the few
 * places bpfhost departs from Linux.  Where the kernel takes a file
 * descriptor, bpfhost takes an id or a handle, since it has no descriptors:
 *
 *  - map-in-map (ARRAY_OF_MAPS, HASH_OF_MAPS): an update's value is the
 *    inner map's id (u32); a lookup returns the inner map's id;
 *  - PROG_ARRAY: an update's value is a program id (u32); a lookup returns
 *    the program's id;
 *  - programs refer to a map by id (BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_VALUE)
 *    or by index into bh_prog_load_opts.maps (BPF_PSEUDO_MAP_IDX*).
 *
 * Per-CPU maps: the host reads and writes round_up(value_size, 8) bytes per
 * CPU slot, bh_cpu_count_get() slots one after the other.
 *
 * Errors: int calls return 0 (or a count) on success and a negative errno on
 * failure, also left in errno; pointer calls return NULL with errno set.
 *
 * Thread-safety: every call may be made from any thread at the same time as
 * any other, and while programs use the map, except bh_map__free() on a
 * reference another thread still uses.
 */
#ifndef BPFHOST_MAP_H
#define BPFHOST_MAP_H

#include "common.h"

struct bh_map;
struct bh_btf;

/* Options of bh_map__create (libbpf's bpf_map_create_opts). */
struct bh_map_create_opts {
	size_t sz;
	/* BPF_F_* map flags (BPF_F_NO_PREALLOC, BPF_F_RDONLY_PROG, ...). */
	uint32_t map_flags;
	/* NUMA node, with BPF_F_NUMA_NODE in map_flags: only node 0 exists. */
	uint32_t numa_node;
	/*
	 * Map-in-map: a map whose type, sizes and flags every inner map must
	 * share (kept as a template; the map itself is not referenced).
	 */
	struct bh_map *inner_map;
	/* BLOOM_FILTER: number of hash functions in the low 4 bits (0 = 5). */
	uint64_t map_extra;
	/*
	 * BTF of key and value (BPF_MAP_CREATE's btf_fd, btf_key_type_id,
	 * btf_value_type_id), read during the call only: a value holding a
	 * struct bpf_spin_lock or struct bpf_timer needs it for programs to
	 * use them.  NULL: no BTF (the type ids must then be 0).
	 */
	const struct bh_btf *btf;
	uint32_t btf_key_type_id;
	uint32_t btf_value_type_id;
	size_t :0;
};
#define bh_map_create_opts__last_field btf_value_type_id

/**
 * Create a map (BPF_MAP_CREATE).
 *
 * @param map_type    enum bpf_map_type; the types bpfhost implements are in
 *                    docs/maps.md.
 * @param name        Name, at most 15 characters from [A-Za-z0-9_.], or NULL.
 * @param key_size    Key size in bytes (the type's rules apply: 4 for arrays,
 *                    0 for queues, stacks and bloom filters, ...).
 * @param value_size  Value size in bytes (4 for PROG_ARRAY and map-in-map).
 * @param max_entries Capacity, > 0.
 * @param opts        Options, or NULL.
 * @return a new map holding one reference, or NULL with errno:
 *         EINVAL  unknown type or flag, sizes or max_entries the type
 *                 refuses, bad name, bad opts, BPF_F_RDONLY with
 *                 BPF_F_WRONLY, map_extra on a non-bloom map, an inner map
 *                 that is itself a map-in-map;
 *         E2BIG   sizes beyond the type's limits, too many entries;
 *         EBADF   map-in-map without an inner map template;
 *         ENOTSUPP (524) an inner map template whose type cannot be an
 *                 inner map (no map_meta_equal: PROG_ARRAY, ...), or
 *                 BPF_F_NO_PREALLOC on an LRU map;
 *         ENOMEM  out of memory;
 *         with BTF: EINVAL (a type id that does not exist or whose size
 *         is not the key's or value's, no key type on an ARRAY that is not
 *         one element of a DATASEC), EOPNOTSUPP (a bpf_spin_lock in a
 *         map other than HASH or ARRAY, a bpf_timer in one other than
 *         HASH, LRU_HASH or ARRAY), EACCES (either with BPF_F_RDONLY_PROG
 *         or BPF_F_WRONLY_PROG).
 *         Two bpf_spin_locks or timers, an array of them, or a bitfield
 *         in the value are no error: the map has neither, as the kernel's
 *         (docs/maps.md has the rules for where a field is found).
 *         BPF_F_TOKEN_FD is refused (EINVAL) after the type's own checks:
 *         bpfhost has no BPF tokens.
 */
BH_API struct bh_map *bh_map__create(uint32_t map_type, const char *name,
				     uint32_t key_size, uint32_t value_size,
				     uint32_t max_entries,
				     const struct bh_map_create_opts *opts);

/**
 * Short name of a map type bpfhost implements ("hash", "lru_percpu_hash"),
 * from the type registry (libbpf_bpf_map_type_str() without the prefix).
 * @return a static string, or NULL for types bpfhost does not implement.
 */
BH_API const char *bh_map_type_str(uint32_t map_type);
/**
 * The map type named @name (as bh_map_type_str() spells it).
 * @return the enum bpf_map_type value, or -ENOENT.
 */
BH_API int bh_map_type_from_str(const char *name);

/**
 * Drop one reference; the map is freed after the last. NULL is ignored.
 *
 * The references of bh_map__create(), bh_map__get() and bh_map__by_id()
 * are the host's (the kernel's usercnt: descriptors and pins); programs
 * and outer maps hold others.  When the host's last one goes, the map's
 * bpf_timers are cancelled and freed even if programs still use the map,
 * and bpf_timer_init / bpf_timer_set_callback on it return -EPERM (see
 * docs/timers.md).
 */
BH_API void bh_map__free(struct bh_map *map);
/** Take another reference; returns @map. */
BH_API struct bh_map *bh_map__get(struct bh_map *map);
/**
 * Find a map by id and take a reference on it.
 * @return the map, or NULL with errno ENOENT.
 */
BH_API struct bh_map *bh_map__by_id(uint32_t id);
/**
 * Id of the next map after @start_id (0 starts at the first).
 * @return 0 with *@next_id set, or -ENOENT at the end.
 */
BH_API int bh_map__next_id(uint32_t start_id, uint32_t *next_id);

/** Process-wide id, never 0. */
BH_API uint32_t bh_map__id(const struct bh_map *map);
/** enum bpf_map_type. */
BH_API uint32_t bh_map__type(const struct bh_map *map);
BH_API uint32_t bh_map__key_size(const struct bh_map *map);
BH_API uint32_t bh_map__value_size(const struct bh_map *map);
/** Capacity (LRU maps with BPF_F_NO_COMMON_LRU round it to the CPU count). */
BH_API uint32_t bh_map__max_entries(const struct bh_map *map);
BH_API uint32_t bh_map__flags(const struct bh_map *map);
/** Name given at creation ("" when none); valid while the map lives. */
BH_API const char *bh_map__name(const struct bh_map *map);

/** What bh_map__info reports (struct bpf_map_info's basic fields). */
struct bh_map_info {
	uint32_t type;
	uint32_t id;
	uint32_t key_size;
	uint32_t value_size;
	uint32_t max_entries;
	uint32_t map_flags;
	char name[16];
	uint64_t map_extra;
	uint32_t frozen;
};

/**
 * Fill @info (BPF_OBJ_GET_INFO_BY_FD).
 * @return 0; -EINVAL when @info is NULL.
 */
BH_API int bh_map__info(const struct bh_map *map, struct bh_map_info *info);

/**
 * Copy the value of @key into @value (BPF_MAP_LOOKUP_ELEM).  QUEUE and STACK
 * take a NULL key and peek; BLOOM_FILTER takes the value to test in @value.
 *
 * @param flags 0, or BPF_F_LOCK: copy the value while holding its struct
 *              bpf_spin_lock (HASH and ARRAY created with value BTF placing
 *              one), so that it is never seen half-written by a program
 *              holding the lock.  The calling thread must not hold that lock.
 * @return 0; -ENOENT no such element (or empty queue, or not in the bloom
 *         filter); -EINVAL bad flags (BPF_F_LOCK on a value without a
 *         bpf_spin_lock), a non-NULL key on a map without keys;
 *         -EPERM the map was created BPF_F_WRONLY; -ENOTSUPP (524) the type
 *         has no host lookup.
 */
BH_API int bh_map__lookup_elem_flags(struct bh_map *map, const void *key,
				     void *value, uint64_t flags);
/** bh_map__lookup_elem_flags() with flags 0. */
BH_API int bh_map__lookup_elem(struct bh_map *map, const void *key,
			       void *value);

/**
 * Create or update the element @key (BPF_MAP_UPDATE_ELEM).  QUEUE, STACK
 * and BLOOM_FILTER push @value (key NULL).  PROG_ARRAY and map-in-map take a
 * u32 id as the value.
 *
 * @param flags BPF_ANY, BPF_NOEXIST (create only) or BPF_EXIST (update
 *              only); QUEUE/STACK: BPF_EXIST overwrites the oldest element
 *              when full.  Or-ed with BPF_F_LOCK on a value holding a
 *              struct bpf_spin_lock: write it in place while holding that
 *              lock (a HASH element that exists is not replaced); the
 *              calling thread must not hold that lock.
 * @return 0; -EEXIST (BPF_NOEXIST and the element exists, or any array
 *         element); -ENOENT (BPF_EXIST and it does not); -E2BIG (full, or
 *         an array index >= max_entries); -ENOSPC (LPM trie full); -EINVAL
 *         (bad flags, BPF_F_LOCK on a value without a bpf_spin_lock,
 *         an inner map that does not match the template, a
 *         program of another type than the array's first); -EBADF (no
 *         map or program with that id); -EPERM (BPF_F_RDONLY or frozen);
 *         -ENOMEM.
 */
BH_API int bh_map__update_elem(struct bh_map *map, const void *key,
			       const void *value, uint64_t flags);

/**
 * Delete the element @key (BPF_MAP_DELETE_ELEM).
 * @return 0; -ENOENT no such element; -EINVAL arrays and queues, which
 *         cannot delete; -E2BIG index beyond a PROG_ARRAY or map-in-map
 *         array; -EOPNOTSUPP bloom filters; -EPERM read-only or frozen.
 */
BH_API int bh_map__delete_elem(struct bh_map *map, const void *key);

/**
 * Copy the value of @key into @value and delete the element
 * (BPF_MAP_LOOKUP_AND_DELETE_ELEM); QUEUE/STACK pop (key NULL).  flags:
 * 0, or BPF_F_LOCK (HASH with a bpf_spin_lock: copy under the lock).
 * @return 0; -ENOENT; -EINVAL bad flags (QUEUE/STACK take none,
 *         BPF_F_LOCK on a value without a bpf_spin_lock);
 *         -EPERM read-only, write-only or frozen; -ENOTSUPP (524) for types
 *         other than the hashes, queue and stack.
 */
BH_API int bh_map__lookup_and_delete_elem_flags(struct bh_map *map,
						const void *key, void *value,
						uint64_t flags);
/** bh_map__lookup_and_delete_elem_flags() with flags 0. */
BH_API int bh_map__lookup_and_delete_elem(struct bh_map *map, const void *key,
					  void *value);

/**
 * The key after @key in the map's iteration order (BPF_MAP_GET_NEXT_KEY).
 * A NULL or missing @key gives the first key.
 * @return 0; -ENOENT after the last key (or an empty map); -EINVAL for
 *         QUEUE/STACK; -EOPNOTSUPP for BLOOM_FILTER; -EPERM write-only.
 */
BH_API int bh_map__get_next_key(struct bh_map *map, const void *key,
				void *next_key);

/** Options of the batch calls (libbpf's bpf_map_batch_opts). */
struct bh_map_batch_opts {
	size_t sz;
	/* Per element: 0 or BPF_F_LOCK (values with a bpf_spin_lock, else
	 * -EINVAL): lookups copy and updates write under each value's lock;
	 * the delete batch accepts and ignores it. */
	uint64_t elem_flags;
	uint64_t flags;      /* 0 */
	size_t :0;
};
#define bh_map_batch_opts__last_field flags

/**
 * Read up to *@count elements (BPF_MAP_LOOKUP_BATCH), starting after the
 * position @in_batch (NULL: from the start) and writing the position to
 * resume from to @out_batch.  Positions are opaque: a key for most maps, a
 * u32 bucket index for hashes; give @out_batch room for the larger of the
 * key size and 4 bytes.
 *
 * @param count In: room in @keys / @values (elements); out: elements copied.
 * @return 0 (more may follow); -ENOENT the walk reached the end (*@count
 *         still says how many were copied); -ENOSPC a hash bucket holds
 *         more elements than *@count (nothing copied); -EINVAL bad flags;
 *         -EPERM write-only; -ENOTSUPP (524) the type has no batch lookup.
 */
BH_API int bh_map__lookup_batch(struct bh_map *map, const void *in_batch,
				void *out_batch, void *keys, void *values,
				uint32_t *count,
				const struct bh_map_batch_opts *opts);
/**
 * As bh_map__lookup_batch() and delete what was read
 * (BPF_MAP_LOOKUP_AND_DELETE_BATCH).  Also -EPERM for read-only or frozen
 * maps.
 */
BH_API int bh_map__lookup_and_delete_batch(struct bh_map *map,
					   const void *in_batch,
					   void *out_batch, void *keys,
					   void *values, uint32_t *count,
					   const struct bh_map_batch_opts *opts);
/**
 * Update *@count elements in order (BPF_MAP_UPDATE_BATCH); stops at the
 * first failure and returns its error with *@count set to the elements
 * updated before it.  elem_flags is BPF_ANY, or BPF_F_LOCK where the
 * value has a bpf_spin_lock (other flags -EINVAL, as the kernel's).
 */
BH_API int bh_map__update_batch(struct bh_map *map, const void *keys,
				const void *values, uint32_t *count,
				const struct bh_map_batch_opts *opts);
/**
 * Delete *@count keys in order (BPF_MAP_DELETE_BATCH); stops at the first
 * failure (e.g. -ENOENT) with *@count set to the keys deleted before it.
 */
BH_API int bh_map__delete_batch(struct bh_map *map, const void *keys,
				uint32_t *count,
				const struct bh_map_batch_opts *opts);

/**
 * Make the map read-only for the host (BPF_MAP_FREEZE); programs may still
 * write unless the map is BPF_F_RDONLY_PROG.
 * @return 0; -EPERM already frozen (a frozen map is no longer writable,
 *         as Linux answers) or a BPF_F_RDONLY map; -EBUSY its values were
 *         handed out writable by bh_map__mmap(); -EINVAL a NULL map.
 */
BH_API int bh_map__freeze(struct bh_map *map);

/**
 * The value area of a BPF_F_MMAPABLE ARRAY, page-aligned: element i is at
 * i * round_up(value_size, 8).  This is the kernel's mmap() of the map: the
 * memory programs use, valid while the map lives.  Once handed out on an
 * unfrozen map that is not BPF_F_RDONLY, the area counts as a writable
 * mapping for good, so a later freeze fails -EBUSY; on frozen or read-only
 * maps the caller must only read it.
 *
 * @param size Out: the area's size, a multiple of the page size.
 * @return the area, or NULL with errno EINVAL (an ARRAY without
 *         BPF_F_MMAPABLE, or NULL arguments) or ENOTSUPP (524: a type that
 *         cannot be mapped, or a value holding a bpf_spin_lock or
 *         bpf_timer, as the kernel's bpf_map_mmap).
 */
BH_API void *bh_map__mmap(struct bh_map *map, size_t *size);

#endif /* BPFHOST_MAP_H */
