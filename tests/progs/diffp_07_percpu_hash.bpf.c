/* SPDX-License-Identifier: MIT */
/* diffp_07_percpu_hash: PERCPU_HASH counters per EtherType, created by
 * the program on first sight (BPF_ANY) then incremented in place. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 32);
	__type(key, __u16);
	__type(value, __u64);
} per_type SEC(".maps");

SEC("xdp")
int percpu_hash(struct xdp_md *ctx)
{
	unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
	__u16 t;
	__u64 *v, one = 1;

	if (d + 14 > e)
		return XDP_DROP;
	t = (d[12] << 8) | d[13];
	v = bpf_map_lookup_elem(&per_type, &t);
	if (v)
		*v += 1;
	else
		bpf_map_update_elem(&per_type, &t, &one, BPF_ANY);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
