/* SPDX-License-Identifier: MIT */
/*
 * maps/map.c - the map registry, creation and the host API's dispatcher.
 *
 * The dispatcher follows kernel/bpf/syscall.c: the checks a command makes
 * before it reaches the type (flags, BPF_F_RDONLY / BPF_F_WRONLY, frozen,
 * BPF_F_LOCK, keys of key-less maps) come first and in the kernel's order, so
 * a bad call fails with the same errno as bpf() would.  Programs do not come
 * through here: their helpers call the type's ops directly.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "btf/internal.h"
#include "core/rcu.h"
#include "helpers/internal.h"
#include "helpers/timer.h"
#include "maps/internal.h"

/* ---- Registry ------------------------------------------------------------ */

#define BH_MAP(NAME, num, short_name, ops) extern const struct bh_map_ops ops;
#include "core/bpf_types.def"

static const struct bh_map_ops *const map_ops_table[__MAX_BPF_MAP_TYPE] = {
#define BH_MAP(NAME, num, short_name, ops) [num] = &ops,
#include "core/bpf_types.def"
};

static const char *const map_names[__MAX_BPF_MAP_TYPE] = {
#define BH_MAP(NAME, num, short_name, ops) [num] = #short_name,
#include "core/bpf_types.def"
};

#define BH_MAP(NAME, num, short_name, ops) \
	_Static_assert(num == BPF_MAP_TYPE_##NAME, "registry number of " #NAME);
#include "core/bpf_types.def"

_Static_assert(BH_ARRAY_SIZE(map_ops_table) == __MAX_BPF_MAP_TYPE,
	       "one registry slot per map type");

const struct bh_map_ops *map_type_ops(uint32_t type)
{
	return type < __MAX_BPF_MAP_TYPE ? map_ops_table[type] : NULL;
}

const char *map_type_name(uint32_t type)
{
	return type < __MAX_BPF_MAP_TYPE ? map_names[type] : NULL;
}

BH_API const char *bh_map_type_str(uint32_t map_type)
{
	return map_type_ops(map_type) ? map_type_name(map_type) : NULL;
}

BH_API int bh_map_type_from_str(const char *name)
{
	for (uint32_t t = 0; name && t < __MAX_BPF_MAP_TYPE; t++)
		if (map_names[t] && map_ops_table[t] && !strcmp(map_names[t], name))
			return (int)t;
	return -ENOENT;
}

/* ---- Shared pieces for the types ----------------------------------------- */

static bool map_is_percpu(const struct bh_map *map)
{
	return map->type == BPF_MAP_TYPE_PERCPU_HASH ||
	       map->type == BPF_MAP_TYPE_PERCPU_ARRAY ||
	       map->type == BPF_MAP_TYPE_LRU_PERCPU_HASH;
}

size_t map_host_value_size(const struct bh_map *map)
{
	if (map_is_percpu(map))
		return map_percpu_value_size(map);
	if (map_is_fd_map(map))
		return sizeof(uint32_t);
	return map->value_size;
}

void map_init_from_attr(struct bh_map *map, const struct bh_map_attr *attr)
{
	map->type = attr->map_type;
	map->key_size = attr->key_size;
	map->value_size = attr->value_size;
	map->max_entries = attr->max_entries;
	/* bpf_map_flags_retain_permanent(): access modes belong to the fd */
	map->map_flags = attr->map_flags & ~(uint32_t)(BPF_F_RDONLY | BPF_F_WRONLY);
	map->map_extra = attr->map_extra;
}

static bool aligned8(const void *p)
{
	return !((uintptr_t)p & 7);
}

void map_value_read(void *dst, const void *map_src, size_t size)
{
	uint8_t *d = dst;
	const uint8_t *s = map_src;
	size_t i = 0;

	if (aligned8(s))
		for (; i + 8 <= size; i += 8) {
			/* relaxed: see the comment in internal.h */
			uint64_t v = __atomic_load_n((const uint64_t *)(s + i),
						     __ATOMIC_RELAXED);
			memcpy(d + i, &v, 8);
		}
	for (; i < size; i++)
		d[i] = __atomic_load_n(s + i, __ATOMIC_RELAXED);
}

void map_value_zero_fields(const struct bh_map *map, void *value)
{
	if (map->spin_lock_off >= 0)
		memset((uint8_t *)value + map->spin_lock_off, 0, 4);
	if (map->timer_off >= 0)
		memset((uint8_t *)value + map->timer_off, 0, 16);
}

void map_value_free_fields(const struct bh_map *map, void *value)
{
	if (map->timer_off >= 0)
		timer_cancel_and_free((uint8_t *)value + map->timer_off, false);
}

void map_value_write_fields(const struct bh_map *map, void *map_dst, const void *src)
{
	struct { uint32_t off, size; } f[2];
	uint32_t n = 0, at = 0;
	uint8_t *d = map_dst;
	const uint8_t *s = src;

	if (map->spin_lock_off >= 0)
		f[n++] = (typeof(f[0])){ (uint32_t)map->spin_lock_off, 4 };
	if (map->timer_off >= 0)
		f[n++] = (typeof(f[0])){ (uint32_t)map->timer_off, 16 };
	if (n == 2 && f[1].off < f[0].off) {
		typeof(f[0]) t = f[0];

		f[0] = f[1];
		f[1] = t;
	}
	for (uint32_t i = 0; i < n; i++) {
		map_value_write(d + at, s + at, f[i].off - at);
		at = f[i].off + f[i].size;
	}
	map_value_write(d + at, s + at, map->value_size - at);
}

void map_value_read_locked(const struct bh_map *map, void *dst, const void *map_src)
{
	uint32_t *lock = (uint32_t *)((uint8_t *)map_src + map->spin_lock_off);

	helper_spin_lock_raw(lock);
	map_value_read(dst, map_src, map->value_size);
	helper_spin_unlock_raw(lock);
	map_value_zero_fields(map, dst);
}

void map_value_write_locked(const struct bh_map *map, void *map_dst, const void *src)
{
	uint32_t *lock = (uint32_t *)((uint8_t *)map_dst + map->spin_lock_off);

	helper_spin_lock_raw(lock);
	map_value_write_fields(map, map_dst, src);
	helper_spin_unlock_raw(lock);
}

void map_value_write(void *map_dst, const void *src, size_t size)
{
	uint8_t *d = map_dst;
	const uint8_t *s = src;
	size_t i = 0;

	if (aligned8(d))
		for (; i + 8 <= size; i += 8) {
			uint64_t v;

			memcpy(&v, s + i, 8);
			__atomic_store_n((uint64_t *)(d + i), v, __ATOMIC_RELAXED);
		}
	for (; i < size; i++)
		__atomic_store_n(d + i, s[i], __ATOMIC_RELAXED);
}

void map_value_zero(void *map_dst, size_t size)
{
	uint8_t *d = map_dst;
	size_t i = 0;

	if (aligned8(d))
		for (; i + 8 <= size; i += 8)
			__atomic_store_n((uint64_t *)(d + i), 0, __ATOMIC_RELAXED);
	for (; i < size; i++)
		__atomic_store_n(d + i, 0, __ATOMIC_RELAXED);
}

void *map_lookup_null(struct bh_map *map, const void *key)
{
	return NULL;
}

int map_update_einval(struct bh_map *map, const void *key, const void *value,
		      uint64_t flags)
{
	return -EINVAL;
}

int map_delete_einval(struct bh_map *map, const void *key)
{
	return -EINVAL;
}

int map_get_next_key_einval(struct bh_map *map, const void *key, void *next)
{
	return -EINVAL;
}

int map_get_next_key_eopnotsupp(struct bh_map *map, const void *key,
				void *next)
{
	return -EOPNOTSUPP;
}

/*
 * get_next_key of maps indexed 0..max_entries-1 (arrays, prog arrays,
 * array of maps, devmap): a missing or out-of-range key gives index 0.
 */
int map_index_get_next_key(struct bh_map *map, const void *key, void *next_key)
{
	uint32_t index = UINT32_MAX, next;

	if (key)
		memcpy(&index, key, sizeof(index));
	if (index >= map->max_entries) {
		next = 0;
	} else {
		if (index == map->max_entries - 1)
			return -ENOENT;
		next = index + 1;
	}
	memcpy(next_key, &next, sizeof(next));
	return 0;
}

bool map_meta_equal(const struct bh_map *meta, const struct bh_map *inner)
{
	/* No need to compare ops: the type decides them. */
	return meta->type == inner->type && meta->key_size == inner->key_size &&
	       meta->value_size == inner->value_size &&
	       meta->map_flags == inner->map_flags &&
	       /* btf_record_equal(): the verifier trusts the template's */
	       meta->spin_lock_off == inner->spin_lock_off &&
	       meta->timer_off == inner->timer_off;
}

/* ---- Creation -------------------------------------------------------------- */

/* bpf_obj_name_cpy(): [A-Za-z0-9_.] only, at most BPF_OBJ_NAME_LEN - 1. */
static int map_name_check(const char *name)
{
	size_t i;

	if (!name)
		return 0;
	for (i = 0; name[i]; i++) {
		if (i >= BPF_OBJ_NAME_LEN - 1)
			return -EINVAL;
		if (!isalnum((unsigned char)name[i]) && name[i] != '_' &&
		    name[i] != '.')
			return -EINVAL;
	}
	return 0;
}

/* What map_create() checks before the type sees the attributes. */
static int map_check_common(const struct bh_map_attr *attr)
{
	if (attr->map_type != BPF_MAP_TYPE_BLOOM_FILTER && attr->map_extra)
		return -EINVAL;
	if ((attr->map_flags & BPF_F_RDONLY) && (attr->map_flags & BPF_F_WRONLY))
		return -EINVAL;
	/* One NUMA node (0); NUMA_NO_NODE (-1) with the flag means none. */
	if ((attr->map_flags & BPF_F_NUMA_NODE) && attr->numa_node != 0 &&
	    attr->numa_node != UINT32_MAX)
		return -EINVAL;
	if (!map_type_ops(attr->map_type))
		return -EINVAL;
	return 0;
}

static void map_release(struct bh_obj *obj)
{
	struct bh_map *map = bh_container_of(obj, struct bh_map, obj);
	struct bh_map *meta = map->inner_meta;

	/*
	 * Programs hold a reference on every map they use and the slot
	 * references of outer maps are dropped a grace period after removal
	 * (map_put_deferred), so no reader is left: free now.
	 */
	/* the drop of usercnt freed the timers: free any left, and wait for
	 * callbacks still running on the values about to be freed */
	if (map->timer_off >= 0)
		timer_map_release(map, true);
	pthread_mutex_destroy(&map->freeze_lock);
	map->ops->free(map);
	map_meta_free(meta);
}

/* The size of BTF type @id, or -1 when it has none (or does not exist). */
static int64_t btf_id_size(const struct bh_btf *btf, uint32_t id)
{
	if (!id || id >= btf->nr_types)
		return -1;
	return btf->sizes[id];
}

/*
 * map_check_btf(): the key and value types must have the map's sizes (an
 * ARRAY without key type is global data: one element, a DATASEC value,
 * array_map_check_btf); the value's struct bpf_spin_lock and struct
 * bpf_timer go to *@lock_off and *@timer_off (-1: none), where the map
 * type allows them.  Two of a kind (or an array of them in a DATASEC) make
 * btf_parse_fields() fail, which map_check_btf() does not report: the map
 * is created without any such field, and programs cannot lock it.
 */
static int map_check_btf(const struct bh_map_attr *attr, const struct bh_btf *btf,
			 uint32_t key_id, uint32_t value_id, int32_t *lock_off,
			 int32_t *timer_off)
{
	uint32_t t = attr->map_type, off = 0, toff = 0;
	int n, tn;

	*lock_off = *timer_off = -1;
	if (!btf)
		return key_id || value_id ? -EINVAL : 0;
	if ((key_id && btf_id_size(btf, key_id) != attr->key_size) ||
	    btf_id_size(btf, value_id) != attr->value_size)
		return -EINVAL;
	n = btf_find_special_field(btf, value_id, "bpf_spin_lock", 4, 4, &off);
	tn = btf_find_special_field(btf, value_id, "bpf_timer", 16, 8, &toff);
	if (n < 0 || n > 1 || tn < 0 || tn > 1)
		n = tn = 0;
	if (n || tn) {
		/* a btf_record: access flags first, then each field's types */
		if (attr->map_flags & (BPF_F_RDONLY_PROG | BPF_F_WRONLY_PROG))
			return -EACCES;
		if (n && t != BPF_MAP_TYPE_HASH && t != BPF_MAP_TYPE_ARRAY)
			return -EOPNOTSUPP;
		if (tn && t != BPF_MAP_TYPE_HASH && t != BPF_MAP_TYPE_LRU_HASH &&
		    t != BPF_MAP_TYPE_ARRAY)
			return -EOPNOTSUPP;
	}
	/* then the type's map_check_btf: array_map_check_btf's keyless rule */
	if (!key_id && (t == BPF_MAP_TYPE_ARRAY || t == BPF_MAP_TYPE_PERCPU_ARRAY) &&
	    (t != BPF_MAP_TYPE_ARRAY || attr->max_entries != 1 ||
	     btf_kind(btf_type(btf, value_id)) != BTF_KIND_DATASEC))
		return -EINVAL;
	*lock_off = n ? (int32_t)off : -1;
	*timer_off = tn ? (int32_t)toff : -1;
	return 0;
}

BH_API struct bh_map *bh_map__create(uint32_t map_type, const char *name,
				     uint32_t key_size, uint32_t value_size,
				     uint32_t max_entries,
				     const struct bh_map_create_opts *opts)
{
	struct bh_map_attr attr = {
		.map_type = map_type,
		.key_size = key_size,
		.value_size = value_size,
		.max_entries = max_entries,
		.map_flags = BH_OPTS_GET(opts, map_flags, 0),
		.numa_node = BH_OPTS_GET(opts, numa_node, 0),
		.map_extra = BH_OPTS_GET(opts, map_extra, 0),
		.inner_map = BH_OPTS_GET(opts, inner_map, NULL),
	};
	const struct bh_map_ops *ops;
	struct bh_map *map;
	int32_t lock_off, timer_off;
	bool token;
	int ret;

	if (!BH_OPTS_VALID(opts, bh_map_create_opts))
		return bh_err_ptr(-EINVAL);
	/* As map_create(): the token flag is not the type's business. */
	token = attr.map_flags & BPF_F_TOKEN_FD;
	attr.map_flags &= ~(uint32_t)BPF_F_TOKEN_FD;
	ret = map_check_common(&attr);
	if (ret)
		return bh_err_ptr(ret);
	ops = map_type_ops(map_type);
	if (ops->alloc_check) {
		ret = ops->alloc_check(&attr);
		if (ret)
			return bh_err_ptr(ret);
	}
	if (token) /* bpfhost has no BPF tokens (nor descriptors for them) */
		return bh_err_ptr(-EINVAL);
	ret = map_check_btf(&attr, BH_OPTS_GET(opts, btf, NULL),
			    BH_OPTS_GET(opts, btf_key_type_id, 0),
			    BH_OPTS_GET(opts, btf_value_type_id, 0), &lock_off, &timer_off);
	if (ret)
		return bh_err_ptr(ret);
	ret = ops->alloc(&attr, &map);
	if (ret)
		return bh_err_ptr(ret);
	map->spin_lock_off = lock_off;
	map->timer_off = timer_off;
	map->has_btf = BH_OPTS_GET(opts, btf, NULL) != NULL;
	map->ops = ops;
	map->type = map_type;
	map->host_access = attr.map_flags & (BPF_F_RDONLY | BPF_F_WRONLY);
	pthread_mutex_init(&map->freeze_lock, NULL);
	atomic_init(&map->frozen, false);
	atomic_init(&map->owner_prog_type, 0);
	obj_init(&map->obj, BH_OBJ_MAP, map_release);
	atomic_init(&map->usercnt, 1);
	/* The kernel copies the name after the allocation: same errno order. */
	ret = map_name_check(name);
	if (!ret && name)
		strcpy(map->name, name);
	if (!ret)
		ret = obj_publish(&map->obj);
	if (ret) {
		obj_put(&map->obj);
		return bh_err_ptr(ret);
	}
	return map;
}

/* ---- Objects and accessors ------------------------------------------------ */

void map_ref_get(struct bh_map *map)
{
	obj_get(&map->obj);
}

void map_ref_put(struct bh_map *map)
{
	obj_put(&map->obj);
}

/* bpf_map_put_uref(): the host's last reference frees the map's timers. */
BH_API void bh_map__free(struct bh_map *map)
{
	if (!map)
		return;
	/* seq_cst: pairs with the usercnt loads of timer_init() */
	if (atomic_fetch_sub(&map->usercnt, 1) == 1 && map->timer_off >= 0)
		timer_map_release(map, false);
	obj_put(&map->obj);
}

BH_API struct bh_map *bh_map__get(struct bh_map *map)
{
	obj_get(&map->obj);
	atomic_fetch_add(&map->usercnt, 1);
	return map;
}

BH_API struct bh_map *bh_map__by_id(uint32_t id)
{
	struct bh_obj *obj = obj_by_id(BH_OBJ_MAP, id);
	struct bh_map *map;

	if (!obj)
		return NULL;
	map = bh_container_of(obj, struct bh_map, obj);
	atomic_fetch_add(&map->usercnt, 1);
	return map;
}

BH_API int bh_map__next_id(uint32_t start_id, uint32_t *next_id)
{
	if (!next_id)
		return bh_err(-EINVAL);
	return bh_err(obj_next_id(BH_OBJ_MAP, start_id, next_id));
}

BH_API uint32_t bh_map__id(const struct bh_map *map) { return map->obj.id; }
BH_API uint32_t bh_map__type(const struct bh_map *map) { return map->type; }
BH_API uint32_t bh_map__key_size(const struct bh_map *map) { return map->key_size; }
BH_API uint32_t bh_map__value_size(const struct bh_map *map) { return map->value_size; }
BH_API uint32_t bh_map__max_entries(const struct bh_map *map) { return map->max_entries; }
BH_API uint32_t bh_map__flags(const struct bh_map *map) { return map->map_flags; }
BH_API const char *bh_map__name(const struct bh_map *map) { return map->name; }

BH_API int bh_map__info(const struct bh_map *map, struct bh_map_info *info)
{
	if (!map || !info)
		return bh_err(-EINVAL);
	memset(info, 0, sizeof(*info));
	info->type = map->type;
	info->id = map->obj.id;
	info->key_size = map->key_size;
	info->value_size = map->value_size;
	info->max_entries = map->max_entries;
	info->map_flags = map->map_flags;
	memcpy(info->name, map->name, sizeof(info->name));
	info->map_extra = map->map_extra;
	/* relaxed: a snapshot */
	info->frozen = atomic_load_explicit((atomic_bool *)&map->frozen,
					    memory_order_relaxed);
	return 0;
}

/* ---- Host element operations ---------------------------------------------- */

static bool map_can_read(const struct bh_map *map)
{
	return !(map->host_access & BPF_F_WRONLY);
}

static bool map_can_write(struct bh_map *map)
{
	/* relaxed: racing a freeze may land on either side (as READ_ONCE) */
	return !(map->host_access & BPF_F_RDONLY) &&
	       !atomic_load_explicit(&map->frozen, memory_order_relaxed);
}

static bool map_is_queue_like(const struct bh_map *map)
{
	return map->type == BPF_MAP_TYPE_QUEUE ||
	       map->type == BPF_MAP_TYPE_STACK ||
	       map->type == BPF_MAP_TYPE_BLOOM_FILTER;
}

/* __bpf_copy_key(): key-less maps take NULL, others need a key. */
static int map_key_check(const struct bh_map *map, const void *key)
{
	if (!map->key_size)
		return key ? -EINVAL : 0;
	return key ? 0 : -EFAULT;
}

static int copy_value(struct bh_map *map, const void *key, void *value,
		      uint64_t flags)
{
	void *ptr;

	if (flags & BPF_F_LOCK) {
		/* only HASH and ARRAY values hold a lock: the plain lookup */
		ptr = map->ops->lookup(map, key);
		if (!ptr)
			return -ENOENT;
		map_value_read_locked(map, value, ptr);
		return 0;
	}
	if (map_is_queue_like(map))
		return map->ops->peek ? map->ops->peek(map, value) : -ENOTSUPP;
	if (map->ops->copy_value)
		return map->ops->copy_value(map, key, value);
	ptr = map->ops->lookup(map, key);
	if (!ptr)
		return -ENOENT;
	map_value_read(value, ptr, map->value_size);
	return 0;
}

int map_copy_value(struct bh_map *map, const void *key, void *value,
		   uint64_t flags)
{
	int ret = copy_value(map, key, value, flags);

	if (!ret) /* the host never sees a lock or timer word */
		map_value_zero_fields(map, value);
	return ret;
}

int map_sys_update(struct bh_map *map, const void *key, const void *value,
		   uint64_t flags)
{
	if (map_is_queue_like(map))
		return map->ops->push ? map->ops->push(map, value, flags)
				      : -ENOTSUPP;
	if (map->ops->sys_update)
		return map->ops->sys_update(map, key, value, flags);
	return map->ops->update(map, key, value, flags);
}

int map_sys_delete(struct bh_map *map, const void *key)
{
	return map->ops->delete(map, key);
}

BH_API int bh_map__lookup_elem_flags(struct bh_map *map, const void *key,
				     void *value, uint64_t flags)
{
	int ret;

	if (!map || (flags & ~(uint64_t)BPF_F_LOCK))
		return bh_err(-EINVAL);
	if (!map_can_read(map))
		return bh_err(-EPERM);
	if ((flags & BPF_F_LOCK) && !map_has_spin_lock(map))
		return bh_err(-EINVAL);
	ret = map_key_check(map, key);
	if (ret)
		return bh_err(ret);
	if (!value)
		return bh_err(-EFAULT);
	bh_rcu_read_lock();
	ret = map_copy_value(map, key, value, flags);
	bh_rcu_read_unlock();
	return bh_err(ret);
}

BH_API int bh_map__lookup_elem(struct bh_map *map, const void *key, void *value)
{
	return bh_map__lookup_elem_flags(map, key, value, 0);
}

BH_API int bh_map__update_elem(struct bh_map *map, const void *key,
			       const void *value, uint64_t flags)
{
	int ret;

	if (!map)
		return bh_err(-EINVAL);
	if (!map_can_write(map))
		return bh_err(-EPERM);
	if ((flags & BPF_F_LOCK) && !map_has_spin_lock(map))
		return bh_err(-EINVAL);
	ret = map_key_check(map, key);
	if (ret)
		return bh_err(ret);
	if (!value)
		return bh_err(-EFAULT);
	bh_rcu_read_lock();
	ret = map_sys_update(map, key, value, flags);
	bh_rcu_read_unlock();
	return bh_err(ret);
}

BH_API int bh_map__delete_elem(struct bh_map *map, const void *key)
{
	int ret;

	if (!map)
		return bh_err(-EINVAL);
	if (!map_can_write(map))
		return bh_err(-EPERM);
	ret = map_key_check(map, key);
	if (ret)
		return bh_err(ret);
	bh_rcu_read_lock();
	ret = map_sys_delete(map, key);
	bh_rcu_read_unlock();
	return bh_err(ret);
}

BH_API int bh_map__lookup_and_delete_elem_flags(struct bh_map *map,
						const void *key, void *value,
						uint64_t flags)
{
	bool queue;
	int ret;

	if (!map || (flags & ~(uint64_t)BPF_F_LOCK))
		return bh_err(-EINVAL);
	if (!map_can_read(map) || !map_can_write(map))
		return bh_err(-EPERM);
	queue = map->type == BPF_MAP_TYPE_QUEUE ||
		map->type == BPF_MAP_TYPE_STACK;
	if (flags && queue)
		return bh_err(-EINVAL);
	if ((flags & BPF_F_LOCK) && !map_has_spin_lock(map))
		return bh_err(-EINVAL);
	ret = map_key_check(map, key);
	if (ret)
		return bh_err(ret);
	if (!value)
		return bh_err(-EFAULT);
	bh_rcu_read_lock();
	if (queue)
		ret = map->ops->pop(map, value);
	else if (map->ops->lookup_and_delete)
		ret = map->ops->lookup_and_delete(map, key, value, flags);
	else
		ret = -ENOTSUPP;
	bh_rcu_read_unlock();
	return bh_err(ret);
}

BH_API int bh_map__lookup_and_delete_elem(struct bh_map *map, const void *key,
					  void *value)
{
	return bh_map__lookup_and_delete_elem_flags(map, key, value, 0);
}

BH_API int bh_map__get_next_key(struct bh_map *map, const void *key,
				void *next_key)
{
	int ret;

	if (!map)
		return bh_err(-EINVAL);
	if (!map_can_read(map))
		return bh_err(-EPERM);
	if (key) {
		ret = map_key_check(map, key);
		if (ret)
			return bh_err(ret);
	}
	if (!next_key && map->key_size)
		return bh_err(-EFAULT);
	bh_rcu_read_lock();
	ret = map->ops->get_next_key(map, key, next_key);
	bh_rcu_read_unlock();
	return bh_err(ret);
}

/* ---- Batch operations -------------------------------------------------------- */

int map_generic_lookup_batch(struct bh_map *map, struct bh_map_batch *b)
{
	size_t vsize = map_host_value_size(map);
	uint32_t max = b->count, cp = 0;
	int ret = 0;
	uint8_t *buf, *prev = NULL, *key, *prev_buf, *value;

	if (!map_elem_flags_ok(map, b->elem_flags))
		return -EINVAL;
	if (!max)
		return 0;
	b->count = 0;
	buf = malloc(2 * (size_t)map->key_size + vsize + 1);
	if (!buf)
		return -ENOMEM;
	prev_buf = buf;
	key = buf + map->key_size;
	value = key + map->key_size;
	if (b->in_batch) {
		memcpy(prev_buf, b->in_batch, map->key_size);
		prev = prev_buf;
	}
	while (cp < max) {
		bh_rcu_read_lock();
		ret = map->ops->get_next_key(map, prev, key);
		bh_rcu_read_unlock();
		if (ret)
			break;
		bh_rcu_read_lock();
		ret = map_copy_value(map, key, value, b->elem_flags);
		bh_rcu_read_unlock();
		/* gone since get_next_key, or an empty slot: skip it */
		if (ret && ret != -ENOENT)
			goto out;
		if (!ret) {
			memcpy((uint8_t *)b->keys + (size_t)cp * map->key_size,
			       key, map->key_size);
			memcpy((uint8_t *)b->values + (size_t)cp * vsize, value,
			       vsize);
			cp++;
		}
		if (!prev)
			prev = prev_buf;
		/* swap: the key just visited becomes the position */
		uint8_t *tmp = prev;
		prev = key;
		key = tmp;
	}
	b->count = cp;
	if (cp)
		memcpy(b->out_batch, prev, map->key_size);
out:
	free(buf);
	return ret;
}

int map_generic_update_batch(struct bh_map *map, struct bh_map_batch *b)
{
	size_t vsize = map_host_value_size(map);
	uint32_t max = b->count, cp;
	int ret = 0;

	if (!map_elem_flags_ok(map, b->elem_flags))
		return -EINVAL;
	if (!max)
		return 0;
	for (cp = 0; cp < max; cp++) {
		bh_rcu_read_lock();
		ret = map_sys_update(map,
				     (uint8_t *)b->keys + (size_t)cp * map->key_size,
				     (uint8_t *)b->values + (size_t)cp * vsize,
				     b->elem_flags);
		bh_rcu_read_unlock();
		if (ret)
			break;
	}
	b->count = cp;
	return ret;
}

int map_generic_delete_batch(struct bh_map *map, struct bh_map_batch *b)
{
	uint32_t max = b->count, cp;
	int ret = 0;

	if (!map_elem_flags_ok(map, b->elem_flags))
		return -EINVAL;
	if (!max)
		return 0;
	for (cp = 0; cp < max; cp++) {
		bh_rcu_read_lock();
		ret = map_sys_delete(map,
				     (uint8_t *)b->keys + (size_t)cp * map->key_size);
		bh_rcu_read_unlock();
		if (ret)
			break;
	}
	b->count = cp;
	return ret;
}

enum batch_cmd { BATCH_LOOKUP, BATCH_LOOKUP_AND_DELETE, BATCH_UPDATE, BATCH_DELETE };

static int map_do_batch(struct bh_map *map, enum batch_cmd cmd,
			struct bh_map_batch *b, uint32_t *count,
			const struct bh_map_batch_opts *opts)
{
	bool has_read = cmd == BATCH_LOOKUP || cmd == BATCH_LOOKUP_AND_DELETE;
	bool has_write = cmd != BATCH_LOOKUP;
	int (*fn)(struct bh_map *, struct bh_map_batch *);
	int ret;

	if (!map || !count || !BH_OPTS_VALID(opts, bh_map_batch_opts))
		return bh_err(-EINVAL);
	if (has_read && !map_can_read(map))
		return bh_err(-EPERM);
	if (has_write && !map_can_write(map))
		return bh_err(-EPERM);
	fn = cmd == BATCH_LOOKUP ? map->ops->lookup_batch
	   : cmd == BATCH_LOOKUP_AND_DELETE ? map->ops->lookup_and_delete_batch
	   : cmd == BATCH_UPDATE ? map->ops->update_batch
	   : map->ops->delete_batch;
	if (!fn)
		return bh_err(-ENOTSUPP);
	b->count = *count;
	b->elem_flags = BH_OPTS_GET(opts, elem_flags, 0);
	b->flags = BH_OPTS_GET(opts, flags, 0);
	ret = fn(map, b);
	*count = b->count;
	return bh_err(ret);
}

BH_API int bh_map__lookup_batch(struct bh_map *map, const void *in_batch,
				void *out_batch, void *keys, void *values,
				uint32_t *count,
				const struct bh_map_batch_opts *opts)
{
	struct bh_map_batch b = { .in_batch = in_batch, .out_batch = out_batch,
				  .keys = keys, .values = values };

	return map_do_batch(map, BATCH_LOOKUP, &b, count, opts);
}

BH_API int bh_map__lookup_and_delete_batch(struct bh_map *map,
					   const void *in_batch,
					   void *out_batch, void *keys,
					   void *values, uint32_t *count,
					   const struct bh_map_batch_opts *opts)
{
	struct bh_map_batch b = { .in_batch = in_batch, .out_batch = out_batch,
				  .keys = keys, .values = values };

	return map_do_batch(map, BATCH_LOOKUP_AND_DELETE, &b, count, opts);
}

BH_API int bh_map__update_batch(struct bh_map *map, const void *keys,
				const void *values, uint32_t *count,
				const struct bh_map_batch_opts *opts)
{
	struct bh_map_batch b = { .keys = (void *)keys, .values = (void *)values };

	return map_do_batch(map, BATCH_UPDATE, &b, count, opts);
}

BH_API int bh_map__delete_batch(struct bh_map *map, const void *keys,
				uint32_t *count,
				const struct bh_map_batch_opts *opts)
{
	struct bh_map_batch b = { .keys = (void *)keys };

	return map_do_batch(map, BATCH_DELETE, &b, count, opts);
}

/* ---- Freeze and mmap -------------------------------------------------------- */

BH_API int bh_map__freeze(struct bh_map *map)
{
	int ret = 0;

	if (!map)
		return bh_err(-EINVAL);
	/* As map_freeze(): a frozen map is no longer writable, hence -EPERM. */
	if (!map_can_write(map))
		return bh_err(-EPERM);
	pthread_mutex_lock(&map->freeze_lock);
	if (map->writable_mapped ||
	    atomic_load_explicit(&map->frozen, memory_order_relaxed))
		ret = -EBUSY;
	else
		/* relaxed: readers only need to see it eventually */
		atomic_store_explicit(&map->frozen, true, memory_order_relaxed);
	pthread_mutex_unlock(&map->freeze_lock);
	return bh_err(ret);
}

BH_API void *bh_map__mmap(struct bh_map *map, size_t *size)
{
	void *area;

	if (!map || !size)
		return bh_err_ptr(-EINVAL);
	/* bpf_map_mmap(): a value with a bpf_spin_lock or bpf_timer (a
	 * btf_record) is never mapped, even from a BPF_F_MMAPABLE array */
	if (!map->ops->mmap || map->spin_lock_off >= 0 || map->timer_off >= 0)
		return bh_err_ptr(-ENOTSUPP);
	area = map->ops->mmap(map, size);
	if (!area)
		return bh_err_ptr(-EINVAL);
	pthread_mutex_lock(&map->freeze_lock);
	if (map_can_write(map))
		map->writable_mapped = true;
	pthread_mutex_unlock(&map->freeze_lock);
	return area;
}
