/* SPDX-License-Identifier: MIT */
/* diffp_55_for_each_more: bpf_for_each_map_elem over a PERCPU_ARRAY (the
 * callback sees the running CPU's slot), an LRU_HASH and an empty HASH;
 * deleting the visited element from inside a HASH walk. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} pa SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u64);
} lru SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
} h SEC(".maps"), empty SEC(".maps");

__s64 r[6];

static long sum_cb(void *map, __u32 *key, __u64 *val, __u64 *sum)
{
	*sum += *val + *key;
	return 0;
}

static long del_cb(void *map, __u32 *key, __u64 *val, __u64 *n)
{
	if (*val > 2)
		bpf_map_delete_elem(map, key);
	(*n)++;
	return 0;
}

SEC("xdp")
int for_each_more(struct xdp_md *ctx)
{
	__u32 len = ctx->data_end - ctx->data, k = len & 3;
	__u64 *v, s = 0, one = 1;

	v = bpf_map_lookup_elem(&pa, &k);
	if (v)
		*v += len;
	k = len;
	v = bpf_map_lookup_elem(&lru, &k);
	if (v)
		(*v)++;
	else
		bpf_map_update_elem(&lru, &k, &one, BPF_ANY);
	k = len % 5;
	v = bpf_map_lookup_elem(&h, &k);
	if (v)
		(*v)++;
	else
		bpf_map_update_elem(&h, &k, &one, BPF_ANY);
	r[0] = bpf_for_each_map_elem(&pa, sum_cb, &s, 0);
	r[1] = s;
	s = 0;
	r[2] = bpf_for_each_map_elem(&lru, sum_cb, &s, 0);
	r[3] = s;
	s = 0;
	r[4] = bpf_for_each_map_elem(&empty, sum_cb, &s, 0);
	s = 0;
	r[5] = bpf_for_each_map_elem(&h, del_cb, &s, 0) * 1000 + s;
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
