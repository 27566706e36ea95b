/* SPDX-License-Identifier: MIT */
/*
 * loader_mim: map-in-map and program array initial values through
 * __array(values, ...), and a tail call through the program array.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct inner {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
};

struct inner in0 SEC(".maps"), in1 SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct inner);
} outer SEC(".maps") = {
	.values = { [0] = &in0, [1] = &in1 },
};

SEC("xdp")
int tail_target(struct xdp_md *ctx)
{
	return XDP_TX;
}

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, int (void *));
} jmp SEC(".maps") = {
	.values = { [1] = (void *)&tail_target },
};

SEC("xdp")
int xdp_mim(struct xdp_md *ctx)
{
	__u32 k = 1, z = 0;
	__u32 *v;
	void *m = bpf_map_lookup_elem(&outer, &k);

	if (!m)
		return XDP_ABORTED;
	v = bpf_map_lookup_elem(m, &z);
	if (!v)
		return XDP_ABORTED;
	if (*v == 5)
		bpf_tail_call(ctx, &jmp, 1);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
