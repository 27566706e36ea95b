/* SPDX-License-Identifier: MIT */
/*
 * loader_bad_shape: a ".maps" variable whose attributes are plain values,
 * not the pointer-to-array encoding of __uint().
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	int type;
	int max_entries;
} not_a_map SEC(".maps") = { BPF_MAP_TYPE_ARRAY, 1 };

SEC("xdp")
int xdp_bad_shape(struct xdp_md *ctx)
{
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
