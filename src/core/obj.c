/* SPDX-License-Identifier: MIT */
/*
 * core/obj.c - reference counts and the process-wide id tables.
 *
 * Each kind of object (programs, maps, links, BTF) has its own id space, as
 * in the kernel.  Ids start at 1 and only grow, so the table of live objects
 * stays sorted by appending: lookup is a binary search, removal a memmove.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"

struct id_table {
	/* Guards every field; rank 90 (taken last, never held while calling out). */
	pthread_mutex_t lock;
	struct bh_obj **objs; /* live published objects, sorted by id */
	size_t cnt;
	size_t cap;
	uint32_t next_id;
};

static struct id_table id_tables[BH_OBJ_KIND_CNT] = {
	[0 ... BH_OBJ_KIND_CNT - 1] = { .lock = PTHREAD_MUTEX_INITIALIZER,
					.next_id = 1 },
};

void obj_init(struct bh_obj *obj, enum bh_obj_kind kind,
	      void (*release)(struct bh_obj *obj))
{
	atomic_init(&obj->refcnt, 1);
	obj->id = 0;
	obj->kind = kind;
	obj->release = release;
}

/* Index of the first entry with id >= @id. */
static size_t table_search(const struct id_table *t, uint32_t id)
{
	size_t lo = 0, hi = t->cnt;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->objs[mid]->id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int obj_publish(struct bh_obj *obj)
{
	struct id_table *t = &id_tables[obj->kind];
	int ret = 0;

	pthread_mutex_lock(&t->lock);
	if (t->next_id == 0) { /* wrapped after 2^32 - 1 objects */
		ret = -ENOSPC;
		goto out;
	}
	if (t->cnt == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		struct bh_obj **objs = realloc(t->objs, cap * sizeof(*objs));

		if (!objs) {
			ret = -ENOMEM;
			goto out;
		}
		t->objs = objs;
		t->cap = cap;
	}
	obj->id = t->next_id++;
	t->objs[t->cnt++] = obj;
out:
	pthread_mutex_unlock(&t->lock);
	return ret;
}

static void table_remove(struct bh_obj *obj)
{
	struct id_table *t = &id_tables[obj->kind];
	size_t i;

	pthread_mutex_lock(&t->lock);
	i = table_search(t, obj->id);
	if (i < t->cnt && t->objs[i] == obj) {
		memmove(&t->objs[i], &t->objs[i + 1],
			(t->cnt - i - 1) * sizeof(*t->objs));
		t->cnt--;
	}
	pthread_mutex_unlock(&t->lock);
}

void obj_get(struct bh_obj *obj)
{
	/* relaxed: the caller already holds a reference, nothing to order */
	atomic_fetch_add_explicit(&obj->refcnt, 1, memory_order_relaxed);
}

void obj_put(struct bh_obj *obj)
{
	if (!obj)
		return;
	/* acq_rel: the last put must see every write made under other refs */
	if (atomic_fetch_sub_explicit(&obj->refcnt, 1, memory_order_acq_rel) != 1)
		return;
	if (obj->id)
		table_remove(obj);
	obj->release(obj);
}

struct bh_obj *obj_by_id(enum bh_obj_kind kind, uint32_t id)
{
	struct id_table *t = &id_tables[kind];
	struct bh_obj *found = NULL;
	size_t i;

	pthread_mutex_lock(&t->lock);
	i = table_search(t, id);
	if (i < t->cnt && t->objs[i]->id == id) {
		struct bh_obj *obj = t->objs[i];
		unsigned int cnt = atomic_load_explicit(&obj->refcnt,
							memory_order_relaxed);

		/* inc-not-zero: an object whose last put is running is gone */
		while (cnt && !atomic_compare_exchange_weak_explicit(
				      &obj->refcnt, &cnt, cnt + 1,
				      memory_order_acquire, memory_order_relaxed))
			;
		if (cnt)
			found = obj;
	}
	pthread_mutex_unlock(&t->lock);
	if (!found)
		errno = ENOENT;
	return found;
}

int obj_next_id(enum bh_obj_kind kind, uint32_t start, uint32_t *next)
{
	struct id_table *t = &id_tables[kind];
	int ret = -ENOENT;
	size_t i;

	if (start == UINT32_MAX)
		return -ENOENT;
	pthread_mutex_lock(&t->lock);
	i = table_search(t, start + 1);
	if (i < t->cnt) {
		*next = t->objs[i]->id;
		ret = 0;
	}
	pthread_mutex_unlock(&t->lock);
	return ret;
}

bool bh_opts_valid(const void *opts, size_t user_sz, size_t our_sz)
{
	const unsigned char *p = opts;

	if (!opts)
		return true;
	if (user_sz < sizeof(size_t))
		return false;
	for (size_t i = our_sz; i < user_sz; i++)
		if (p[i])
			return false;
	return true;
}

BH_API const char *bh_version(void)
{
	return BH_VERSION_STRING;
}
