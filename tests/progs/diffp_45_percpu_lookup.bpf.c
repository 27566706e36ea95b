/* SPDX-License-Identifier: MIT */
/* diffp_45_percpu_lookup: bpf_map_lookup_percpu_elem over every possible
 * CPU (read-only: the sum is the same whichever CPU ran), and a
 * map-value pointer kept across a helper call. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} pc SEC(".maps");

__u64 total_seen;
__u32 nr_cpus_seen;

SEC("xdp")
int percpu_lookup(struct xdp_md *ctx)
{
	__u32 k = 0, n = 0;
	__u64 *mine = bpf_map_lookup_elem(&pc, &k), s = 0;

	if (!mine)
		return XDP_ABORTED;
	*mine += ctx->data_end - ctx->data;
	for (__u32 c = 0; c < 64; c++) {
		__u64 *v = bpf_map_lookup_percpu_elem(&pc, &k, c);

		if (!v)
			break;
		s += *v;
		n++;
	}
	total_seen = s;
	nr_cpus_seen = n;
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
