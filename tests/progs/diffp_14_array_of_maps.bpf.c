/* SPDX-License-Identifier: MIT */
/* diffp_14_array_of_maps: an ARRAY_OF_MAPS with two inner ARRAYs set by
 * initial values (__array); the program picks one by the IP protocol. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct inner {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
};

struct inner inner_tcp SEC(".maps"), inner_other SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 3);
	__type(key, __u32);
	__array(values, struct inner);
} outer SEC(".maps") = {
	.values = { [0] = &inner_tcp, [2] = &inner_other },
};

__u32 misses;

SEC("xdp")
int aom(struct xdp_md *ctx)
{
	unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
	__u32 k, slot;
	void *m;
	__u64 *v;

	if (d + 34 > e)
		return XDP_PASS;
	k = d[23] == 6 ? 0 : d[23] == 17 ? 1 : 2;
	m = bpf_map_lookup_elem(&outer, &k);
	if (!m) {
		misses++;
		return XDP_DROP;
	}
	slot = d[33] & 3;
	v = bpf_map_lookup_elem(m, &slot);
	if (v)
		*v += e - d;
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
