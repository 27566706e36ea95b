/* SPDX-License-Identifier: MIT */
/* diffp_10_lpm: an LPM_TRIE of IPv4 prefixes (inserted by the program from
 * a .rodata table), longest-prefix lookup of source and destination. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct lpm_key {
	__u32 prefixlen;
	__u32 addr;
};

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(max_entries, 32);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct lpm_key);
	__type(value, __u32);
} routes SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
} hits SEC(".maps");

const volatile struct { __u32 plen, addr, val; } table[6] = {
	{ 8, 0x0000000a, 1 },   /* 10.0.0.0/8 */
	{ 16, 0x0001000a, 2 },  /* 10.1.0.0/16 */
	{ 24, 0x0201000a, 3 },  /* 10.1.2.0/24 */
	{ 32, 0x0302010a, 4 },  /* 10.1.2.3/32 */
	{ 0, 0, 5 },            /* default */
	{ 12, 0x000010ac, 6 },  /* 172.16.0.0/12 */
};

SEC("xdp")
int lpm(struct xdp_md *ctx)
{
	unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
	struct lpm_key k;
	__u32 *v, idx;
	__u64 *h;

	for (int i = 0; i < 6; i++) {
		__u32 val = table[i].val;

		k.prefixlen = table[i].plen;
		k.addr = table[i].addr;
		bpf_map_update_elem(&routes, &k, &val, BPF_ANY);
	}
	if (d + 34 > e)
		return XDP_PASS;
	for (int j = 0; j < 2; j++) {
		k.prefixlen = 32;
		k.addr = *(__u32 *)(d + 26 + 4 * j);
		v = bpf_map_lookup_elem(&routes, &k);
		idx = v ? *v : 0;
		idx = idx + 8 * j;
		if (idx > 15)
			idx = 15;
		h = bpf_map_lookup_elem(&hits, &idx);
		if (h)
			(*h)++;
	}
	if (d[33] == 0x63) {
		k.prefixlen = 24;
		k.addr = 0x0201000a;
		bpf_map_delete_elem(&routes, &k);
	}
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
