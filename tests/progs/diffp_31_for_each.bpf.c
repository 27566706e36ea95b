/* SPDX-License-Identifier: MIT */
/* diffp_31_for_each: bpf_for_each_map_elem over an ARRAY (sum, stop
 * early) and a HASH (count and modify values through the callback). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} arr SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
} h SEC(".maps");

struct cbctx {
	__u64 sum;
	__u32 n, limit;
};

__u64 arr_sum, hash_sum;
long visited_arr, visited_hash;

static long arr_cb(void *map, __u32 *key, __u64 *val, struct cbctx *c)
{
	c->sum += *val * (*key + 1);
	c->n++;
	return c->n >= c->limit;
}

static long hash_cb(void *map, __u32 *key, __u64 *val, struct cbctx *c)
{
	*val += 1;
	c->sum += *key;
	return 0;
}

SEC("xdp")
int for_each(struct xdp_md *ctx)
{
	__u32 len = ctx->data_end - ctx->data, k = len & 7;
	__u64 *v, one = 1;
	struct cbctx c = { .limit = 5 };

	v = bpf_map_lookup_elem(&arr, &k);
	if (v)
		*v += len;
	k = len;
	bpf_map_update_elem(&h, &k, &one, BPF_NOEXIST);
	visited_arr = bpf_for_each_map_elem(&arr, arr_cb, &c, 0);
	arr_sum = c.sum;
	c.sum = 0;
	visited_hash = bpf_for_each_map_elem(&h, hash_cb, &c, 0);
	hash_sum = c.sum;
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
