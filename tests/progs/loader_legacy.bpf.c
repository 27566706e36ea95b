/* SPDX-License-Identifier: MIT */
/* loader_legacy: maps defined the old way, in SEC("maps"). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct legacy_map_def {
	unsigned int type;
	unsigned int key_size;
	unsigned int value_size;
	unsigned int max_entries;
	unsigned int map_flags;
};

struct legacy_map_def SEC("maps") legacy_arr = {
	.type = BPF_MAP_TYPE_ARRAY, .key_size = 4, .value_size = 8, .max_entries = 2,
};

struct legacy_map_def SEC("maps") legacy_hash = {
	.type = BPF_MAP_TYPE_HASH, .key_size = 4, .value_size = 4, .max_entries = 8,
};

SEC("xdp")
int xdp_legacy(struct xdp_md *ctx)
{
	__u32 k = 1, v = 11;
	__u64 *a = bpf_map_lookup_elem(&legacy_arr, &k);

	bpf_map_update_elem(&legacy_hash, &k, &v, BPF_ANY);
	if (a)
		*a += 5;
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "Dual MIT/GPL";
