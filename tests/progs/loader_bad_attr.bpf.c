/* SPDX-License-Identifier: MIT */
/* loader_bad_attr: a BTF-defined map with an attribute libbpf does not know. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
	__uint(colour, 3);
} bad_attr SEC(".maps");

SEC("xdp")
int xdp_bad_attr(struct xdp_md *ctx)
{
	__u32 k = 0;

	return bpf_map_lookup_elem(&bad_attr, &k) ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
