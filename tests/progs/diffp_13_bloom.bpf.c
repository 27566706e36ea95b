/* SPDX-License-Identifier: MIT */
/* diffp_13_bloom: a BLOOM_FILTER of source addresses; each run tests the
 * destination and the source before adding the source. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_BLOOM_FILTER);
	__uint(max_entries, 1000);
	__type(value, __u32);
	__uint(map_extra, 3);
} seen SEC(".maps");

long r_dst, r_src_before, r_src_after, r_push;

SEC("xdp")
int bloom(struct xdp_md *ctx)
{
	unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
	__u32 s, t;

	if (d + 34 > e)
		return XDP_PASS;
	s = *(__u32 *)(d + 26);
	t = *(__u32 *)(d + 30);
	r_dst = bpf_map_peek_elem(&seen, &t);
	r_src_before = bpf_map_peek_elem(&seen, &s);
	r_push = bpf_map_push_elem(&seen, &s, 0);
	r_src_after = bpf_map_peek_elem(&seen, &s);
	return r_src_before ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
