/* SPDX-License-Identifier: MIT */
/*
 * maps/lpm_trie.c - LPM_TRIE: longest-prefix match over keys
 * { u32 prefixlen; u8 data[key_size - 4]; } (struct bpf_lpm_trie_key_u8).
 *
 * The trie is the kernel's: a binary tree where each node holds a prefix;
 * a child's prefix extends its parent's, child[b] taking the bit after the
 * parent's prefix.  Intermediate nodes (IM) join two subtrees whose
 * prefixes diverge; they hold no value and always have two children.
 *
 *	        10.0.0.0/8
 *	        /        \
 *	  (IM 10.0.0.0/23) 10.128.0.0/9
 *	    /        \
 *	10.0.0.0/24  10.0.1.0/24
 *
 * Node data is stored as given (bits beyond the prefix included), and
 * get_next_key walks in the kernel's post-order (more specific first), so
 * iteration is the kernel's.
 *
 * Concurrency: lookups walk under RCU (acquire loads of child pointers);
 * updates and deletes take the trie's mutex (rank 40) and free replaced
 * nodes after a grace period.
 */
#include <stdlib.h>
#include <string.h>

#include "core/rcu.h"
#include "maps/internal.h"

#define LPM_DATA_SIZE_MAX 256
#define LPM_DATA_SIZE_MIN 1
#define LPM_NODE_SIZE 24 /* sizeof(struct lpm_trie_node) in Linux 6.13+ */
#define LPM_VAL_SIZE_MAX (BH_KMALLOC_MAX_SIZE - LPM_DATA_SIZE_MAX - LPM_NODE_SIZE)
#define LPM_KEY_SIZE_MIN (4 + LPM_DATA_SIZE_MIN)
#define LPM_KEY_SIZE_MAX (4 + LPM_DATA_SIZE_MAX)
#define LPM_CREATE_FLAG_MASK \
	(BPF_F_NO_PREALLOC | BPF_F_NUMA_NODE | BH_MAP_ACCESS_MASK)
#define LPM_IM 1U /* intermediate node flag */

struct lpm_node {
	struct rcu_head rcu;
	_Atomic(struct lpm_node *) child[2]; /* RCU; trie lock to write */
	uint32_t prefixlen;                  /* immutable */
	uint32_t flags;                      /* trie lock */
	uint8_t *value;                      /* after data; NULL for IM */
	uint8_t data[] __attribute__((aligned(8)));
};

struct bh_lpm_trie {
	struct bh_map map;
	pthread_mutex_t lock; /* rank 40: n_entries and all child writes */
	_Atomic(struct lpm_node *) root;
	uint32_t n_entries;
	uint32_t data_size;      /* immutable */
	uint32_t max_prefixlen;  /* immutable */
};

static struct bh_lpm_trie *to_trie(struct bh_map *map)
{
	return bh_container_of(map, struct bh_lpm_trie, map);
}

static struct lpm_node *rd(_Atomic(struct lpm_node *) *p)
{
	/* acquire: pairs with the release in wr() */
	return atomic_load_explicit(p, memory_order_acquire);
}

static void wr(_Atomic(struct lpm_node *) *p, struct lpm_node *n)
{
	atomic_store_explicit(p, n, memory_order_release);
}

static uint32_t key_prefixlen(const void *key)
{
	uint32_t p;

	memcpy(&p, key, 4);
	return p;
}

static const uint8_t *key_data(const void *key)
{
	return (const uint8_t *)key + 4;
}

static unsigned int extract_bit(const uint8_t *data, uint32_t index)
{
	return !!(data[index / 8] & (1 << (7 - (index % 8))));
}

/* Bits of @node's prefix that match @key, up to the shorter prefix. */
static uint32_t longest_prefix_match(const struct bh_lpm_trie *trie,
				     const struct lpm_node *node,
				     const void *key)
{
	uint32_t limit = BH_MIN(node->prefixlen, key_prefixlen(key));
	const uint8_t *kd = key_data(key);
	uint32_t prefixlen = 0;

	for (uint32_t i = 0; i < trie->data_size; i++) {
		uint8_t diff = node->data[i] ^ kd[i];

		if (diff) {
			prefixlen += (uint32_t)__builtin_clz(diff) - 24;
			return BH_MIN(prefixlen, limit);
		}
		prefixlen += 8;
		if (prefixlen >= limit)
			return limit;
	}
	return BH_MIN(prefixlen, limit);
}

static struct lpm_node *node_alloc(struct bh_lpm_trie *trie, const void *value)
{
	size_t vsz = value ? trie->map.value_size : 0;
	struct lpm_node *n = calloc(1, sizeof(*n) +
					       BH_ROUND_UP(trie->data_size, 8) + vsz);

	if (!n)
		return NULL;
	if (value) {
		n->value = n->data + BH_ROUND_UP(trie->data_size, 8);
		memcpy(n->value, value, trie->map.value_size);
	}
	return n;
}

static void node_free_cb(struct rcu_head *head)
{
	bh_rcu_callback_begin(head);
	free(bh_container_of(head, struct lpm_node, rcu));
}

static void node_free_rcu(struct lpm_node *n)
{
	if (n)
		bh_rcu_call(&n->rcu, node_free_cb);
}

/* ---- Creation ---------------------------------------------------------------- */

static int trie_alloc(const struct bh_map_attr *attr, struct bh_map **out)
{
	struct bh_lpm_trie *trie;

	if (!attr->max_entries || !(attr->map_flags & BPF_F_NO_PREALLOC) ||
	    (attr->map_flags & ~LPM_CREATE_FLAG_MASK) ||
	    !map_flags_access_ok(attr->map_flags) ||
	    attr->key_size < LPM_KEY_SIZE_MIN ||
	    attr->key_size > LPM_KEY_SIZE_MAX || !attr->value_size ||
	    attr->value_size > LPM_VAL_SIZE_MAX)
		return -EINVAL;
	trie = calloc(1, sizeof(*trie));
	if (!trie)
		return -ENOMEM;
	map_init_from_attr(&trie->map, attr);
	pthread_mutex_init(&trie->lock, NULL);
	trie->data_size = attr->key_size - 4;
	trie->max_prefixlen = trie->data_size * 8;
	*out = &trie->map;
	return 0;
}

static void free_subtree(struct lpm_node *n)
{
	if (!n)
		return;
	free_subtree(atomic_load_explicit(&n->child[0], memory_order_relaxed));
	free_subtree(atomic_load_explicit(&n->child[1], memory_order_relaxed));
	free(n);
}

static void trie_free(struct bh_map *map)
{
	struct bh_lpm_trie *trie = to_trie(map);

	free_subtree(atomic_load_explicit(&trie->root, memory_order_relaxed));
	pthread_mutex_destroy(&trie->lock);
	free(trie);
}

static uint64_t trie_mem_usage(const struct bh_map *map)
{
	const struct bh_lpm_trie *trie =
		bh_container_of(map, const struct bh_lpm_trie, map);

	return sizeof(*trie) +
	       (uint64_t)trie->n_entries *
		       (sizeof(struct lpm_node) + trie->data_size + map->value_size);
}

/* ---- Lookup ------------------------------------------------------------------ */

static void *trie_lookup_elem(struct bh_map *map, const void *key)
{
	struct bh_lpm_trie *trie = to_trie(map);
	struct lpm_node *node, *found = NULL;

	if (key_prefixlen(key) > trie->max_prefixlen)
		return NULL;
	for (node = rd(&trie->root); node;) {
		uint32_t matchlen = longest_prefix_match(trie, node, key);

		if (matchlen == trie->max_prefixlen) {
			found = node;
			break;
		}
		if (matchlen < node->prefixlen)
			break;
		if (!(node->flags & LPM_IM))
			found = node;
		node = rd(&node->child[extract_bit(key_data(key),
						   node->prefixlen)]);
	}
	return found ? found->value : NULL;
}

/* ---- Update and delete (trie lock held) -------------------------------------- */

/* trie_check_add_elem(): room for one more element? */
static int trie_check_add(struct bh_lpm_trie *trie, uint64_t flags)
{
	if (flags == BPF_EXIST)
		return -ENOENT;
	if (trie->n_entries == trie->map.max_entries)
		return -ENOSPC;
	trie->n_entries++;
	return 0;
}

static int trie_update_locked(struct bh_lpm_trie *trie, const void *key,
			      struct lpm_node *new_node, uint64_t flags,
			      struct lpm_node **free_node)
{
	_Atomic(struct lpm_node *) *slot = &trie->root;
	uint32_t plen = key_prefixlen(key), matchlen = 0;
	struct lpm_node *node, *im;
	int ret;

	while ((node = rd(slot))) {
		matchlen = longest_prefix_match(trie, node, key);
		if (node->prefixlen != matchlen || node->prefixlen == plen)
			break;
		slot = &node->child[extract_bit(key_data(key), node->prefixlen)];
	}
	if (!node) { /* an empty slot: the new node goes there */
		ret = trie_check_add(trie, flags);
		if (!ret)
			wr(slot, new_node);
		return ret;
	}
	if (node->prefixlen == matchlen) { /* same prefix: replace */
		if (!(node->flags & LPM_IM)) {
			if (flags == BPF_NOEXIST)
				return -EEXIST;
		} else {
			ret = trie_check_add(trie, flags);
			if (ret)
				return ret;
		}
		wr(&new_node->child[0], rd(&node->child[0]));
		wr(&new_node->child[1], rd(&node->child[1]));
		wr(slot, new_node);
		*free_node = node;
		return 0;
	}
	ret = trie_check_add(trie, flags);
	if (ret)
		return ret;
	if (matchlen == plen) { /* the new node is an ancestor of node */
		wr(&new_node->child[extract_bit(node->data, matchlen)], node);
		wr(slot, new_node);
		return 0;
	}
	im = node_alloc(trie, NULL);
	if (!im) {
		trie->n_entries--;
		return -ENOMEM;
	}
	im->prefixlen = matchlen;
	im->flags = LPM_IM;
	memcpy(im->data, node->data, trie->data_size);
	if (extract_bit(key_data(key), matchlen)) {
		wr(&im->child[0], node);
		wr(&im->child[1], new_node);
	} else {
		wr(&im->child[0], new_node);
		wr(&im->child[1], node);
	}
	wr(slot, im);
	return 0;
}

static int trie_update_elem(struct bh_map *map, const void *key,
			    const void *value, uint64_t flags)
{
	struct bh_lpm_trie *trie = to_trie(map);
	struct lpm_node *new_node, *free_node = NULL;
	int ret;

	if (flags > BPF_EXIST)
		return -EINVAL;
	if (key_prefixlen(key) > trie->max_prefixlen)
		return -EINVAL;
	new_node = node_alloc(trie, value);
	if (!new_node)
		return -ENOMEM;
	new_node->prefixlen = key_prefixlen(key);
	memcpy(new_node->data, key_data(key), trie->data_size);
	pthread_mutex_lock(&trie->lock);
	ret = trie_update_locked(trie, key, new_node, flags, &free_node);
	pthread_mutex_unlock(&trie->lock);
	if (ret)
		free(new_node);
	node_free_rcu(free_node);
	return ret;
}

static int trie_delete_locked(struct bh_lpm_trie *trie, const void *key,
			      struct lpm_node **free_node,
			      struct lpm_node **free_parent)
{
	_Atomic(struct lpm_node *) *trim = &trie->root, *trim2 = trim;
	struct lpm_node *node, *parent = NULL;
	uint32_t plen = key_prefixlen(key), matchlen = 0;

	while ((node = rd(trim))) {
		matchlen = longest_prefix_match(trie, node, key);
		if (node->prefixlen != matchlen || node->prefixlen == plen)
			break;
		parent = node;
		trim2 = trim;
		trim = &node->child[extract_bit(key_data(key), node->prefixlen)];
	}
	if (!node || node->prefixlen != plen || node->prefixlen != matchlen ||
	    (node->flags & LPM_IM))
		return -ENOENT;
	trie->n_entries--;
	/* Two children: the node stays as an intermediate one. */
	if (rd(&node->child[0]) && rd(&node->child[1])) {
		struct lpm_node *im = node_alloc(trie, NULL);

		/* A fresh IM node, so readers never see value turn NULL. */
		if (!im) {
			node->flags |= LPM_IM;
			return 0;
		}
		im->prefixlen = node->prefixlen;
		im->flags = LPM_IM;
		memcpy(im->data, node->data, trie->data_size);
		wr(&im->child[0], rd(&node->child[0]));
		wr(&im->child[1], rd(&node->child[1]));
		wr(trim, im);
		*free_node = node;
		return 0;
	}
	/* A leaf under an intermediate parent: the parent goes too. */
	if (parent && (parent->flags & LPM_IM) && !rd(&node->child[0]) &&
	    !rd(&node->child[1])) {
		wr(trim2, rd(&parent->child[node == rd(&parent->child[0]) ? 1 : 0]));
		*free_parent = parent;
		*free_node = node;
		return 0;
	}
	/* Zero or one child: move it up. */
	if (rd(&node->child[0]))
		wr(trim, rd(&node->child[0]));
	else
		wr(trim, rd(&node->child[1]));
	*free_node = node;
	return 0;
}

static int trie_delete_elem(struct bh_map *map, const void *key)
{
	struct bh_lpm_trie *trie = to_trie(map);
	struct lpm_node *free_node = NULL, *free_parent = NULL;
	int ret;

	if (key_prefixlen(key) > trie->max_prefixlen)
		return -EINVAL;
	pthread_mutex_lock(&trie->lock);
	ret = trie_delete_locked(trie, key, &free_node, &free_parent);
	pthread_mutex_unlock(&trie->lock);
	node_free_rcu(free_node);
	node_free_rcu(free_parent);
	return ret;
}

/* ---- Iteration: post-order, more specific prefixes first ---------------------- */

static void copy_key(struct bh_lpm_trie *trie, const struct lpm_node *n,
		     void *next_key)
{
	memcpy(next_key, &n->prefixlen, 4);
	memcpy((uint8_t *)next_key + 4, n->data, trie->data_size);
}

static int leftmost(struct bh_lpm_trie *trie, struct lpm_node *root,
		    void *next_key)
{
	struct lpm_node *node = root, *next = NULL;

	/* IM nodes have two children, so a non-IM node is always found. */
	while (node) {
		if (node->flags & LPM_IM) {
			node = rd(&node->child[0]);
		} else {
			next = node;
			node = rd(&node->child[0]);
			if (!node)
				node = rd(&next->child[1]);
		}
	}
	if (!next)
		return -ENOENT;
	copy_key(trie, next, next_key);
	return 0;
}

static int trie_get_next_key(struct bh_map *map, const void *key,
			     void *next_key)
{
	struct bh_lpm_trie *trie = to_trie(map);
	struct lpm_node *root = rd(&trie->root), *node, **stack;
	uint32_t matchlen = 0;
	int sp = -1, ret = -ENOENT;

	if (!root)
		return -ENOENT;
	if (!key || key_prefixlen(key) > trie->max_prefixlen)
		return leftmost(trie, root, next_key);
	stack = malloc((trie->max_prefixlen + 1) * sizeof(*stack));
	if (!stack)
		return -ENOMEM;
	for (node = root; node;) {
		stack[++sp] = node;
		matchlen = longest_prefix_match(trie, node, key);
		if (node->prefixlen != matchlen ||
		    node->prefixlen == key_prefixlen(key))
			break;
		node = rd(&node->child[extract_bit(key_data(key),
						   node->prefixlen)]);
	}
	if (!node || node->prefixlen != matchlen || (node->flags & LPM_IM)) {
		ret = leftmost(trie, root, next_key);
		goto out;
	}
	/* The first node after the match in post-order. */
	node = stack[sp];
	while (sp > 0) {
		struct lpm_node *parent = stack[sp - 1];

		if (rd(&parent->child[0]) == node && rd(&parent->child[1])) {
			ret = leftmost(trie, rd(&parent->child[1]), next_key);
			goto out;
		}
		if (!(parent->flags & LPM_IM)) {
			copy_key(trie, parent, next_key);
			ret = 0;
			goto out;
		}
		node = parent;
		sp--;
	}
out:
	free(stack);
	return ret;
}

const struct bh_map_ops trie_map_ops = {
	.alloc = trie_alloc,
	.free = trie_free,
	.get_next_key = trie_get_next_key,
	.lookup_batch = map_generic_lookup_batch,
	.update_batch = map_generic_update_batch,
	.delete_batch = map_generic_delete_batch,
	.mem_usage = trie_mem_usage,
	.lookup = trie_lookup_elem,
	.update = trie_update_elem,
	.delete = trie_delete_elem,
	.meta_equal = map_meta_equal,
};
