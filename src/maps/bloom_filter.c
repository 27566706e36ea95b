/* SPDX-License-Identifier: MIT */
/*
 * maps/bloom_filter.c - BLOOM_FILTER: push adds a value, peek tests it
 * (-ENOENT: surely absent; 0: probably present).  No keys, no delete.
 *
 * The bit array and hashes are the kernel's (nr_hash_funcs from map_extra,
 * default 5; bits = roundup_pow_of_two(max_entries * k * 7 / 5), at least
 * 64; jhash2 over u32-aligned values, jhash otherwise, seeded with
 * hash_seed + i), so with BPF_F_ZERO_SEED the false positives are the
 * kernel's too.
 *
 * Concurrency: bits are only ever set, with relaxed atomic ORs: a peek
 * racing a push may or may not see it, as in the kernel.
 */
#include <stdlib.h>
#include <string.h>

#include "maps/internal.h"

#define BLOOM_CREATE_FLAG_MASK \
	(BPF_F_NUMA_NODE | BPF_F_ZERO_SEED | BH_MAP_ACCESS_MASK)

struct bh_bloom {
	struct bh_map map;
	/* Immutable after alloc. */
	uint32_t bitset_mask;
	uint32_t hash_seed;
	uint32_t aligned_u32_count; /* value_size / 4 when a multiple of 4 */
	uint32_t nr_hash_funcs;
	uint64_t bitset_bytes;
	/* Relaxed atomic bit sets and tests. */
	_Atomic(unsigned long) bitset[];
};

static struct bh_bloom *to_bloom(struct bh_map *map)
{
	return bh_container_of(map, struct bh_bloom, map);
}

static int bloom_map_alloc_check(const struct bh_map_attr *attr)
{
	if (attr->value_size > BH_KMALLOC_MAX_SIZE)
		return -E2BIG;
	return 0;
}

static uint32_t seed_random(void)
{
	uint32_t v = 0;
	FILE *f = fopen("/dev/urandom", "rb");

	if (!f || fread(&v, sizeof(v), 1, f) != 1)
		v = (uint32_t)(uintptr_t)&v * 2654435761U;
	if (f)
		fclose(f);
	return v;
}

static int bloom_map_alloc(const struct bh_map_attr *attr, struct bh_map **out)
{
	uint32_t nr_hash_funcs, nr_bits, bitset_mask;
	uint64_t bitset_bytes, bits;
	struct bh_bloom *bloom;

	if (attr->key_size || !attr->value_size || !attr->max_entries ||
	    (attr->map_flags & ~BLOOM_CREATE_FLAG_MASK) ||
	    !map_flags_access_ok(attr->map_flags) || (attr->map_extra & ~0xFULL))
		return -EINVAL;
	nr_hash_funcs = attr->map_extra ? (uint32_t)attr->map_extra : 5;
	/* n * k / ln(2), with 7 / 5 for 1 / ln(2); a u32 overflow means 2^32 */
	bits = (uint64_t)attr->max_entries * nr_hash_funcs;
	if (bits > UINT32_MAX || (bits / 5) * 7 > UINT32_MAX ||
	    (bits / 5) * 7 > (1ULL << 31)) {
		bitset_bytes = (UINT32_MAX / 8) + 1;
		bitset_mask = UINT32_MAX;
	} else {
		nr_bits = (uint32_t)((bits / 5) * 7);
		if (nr_bits <= 64) {
			nr_bits = 64;
		} else {
			uint32_t p = 1;

			while (p < nr_bits)
				p <<= 1;
			nr_bits = p;
		}
		bitset_bytes = nr_bits / 8;
		bitset_mask = nr_bits - 1;
	}
	bitset_bytes = BH_ROUND_UP(bitset_bytes, sizeof(unsigned long));
	bloom = calloc(1, sizeof(*bloom) + bitset_bytes);
	if (!bloom)
		return -ENOMEM;
	map_init_from_attr(&bloom->map, attr);
	bloom->nr_hash_funcs = nr_hash_funcs;
	bloom->bitset_mask = bitset_mask;
	bloom->bitset_bytes = bitset_bytes;
	if (!(attr->value_size & 3))
		bloom->aligned_u32_count = attr->value_size / 4;
	bloom->hash_seed =
		(attr->map_flags & BPF_F_ZERO_SEED) ? 0 : seed_random();
	*out = &bloom->map;
	return 0;
}

static void bloom_map_free(struct bh_map *map)
{
	free(to_bloom(map));
}

static uint64_t bloom_map_mem_usage(const struct bh_map *map)
{
	const struct bh_bloom *bloom =
		bh_container_of(map, const struct bh_bloom, map);

	return sizeof(*bloom) + bloom->bitset_bytes;
}

static uint32_t bloom_hash(struct bh_bloom *bloom, const void *value,
			   uint32_t index)
{
	uint32_t h;

	if (bloom->aligned_u32_count) {
		h = map_jhash2(value, bloom->aligned_u32_count,
			       bloom->hash_seed + index);
	} else {
		h = map_jhash(value, bloom->map.value_size,
			      bloom->hash_seed + index);
	}
	return h & bloom->bitset_mask;
}

#define BITS_PER_LONG (8 * sizeof(unsigned long))

static int bloom_map_peek_elem(struct bh_map *map, void *value)
{
	struct bh_bloom *bloom = to_bloom(map);

	for (uint32_t i = 0; i < bloom->nr_hash_funcs; i++) {
		uint32_t h = bloom_hash(bloom, value, i);
		/* relaxed: bits only get set; see the file comment */
		unsigned long w = atomic_load_explicit(
			&bloom->bitset[h / BITS_PER_LONG], memory_order_relaxed);

		if (!(w & (1UL << (h % BITS_PER_LONG))))
			return -ENOENT;
	}
	return 0;
}

static int bloom_map_push_elem(struct bh_map *map, const void *value,
			       uint64_t flags)
{
	struct bh_bloom *bloom = to_bloom(map);

	if (flags != BPF_ANY)
		return -EINVAL;
	for (uint32_t i = 0; i < bloom->nr_hash_funcs; i++) {
		uint32_t h = bloom_hash(bloom, value, i);

		atomic_fetch_or_explicit(&bloom->bitset[h / BITS_PER_LONG],
					 1UL << (h % BITS_PER_LONG),
					 memory_order_relaxed);
	}
	return 0;
}

static int bloom_map_pop_elem(struct bh_map *map, void *value)
{
	return -EOPNOTSUPP;
}

static int bloom_map_delete_elem(struct bh_map *map, const void *key)
{
	return -EOPNOTSUPP;
}

const struct bh_map_ops bloom_filter_map_ops = {
	.alloc_check = bloom_map_alloc_check,
	.alloc = bloom_map_alloc,
	.free = bloom_map_free,
	.get_next_key = map_get_next_key_eopnotsupp,
	.mem_usage = bloom_map_mem_usage,
	.lookup = map_lookup_null, /* programs use bpf_map_peek_elem */
	.update = map_update_einval,
	.delete = bloom_map_delete_elem,
	.push = bloom_map_push_elem,
	.pop = bloom_map_pop_elem,
	.peek = bloom_map_peek_elem,
	.meta_equal = map_meta_equal,
};
