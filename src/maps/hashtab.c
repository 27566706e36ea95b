/* SPDX-License-Identifier: MIT */
/*
 * maps/hashtab.c - HASH, PERCPU_HASH, LRU_HASH, LRU_PERCPU_HASH and
 * HASH_OF_MAPS.
 *
 * Layout: n_buckets = roundup_pow_of_two(max_entries) buckets, each a
 * singly linked chain; an element goes to bucket jhash(key, hashrnd) &
 * (n_buckets - 1) and is added at the head of its chain, exactly as the
 * kernel does, so with BPF_F_ZERO_SEED (hashrnd 0) iteration order and batch
 * positions (bucket indexes) are the kernel's.
 *
 *	bucket[i].head -> elem -> elem -> NULL
 *	elem: next | rcu | hash | lru links | key (round_up 8) | value or
 *	      per-CPU pointer or inner-map pointer
 *
 * Concurrency:
 *  - readers (program lookups, host lookups, get_next_key) walk chains under
 *    RCU without locks: `head` and `next` are loaded with acquire and
 *    published with release;
 *  - writers take the bucket's spinlock (rank 40); an update inserts the new
 *    element at the head before unlinking the old one, so a concurrent
 *    lookup always finds one of them;
 *  - unlinked elements are freed after a grace period (bh_rcu_call);
 *  - capacity is an atomic count of linked elements: a new key fails with
 *    -E2BIG once max_entries are in, whether preallocated or not (bpfhost
 *    allocates on insert in both cases; the kernel's preallocated freelist
 *    gives the same answers);
 *  - LRU maps keep every element on an LRU list (one, or one per CPU slot
 *    with BPF_F_NO_COMMON_LRU) under its mutex (rank 30, taken before a
 *    bucket lock).  See "LRU" below for the protocol.
 */
#include <stdlib.h>
#include <string.h>

#include "core/rcu.h"
#include "helpers/timer.h"
#include "maps/internal.h"

#define HTAB_CREATE_FLAG_MASK                                          \
	(BPF_F_NO_PREALLOC | BPF_F_NO_COMMON_LRU | BPF_F_NUMA_NODE |     \
	 BH_MAP_ACCESS_MASK | BPF_F_ZERO_SEED)

/* LRU states of an element, guarded by its LRU list's lock. */
enum { LRU_RESERVED, LRU_LIVE, LRU_GONE };

struct htab_elem {
	_Atomic(struct htab_elem *) next; /* RCU chain; bucket lock to write */
	struct rcu_head rcu;
	struct htab_elem *lru_prev, *lru_next; /* LRU list lock */
	uint32_t hash;                         /* immutable */
	uint16_t lru_idx;                      /* immutable: which LRU list */
	uint8_t lru_state;                     /* LRU list lock */
	atomic_uchar ref;                      /* relaxed: a hint */
	uint8_t owned_kind;                    /* set when retired: OWNS_* */
	void *owned;                           /* what the free must release */
	struct htab_elem *batch_next;          /* retired list of one batch */
	/* key at key[], value at key[round_up(key_size, 8)] */
	uint8_t key[] __attribute__((aligned(8)));
};

struct bucket {
	pthread_spinlock_t lock; /* rank 40: guards writes of the chain */
	_Atomic(struct htab_elem *) head;
};

struct lru_list {
	pthread_mutex_t lock;    /* rank 30: guards everything below */
	struct htab_elem head;   /* sentinel: head.lru_next is the newest */
	uint32_t cnt;            /* elements reserved or linked */
	uint32_t cap;
};

struct bh_htab {
	struct bh_map map;
	/* Immutable after alloc. */
	struct bucket *buckets;
	uint32_t n_buckets;
	uint32_t hashrnd;
	uint32_t key_sz8;        /* round_up(key_size, 8) */
	uint32_t value_sz8;      /* round_up(value_size, 8) */
	bool percpu, lru, fd;
	/* Linked elements (non-LRU maps); atomic, relaxed: only a count. */
	atomic_uint count;
	struct lru_list *lrus;   /* LRU maps: 1 or one per CPU slot */
	uint32_t lru_cnt;
};

static struct bh_htab *to_htab(struct bh_map *map)
{
	return bh_container_of(map, struct bh_htab, map);
}

static void *elem_value(const struct bh_htab *htab, struct htab_elem *l)
{
	return l->key + htab->key_sz8;
}

/* Per-CPU maps: the element's value slot holds a pointer to the values. */
static uint8_t *elem_pptr(const struct bh_htab *htab, struct htab_elem *l)
{
	uint8_t *p;

	memcpy(&p, elem_value(htab, l), sizeof(p));
	return p;
}

/* HASH_OF_MAPS: the inner map, replaced in place by updates. */
static void *elem_obj(const struct bh_htab *htab, struct htab_elem *l)
{
	/* acquire: pairs with the exchange in htab_update() */
	return __atomic_load_n((void **)elem_value(htab, l), __ATOMIC_ACQUIRE);
}

/* ---- Creation ------------------------------------------------------------------ */

static int htab_map_alloc_check(const struct bh_map_attr *attr)
{
	bool percpu = attr->map_type == BPF_MAP_TYPE_PERCPU_HASH ||
		      attr->map_type == BPF_MAP_TYPE_LRU_PERCPU_HASH;
	bool lru = attr->map_type == BPF_MAP_TYPE_LRU_HASH ||
		   attr->map_type == BPF_MAP_TYPE_LRU_PERCPU_HASH;
	bool percpu_lru = attr->map_flags & BPF_F_NO_COMMON_LRU;
	bool prealloc = !(attr->map_flags & BPF_F_NO_PREALLOC);
	bool numa = (attr->map_flags & BPF_F_NUMA_NODE) &&
		    attr->numa_node != UINT32_MAX;

	if ((attr->map_flags & ~HTAB_CREATE_FLAG_MASK) ||
	    !map_flags_access_ok(attr->map_flags))
		return -EINVAL;
	if (!lru && percpu_lru)
		return -EINVAL;
	if (lru && !prealloc)
		return -ENOTSUPP;
	if (numa && (percpu || percpu_lru))
		return -EINVAL;
	if (!attr->max_entries || !attr->key_size || !attr->value_size)
		return -EINVAL;
	/* 48: sizeof(struct htab_elem) in the kernel */
	if ((uint64_t)attr->key_size + attr->value_size >=
	    BH_KMALLOC_MAX_SIZE - 48)
		return -E2BIG;
	if (percpu && map_round8(attr->value_size) > BH_PCPU_MIN_UNIT_SIZE)
		return -E2BIG;
	return 0;
}

static int fd_htab_map_alloc_check(const struct bh_map_attr *attr)
{
	if (attr->value_size != sizeof(uint32_t))
		return -EINVAL;
	return htab_map_alloc_check(attr);
}

static uint32_t roundup_pow2(uint32_t x)
{
	uint32_t p = 1;

	while (p < x)
		p <<= 1;
	return p;
}

static uint32_t seed_random(void)
{
	uint32_t v;
	FILE *f = fopen("/dev/urandom", "rb");

	if (!f || fread(&v, sizeof(v), 1, f) != 1)
		v = (uint32_t)(uintptr_t)&v ^ 0x9e3779b9U;
	if (f)
		fclose(f);
	return v;
}

static int htab_init_lru(struct bh_htab *htab)
{
	uint32_t cpus = bh_cpu_count();

	htab->lru_cnt = (htab->map.map_flags & BPF_F_NO_COMMON_LRU) ? cpus : 1;
	htab->lrus = calloc(htab->lru_cnt, sizeof(*htab->lrus));
	if (!htab->lrus)
		return -ENOMEM;
	for (uint32_t i = 0; i < htab->lru_cnt; i++) {
		struct lru_list *l = &htab->lrus[i];

		pthread_mutex_init(&l->lock, NULL);
		l->head.lru_next = l->head.lru_prev = &l->head;
		l->cap = htab->map.max_entries / htab->lru_cnt;
	}
	return 0;
}

static int htab_map_alloc(const struct bh_map_attr *attr, struct bh_map **out)
{
	struct bh_htab *htab;
	struct bh_map *meta = NULL;
	uint32_t cpus = bh_cpu_count();
	int ret;

	if (attr->map_type == BPF_MAP_TYPE_HASH_OF_MAPS) {
		ret = map_meta_alloc(attr->inner_map, &meta);
		if (ret)
			return ret;
	}
	ret = -ENOMEM;
	htab = calloc(1, sizeof(*htab));
	if (!htab)
		goto err_meta;
	map_init_from_attr(&htab->map, attr);
	htab->map.inner_meta = meta;
	htab->percpu = attr->map_type == BPF_MAP_TYPE_PERCPU_HASH ||
		       attr->map_type == BPF_MAP_TYPE_LRU_PERCPU_HASH;
	htab->lru = attr->map_type == BPF_MAP_TYPE_LRU_HASH ||
		    attr->map_type == BPF_MAP_TYPE_LRU_PERCPU_HASH;
	htab->fd = attr->map_type == BPF_MAP_TYPE_HASH_OF_MAPS;
	if (attr->map_flags & BPF_F_NO_COMMON_LRU) {
		/* every CPU's list gets the same share, at least one */
		uint64_t r = BH_ROUND_UP((uint64_t)attr->max_entries, cpus);

		htab->map.max_entries = r <= UINT32_MAX ? (uint32_t)r
				      : attr->max_entries / cpus * cpus;
	}
	ret = -E2BIG;
	if (htab->map.max_entries > (1U << 31))
		goto err_htab;
	htab->n_buckets = roundup_pow2(htab->map.max_entries);
	htab->key_sz8 = map_round8(attr->key_size);
	htab->value_sz8 = map_round8(attr->value_size);
	htab->hashrnd = (attr->map_flags & BPF_F_ZERO_SEED) ? 0 : seed_random();
	ret = -ENOMEM;
	htab->buckets = calloc(htab->n_buckets, sizeof(*htab->buckets));
	if (!htab->buckets)
		goto err_htab;
	for (uint32_t i = 0; i < htab->n_buckets; i++)
		pthread_spin_init(&htab->buckets[i].lock, PTHREAD_PROCESS_PRIVATE);
	if (htab->lru && htab_init_lru(htab))
		goto err_buckets;
	*out = &htab->map;
	return 0;

err_buckets:
	free(htab->buckets);
err_htab:
	free(htab);
err_meta:
	map_meta_free(meta);
	return ret;
}

/* Free an element nobody can see any more. */
static void elem_free_now(struct bh_htab *htab, struct htab_elem *l)
{
	if (htab->percpu)
		free(elem_pptr(htab, l));
	else if (htab->fd)
		obj_put(&((struct bh_map *)elem_obj(htab, l))->obj);
	free(l);
}

enum { OWNS_NOTHING, OWNS_PCPU, OWNS_MAP, OWNS_TIMER };

/* The grace-period callback knows nothing of the map, which may be gone. */
static void elem_free_rcu_cb(struct rcu_head *head)
{
	struct htab_elem *l = bh_container_of(head, struct htab_elem, rcu);

	bh_rcu_callback_begin(head);
	if (l->owned_kind == OWNS_PCPU)
		free(l->owned);
	else if (l->owned_kind == OWNS_MAP)
		obj_put(&((struct bh_map *)l->owned)->obj);
	else if (l->owned_kind == OWNS_TIMER)
		/* a program that found the element before it was unlinked may
		 * have initialised its timer since: free that one too (the
		 * kernel's htab_mem_dtor), after its callback if running */
		timer_cancel_and_free(l->owned, true);
	free(l);
}

/* Free @l after a grace period; it must already be unlinked everywhere. */
static void elem_free_rcu(struct bh_htab *htab, struct htab_elem *l)
{
	l->owned_kind = OWNS_NOTHING;
	if (htab->percpu) {
		l->owned = elem_pptr(htab, l);
		l->owned_kind = OWNS_PCPU;
	} else if (htab->fd) {
		l->owned = elem_obj(htab, l);
		l->owned_kind = OWNS_MAP;
	} else if (htab->map.timer_off >= 0) {
		/* bpf_obj_free_fields(): the timer goes with the element */
		l->owned = (uint8_t *)elem_value(htab, l) + htab->map.timer_off;
		l->owned_kind = OWNS_TIMER;
		timer_cancel_and_free(l->owned, false);
	}
	bh_rcu_call(&l->rcu, elem_free_rcu_cb);
}

static void htab_map_free(struct bh_map *map)
{
	struct bh_htab *htab = to_htab(map);

	for (uint32_t i = 0; i < htab->n_buckets; i++) {
		/* relaxed: no other thread can see the map */
		struct htab_elem *l = atomic_load_explicit(
			&htab->buckets[i].head, memory_order_relaxed);

		while (l) {
			struct htab_elem *next = atomic_load_explicit(
				&l->next, memory_order_relaxed);

			/* no timer left: map_release() freed the map's */
			elem_free_now(htab, l);
			l = next;
		}
		pthread_spin_destroy(&htab->buckets[i].lock);
	}
	for (uint32_t i = 0; i < htab->lru_cnt; i++)
		pthread_mutex_destroy(&htab->lrus[i].lock);
	free(htab->lrus);
	free(htab->buckets);
	free(htab);
}

static uint64_t htab_map_mem_usage(const struct bh_map *map)
{
	const struct bh_htab *htab =
		bh_container_of(map, const struct bh_htab, map);
	uint64_t elem = sizeof(struct htab_elem) + htab->key_sz8 +
			(htab->percpu || htab->fd ? 8 : htab->value_sz8);

	if (htab->percpu)
		elem += (uint64_t)htab->value_sz8 * bh_cpu_count();
	return sizeof(*htab) + (uint64_t)htab->n_buckets * sizeof(struct bucket) +
	       (uint64_t)map->max_entries * elem;
}

/* ---- Lookups --------------------------------------------------------------------- */

static uint32_t htab_hash(const struct bh_htab *htab, const void *key)
{
	return map_jhash(key, htab->map.key_size, htab->hashrnd);
}

static struct bucket *select_bucket(struct bh_htab *htab, uint32_t hash)
{
	return &htab->buckets[hash & (htab->n_buckets - 1)];
}

/* Walk a chain (under RCU or the bucket lock) for @key. */
static struct htab_elem *chain_find(struct bucket *b, uint32_t hash,
				    const void *key, uint32_t key_size)
{
	/* acquire: pairs with the release stores that publish elements */
	struct htab_elem *l = atomic_load_explicit(&b->head, memory_order_acquire);

	for (; l; l = atomic_load_explicit(&l->next, memory_order_acquire))
		if (l->hash == hash && !memcmp(l->key, key, key_size))
			return l;
	return NULL;
}

static struct htab_elem *htab_find(struct bh_htab *htab, const void *key)
{
	uint32_t hash = htab_hash(htab, key);

	return chain_find(select_bucket(htab, hash), hash, key,
			  htab->map.key_size);
}

static void *htab_map_lookup_elem(struct bh_map *map, const void *key)
{
	struct htab_elem *l = htab_find(to_htab(map), key);

	return l ? elem_value(to_htab(map), l) : NULL;
}

static void lru_mark(struct htab_elem *l)
{
	/* relaxed: the reference bit is only a hint for eviction */
	if (!atomic_load_explicit(&l->ref, memory_order_relaxed))
		atomic_store_explicit(&l->ref, 1, memory_order_relaxed);
}

static void *htab_lru_map_lookup_elem(struct bh_map *map, const void *key)
{
	struct htab_elem *l = htab_find(to_htab(map), key);

	if (!l)
		return NULL;
	lru_mark(l);
	return elem_value(to_htab(map), l);
}

static void *htab_percpu_lookup_percpu(struct bh_map *map, const void *key,
				       uint32_t cpu)
{
	struct bh_htab *htab = to_htab(map);
	struct htab_elem *l;

	if (cpu >= bh_cpu_count())
		return NULL;
	l = htab_find(htab, key);
	if (!l)
		return NULL;
	if (htab->lru)
		lru_mark(l);
	return elem_pptr(htab, l) + (size_t)cpu * htab->value_sz8;
}

static void *htab_percpu_map_lookup_elem(struct bh_map *map, const void *key)
{
	return htab_percpu_lookup_percpu(map, key, bh_cpu_current());
}

static void *htab_of_map_lookup_elem(struct bh_map *map, const void *key)
{
	struct htab_elem *l = htab_find(to_htab(map), key);

	return l ? elem_obj(to_htab(map), l) : NULL;
}

/* Copy an element's value out the way the host sees it (BPF_F_LOCK in
 * @flags: under the value's lock); a lock or timer reads as zero. */
static void elem_copy_out(struct bh_htab *htab, struct htab_elem *l, void *dst,
			  uint64_t flags)
{
	if (flags & BPF_F_LOCK) {
		map_value_read_locked(&htab->map, dst, elem_value(htab, l));
		return;
	}
	if (htab->percpu) {
		uint32_t cpus = bh_cpu_count();

		map_value_read(dst, elem_pptr(htab, l),
			       (size_t)cpus * htab->value_sz8);
	} else if (htab->fd) {
		uint32_t id = ((struct bh_map *)elem_obj(htab, l))->obj.id;

		memcpy(dst, &id, sizeof(id));
	} else {
		map_value_read(dst, elem_value(htab, l), htab->map.value_size);
		map_value_zero_fields(&htab->map, dst);
	}
}

/* Host lookup: no LRU reference bit (htab_lru_map_lookup_elem_sys). */
static int htab_copy_value(struct bh_map *map, const void *key, void *value)
{
	struct bh_htab *htab = to_htab(map);
	struct htab_elem *l = htab_find(htab, key);

	if (!l)
		return -ENOENT;
	elem_copy_out(htab, l, value, 0);
	return 0;
}

static int htab_map_get_next_key(struct bh_map *map, const void *key,
				 void *next_key)
{
	struct bh_htab *htab = to_htab(map);
	struct htab_elem *l = NULL, *next;
	uint32_t i = 0;

	if (key) {
		uint32_t hash = htab_hash(htab, key);

		l = chain_find(select_bucket(htab, hash), hash, key,
			       map->key_size);
		if (l) {
			next = atomic_load_explicit(&l->next,
						    memory_order_acquire);
			if (next) {
				memcpy(next_key, next->key, map->key_size);
				return 0;
			}
			i = (hash & (htab->n_buckets - 1)) + 1;
		}
	}
	for (; i < htab->n_buckets; i++) {
		next = atomic_load_explicit(&htab->buckets[i].head,
					    memory_order_acquire);
		if (next) {
			memcpy(next_key, next->key, map->key_size);
			return 0;
		}
	}
	return -ENOENT;
}

/* ---- Writing chains (bucket lock held) ---------------------------------------- */

static void chain_add_head(struct bucket *b, struct htab_elem *l)
{
	/* relaxed: l is not visible yet; release: publishes l's contents */
	atomic_store_explicit(&l->next,
			      atomic_load_explicit(&b->head, memory_order_relaxed),
			      memory_order_relaxed);
	atomic_store_explicit(&b->head, l, memory_order_release);
}

/* Unlink @l; returns false when it is not in the chain. */
static bool chain_del(struct bucket *b, struct htab_elem *l)
{
	_Atomic(struct htab_elem *) *pp = &b->head;
	struct htab_elem *cur;

	/* relaxed: we hold the bucket lock, the only writer */
	while ((cur = atomic_load_explicit(pp, memory_order_relaxed))) {
		if (cur == l) {
			/* release: readers past this point see a whole chain */
			atomic_store_explicit(
				pp,
				atomic_load_explicit(&l->next, memory_order_relaxed),
				memory_order_release);
			return true;
		}
		pp = &cur->next;
	}
	return false;
}

static int check_flags(struct htab_elem *l_old, uint64_t flags)
{
	if (l_old && (flags & ~(uint64_t)BPF_F_LOCK) == BPF_NOEXIST)
		return -EEXIST; /* elem already exists */
	if (!l_old && (flags & ~(uint64_t)BPF_F_LOCK) == BPF_EXIST)
		return -ENOENT; /* elem doesn't exist, cannot update it */
	return 0;
}

/* Allocate an element for @key (value filled by the caller). */
static struct htab_elem *elem_alloc(struct bh_htab *htab, const void *key,
				    uint32_t hash)
{
	size_t vsz = htab->percpu || htab->fd ? sizeof(void *) : htab->value_sz8;
	struct htab_elem *l = calloc(1, sizeof(*l) + htab->key_sz8 + vsz);

	if (!l)
		return NULL;
	memcpy(l->key, key, htab->map.key_size);
	l->hash = hash;
	if (htab->percpu) {
		void *pptr = calloc(bh_cpu_count(), htab->value_sz8);

		if (!pptr) {
			free(l);
			return NULL;
		}
		memcpy(elem_value(htab, l), &pptr, sizeof(pptr));
	}
	return l;
}

/*
 * Per-CPU value write: all CPUs from a host buffer (round_up(value_size, 8)
 * per CPU), or only the current CPU's from a program (value_size bytes;
 * the others are zeroed when @fresh).
 */
static void pcpu_copy_value(struct bh_htab *htab, struct htab_elem *l,
			    const void *value, bool onallcpus, bool fresh)
{
	uint8_t *pptr = elem_pptr(htab, l);
	uint32_t cpus = bh_cpu_count(), cur = bh_cpu_current();

	if (onallcpus) {
		map_value_write(pptr, value, (size_t)cpus * htab->value_sz8);
		return;
	}
	for (uint32_t cpu = 0; cpu < cpus; cpu++) {
		uint8_t *dst = pptr + (size_t)cpu * htab->value_sz8;

		if (cpu == cur)
			map_value_write(dst, value, htab->map.value_size);
		else if (fresh)
			map_value_zero(dst, htab->value_sz8);
	}
}

static void fill_value(struct bh_htab *htab, struct htab_elem *l,
		       const void *value, bool onallcpus)
{
	if (htab->percpu)
		pcpu_copy_value(htab, l, value, onallcpus, true);
	else if (htab->fd)
		memcpy(elem_value(htab, l), value, sizeof(void *));
	else {
		memcpy(elem_value(htab, l), value, htab->map.value_size);
		map_value_zero_fields(&htab->map, elem_value(htab, l));
	}
}

static bool count_inc(struct bh_htab *htab)
{
	/* relaxed: a bound, not a publication */
	if (atomic_fetch_add_explicit(&htab->count, 1, memory_order_relaxed) >=
	    htab->map.max_entries) {
		atomic_fetch_sub_explicit(&htab->count, 1, memory_order_relaxed);
		return false;
	}
	return true;
}

static void count_dec(struct bh_htab *htab)
{
	atomic_fetch_sub_explicit(&htab->count, 1, memory_order_relaxed);
}

/* ---- Non-LRU updates -------------------------------------------------------------- */

/*
 * htab_map_update_elem(): a new element replaces the old one.  @value is
 * the value bytes (fd maps: a pointer to the inner map pointer).
 */
static int htab_update(struct bh_map *map, const void *key, const void *value,
		       uint64_t flags, bool onallcpus)
{
	struct bh_htab *htab = to_htab(map);
	uint32_t hash;
	struct bucket *b;
	struct htab_elem *l_old, *l_new;
	int ret;

	if ((flags & ~(uint64_t)BPF_F_LOCK) > BPF_EXIST)
		return -EINVAL;
	hash = htab_hash(htab, key);
	b = select_bucket(htab, hash);
	if (flags & BPF_F_LOCK) {
		if (!map_has_spin_lock(map))
			return -EINVAL;
		/* an existing element is updated in place under its own
		 * lock, without the bucket's (readers hold RCU) */
		l_old = chain_find(b, hash, key, map->key_size);
		ret = check_flags(l_old, flags);
		if (ret)
			return ret;
		if (l_old) {
			map_value_write_locked(map, elem_value(htab, l_old), value);
			return 0;
		}
		/* not there: insert under the bucket lock, looking again */
	}
	pthread_spin_lock(&b->lock);
	l_old = chain_find(b, hash, key, map->key_size);
	ret = check_flags(l_old, flags);
	if (ret)
		goto out;
	if (l_old && (flags & BPF_F_LOCK)) {
		/* inserted meanwhile: in place, bucket lock then value lock */
		map_value_write_locked(map, elem_value(htab, l_old), value);
		goto out;
	}
	if (htab->percpu && l_old) {
		/* per-CPU values are updated in place */
		pcpu_copy_value(htab, l_old, value, onallcpus, false);
		goto out;
	}
	if (htab->fd && l_old) {
		/* inner maps are swapped in place, as Linux does */
		void *old = __atomic_exchange_n((void **)elem_value(htab, l_old),
						*(void *const *)value,
						__ATOMIC_ACQ_REL);

		map_put_deferred(&((struct bh_map *)old)->obj);
		goto out;
	}
	ret = -E2BIG;
	if (!l_old && !count_inc(htab))
		goto out;
	ret = -ENOMEM;
	l_new = elem_alloc(htab, key, hash);
	if (!l_new) {
		if (!l_old)
			count_dec(htab);
		goto out;
	}
	fill_value(htab, l_new, value, onallcpus);
	chain_add_head(b, l_new);
	if (l_old) {
		chain_del(b, l_old);
		elem_free_rcu(htab, l_old);
	}
	ret = 0;
out:
	pthread_spin_unlock(&b->lock);
	return ret;
}

static int htab_map_update_elem(struct bh_map *map, const void *key,
				const void *value, uint64_t flags)
{
	if (to_htab(map)->percpu && flags > BPF_EXIST)
		return -EINVAL;
	return htab_update(map, key, value, flags, false);
}

static int htab_percpu_sys_update(struct bh_map *map, const void *key,
				  const void *value, uint64_t flags)
{
	if (flags > BPF_EXIST)
		return -EINVAL;
	return htab_update(map, key, value, flags, true);
}

/* Find and unlink @key under its bucket lock; the caller frees. */
static struct htab_elem *htab_unlink_key(struct bh_htab *htab, const void *key)
{
	uint32_t hash = htab_hash(htab, key);
	struct bucket *b = select_bucket(htab, hash);
	struct htab_elem *l;

	pthread_spin_lock(&b->lock);
	l = chain_find(b, hash, key, htab->map.key_size);
	if (l)
		chain_del(b, l);
	pthread_spin_unlock(&b->lock);
	return l;
}

static void lru_release(struct bh_htab *htab, struct htab_elem *l);

/* Everything after an element left its chain: LRU, count, free. */
static void elem_retire(struct bh_htab *htab, struct htab_elem *l)
{
	if (htab->lru)
		lru_release(htab, l);
	else
		count_dec(htab);
	elem_free_rcu(htab, l);
}

static int htab_map_delete_elem(struct bh_map *map, const void *key)
{
	struct bh_htab *htab = to_htab(map);
	struct htab_elem *l = htab_unlink_key(htab, key);

	if (!l)
		return -ENOENT;
	elem_retire(htab, l);
	return 0;
}

static int htab_lookup_and_delete(struct bh_map *map, const void *key,
				  void *value, uint64_t flags)
{
	struct bh_htab *htab = to_htab(map);
	struct htab_elem *l;

	/* BPF_F_LOCK without a lock never gets here (bh_map__*) */
	l = htab_unlink_key(htab, key);
	if (!l)
		return -ENOENT;
	elem_copy_out(htab, l, value, flags);
	elem_retire(htab, l);
	return 0;
}

/* HASH_OF_MAPS: the host stores an inner map by id. */
static int fd_htab_sys_update(struct bh_map *map, const void *key,
			      const void *value, uint64_t flags)
{
	struct bh_map *inner;
	uint32_t id;
	int ret;

	memcpy(&id, value, sizeof(id));
	ret = map_fd_get_inner(map, id, &inner);
	if (ret)
		return ret;
	ret = htab_update(map, key, &inner, flags, false);
	if (ret)
		map_ref_put(inner);
	return ret;
}

/*
 * ---- LRU -----------------------------------------------------------------------------
 *
 * Every element of an LRU map is on one LRU list from its reservation to
 * its retirement.  Protocol (all state changes under the list's lock):
 *
 *   update:  lru_reserve()  cnt++, evicting first if the list is full;
 *                           the new element is linked RESERVED
 *            bucket lock: insert (or fail: lru_unreserve, free)
 *            lru lock: RESERVED -> LIVE (unless retired meanwhile)
 *   delete:  bucket lock: unlink; then lru_release(): unless GONE, unlink
 *            from the list, cnt--, GONE; the deleter frees the element
 *   evict:   (list lock held) from the oldest: a referenced element gets
 *            a second chance; a RESERVED one is skipped; a LIVE one is
 *            unlinked from its bucket (bucket lock inside the list lock)
 *            and freed by the evictor, or, when a deleter got it out of
 *            its bucket first, only released from the list.
 *
 * Which element is evicted differs from the kernel's bpf_lru_list (which
 * has per-CPU free caches, active/inactive lists and batch shrinking); the
 * bound (at most max_entries) and "recently used survives" hold for both.
 */

static void lru_unlink(struct lru_list *lru, struct htab_elem *l)
{
	l->lru_prev->lru_next = l->lru_next;
	l->lru_next->lru_prev = l->lru_prev;
	l->lru_prev = l->lru_next = NULL;
	l->lru_state = LRU_GONE;
	lru->cnt--;
}

static void lru_link_head(struct lru_list *lru, struct htab_elem *l)
{
	l->lru_next = lru->head.lru_next;
	l->lru_prev = &lru->head;
	lru->head.lru_next->lru_prev = l;
	lru->head.lru_next = l;
}

/* Evict one element of @lru (lock held); false when none could go. */
static bool lru_evict_one(struct bh_htab *htab, struct lru_list *lru)
{
	uint32_t budget = 2 * lru->cnt + 2;
	struct htab_elem *l = lru->head.lru_prev;

	while (l != &lru->head && budget--) {
		struct htab_elem *prev = l->lru_prev;
		struct bucket *b;
		bool unlinked;

		if (l->lru_state == LRU_RESERVED) {
			l = prev;
			continue;
		}
		if (atomic_exchange_explicit(&l->ref, 0, memory_order_relaxed)) {
			/* second chance: move to the head */
			l->lru_prev->lru_next = l->lru_next;
			l->lru_next->lru_prev = l->lru_prev;
			lru_link_head(lru, l);
			l = prev;
			continue;
		}
		b = select_bucket(htab, l->hash);
		pthread_spin_lock(&b->lock);
		unlinked = chain_del(b, l);
		pthread_spin_unlock(&b->lock);
		lru_unlink(lru, l);
		if (unlinked)
			elem_free_rcu(htab, l);
		return true;
	}
	return false;
}

static struct lru_list *lru_of_cpu(struct bh_htab *htab)
{
	return &htab->lrus[htab->lru_cnt > 1 ? bh_cpu_current() % htab->lru_cnt
					     : 0];
}

/* Reserve room and allocate an element for @key, evicting if full. */
static struct htab_elem *lru_reserve(struct bh_htab *htab, const void *key,
				     uint32_t hash)
{
	struct lru_list *lru = lru_of_cpu(htab);
	struct htab_elem *l = elem_alloc(htab, key, hash);

	if (!l)
		return NULL;
	pthread_mutex_lock(&lru->lock);
	if (lru->cnt >= lru->cap && !lru_evict_one(htab, lru)) {
		pthread_mutex_unlock(&lru->lock);
		elem_free_now(htab, l);
		return NULL;
	}
	lru->cnt++;
	l->lru_idx = (uint16_t)(lru - htab->lrus);
	l->lru_state = LRU_RESERVED;
	lru_link_head(lru, l);
	pthread_mutex_unlock(&lru->lock);
	return l;
}

/* A reserved element was inserted: make it evictable. */
static void lru_commit(struct bh_htab *htab, struct htab_elem *l, bool ref)
{
	struct lru_list *lru = &htab->lrus[l->lru_idx];

	pthread_mutex_lock(&lru->lock);
	if (l->lru_state == LRU_RESERVED)
		l->lru_state = LRU_LIVE;
	if (ref)
		atomic_store_explicit(&l->ref, 1, memory_order_relaxed);
	pthread_mutex_unlock(&lru->lock);
}

static void lru_release(struct bh_htab *htab, struct htab_elem *l)
{
	struct lru_list *lru = &htab->lrus[l->lru_idx];

	pthread_mutex_lock(&lru->lock);
	if (l->lru_state != LRU_GONE)
		lru_unlink(lru, l);
	pthread_mutex_unlock(&lru->lock);
}

/* htab_lru_map_update_elem() and its per-CPU variant. */
static int htab_lru_update(struct bh_map *map, const void *key,
			   const void *value, uint64_t flags, bool onallcpus)
{
	struct bh_htab *htab = to_htab(map);
	struct htab_elem *l_new = NULL, *l_old;
	uint32_t hash;
	struct bucket *b;
	int ret;

	if (flags > BPF_EXIST)
		return -EINVAL;
	hash = htab_hash(htab, key);
	b = select_bucket(htab, hash);
	/* Reserve before the bucket lock: eviction takes bucket locks. */
	if (!htab->percpu || flags != BPF_EXIST) {
		l_new = lru_reserve(htab, key, hash);
		if (!l_new)
			return -ENOMEM;
		fill_value(htab, l_new, value, onallcpus);
	}
	pthread_spin_lock(&b->lock);
	l_old = chain_find(b, hash, key, map->key_size);
	ret = check_flags(l_old, flags);
	if (ret)
		goto out;
	if (htab->percpu && l_old) {
		lru_mark(l_old);
		pcpu_copy_value(htab, l_old, value, onallcpus, false);
		goto out;
	}
	chain_add_head(b, l_new);
	if (l_old)
		chain_del(b, l_old);
out:
	pthread_spin_unlock(&b->lock);
	if (!ret && l_new && !(htab->percpu && l_old)) {
		lru_commit(htab, l_new, l_old != NULL);
		l_new = NULL;
		if (l_old) {
			lru_release(htab, l_old);
			elem_free_rcu(htab, l_old);
		}
	}
	if (l_new) { /* not inserted: give the room back */
		lru_release(htab, l_new);
		elem_free_now(htab, l_new);
	}
	return ret;
}

static int htab_lru_map_update_elem(struct bh_map *map, const void *key,
				    const void *value, uint64_t flags)
{
	return htab_lru_update(map, key, value, flags, false);
}

static int htab_lru_percpu_sys_update(struct bh_map *map, const void *key,
				      const void *value, uint64_t flags)
{
	return htab_lru_update(map, key, value, flags, true);
}

/* ---- Batches (bucket positions) -------------------------------------------------- */

static uint32_t chain_len(struct bucket *b)
{
	uint32_t n = 0;

	for (struct htab_elem *l = atomic_load_explicit(&b->head, memory_order_relaxed);
	     l; l = atomic_load_explicit(&l->next, memory_order_relaxed))
		n++;
	return n;
}

/*
 * Copy (and delete) one bucket's elements at @total in the caller's arrays;
 * -ENOSPC-style refusal when they do not fit is the caller's business.
 */
static void batch_bucket(struct bh_htab *htab, struct bucket *b,
			 struct bh_map_batch *bt, uint32_t total, bool del,
			 struct htab_elem **retired)
{
	size_t ksz = htab->map.key_size, vsz = map_host_value_size(&htab->map);
	struct htab_elem *l = atomic_load_explicit(&b->head, memory_order_relaxed);

	for (uint32_t i = total; l; i++) {
		struct htab_elem *next =
			atomic_load_explicit(&l->next, memory_order_relaxed);

		memcpy((uint8_t *)bt->keys + i * ksz, l->key, ksz);
		/* under the bucket lock, BPF_F_LOCK: and the value's */
		elem_copy_out(htab, l, (uint8_t *)bt->values + i * vsz,
			      bt->elem_flags);
		if (del) {
			chain_del(b, l);
			/* LRU: retire outside the bucket lock (lock order) */
			if (htab->lru) {
				l->batch_next = *retired;
				*retired = l;
			} else {
				elem_retire(htab, l);
			}
		}
		l = next;
	}
}

static int htab_batch(struct bh_map *map, struct bh_map_batch *bt, bool del)
{
	struct bh_htab *htab = to_htab(map);
	uint32_t max = bt->count, total = 0, batch = 0;
	int ret = 0;

	if (!map_elem_flags_ok(map, bt->elem_flags) || bt->flags)
		return -EINVAL;
	if (!max)
		return 0;
	bt->count = 0;
	if (bt->in_batch)
		memcpy(&batch, bt->in_batch, sizeof(batch));
	if (batch >= htab->n_buckets)
		return -ENOENT;
	for (;;) {
		struct bucket *b = &htab->buckets[batch];
		struct htab_elem *retired = NULL;
		uint32_t cnt;

		pthread_spin_lock(&b->lock);
		cnt = chain_len(b);
		if (cnt > max - total) {
			pthread_spin_unlock(&b->lock);
			if (!total)
				ret = -ENOSPC;
			break;
		}
		batch_bucket(htab, b, bt, total, del, &retired);
		pthread_spin_unlock(&b->lock);
		while (retired) {
			struct htab_elem *next = retired->batch_next;

			lru_release(htab, retired);
			elem_free_rcu(htab, retired);
			retired = next;
		}
		total += cnt;
		if (++batch >= htab->n_buckets) {
			ret = -ENOENT;
			break;
		}
	}
	memcpy(bt->out_batch, &batch, sizeof(batch));
	bt->count = total;
	return ret;
}

static int htab_lookup_batch(struct bh_map *map, struct bh_map_batch *bt)
{
	return htab_batch(map, bt, false);
}

static int htab_lookup_and_delete_batch(struct bh_map *map,
					struct bh_map_batch *bt)
{
	return htab_batch(map, bt, true);
}

static long htab_for_each(struct bh_map *map, bh_map_for_each_fn fn,
			  void *ctx, uint64_t flags)
{
	struct bh_htab *htab = to_htab(map);
	long n = 0;

	if (flags)
		return -EINVAL;
	for (uint32_t i = 0; i < htab->n_buckets; i++) {
		struct htab_elem *l = atomic_load_explicit(
			&htab->buckets[i].head, memory_order_acquire);

		for (; l; l = atomic_load_explicit(&l->next, memory_order_acquire)) {
			void *val = htab->percpu
				? elem_pptr(htab, l) +
					  (size_t)bh_cpu_current() * htab->value_sz8
				: elem_value(htab, l);

			n++;
			if (fn(map, l->key, val, ctx))
				return n;
		}
	}
	return n;
}

#define HTAB_COMMON_OPS                                      \
	.alloc_check = htab_map_alloc_check,                 \
	.alloc = htab_map_alloc,                             \
	.free = htab_map_free,                               \
	.get_next_key = htab_map_get_next_key,               \
	.copy_value = htab_copy_value,                       \
	.lookup_and_delete = htab_lookup_and_delete,         \
	.lookup_batch = htab_lookup_batch,                   \
	.lookup_and_delete_batch = htab_lookup_and_delete_batch, \
	.update_batch = map_generic_update_batch,            \
	.delete_batch = map_generic_delete_batch,            \
	.mem_usage = htab_map_mem_usage,                     \
	.delete = htab_map_delete_elem,                      \
	.for_each = htab_for_each,                           \
	.meta_equal = map_meta_equal

const struct bh_map_ops htab_map_ops = {
	HTAB_COMMON_OPS,
	.lookup = htab_map_lookup_elem,
	.update = htab_map_update_elem,
};

const struct bh_map_ops htab_percpu_map_ops = {
	HTAB_COMMON_OPS,
	.sys_update = htab_percpu_sys_update,
	.lookup = htab_percpu_map_lookup_elem,
	.update = htab_map_update_elem,
	.lookup_percpu = htab_percpu_lookup_percpu,
};

const struct bh_map_ops htab_lru_map_ops = {
	HTAB_COMMON_OPS,
	.lookup = htab_lru_map_lookup_elem,
	.update = htab_lru_map_update_elem,
};

const struct bh_map_ops htab_lru_percpu_map_ops = {
	HTAB_COMMON_OPS,
	.sys_update = htab_lru_percpu_sys_update,
	.lookup = htab_percpu_map_lookup_elem,
	.update = htab_lru_map_update_elem,
	.lookup_percpu = htab_percpu_lookup_percpu,
};

const struct bh_map_ops htab_of_maps_map_ops = {
	.alloc_check = fd_htab_map_alloc_check,
	.alloc = htab_map_alloc,
	.free = htab_map_free,
	.get_next_key = htab_map_get_next_key,
	.copy_value = htab_copy_value,
	.sys_update = fd_htab_sys_update,
	.lookup_batch = htab_lookup_batch,
	.lookup_and_delete_batch = htab_lookup_and_delete_batch,
	.update_batch = map_generic_update_batch,
	.delete_batch = map_generic_delete_batch,
	.mem_usage = htab_map_mem_usage,
	.lookup = htab_of_map_lookup_elem,
	.update = map_update_einval,
	.delete = htab_map_delete_elem,
	/* no meta_equal: a map-in-map cannot be an inner map */
};
