/* SPDX-License-Identifier: MIT */
/* diffp_09_lru: LRU_HASH of source addresses (capacity not reached, so no
 * eviction order to disagree on) and an LRU_PERCPU_HASH of ports. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 128);
	__type(key, __u32);
	__type(value, __u64);
} srcs SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_PERCPU_HASH);
	__uint(max_entries, 128);
	__type(key, __u32);
	__type(value, __u64);
} ports SEC(".maps");

SEC("xdp")
int lru(struct xdp_md *ctx)
{
	unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
	__u32 k;
	__u64 *v, init;

	if (d + 38 > e)
		return XDP_PASS;
	k = *(__u32 *)(d + 26);
	v = bpf_map_lookup_elem(&srcs, &k);
	if (v) {
		*v += e - d;
	} else {
		init = 1000 + (e - d);
		bpf_map_update_elem(&srcs, &k, &init, BPF_NOEXIST);
	}
	k = (d[34] << 8) | d[35];
	v = bpf_map_lookup_elem(&ports, &k);
	if (v) {
		(*v)++;
	} else {
		init = 1;
		bpf_map_update_elem(&ports, &k, &init, BPF_ANY);
	}
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
