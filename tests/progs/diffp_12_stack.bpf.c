/* SPDX-License-Identifier: MIT */
/* diffp_12_stack: a STACK of 16-byte records; push with BPF_EXIST (which
 * overwrites the oldest when full), pop every third run. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct rec {
	__u64 len;
	__u32 b0, n;
};

struct {
	__uint(type, BPF_MAP_TYPE_STACK);
	__uint(max_entries, 5);
	__type(value, struct rec);
} st SEC(".maps");

__u32 n;
struct rec top;
long push_ret, pop_ret;

SEC("xdp")
int stack(struct xdp_md *ctx)
{
	unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
	struct rec r = { .len = e - d, .n = ++n };

	if (d + 1 <= e)
		r.b0 = d[0] ^ n;
	push_ret = bpf_map_push_elem(&st, &r, BPF_EXIST);
	if (n % 3 == 0)
		pop_ret = bpf_map_pop_elem(&st, &top);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
