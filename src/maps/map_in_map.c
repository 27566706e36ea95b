/* SPDX-License-Identifier: MIT */
/*
 * maps/map_in_map.c - the inner-map template of ARRAY_OF_MAPS and
 * HASH_OF_MAPS (seed 000).
 *
 * At creation an outer map copies the properties of the map it was given as
 * inner_map into a template of its own and keeps no reference on that map.
 * Every map inserted later must satisfy the template's type's meta_equal op.
 * Only types that implement meta_equal can be inner maps at all (an explicit
 * opt-in): PROG_ARRAY and the map-in-maps themselves do not.
 */
#include <stdlib.h>

#include "core/rcu.h"
#include "maps/internal.h"

int map_meta_alloc(struct bh_map *inner, struct bh_map **meta_out)
{
	struct bh_map *meta;

	if (!inner)
		return -EBADF; /* the kernel's answer to a bad inner_map_fd */
	/* Does not support more than one level of map-in-map. */
	if (inner->inner_meta)
		return -EINVAL;
	if (!inner->ops->meta_equal)
		return -ENOTSUPP;
	meta = calloc(1, sizeof(*meta));
	if (!meta)
		return -ENOMEM;
	meta->ops = inner->ops;
	meta->type = inner->type;
	meta->key_size = inner->key_size;
	meta->value_size = inner->value_size;
	meta->max_entries = inner->max_entries;
	meta->map_flags = inner->map_flags;
	meta->map_extra = inner->map_extra;
	meta->spin_lock_off = inner->spin_lock_off;
	meta->timer_off = inner->timer_off;
	meta->has_btf = inner->has_btf;
	*meta_out = meta;
	return 0;
}

void map_meta_free(struct bh_map *meta)
{
	free(meta);
}

int map_fd_get_inner(struct bh_map *outer, uint32_t id, struct bh_map **inner)
{
	struct bh_map *map = bh_map__by_id(id);
	const struct bh_map *meta = outer->inner_meta;

	if (!map)
		return -EBADF;
	if (!meta->ops->meta_equal(meta, map)) {
		bh_map__free(map);
		return -EINVAL;
	}
	/* the slot's reference is not the host's (bpf_map_inc): a host that
	 * drops its own frees the inner map's timers */
	map_ref_get(map);
	bh_map__free(map);
	*inner = map;
	return 0;
}

struct deferred_put {
	struct rcu_head rcu;
	struct bh_obj *obj;
};

static void deferred_put_cb(struct rcu_head *head)
{
	struct deferred_put *d = bh_container_of(head, struct deferred_put, rcu);

	bh_rcu_callback_begin(head);
	obj_put(d->obj);
	free(d);
}

void map_put_deferred(struct bh_obj *obj)
{
	struct deferred_put *d;

	if (!obj)
		return;
	d = malloc(sizeof(*d));
	if (!d)
		return; /* out of memory: keep the reference (a leak, never a
			 * use-after-free for a program still running it) */
	d->obj = obj;
	bh_rcu_call(&d->rcu, deferred_put_cb);
}
