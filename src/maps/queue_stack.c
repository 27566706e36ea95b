/* SPDX-License-Identifier: MIT */
/*
 * maps/queue_stack.c - QUEUE (FIFO) and STACK (LIFO): no keys, values pushed
 * and popped, in a ring of max_entries + 1 slots (one always free, so
 * head == tail means empty):
 *
 *	elements: [ slot 0 | slot 1 | ... | slot max_entries ]
 *	           tail -> oldest        head -> next free slot
 *
 * Locking: one mutex (rank 40) guards head, tail and the slots.
 */
#include <stdlib.h>
#include <string.h>

#include "maps/internal.h"

#define QUEUE_STACK_CREATE_FLAG_MASK (BPF_F_NUMA_NODE | BH_MAP_ACCESS_MASK)

struct bh_queue_stack {
	struct bh_map map;
	pthread_mutex_t lock; /* rank 40: head, tail, elements */
	uint32_t head, tail;
	uint32_t size;        /* max_entries + 1, immutable */
	uint8_t elements[] __attribute__((aligned(8)));
};

static struct bh_queue_stack *to_qs(struct bh_map *map)
{
	return bh_container_of(map, struct bh_queue_stack, map);
}

static int queue_stack_map_alloc_check(const struct bh_map_attr *attr)
{
	if (!attr->max_entries || attr->key_size || !attr->value_size ||
	    (attr->map_flags & ~QUEUE_STACK_CREATE_FLAG_MASK) ||
	    !map_flags_access_ok(attr->map_flags))
		return -EINVAL;
	/* larger values could not be read by the host */
	if (attr->value_size > BH_KMALLOC_MAX_SIZE)
		return -E2BIG;
	return 0;
}

static int queue_stack_map_alloc(const struct bh_map_attr *attr,
				 struct bh_map **out)
{
	uint64_t size = (uint64_t)attr->max_entries + 1;
	uint64_t bytes = sizeof(struct bh_queue_stack) + size * attr->value_size;
	struct bh_queue_stack *qs;

	if (bytes > SIZE_MAX / 2)
		return -ENOMEM;
	qs = calloc(1, bytes);
	if (!qs)
		return -ENOMEM;
	map_init_from_attr(&qs->map, attr);
	pthread_mutex_init(&qs->lock, NULL);
	qs->size = (uint32_t)size;
	*out = &qs->map;
	return 0;
}

static void queue_stack_map_free(struct bh_map *map)
{
	struct bh_queue_stack *qs = to_qs(map);

	pthread_mutex_destroy(&qs->lock);
	free(qs);
}

static uint64_t queue_stack_map_mem_usage(const struct bh_map *map)
{
	return sizeof(struct bh_queue_stack) +
	       ((uint64_t)map->max_entries + 1) * map->value_size;
}

static bool qs_empty(const struct bh_queue_stack *qs)
{
	return qs->head == qs->tail;
}

static bool qs_full(const struct bh_queue_stack *qs)
{
	uint32_t head = qs->head + 1;

	if (head >= qs->size)
		head = 0;
	return head == qs->tail;
}

static uint8_t *slot(struct bh_queue_stack *qs, uint32_t i)
{
	return qs->elements + (size_t)i * qs->map.value_size;
}

/* Oldest element (queue) or newest (stack); optionally remove it. */
static int qs_get(struct bh_map *map, void *value, bool delete)
{
	struct bh_queue_stack *qs = to_qs(map);
	bool stack = map->type == BPF_MAP_TYPE_STACK;
	int ret = 0;

	pthread_mutex_lock(&qs->lock);
	if (qs_empty(qs)) {
		memset(value, 0, map->value_size);
		ret = -ENOENT;
		goto out;
	}
	if (stack) {
		uint32_t index = qs->head - 1;

		if (index >= qs->size)
			index = qs->size - 1;
		memcpy(value, slot(qs, index), map->value_size);
		if (delete)
			qs->head = index;
	} else {
		memcpy(value, slot(qs, qs->tail), map->value_size);
		if (delete && ++qs->tail >= qs->size)
			qs->tail = 0;
	}
out:
	pthread_mutex_unlock(&qs->lock);
	return ret;
}

static int queue_stack_map_peek(struct bh_map *map, void *value)
{
	return qs_get(map, value, false);
}

static int queue_stack_map_pop(struct bh_map *map, void *value)
{
	return qs_get(map, value, true);
}

static int queue_stack_map_push(struct bh_map *map, const void *value,
				uint64_t flags)
{
	struct bh_queue_stack *qs = to_qs(map);
	/* BPF_EXIST makes room by dropping the oldest element */
	bool replace = flags & BPF_EXIST;
	int ret = 0;

	if ((flags & BPF_NOEXIST) || flags > BPF_EXIST)
		return -EINVAL;
	pthread_mutex_lock(&qs->lock);
	if (qs_full(qs)) {
		if (!replace) {
			ret = -E2BIG;
			goto out;
		}
		if (++qs->tail >= qs->size)
			qs->tail = 0;
	}
	memcpy(slot(qs, qs->head), value, map->value_size);
	if (++qs->head >= qs->size)
		qs->head = 0;
out:
	pthread_mutex_unlock(&qs->lock);
	return ret;
}

#define QUEUE_STACK_OPS                                   \
	.alloc_check = queue_stack_map_alloc_check,       \
	.alloc = queue_stack_map_alloc,                   \
	.free = queue_stack_map_free,                     \
	.get_next_key = map_get_next_key_einval,          \
	.mem_usage = queue_stack_map_mem_usage,           \
	.lookup = map_lookup_null,                        \
	.update = map_update_einval,                      \
	.delete = map_delete_einval,                      \
	.push = queue_stack_map_push,                     \
	.pop = queue_stack_map_pop,                       \
	.peek = queue_stack_map_peek,                     \
	.meta_equal = map_meta_equal

const struct bh_map_ops queue_map_ops = { QUEUE_STACK_OPS };
const struct bh_map_ops stack_map_ops = { QUEUE_STACK_OPS };
