/* SPDX-License-Identifier: MIT */
/*
 * tests/maps/test_maps.c - the map registry and the host API of every map
 * type: creation rules and errnos, ids and info, element operations with
 * every flag, get_next_key, batches with their positions, freeze and access
 * flags, mmap, map-in-map templates (seed 000).  The kernel is the oracle of
 * tests/maps/diff_maps.c; these cases pin the rules down without it.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include <bpfhost/bpfhost.h>

#include "core/rcu.h"
#include "maps/internal.h"
#include "test.h"

static struct bh_map *mk(uint32_t type, uint32_t ks, uint32_t vs, uint32_t me,
			 uint32_t flags)
{
	BH_OPTS(bh_map_create_opts, o, .map_flags = flags);

	return bh_map__create(type, "t", ks, vs, me, &o);
}

static int mk_err(uint32_t type, uint32_t ks, uint32_t vs, uint32_t me,
		  uint32_t flags)
{
	struct bh_map *m = mk(type, ks, vs, me, flags);

	if (m) {
		bh_map__free(m);
		return 0;
	}
	return -errno;
}

/* ---- Registry ---------------------------------------------------------------- */

static void test_registry__complete(void)
{
	static const uint32_t ours[] = {
		BPF_MAP_TYPE_HASH, BPF_MAP_TYPE_ARRAY, BPF_MAP_TYPE_PROG_ARRAY,
		BPF_MAP_TYPE_PERCPU_HASH, BPF_MAP_TYPE_PERCPU_ARRAY,
		BPF_MAP_TYPE_LRU_HASH, BPF_MAP_TYPE_LRU_PERCPU_HASH,
		BPF_MAP_TYPE_LPM_TRIE, BPF_MAP_TYPE_ARRAY_OF_MAPS,
		BPF_MAP_TYPE_HASH_OF_MAPS, BPF_MAP_TYPE_QUEUE, BPF_MAP_TYPE_STACK,
		BPF_MAP_TYPE_BLOOM_FILTER,
	};
	int n = 0;

	for (size_t i = 0; i < sizeof(ours) / sizeof(ours[0]); i++)
		CHECK("reg-has-type", map_type_ops(ours[i]) != NULL);
	for (uint32_t t = 0; t < __MAX_BPF_MAP_TYPE; t++) {
		const struct bh_map_ops *ops = map_type_ops(t);

		if (!ops)
			continue;
		n++;
		CHECK("reg-alloc", ops->alloc);
		CHECK("reg-free", ops->free);
		CHECK("reg-next-key", ops->get_next_key);
		CHECK("reg-lookup", ops->lookup);
		CHECK("reg-update", ops->update);
		CHECK("reg-delete", ops->delete);
		CHECK("reg-mem-usage", ops->mem_usage);
		CHECK("reg-name", map_type_name(t) && map_type_name(t)[0]);
		/* seed 000: these may never be inner maps; the general
		 * purpose maps opt in (other issues decide for theirs) */
		if (t == BPF_MAP_TYPE_PROG_ARRAY || t == BPF_MAP_TYPE_ARRAY_OF_MAPS ||
		    t == BPF_MAP_TYPE_HASH_OF_MAPS || t == BPF_MAP_TYPE_STRUCT_OPS ||
		    t == BPF_MAP_TYPE_CGROUP_STORAGE ||
		    t == BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE)
			CHECK("reg-no-meta-equal", !ops->meta_equal);
		else if (t <= BPF_MAP_TYPE_HASH_OF_MAPS || t == BPF_MAP_TYPE_QUEUE ||
			 t == BPF_MAP_TYPE_STACK || t == BPF_MAP_TYPE_BLOOM_FILTER)
			CHECK("reg-meta-equal", ops->meta_equal);
		/* queue-like maps need their program ops */
		if (t == BPF_MAP_TYPE_QUEUE || t == BPF_MAP_TYPE_STACK ||
		    t == BPF_MAP_TYPE_BLOOM_FILTER)
			CHECK("reg-push-pop-peek", ops->push && ops->pop && ops->peek);
	}
	CHECK("reg-count", n >= 13);
	CHECK("reg-unknown", !map_type_ops(0) && !map_type_ops(__MAX_BPF_MAP_TYPE));
	CHECK("reg-name-hash", !strcmp(map_type_name(BPF_MAP_TYPE_HASH), "hash"));
	CHECK("reg-str", !strcmp(bh_map_type_str(BPF_MAP_TYPE_LRU_PERCPU_HASH),
				 "lru_percpu_hash"));
	CHECK("reg-str-unknown", bh_map_type_str(0) == NULL);
	CHECK_EQ("reg-from-str", bh_map_type_from_str("bloom_filter"),
		 BPF_MAP_TYPE_BLOOM_FILTER);
	CHECK_EQ("reg-from-str-unknown", bh_map_type_from_str("nosuch"), -ENOENT);
}

/* ---- Creation --------------------------------------------------------------------- */

static void test_create__errnos(void)
{
	BH_OPTS(bh_map_create_opts, o, .map_extra = 3);
	struct { size_t sz; uint32_t flags; uint64_t big[8]; } bigopts = {
		.sz = sizeof(bigopts), .big = { [7] = 1 } };

	CHECK_EQ("create-unknown-type", mk_err(0, 4, 4, 1, 0), -EINVAL);
	CHECK_EQ("create-unknown-type2", mk_err(200, 4, 4, 1, 0), -EINVAL);
	CHECK_EQ("create-max0", mk_err(BPF_MAP_TYPE_HASH, 4, 4, 0, 0), -EINVAL);
	CHECK_EQ("create-ks0", mk_err(BPF_MAP_TYPE_HASH, 0, 4, 1, 0), -EINVAL);
	CHECK_EQ("create-vs0", mk_err(BPF_MAP_TYPE_HASH, 4, 0, 1, 0), -EINVAL);
	CHECK_EQ("create-bad-flag", mk_err(BPF_MAP_TYPE_HASH, 4, 4, 1, BPF_F_MMAPABLE), -EINVAL);
	CHECK_EQ("create-rd-wr", mk_err(BPF_MAP_TYPE_HASH, 4, 4, 1, BPF_F_RDONLY | BPF_F_WRONLY), -EINVAL);
	CHECK_EQ("create-prog-rd-wr", mk_err(BPF_MAP_TYPE_ARRAY, 4, 4, 1,
					     BPF_F_RDONLY_PROG | BPF_F_WRONLY_PROG), -EINVAL);
	CHECK_EQ("create-hash-big", mk_err(BPF_MAP_TYPE_HASH, 4, 1u << 22, 1, 0), -E2BIG);
	CHECK_EQ("create-pcpu-big", mk_err(BPF_MAP_TYPE_PERCPU_ARRAY, 4, 32769, 1, 0), -E2BIG);
	CHECK_EQ("create-array-ks", mk_err(BPF_MAP_TYPE_ARRAY, 8, 4, 1, 0), -EINVAL);
	CHECK_EQ("create-lru-noprealloc", mk_err(BPF_MAP_TYPE_LRU_HASH, 4, 4, 1, BPF_F_NO_PREALLOC), -ENOTSUPP);
	CHECK_EQ("create-common-lru-on-hash", mk_err(BPF_MAP_TYPE_HASH, 4, 4, 1, BPF_F_NO_COMMON_LRU), -EINVAL);
	CHECK_EQ("create-lpm-needs-noprealloc", mk_err(BPF_MAP_TYPE_LPM_TRIE, 8, 4, 1, 0), -EINVAL);
	CHECK_EQ("create-queue-key", mk_err(BPF_MAP_TYPE_QUEUE, 4, 4, 1, 0), -EINVAL);
	CHECK_EQ("create-mmap-on-pcpu", mk_err(BPF_MAP_TYPE_PERCPU_ARRAY, 4, 4, 1, BPF_F_MMAPABLE), -EINVAL);
	CHECK_EQ("create-prog-array-vs", mk_err(BPF_MAP_TYPE_PROG_ARRAY, 4, 8, 1, 0), -EINVAL);
	CHECK_EQ("create-extra-on-hash",
		 bh_map__create(BPF_MAP_TYPE_HASH, NULL, 4, 4, 1, &o) ? 0 : -errno, -EINVAL);
	CHECK_EQ("create-bloom-extra-bad",
		 bh_map__create(BPF_MAP_TYPE_BLOOM_FILTER, NULL, 0, 4, 1,
				&(struct bh_map_create_opts){ .sz = sizeof(o), .map_extra = 16 })
			 ? 0 : -errno, -EINVAL);
	CHECK_EQ("create-opts-tail",
		 bh_map__create(BPF_MAP_TYPE_HASH, NULL, 4, 4, 1, (void *)&bigopts)
			 ? 0 : -errno, -EINVAL);
	CHECK_EQ("create-name-long",
		 bh_map__create(BPF_MAP_TYPE_HASH, "sixteen_chars_xx", 4, 4, 1, NULL)
			 ? 0 : -errno, -EINVAL);
	CHECK_EQ("create-name-char",
		 bh_map__create(BPF_MAP_TYPE_HASH, "bad-name", 4, 4, 1, NULL)
			 ? 0 : -errno, -EINVAL);
	CHECK_EQ("create-mim-no-inner", mk_err(BPF_MAP_TYPE_ARRAY_OF_MAPS, 4, 4, 1, 0), -EBADF);
}

static void test_create__ids_and_info(void)
{
	struct bh_map *m = bh_map__create(BPF_MAP_TYPE_HASH, "ok_name.1", 4, 8, 3,
					  &(struct bh_map_create_opts){
						  .sz = sizeof(struct bh_map_create_opts),
						  .map_flags = BPF_F_NO_PREALLOC | BPF_F_RDONLY });
	struct bh_map_info info;
	struct bh_map *again;
	uint32_t next = 0;
	bool found = false;

	REQUIRE("info-create", m);
	CHECK_EQ("info-ret", bh_map__info(m, &info), 0);
	CHECK_EQ("info-type", info.type, BPF_MAP_TYPE_HASH);
	CHECK_EQ("info-id", info.id, bh_map__id(m));
	CHECK_EQ("info-ks", info.key_size, 4);
	CHECK_EQ("info-vs", info.value_size, 8);
	CHECK_EQ("info-me", info.max_entries, 3);
	/* RDONLY is an access mode, not a map flag, as in Linux's info */
	CHECK_EQ("info-flags", info.map_flags, BPF_F_NO_PREALLOC);
	CHECK("info-name", !strcmp(info.name, "ok_name.1"));
	again = bh_map__by_id(bh_map__id(m));
	CHECK("by-id", again == m);
	bh_map__free(again);
	while (!bh_map__next_id(next, &next))
		found |= next == bh_map__id(m);
	CHECK("next-id-lists", found);
	bh_map__free(m);
	CHECK("by-id-gone", !bh_map__by_id(info.id) && errno == ENOENT);
	CHECK_EQ("info-null", bh_map__info(NULL, &info), -EINVAL);
}

/* ---- Hash ---------------------------------------------------------------------------- */

static void hash_basic(uint32_t flags)
{
	struct bh_map *m = mk(BPF_MAP_TYPE_HASH, 4, 8, 2, flags);
	uint32_t k;
	uint64_t v = 0, out;

	REQUIRE("hash-create", m);
	k = 1, v = 11;
	CHECK_EQ("hash-exist-missing", bh_map__update_elem(m, &k, &v, BPF_EXIST), -ENOENT);
	CHECK_EQ("hash-noexist", bh_map__update_elem(m, &k, &v, BPF_NOEXIST), 0);
	CHECK_EQ("hash-noexist-again", bh_map__update_elem(m, &k, &v, BPF_NOEXIST), -EEXIST);
	v = 12;
	CHECK_EQ("hash-exist", bh_map__update_elem(m, &k, &v, BPF_EXIST), 0);
	CHECK_EQ("hash-lookup", bh_map__lookup_elem(m, &k, &out), 0);
	CHECK_EQ("hash-lookup-val", out, 12);
	CHECK_EQ("hash-bad-flags", bh_map__update_elem(m, &k, &v, 3), -EINVAL);
	CHECK_EQ("hash-lock-flag", bh_map__update_elem(m, &k, &v, BPF_F_LOCK), -EINVAL);
	k = 2;
	CHECK_EQ("hash-second", bh_map__update_elem(m, &k, &v, BPF_ANY), 0);
	k = 3;
	CHECK_EQ("hash-full", bh_map__update_elem(m, &k, &v, BPF_ANY), -E2BIG);
	k = 2;
	CHECK_EQ("hash-full-replace", bh_map__update_elem(m, &k, &v, BPF_ANY), 0);
	CHECK_EQ("hash-delete", bh_map__delete_elem(m, &k), 0);
	CHECK_EQ("hash-delete-again", bh_map__delete_elem(m, &k), -ENOENT);
	k = 3;
	CHECK_EQ("hash-room-again", bh_map__update_elem(m, &k, &v, BPF_ANY), 0);
	CHECK_EQ("hash-lookup-missing", bh_map__lookup_elem(m, &(uint32_t){ 9 }, &out), -ENOENT);
	CHECK_EQ("hash-lad", bh_map__lookup_and_delete_elem(m, &k, &out), 0);
	CHECK_EQ("hash-lad-val", out, 12);
	CHECK_EQ("hash-lad-gone", bh_map__lookup_elem(m, &k, &out), -ENOENT);
	CHECK_EQ("hash-null-key", bh_map__lookup_elem(m, NULL, &out), -EFAULT);
	bh_map__free(m);
}

static void test_hash__flags_and_capacity(void)
{
	hash_basic(0);
	hash_basic(BPF_F_NO_PREALLOC);
	hash_basic(BPF_F_ZERO_SEED);
}

static void test_hash__get_next_key(void)
{
	struct bh_map *m = mk(BPF_MAP_TYPE_HASH, 4, 4, 16, 0);
	uint32_t k, next, seen = 0, n = 0;

	REQUIRE("gnk-create", m);
	CHECK_EQ("gnk-empty", bh_map__get_next_key(m, NULL, &next), -ENOENT);
	for (k = 0; k < 10; k++)
		bh_map__update_elem(m, &k, &k, BPF_ANY);
	CHECK_EQ("gnk-null", bh_map__get_next_key(m, NULL, &next), 0);
	k = 1000; /* missing: gives the first */
	CHECK_EQ("gnk-missing", bh_map__get_next_key(m, &k, &k), 0);
	CHECK_EQ("gnk-missing-first", k, next);
	for (int r = bh_map__get_next_key(m, NULL, &k); !r;
	     r = bh_map__get_next_key(m, &k, &k)) {
		seen |= 1u << k;
		n++;
	}
	CHECK_EQ("gnk-walk-count", n, 10);
	CHECK_EQ("gnk-walk-all", seen, 0x3ff);
	bh_map__free(m);
}

static void test_hash__batch(void)
{
	struct bh_map *m = mk(BPF_MAP_TYPE_HASH, 4, 4, 64, 0);
	uint32_t keys[64], vals[64], k, count, total = 0, pos = 0, seen = 0;
	int r, rounds = 0;
	bool first = true;

	REQUIRE("batch-create", m);
	for (k = 0; k < 20; k++)
		keys[k] = k, vals[k] = k * 10;
	count = 20;
	CHECK_EQ("batch-update", bh_map__update_batch(m, keys, vals, &count, NULL), 0);
	CHECK_EQ("batch-update-count", count, 20);
	do {
		count = 4;
		r = bh_map__lookup_batch(m, first ? NULL : &pos, &pos, keys, vals,
					 &count, NULL);
		/* a bucket bigger than the room: -ENOSPC, nothing copied */
		if (r == -ENOSPC) {
			CHECK_EQ("batch-enospc-count", count, 0);
			break;
		}
		for (uint32_t i = 0; i < count; i++) {
			CHECK_EQ("batch-val", vals[i], keys[i] * 10);
			seen |= 1u << keys[i];
		}
		total += count;
		first = false;
	} while (!r && ++rounds < 100);
	if (r == -ENOENT) {
		CHECK_EQ("batch-total", total, 20);
		CHECK_EQ("batch-seen", seen, (1u << 20) - 1);
	}
	/* one call with room for everything ends the walk */
	count = 64;
	CHECK_EQ("batch-all", bh_map__lookup_batch(m, NULL, &pos, keys, vals, &count, NULL), -ENOENT);
	CHECK_EQ("batch-all-count", count, 20);
	count = 64;
	CHECK_EQ("batch-lad", bh_map__lookup_and_delete_batch(m, NULL, &pos, keys, vals, &count, NULL), -ENOENT);
	CHECK_EQ("batch-lad-count", count, 20);
	CHECK_EQ("batch-lad-empty", bh_map__get_next_key(m, NULL, &k), -ENOENT);
	/* delete batch stops at the first missing key */
	for (k = 0; k < 3; k++)
		keys[k] = k, bh_map__update_elem(m, &k, &k, BPF_ANY);
	keys[1] = 77;
	count = 3;
	CHECK_EQ("batch-delete-stop", bh_map__delete_batch(m, keys, &count, NULL), -ENOENT);
	CHECK_EQ("batch-delete-count", count, 1);
	count = 1;
	CHECK_EQ("batch-elem-flags",
		 bh_map__update_batch(m, keys, vals, &count,
				      &(struct bh_map_batch_opts){
					      .sz = sizeof(struct bh_map_batch_opts),
					      .elem_flags = BPF_NOEXIST }), -EINVAL);
	count = 0;
	CHECK_EQ("batch-zero", bh_map__lookup_batch(m, NULL, &pos, keys, vals, &count, NULL), 0);
	bh_map__free(m);
}

static void test_hash__percpu_layout(void)
{
	unsigned int cpus = bh_cpu_count_get();
	struct bh_map *m = mk(BPF_MAP_TYPE_PERCPU_HASH, 4, 4, 4, 0);
	uint8_t *in = calloc(cpus, 8), *out = calloc(cpus, 8);
	uint32_t k = 5;

	REQUIRE("pcpu-create", m && in && out);
	for (unsigned int c = 0; c < cpus; c++)
		in[c * 8] = (uint8_t)(c + 1), in[c * 8 + 5] = 0xaa; /* padding too */
	CHECK_EQ("pcpu-update", bh_map__update_elem(m, &k, in, BPF_ANY), 0);
	CHECK_EQ("pcpu-lookup", bh_map__lookup_elem(m, &k, out), 0);
	CHECK("pcpu-layout", !memcmp(in, out, (size_t)cpus * 8));
	bh_map__free(m);
	free(in);
	free(out);
}

static void test_lru__eviction(void)
{
	struct bh_map *m = mk(BPF_MAP_TYPE_LRU_HASH, 4, 4, 8, 0);
	uint32_t k, v, n = 0, hot = 0;

	REQUIRE("lru-create", m);
	for (k = 0; k < 100; k++) {
		CHECK_EQ("lru-update", bh_map__update_elem(m, &k, &k, BPF_ANY), 0);
		/* keep key 0 hot the way programs do: a program lookup */
		map_type_ops(BPF_MAP_TYPE_LRU_HASH)->lookup(m, &hot);
	}
	for (int r = bh_map__get_next_key(m, NULL, &k); !r;
	     r = bh_map__get_next_key(m, &k, &k))
		n++;
	CHECK("lru-bound", n <= 8 && n > 0);
	CHECK_EQ("lru-hot-survives", bh_map__lookup_elem(m, &hot, &v), 0);
	k = 99;
	CHECK_EQ("lru-newest-present", bh_map__lookup_elem(m, &k, &v), 0);
	k = 1;
	CHECK_EQ("lru-old-evicted", bh_map__lookup_elem(m, &k, &v), -ENOENT);
	bh_map__free(m);
	/* per-CPU lists: max_entries rounded up to the CPU count */
	m = mk(BPF_MAP_TYPE_LRU_HASH, 4, 4, 3, BPF_F_NO_COMMON_LRU);
	REQUIRE("lru-pcpu-create", m);
	CHECK_EQ("lru-pcpu-me", bh_map__max_entries(m) % bh_cpu_count_get(), 0);
	CHECK("lru-pcpu-me-ge", bh_map__max_entries(m) >= 3);
	bh_map__free(m);
}

/* ---- Arrays ---------------------------------------------------------------------------- */

static void test_array__semantics(void)
{
	struct bh_map *m = mk(BPF_MAP_TYPE_ARRAY, 4, 4, 3, 0);
	uint32_t k = 1, v = 7, out = 1, next;

	REQUIRE("array-create", m);
	CHECK_EQ("array-zeroed", bh_map__lookup_elem(m, &k, &out), 0);
	CHECK_EQ("array-zero-val", out, 0);
	CHECK_EQ("array-update", bh_map__update_elem(m, &k, &v, BPF_ANY), 0);
	CHECK_EQ("array-exist", bh_map__update_elem(m, &k, &v, BPF_EXIST), 0);
	CHECK_EQ("array-noexist", bh_map__update_elem(m, &k, &v, BPF_NOEXIST), -EEXIST);
	k = 3;
	CHECK_EQ("array-oob", bh_map__update_elem(m, &k, &v, BPF_ANY), -E2BIG);
	CHECK_EQ("array-oob-lookup", bh_map__lookup_elem(m, &k, &out), -ENOENT);
	CHECK_EQ("array-delete", bh_map__delete_elem(m, &k), -EINVAL);
	CHECK_EQ("array-lad", bh_map__lookup_and_delete_elem(m, &k, &out), -ENOTSUPP);
	CHECK_EQ("array-gnk-null", bh_map__get_next_key(m, NULL, &next), 0);
	CHECK_EQ("array-gnk-null-0", next, 0);
	k = 100;
	CHECK_EQ("array-gnk-oob", bh_map__get_next_key(m, &k, &next), 0);
	CHECK_EQ("array-gnk-oob-0", next, 0);
	k = 2;
	CHECK_EQ("array-gnk-last", bh_map__get_next_key(m, &k, &next), -ENOENT);
	CHECK_EQ("array-no-delete-batch",
		 bh_map__delete_batch(m, &k, &(uint32_t){ 1 }, NULL), -ENOTSUPP);
	bh_map__free(m);
}

static void test_array__generic_batch(void)
{
	struct bh_map *m = mk(BPF_MAP_TYPE_ARRAY, 4, 4, 5, 0);
	uint32_t keys[5], vals[5], pos, count;

	REQUIRE("abatch-create", m);
	for (uint32_t i = 0; i < 5; i++)
		keys[i] = i, vals[i] = 100 + i;
	count = 5;
	CHECK_EQ("abatch-update", bh_map__update_batch(m, keys, vals, &count, NULL), 0);
	count = 3;
	CHECK_EQ("abatch-first", bh_map__lookup_batch(m, NULL, &pos, keys, vals, &count, NULL), 0);
	CHECK_EQ("abatch-first-count", count, 3);
	CHECK_EQ("abatch-pos", pos, 2);
	count = 3;
	CHECK_EQ("abatch-end", bh_map__lookup_batch(m, &pos, &pos, keys, vals, &count, NULL), -ENOENT);
	CHECK_EQ("abatch-end-count", count, 2);
	CHECK_EQ("abatch-end-val", vals[1], 104);
	bh_map__free(m);
}

static void test_array__freeze_and_access(void)
{
	struct bh_map *m = mk(BPF_MAP_TYPE_ARRAY, 4, 4, 2, BPF_F_MMAPABLE);
	uint32_t k = 0, v = 5, out;
	size_t size;
	uint32_t *area;

	REQUIRE("freeze-create", m);
	CHECK_EQ("freeze", bh_map__freeze(m), 0);
	CHECK_EQ("freeze-again", bh_map__freeze(m), -EPERM);
	CHECK_EQ("frozen-update", bh_map__update_elem(m, &k, &v, BPF_ANY), -EPERM);
	CHECK_EQ("frozen-lookup", bh_map__lookup_elem(m, &k, &out), 0);
	bh_map__free(m);

	m = mk(BPF_MAP_TYPE_ARRAY, 4, 4, 2, BPF_F_MMAPABLE);
	REQUIRE("mmap-create", m);
	area = bh_map__mmap(m, &size);
	REQUIRE("mmap", area);
	CHECK_EQ("mmap-size", size, 4096);
	CHECK_EQ("mmap-aligned", (uintptr_t)area % 4096, 0);
	area[1] = 42; /* element 1: elem_size 8, so word 2 */
	area[2] = 43;
	k = 1;
	CHECK_EQ("mmap-visible", bh_map__lookup_elem(m, &k, &out), 0);
	CHECK_EQ("mmap-visible-val", out, 43);
	CHECK_EQ("mmap-blocks-freeze", bh_map__freeze(m), -EBUSY);
	bh_map__free(m);
	m = mk(BPF_MAP_TYPE_ARRAY, 4, 4, 2, 0);
	CHECK("mmap-not-mmapable", !bh_map__mmap(m, &size) && errno == EINVAL);
	bh_map__free(m);

	m = mk(BPF_MAP_TYPE_ARRAY, 4, 4, 2, BPF_F_RDONLY);
	CHECK_EQ("rdonly-update", bh_map__update_elem(m, &k, &v, BPF_ANY), -EPERM);
	CHECK_EQ("rdonly-lookup", bh_map__lookup_elem(m, &k, &out), 0);
	CHECK_EQ("rdonly-freeze", bh_map__freeze(m), -EPERM);
	bh_map__free(m);
	m = mk(BPF_MAP_TYPE_HASH, 4, 4, 2, BPF_F_WRONLY);
	CHECK_EQ("wronly-update", bh_map__update_elem(m, &k, &v, BPF_ANY), 0);
	CHECK_EQ("wronly-lookup", bh_map__lookup_elem(m, &k, &out), -EPERM);
	CHECK_EQ("wronly-gnk", bh_map__get_next_key(m, NULL, &out), -EPERM);
	CHECK_EQ("wronly-lad", bh_map__lookup_and_delete_elem(m, &k, &out), -EPERM);
	bh_map__free(m);
}

static void test_percpu_array__layout(void)
{
	unsigned int cpus = bh_cpu_count_get();
	struct bh_map *m = mk(BPF_MAP_TYPE_PERCPU_ARRAY, 4, 12, 2, 0);
	uint8_t *in = calloc(cpus, 16), *out = calloc(cpus, 16);
	uint32_t k = 1;

	REQUIRE("pa-create", m && in && out);
	for (unsigned int i = 0; i < cpus * 16; i++)
		in[i] = (uint8_t)i;
	CHECK_EQ("pa-update", bh_map__update_elem(m, &k, in, BPF_ANY), 0);
	CHECK_EQ("pa-lookup", bh_map__lookup_elem(m, &k, out), 0);
	CHECK("pa-layout", !memcmp(in, out, (size_t)cpus * 16));
	CHECK_EQ("pa-noexist", bh_map__update_elem(m, &k, in, BPF_NOEXIST), -EEXIST);
	bh_map__free(m);
	free(in);
	free(out);
}

/* ---- Queue, stack, bloom, trie ------------------------------------------------------------ */

static void test_queue_stack__order(void)
{
	struct bh_map *q = mk(BPF_MAP_TYPE_QUEUE, 0, 4, 2, 0);
	struct bh_map *s = mk(BPF_MAP_TYPE_STACK, 0, 4, 2, 0);
	uint32_t v, out;

	REQUIRE("qs-create", q && s);
	CHECK_EQ("qs-empty-peek", bh_map__lookup_elem(q, NULL, &out), -ENOENT);
	for (v = 1; v <= 2; v++) {
		CHECK_EQ("q-push", bh_map__update_elem(q, NULL, &v, BPF_ANY), 0);
		CHECK_EQ("s-push", bh_map__update_elem(s, NULL, &v, BPF_ANY), 0);
	}
	v = 3;
	CHECK_EQ("q-full", bh_map__update_elem(q, NULL, &v, BPF_ANY), -E2BIG);
	CHECK_EQ("q-noexist", bh_map__update_elem(q, NULL, &v, BPF_NOEXIST), -EINVAL);
	CHECK_EQ("q-overwrite", bh_map__update_elem(q, NULL, &v, BPF_EXIST), 0);
	CHECK_EQ("s-overwrite", bh_map__update_elem(s, NULL, &v, BPF_EXIST), 0);
	CHECK_EQ("q-peek", bh_map__lookup_elem(q, NULL, &out), 0);
	CHECK_EQ("q-peek-oldest", out, 2);
	CHECK_EQ("q-pop", bh_map__lookup_and_delete_elem(q, NULL, &out), 0);
	CHECK_EQ("q-pop-val", out, 2);
	CHECK_EQ("s-pop", bh_map__lookup_and_delete_elem(s, NULL, &out), 0);
	CHECK_EQ("s-pop-newest", out, 3);
	CHECK_EQ("s-pop2", bh_map__lookup_and_delete_elem(s, NULL, &out), 0);
	CHECK_EQ("s-pop2-val", out, 2);
	CHECK_EQ("s-pop-empty", bh_map__lookup_and_delete_elem(s, NULL, &out), -ENOENT);
	CHECK_EQ("q-key", bh_map__lookup_elem(q, &v, &out), -EINVAL);
	CHECK_EQ("q-gnk", bh_map__get_next_key(q, NULL, &out), -EINVAL);
	CHECK_EQ("q-delete", bh_map__delete_elem(q, NULL), -EINVAL);
	CHECK_EQ("q-pop-flags", bh_map__lookup_and_delete_elem_flags(q, NULL, &out, BPF_F_LOCK), -EINVAL);
	bh_map__free(q);
	bh_map__free(s);
}

static void test_bloom__membership(void)
{
	struct bh_map *b = mk(BPF_MAP_TYPE_BLOOM_FILTER, 0, 4, 100, 0);
	uint32_t v, fp = 0;

	REQUIRE("bloom-create", b);
	for (v = 0; v < 100; v += 2)
		CHECK_EQ("bloom-push", bh_map__update_elem(b, NULL, &v, BPF_ANY), 0);
	for (v = 0; v < 100; v += 2)
		CHECK_EQ("bloom-no-false-negative", bh_map__lookup_elem(b, NULL, &v), 0);
	for (v = 1; v < 100; v += 2)
		fp += bh_map__lookup_elem(b, NULL, &v) == 0;
	CHECK("bloom-few-false-positives", fp < 20);
	CHECK_EQ("bloom-flags", bh_map__update_elem(b, NULL, &v, BPF_EXIST), -EINVAL);
	CHECK_EQ("bloom-delete", bh_map__delete_elem(b, NULL), -EOPNOTSUPP);
	CHECK_EQ("bloom-gnk", bh_map__get_next_key(b, NULL, &v), -EOPNOTSUPP);
	bh_map__free(b);
}

struct lpm_key {
	uint32_t prefixlen;
	uint8_t data[4];
};

static void test_lpm__longest_match(void)
{
	struct bh_map *t = mk(BPF_MAP_TYPE_LPM_TRIE, 8, 4, 3, BPF_F_NO_PREALLOC);
	struct lpm_key k8 = { 8, { 10 } }, k16 = { 16, { 10, 1 } },
		       k24 = { 24, { 10, 1, 2 } }, q = { 32, { 10, 1, 2, 3 } },
		       other = { 32, { 11, 0, 0, 0 } }, k;
	uint32_t v;

	REQUIRE("lpm-create", t);
	v = 8;
	CHECK_EQ("lpm-add8", bh_map__update_elem(t, &k8, &v, BPF_ANY), 0);
	v = 24;
	CHECK_EQ("lpm-add24", bh_map__update_elem(t, &k24, &v, BPF_ANY), 0);
	CHECK_EQ("lpm-lookup", bh_map__lookup_elem(t, &q, &v), 0);
	CHECK_EQ("lpm-longest", v, 24);
	q.data[2] = 9;
	CHECK_EQ("lpm-lookup-shorter", bh_map__lookup_elem(t, &q, &v), 0);
	CHECK_EQ("lpm-shorter-val", v, 8);
	CHECK_EQ("lpm-miss", bh_map__lookup_elem(t, &other, &v), -ENOENT);
	v = 16;
	CHECK_EQ("lpm-add16", bh_map__update_elem(t, &k16, &v, BPF_NOEXIST), 0);
	CHECK_EQ("lpm-noexist", bh_map__update_elem(t, &k16, &v, BPF_NOEXIST), -EEXIST);
	CHECK_EQ("lpm-full", bh_map__update_elem(t, &other, &v, BPF_ANY), -ENOSPC);
	/* post-order: most specific first */
	CHECK_EQ("lpm-gnk-first", bh_map__get_next_key(t, NULL, &k), 0);
	CHECK_EQ("lpm-gnk-first-len", k.prefixlen, 24);
	CHECK_EQ("lpm-gnk-2", bh_map__get_next_key(t, &k, &k), 0);
	CHECK_EQ("lpm-gnk-2-len", k.prefixlen, 16);
	CHECK_EQ("lpm-gnk-3", bh_map__get_next_key(t, &k, &k), 0);
	CHECK_EQ("lpm-gnk-3-len", k.prefixlen, 8);
	CHECK_EQ("lpm-gnk-end", bh_map__get_next_key(t, &k, &k), -ENOENT);
	CHECK_EQ("lpm-delete", bh_map__delete_elem(t, &k16), 0);
	CHECK_EQ("lpm-delete-again", bh_map__delete_elem(t, &k16), -ENOENT);
	k.prefixlen = 33;
	CHECK_EQ("lpm-bad-prefix", bh_map__update_elem(t, &k, &v, BPF_ANY), -EINVAL);
	bh_map__free(t);
}

/* ---- Map-in-map (seed 000) ------------------------------------------------------------------- */

static int mim_insert(uint32_t outer_type, struct bh_map *tmpl, struct bh_map *inner)
{
	BH_OPTS(bh_map_create_opts, o, .inner_map = tmpl);
	struct bh_map *outer = bh_map__create(outer_type, NULL, 4, 4, 2, &o);
	uint32_t k = 0, id = bh_map__id(inner), out = 0;
	int r;

	if (!outer)
		return -errno;
	r = bh_map__update_elem(outer, &k, &id, BPF_ANY);
	if (!r && (bh_map__lookup_elem(outer, &k, &out) || out != id))
		r = -1000; /* the host's lookup must give the id */
	bh_map__free(outer);
	return r;
}

static void test_map_in_map__templates(void)
{
	struct bh_map *a4 = mk(BPF_MAP_TYPE_ARRAY, 4, 4, 4, 0);
	struct bh_map *a8 = mk(BPF_MAP_TYPE_ARRAY, 4, 4, 8, 0);
	struct bh_map *ai4 = mk(BPF_MAP_TYPE_ARRAY, 4, 4, 4, BPF_F_INNER_MAP);
	struct bh_map *ai8 = mk(BPF_MAP_TYPE_ARRAY, 4, 4, 8, BPF_F_INNER_MAP);
	struct bh_map *h4 = mk(BPF_MAP_TYPE_HASH, 4, 4, 4, 0);
	struct bh_map *h8 = mk(BPF_MAP_TYPE_HASH, 4, 4, 8, 0);
	struct bh_map *hv8 = mk(BPF_MAP_TYPE_HASH, 4, 8, 4, 0);
	struct bh_map *hnp = mk(BPF_MAP_TYPE_HASH, 4, 4, 4, BPF_F_NO_PREALLOC);
	struct bh_map *pa = mk(BPF_MAP_TYPE_PROG_ARRAY, 4, 4, 4, 0);
	BH_OPTS(bh_map_create_opts, o, .inner_map = a4);
	struct bh_map *aom = bh_map__create(BPF_MAP_TYPE_ARRAY_OF_MAPS, NULL, 4, 4, 1, &o);
	uint32_t types[2] = { BPF_MAP_TYPE_ARRAY_OF_MAPS, BPF_MAP_TYPE_HASH_OF_MAPS };

	REQUIRE("mim-create", a4 && a8 && ai4 && ai8 && h4 && h8 && hv8 && hnp && pa && aom);
	for (int i = 0; i < 2; i++) {
		uint32_t t = types[i];

		CHECK_EQ("mim-same", mim_insert(t, a4, a4), 0);
		/* arrays compare max_entries (inlined lookups)... */
		CHECK_EQ("mim-array-max", mim_insert(t, a4, a8), -EINVAL);
		/* ...unless the template says BPF_F_INNER_MAP */
		CHECK_EQ("mim-inner-map-flag", mim_insert(t, ai4, ai8), 0);
		CHECK_EQ("mim-inner-flag-differs", mim_insert(t, ai4, a4), -EINVAL);
		/* hashes do not compare max_entries */
		CHECK_EQ("mim-hash-max", mim_insert(t, h4, h8), 0);
		CHECK_EQ("mim-hash-vs", mim_insert(t, h4, hv8), -EINVAL);
		CHECK_EQ("mim-hash-flags", mim_insert(t, h4, hnp), -EINVAL);
		CHECK_EQ("mim-type", mim_insert(t, h4, a4), -EINVAL);
		/* opt-in: no map_meta_equal, no inner map */
		CHECK_EQ("mim-prog-array-template", mim_insert(t, pa, pa), -ENOTSUPP);
		CHECK_EQ("mim-two-levels", mim_insert(t, aom, aom), -EINVAL);
	}
	{
		struct bh_map *outer = bh_map__create(BPF_MAP_TYPE_HASH_OF_MAPS, NULL, 4, 4, 2, &o);
		uint32_t k = 0, bad = 0x7ffffff0, out;

		REQUIRE("mim-outer", outer);
		CHECK_EQ("mim-bad-id", bh_map__update_elem(outer, &k, &bad, BPF_ANY), -EBADF);
		CHECK_EQ("mim-missing", bh_map__lookup_elem(outer, &k, &out), -ENOENT);
		bh_map__free(outer);
	}
	/* the template is a copy: the outer map outlives its template map */
	bh_map__free(aom);
	bh_map__free(a4);
	bh_map__free(a8);
	bh_map__free(ai4);
	bh_map__free(ai8);
	bh_map__free(h4);
	bh_map__free(h8);
	bh_map__free(hv8);
	bh_map__free(hnp);
	bh_map__free(pa);
}

static void test_map_in_map__inner_lifetime(void)
{
	struct bh_map *inner = mk(BPF_MAP_TYPE_ARRAY, 4, 4, 4, 0);
	BH_OPTS(bh_map_create_opts, o, .inner_map = inner);
	struct bh_map *outer = bh_map__create(BPF_MAP_TYPE_ARRAY_OF_MAPS, NULL, 4, 4, 2, &o);
	uint32_t k = 1, id, out;

	REQUIRE("mim-life-create", inner && outer);
	id = bh_map__id(inner);
	CHECK_EQ("mim-life-insert", bh_map__update_elem(outer, &k, &id, BPF_ANY), 0);
	CHECK_EQ("mim-life-noexist", bh_map__update_elem(outer, &k, &id, BPF_NOEXIST), -EINVAL);
	k = 2;
	CHECK_EQ("mim-life-oob", bh_map__update_elem(outer, &k, &id, BPF_ANY), -E2BIG);
	k = 1;
	/* the outer map holds a reference: the inner map lives on */
	bh_map__free(inner);
	CHECK_EQ("mim-life-lookup", bh_map__lookup_elem(outer, &k, &out), 0);
	CHECK_EQ("mim-life-id", out, id);
	inner = bh_map__by_id(id);
	CHECK("mim-life-alive", inner != NULL);
	bh_map__free(inner);
	CHECK_EQ("mim-life-delete", bh_map__delete_elem(outer, &k), 0);
	CHECK_EQ("mim-life-delete-again", bh_map__delete_elem(outer, &k), -ENOENT);
	bh_map__free(outer);
	/* the reference is dropped after a grace period */
	bh_rcu_barrier();
	CHECK("mim-life-freed", !bh_map__by_id(id));
}

static void test_teardown__rcu(void)
{
	/* let deferred frees run so leak checkers see a clean exit */
	bh_rcu_barrier();
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_registry__complete),
	BH_TEST(test_create__errnos),
	BH_TEST(test_create__ids_and_info),
	BH_TEST(test_hash__flags_and_capacity),
	BH_TEST(test_hash__get_next_key),
	BH_TEST(test_hash__batch),
	BH_TEST(test_hash__percpu_layout),
	BH_TEST(test_lru__eviction),
	BH_TEST(test_array__semantics),
	BH_TEST(test_array__generic_batch),
	BH_TEST(test_array__freeze_and_access),
	BH_TEST(test_percpu_array__layout),
	BH_TEST(test_queue_stack__order),
	BH_TEST(test_bloom__membership),
	BH_TEST(test_lpm__longest_match),
	BH_TEST(test_map_in_map__templates),
	BH_TEST(test_map_in_map__inner_lifetime),
	BH_TEST(test_teardown__rcu),
};

BH_TEST_MAIN(cases)
