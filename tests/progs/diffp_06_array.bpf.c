/* SPDX-License-Identifier: MIT */
/* diffp_06_array: an ARRAY histogram of the packet's bytes (high nibble)
 * and of lengths; out-of-range lookups give NULL. */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u32);
} nibbles SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} misc SEC(".maps");

SEC("tc")
int array(struct __sk_buff *skb)
{
	unsigned char *d = (void *)(long)skb->data, *e = (void *)(long)skb->data_end;
	__u32 k;
	__u64 *m;

#pragma clang loop unroll(disable)
	for (int i = 0; i < 128; i++) {
		__u32 *c;

		if (d + i + 1 > e)
			break;
		k = d[i] >> 4;
		c = bpf_map_lookup_elem(&nibbles, &k);
		if (c)
			__sync_fetch_and_add(c, 1);
	}
	k = 99;
	m = bpf_map_lookup_elem(&misc, &k);
	k = m ? 1 : 0;
	m = bpf_map_lookup_elem(&misc, &k);
	if (m)
		*m += skb->len;
	k = 2;
	m = bpf_map_lookup_elem(&misc, &k);
	if (m)
		*m = *m * 3 + skb->protocol;
	return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
