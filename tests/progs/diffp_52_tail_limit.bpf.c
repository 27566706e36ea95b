/* SPDX-License-Identifier: MIT */
/* diffp_52_tail_limit: a program that tail-calls itself through a
 * PROG_ARRAY until the kernel's limit (33 tail calls) stops it, counting
 * entries; a second entry program tail-calls it with a key out of range. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__u64 entries, fallthrough, oob;

int self(struct xdp_md *ctx);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, int (void *));
} loop SEC(".maps") = {
	.values = { [0] = (void *)&self },
};

SEC("xdp")
int self(struct xdp_md *ctx)
{
	entries++;
	bpf_tail_call(ctx, &loop, 0);
	fallthrough++;
	return XDP_PASS;
}

SEC("xdp")
int out_of_range(struct xdp_md *ctx)
{
	bpf_tail_call(ctx, &loop, 7);
	bpf_tail_call(ctx, &loop, 1);
	oob++;
	return XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
