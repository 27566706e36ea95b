/* SPDX-License-Identifier: MIT */
/*
 * timer: struct bpf_timer the way libbpf's selftests use it (their
 * progs/timer.c): timers in HASH, ARRAY and LRU_HASH values; a callback
 * that re-arms itself, one that hands over to another map's timer, one
 * that cancels its own timer (-EDEADLK) and deletes its own element, one
 * that switches its timer to another callback; BPF_F_TIMER_ABS on
 * CLOCK_BOOTTIME.  tests/helpers/test_timer.c runs start_timers and waits
 * for the callbacks; diff_verdicts compares the verdict with the kernel's.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define CLOCK_MONOTONIC 1
#define CLOCK_BOOTTIME 7
#define EINVAL 22
#define EBUSY 16
/* newer than the distribution's linux/bpf.h (Linux 6.7, 6.8) */
#define TIMER_ABS 1
#define TIMER_CPU_PIN 2

struct hmap_elem {
	int counter;
	struct bpf_timer timer;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, int);
	__type(value, struct hmap_elem);
} hmap SEC(".maps");

struct elem {
	struct bpf_timer t;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, int);
	__type(value, struct elem);
} array SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 4);
	__type(key, int);
	__type(value, struct elem);
} lru SEC(".maps");

__u64 array_calls, hmap_calls, lru_calls, abs_calls, err;
__s64 self_cancel = 1, hmap_counter = -1;

/* hmap[1]: counts, cancels itself (-EDEADLK), deletes its own element */
static int hmap_cb(void *map, int *key, struct hmap_elem *val)
{
	hmap_calls++;
	hmap_counter = ++val->counter;
	self_cancel = bpf_timer_cancel(&val->timer);
	bpf_map_delete_elem(map, key);
	return 0;
}

/* array[1]: re-arms itself until it ran 3 times, then starts hmap[1] */
static int array_cb(void *map, int *key, struct elem *val)
{
	struct hmap_elem *h;
	int hkey = 1;

	array_calls++;
	if (array_calls < 3) {
		bpf_timer_start(&val->t, 1000, 0);
		return 0;
	}
	h = bpf_map_lookup_elem(&hmap, &hkey);
	if (h)
		bpf_timer_start(&h->timer, 1000, 0);
	return 0;
}

/* array[0]: an absolute expiry */
static int abs_cb(void *map, int *key, struct elem *val)
{
	if (*key == 0)
		abs_calls++;
	return 0;
}

static int lru_cb2(void *map, int *key, struct elem *val)
{
	lru_calls += 10;
	return 0;
}

/* lru[3]: switches to lru_cb2 and runs again */
static int lru_cb(void *map, int *key, struct elem *val)
{
	lru_calls++;
	bpf_timer_set_callback(&val->t, lru_cb2);
	bpf_timer_start(&val->t, 1000, 0);
	return 0;
}

static int arm_array(void)
{
	struct elem *a;
	int key = 1;

	a = bpf_map_lookup_elem(&array, &key);
	if (!a)
		return 1;
	if (bpf_timer_init(&a->t, &array, CLOCK_MONOTONIC))
		err |= 1;
	if (bpf_timer_init(&a->t, &array, CLOCK_MONOTONIC) != -EBUSY)
		err |= 2;
	if (bpf_timer_start(&a->t, 1000, 0) != -EINVAL) /* no callback yet */
		err |= 4;
	bpf_timer_set_callback(&a->t, array_cb);
	bpf_timer_start(&a->t, 1000, 0);
	return 0;
}

static int arm_abs(void)
{
	struct elem *a;
	int key = 0;

	a = bpf_map_lookup_elem(&array, &key);
	if (!a)
		return 1;
	bpf_timer_init(&a->t, &array, CLOCK_BOOTTIME);
	bpf_timer_set_callback(&a->t, abs_cb);
	if (bpf_timer_start(&a->t, bpf_ktime_get_boot_ns() + 2000000, TIMER_ABS))
		err |= 8;
	return 0;
}

static int arm_hmap(void)
{
	struct hmap_elem init = {}, *h;
	int key = 1;

	bpf_map_update_elem(&hmap, &key, &init, BPF_ANY);
	h = bpf_map_lookup_elem(&hmap, &key);
	if (!h)
		return 1;
	bpf_timer_init(&h->timer, &hmap, CLOCK_BOOTTIME);
	bpf_timer_set_callback(&h->timer, hmap_cb);
	return 0; /* array_cb starts it */
}

static int arm_lru(void)
{
	struct elem init = {}, *l;
	int key = 3;

	bpf_map_update_elem(&lru, &key, &init, BPF_ANY);
	l = bpf_map_lookup_elem(&lru, &key);
	if (!l)
		return 1;
	bpf_timer_init(&l->t, &lru, CLOCK_MONOTONIC);
	bpf_timer_set_callback(&l->t, lru_cb);
	bpf_timer_start(&l->t, 1000, TIMER_CPU_PIN);
	return 0;
}

SEC("syscall")
int start_timers(void *ctx)
{
	return arm_hmap() | arm_array() << 1 | arm_abs() << 2 | arm_lru() << 3;
}

/* cancels array[1] (1 when it was still armed) */
SEC("syscall")
int cancel_array(void *ctx)
{
	struct elem *a;
	int key = 1;

	a = bpf_map_lookup_elem(&array, &key);
	if (!a)
		return -1;
	return bpf_timer_cancel(&a->t);
}

char LICENSE[] SEC("license") = "GPL";
