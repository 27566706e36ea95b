/* SPDX-License-Identifier: MIT */
/*
 * maps/devmap.c - DEVMAP and DEVMAP_HASH: maps of network interfaces for
 * bpf_redirect_map (the kernel's kernel/bpf/devmap.c).
 *
 * The interfaces are those of the host's registry (bpfhost/netdev.h: "lo"
 * is 1, bh_netdev__register adds more).  A value is a u32 ifindex, or with
 * value_size 8 struct bpf_devmap_val { u32 ifindex; union { int fd; u32 id; }
 * bpf_prog; }: on update the second word names a program (an id here, since
 * bpfhost has no descriptors; > 0 only) that must be an XDP program loaded
 * with expected_attach_type BPF_XDP_DEVMAP, and lookups give its id back.
 * bpfhost transmits nothing, so that program is kept but never run.
 *
 * DEVMAP: slot i of an array of entry pointers; updating with ifindex 0
 * empties the slot, deleting an index below max_entries always succeeds.
 * DEVMAP_HASH: keys are hashed to bucket key & (n_buckets - 1), n_buckets =
 * roundup_pow_of_two(max_entries); an entry goes to the head of its chain,
 * a replaced entry is unlinked and its successor goes to the head, so the
 * order get_next_key walks is the kernel's.
 *
 * Both types add BPF_F_RDONLY_PROG to map_flags, as the kernel does:
 * programs read the value through the pointer a lookup returns, never
 * write it.
 *
 * Locking: slots and chain links are swapped or published with atomics and
 * read under RCU; writers of DEVMAP_HASH take index_lock (rank 40);
 * replaced entries are freed a grace period later (bh_rcu_call).
 */
#include <stdlib.h>
#include <string.h>

#include "core/rcu.h"
#include "maps/internal.h"
#include "net/netdev.h"
#include "progs/internal.h"

#define DEV_CREATE_FLAG_MASK (BPF_F_NUMA_NODE | BPF_F_RDONLY | BPF_F_WRONLY)

struct devmap_val {
	uint32_t ifindex;
	uint32_t prog_id; /* union { int fd; u32 id; } bpf_prog */
};

struct dev_entry {
	/* What lookups return; immutable once published. */
	struct devmap_val val;
	uint32_t idx;
	struct bh_prog *prog;              /* reference, or NULL */
	_Atomic(struct dev_entry *) next;  /* DEVMAP_HASH chain */
	struct rcu_head rcu;
};

struct bh_dtab {
	struct bh_map map;
	/* DEVMAP: max_entries slots. */
	_Atomic(struct dev_entry *) *slots;
	/* DEVMAP_HASH: n_buckets chains, written under index_lock. */
	_Atomic(struct dev_entry *) *heads;
	uint32_t n_buckets;
	pthread_mutex_t index_lock;
	atomic_uint items;
};

static struct bh_dtab *to_dtab(struct bh_map *map)
{
	return bh_container_of(map, struct bh_dtab, map);
}

static bool is_hash(const struct bh_map *map)
{
	return map->type == BPF_MAP_TYPE_DEVMAP_HASH;
}

/* ---- Entries ----------------------------------------------------------------- */

static void entry_free(struct dev_entry *e)
{
	if (e->prog)
		bh_prog__free(e->prog);
	free(e);
}

static void entry_free_rcu_cb(struct rcu_head *head)
{
	struct dev_entry *e = bh_container_of(head, struct dev_entry, rcu);

	bh_rcu_callback_begin(head);
	entry_free(e);
}

static void entry_free_rcu(struct dev_entry *e)
{
	if (e)
		bh_rcu_call(&e->rcu, entry_free_rcu_cb);
}

/* __dev_map_alloc_node(): the device must exist, the program (if any) be an
 * XDP program for devmaps; -EINVAL otherwise. */
static int entry_alloc(const struct devmap_val *val, uint32_t idx,
		       struct dev_entry **out)
{
	struct dev_entry *e = calloc(1, sizeof(*e));

	if (!e)
		return -ENOMEM;
	if (!netdev_exists(val->ifindex)) {
		free(e);
		return -EINVAL;
	}
	if ((int32_t)val->prog_id > 0) {
		e->prog = bh_prog__by_id(val->prog_id);
		if (!e->prog || e->prog->type != BPF_PROG_TYPE_XDP ||
		    e->prog->expected_attach_type != BPF_XDP_DEVMAP) {
			entry_free(e);
			return -EINVAL;
		}
		e->val.prog_id = val->prog_id;
	}
	e->val.ifindex = val->ifindex;
	e->idx = idx;
	*out = e;
	return 0;
}

static void read_val(const struct bh_map *map, const void *value,
		     struct devmap_val *val)
{
	memset(val, 0, sizeof(*val));
	memcpy(val, value, map->value_size);
}

/* ---- Creation ----------------------------------------------------------------- */

static int dev_map_alloc_check(const struct bh_map_attr *attr)
{
	if (!attr->max_entries || attr->key_size != 4 ||
	    (attr->value_size != 4 && attr->value_size != 8) ||
	    (attr->map_flags & ~DEV_CREATE_FLAG_MASK))
		return -EINVAL;
	if (attr->map_type == BPF_MAP_TYPE_DEVMAP_HASH &&
	    attr->max_entries > (1UL << 31))
		return -EINVAL;
	return 0;
}

static uint32_t roundup_pow2(uint32_t n)
{
	uint32_t p = 1;

	while (p < n)
		p <<= 1;
	return p;
}

static int dev_map_alloc(const struct bh_map_attr *attr, struct bh_map **out)
{
	struct bh_dtab *dtab = calloc(1, sizeof(*dtab));

	if (!dtab)
		return -ENOMEM;
	map_init_from_attr(&dtab->map, attr);
	/* Lookups return the value itself: programs may only read it. */
	dtab->map.map_flags |= BPF_F_RDONLY_PROG;
	if (attr->map_type == BPF_MAP_TYPE_DEVMAP_HASH) {
		dtab->n_buckets = roundup_pow2(attr->max_entries);
		dtab->heads = calloc(dtab->n_buckets, sizeof(*dtab->heads));
	} else {
		dtab->slots = calloc(attr->max_entries, sizeof(*dtab->slots));
	}
	if (!dtab->heads && !dtab->slots) {
		free(dtab);
		return -ENOMEM;
	}
	pthread_mutex_init(&dtab->index_lock, NULL);
	*out = &dtab->map;
	return 0;
}

static void dev_map_free(struct bh_map *map)
{
	struct bh_dtab *dtab = to_dtab(map);

	/* relaxed: nobody else can see the map any more */
	for (uint32_t i = 0; dtab->slots && i < map->max_entries; i++) {
		struct dev_entry *e = atomic_load_explicit(&dtab->slots[i],
							   memory_order_relaxed);
		if (e)
			entry_free(e);
	}
	for (uint32_t i = 0; dtab->heads && i < dtab->n_buckets; i++) {
		struct dev_entry *e = atomic_load_explicit(&dtab->heads[i],
							   memory_order_relaxed);
		while (e) {
			struct dev_entry *next = atomic_load_explicit(
				&e->next, memory_order_relaxed);

			entry_free(e);
			e = next;
		}
	}
	free(dtab->slots);
	free(dtab->heads);
	pthread_mutex_destroy(&dtab->index_lock);
	free(dtab);
}

static uint64_t dev_map_mem_usage(const struct bh_map *map)
{
	const struct bh_dtab *dtab =
		bh_container_of(map, const struct bh_dtab, map);
	uint64_t usage = sizeof(*dtab);

	if (is_hash(map))
		usage += (uint64_t)dtab->n_buckets * sizeof(void *);
	else
		usage += (uint64_t)map->max_entries * sizeof(void *);
	return usage + (uint64_t)atomic_load_explicit(&dtab->items,
						      memory_order_relaxed) *
			       sizeof(struct dev_entry);
}

/* ---- DEVMAP -------------------------------------------------------------------- */

/* __dev_map_lookup_elem(): the entry at @index, or NULL. */
static struct dev_entry *dev_map_entry(struct bh_map *map, uint32_t index)
{
	if (index >= map->max_entries)
		return NULL;
	return atomic_load_explicit(&to_dtab(map)->slots[index],
				    memory_order_acquire);
}

static void *dev_map_lookup_elem(struct bh_map *map, const void *key)
{
	uint32_t index;
	struct dev_entry *e;

	memcpy(&index, key, sizeof(index));
	e = dev_map_entry(map, index);
	return e ? &e->val : NULL;
}

static int dev_map_update_elem(struct bh_map *map, const void *key,
			       const void *value, uint64_t flags)
{
	struct bh_dtab *dtab = to_dtab(map);
	struct dev_entry *e = NULL, *old;
	struct devmap_val val;
	uint32_t i;
	int ret;

	memcpy(&i, key, sizeof(i));
	if (flags > BPF_EXIST)
		return -EINVAL;
	if (i >= map->max_entries)
		return -E2BIG;
	if (flags == BPF_NOEXIST)
		return -EEXIST;
	read_val(map, value, &val);
	if (!val.ifindex) {
		/* can not name a program without a device */
		if ((int32_t)val.prog_id > 0)
			return -EINVAL;
	} else {
		ret = entry_alloc(&val, i, &e);
		if (ret)
			return ret;
	}
	old = atomic_exchange_explicit(&dtab->slots[i], e, memory_order_acq_rel);
	if (old)
		entry_free_rcu(old);
	else /* counted as the kernel counts (mem_usage only): an emptied
	      * slot stays an item until deleted */
		atomic_fetch_add_explicit(&dtab->items, 1, memory_order_relaxed);
	return 0;
}

static int dev_map_delete_elem(struct bh_map *map, const void *key)
{
	struct bh_dtab *dtab = to_dtab(map);
	struct dev_entry *old;
	uint32_t k;

	memcpy(&k, key, sizeof(k));
	if (k >= map->max_entries)
		return -EINVAL;
	old = atomic_exchange_explicit(&dtab->slots[k], NULL,
				       memory_order_acq_rel);
	if (old) {
		entry_free_rcu(old);
		atomic_fetch_sub_explicit(&dtab->items, 1, memory_order_relaxed);
	}
	return 0;
}

/* ---- DEVMAP_HASH ----------------------------------------------------------------- */

static _Atomic(struct dev_entry *) *dev_hash_head(struct bh_dtab *dtab,
						  uint32_t idx)
{
	return &dtab->heads[idx & (dtab->n_buckets - 1)];
}

/* __dev_map_hash_lookup_elem(). */
static struct dev_entry *dev_hash_entry(struct bh_map *map, uint32_t idx)
{
	struct dev_entry *e = atomic_load_explicit(
		dev_hash_head(to_dtab(map), idx), memory_order_acquire);

	for (; e; e = atomic_load_explicit(&e->next, memory_order_acquire))
		if (e->idx == idx)
			return e;
	return NULL;
}

static void *dev_hash_lookup_elem(struct bh_map *map, const void *key)
{
	uint32_t idx;
	struct dev_entry *e;

	memcpy(&idx, key, sizeof(idx));
	e = dev_hash_entry(map, idx);
	return e ? &e->val : NULL;
}

/* Unlink @e from its chain (index_lock held). */
static void dev_hash_unlink(struct bh_dtab *dtab, struct dev_entry *e)
{
	_Atomic(struct dev_entry *) *pp = dev_hash_head(dtab, e->idx);
	struct dev_entry *cur;

	while ((cur = atomic_load_explicit(pp, memory_order_relaxed)) != e)
		pp = &cur->next;
	atomic_store_explicit(pp,
			      atomic_load_explicit(&e->next, memory_order_relaxed),
			      memory_order_release);
}

static int dev_hash_update_elem(struct bh_map *map, const void *key,
				const void *value, uint64_t flags)
{
	struct bh_dtab *dtab = to_dtab(map);
	struct dev_entry *e, *old;
	_Atomic(struct dev_entry *) *head;
	struct devmap_val val;
	uint32_t idx;
	int ret;

	memcpy(&idx, key, sizeof(idx));
	read_val(map, value, &val);
	if (flags > BPF_EXIST || !val.ifindex)
		return -EINVAL;
	pthread_mutex_lock(&dtab->index_lock);
	old = dev_hash_entry(map, idx);
	if (old && (flags & BPF_NOEXIST)) {
		ret = -EEXIST;
		goto out;
	}
	ret = entry_alloc(&val, idx, &e);
	if (ret)
		goto out;
	if (old) {
		dev_hash_unlink(dtab, old);
	} else {
		if (atomic_load_explicit(&dtab->items, memory_order_relaxed) >=
		    map->max_entries) {
			pthread_mutex_unlock(&dtab->index_lock);
			entry_free(e); /* never published */
			return -E2BIG;
		}
		atomic_fetch_add_explicit(&dtab->items, 1, memory_order_relaxed);
	}
	head = dev_hash_head(dtab, idx);
	atomic_store_explicit(&e->next,
			      atomic_load_explicit(head, memory_order_relaxed),
			      memory_order_relaxed);
	atomic_store_explicit(head, e, memory_order_release);
	pthread_mutex_unlock(&dtab->index_lock);
	if (old)
		entry_free_rcu(old);
	return 0;
out:
	pthread_mutex_unlock(&dtab->index_lock);
	return ret;
}

static int dev_hash_delete_elem(struct bh_map *map, const void *key)
{
	struct bh_dtab *dtab = to_dtab(map);
	struct dev_entry *old;
	uint32_t k;

	memcpy(&k, key, sizeof(k));
	pthread_mutex_lock(&dtab->index_lock);
	old = dev_hash_entry(map, k);
	if (old) {
		atomic_fetch_sub_explicit(&dtab->items, 1, memory_order_relaxed);
		dev_hash_unlink(dtab, old);
	}
	pthread_mutex_unlock(&dtab->index_lock);
	if (!old)
		return -ENOENT;
	entry_free_rcu(old);
	return 0;
}

/* dev_map_hash_get_next_key(): the rest of the key's chain, then the
 * following buckets; a missing key starts over at bucket 0. */
static int dev_hash_get_next_key(struct bh_map *map, const void *key,
				 void *next_key)
{
	struct bh_dtab *dtab = to_dtab(map);
	struct dev_entry *e, *next;
	uint32_t idx, i = 0;

	if (key) {
		memcpy(&idx, key, sizeof(idx));
		e = dev_hash_entry(map, idx);
		if (e) {
			next = atomic_load_explicit(&e->next, memory_order_acquire);
			if (next) {
				memcpy(next_key, &next->idx, sizeof(next->idx));
				return 0;
			}
			i = (idx & (dtab->n_buckets - 1)) + 1;
		}
	}
	for (; i < dtab->n_buckets; i++) {
		next = atomic_load_explicit(&dtab->heads[i], memory_order_acquire);
		if (next) {
			memcpy(next_key, &next->idx, sizeof(next->idx));
			return 0;
		}
	}
	return -ENOENT;
}

/* ---- bpf_redirect_map --------------------------------------------------------------- */

uint32_t devmap_redirect_lookup(struct bh_map *map, uint32_t key)
{
	struct dev_entry *e = map->type == BPF_MAP_TYPE_DEVMAP
				      ? dev_map_entry(map, key)
				      : dev_hash_entry(map, key);

	return e ? e->val.ifindex : 0;
}

const struct bh_map_ops dev_map_ops = {
	.alloc_check = dev_map_alloc_check,
	.alloc = dev_map_alloc,
	.free = dev_map_free,
	.get_next_key = map_index_get_next_key,
	.mem_usage = dev_map_mem_usage,
	.lookup = dev_map_lookup_elem,
	.update = dev_map_update_elem,
	.delete = dev_map_delete_elem,
	.meta_equal = map_meta_equal,
};

const struct bh_map_ops dev_map_hash_ops = {
	.alloc_check = dev_map_alloc_check,
	.alloc = dev_map_alloc,
	.free = dev_map_free,
	.get_next_key = dev_hash_get_next_key,
	.mem_usage = dev_map_mem_usage,
	.lookup = dev_hash_lookup_elem,
	.update = dev_hash_update_elem,
	.delete = dev_hash_delete_elem,
	.meta_equal = map_meta_equal,
};
