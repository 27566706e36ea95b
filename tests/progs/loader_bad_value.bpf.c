/* SPDX-License-Identifier: MIT */
/* loader_bad_value: __type() where __uint() is expected. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(max_entries, int);
	__type(key, __u32);
	__type(value, __u32);
} bad_value SEC(".maps");

SEC("xdp")
int xdp_bad_value(struct xdp_md *ctx)
{
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
