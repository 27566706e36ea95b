/* SPDX-License-Identifier: MIT */
/* diffp_16_tail_call: a PROG_ARRAY filled by initial values; the entry
 * program tail-calls a parser by EtherType, which tail-calls a counter;
 * a tail call to an empty slot falls through. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__u64 steps[4];

int parse_ip(struct xdp_md *ctx);
int parse_other(struct xdp_md *ctx);
int count(struct xdp_md *ctx);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 5);
	__type(key, __u32);
	__array(values, int (void *));
} jt SEC(".maps") = {
	.values = { [0] = (void *)&parse_ip, [1] = (void *)&parse_other,
		    [2] = (void *)&count },
};

SEC("xdp")
int entry(struct xdp_md *ctx)
{
	unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;

	steps[0]++;
	if (d + 14 > e)
		return XDP_ABORTED;
	if (d[12] == 0x08 && d[13] == 0)
		bpf_tail_call(ctx, &jt, 0);
	else if (d[12] == 0x86)
		bpf_tail_call(ctx, &jt, 4);   /* empty slot: falls through */
	else
		bpf_tail_call(ctx, &jt, 1);
	return XDP_TX;
}

SEC("xdp")
int parse_ip(struct xdp_md *ctx)
{
	steps[1]++;
	bpf_tail_call(ctx, &jt, 2);
	return XDP_ABORTED;
}

SEC("xdp")
int parse_other(struct xdp_md *ctx)
{
	steps[2] += 10;
	return XDP_DROP;
}

SEC("xdp")
int count(struct xdp_md *ctx)
{
	steps[3] += ctx->data_end - ctx->data;
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
