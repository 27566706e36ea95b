/* SPDX-License-Identifier: MIT */
/* diffp_28_socket: a socket filter (data at the network header) that
 * keeps a number of bytes chosen from the IP header, counting by protocol
 * with bpf_skb_load_bytes. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
} by_proto SEC(".maps");

SEC("socket")
int sockf(struct __sk_buff *skb)
{
	__u8 hdr[20];
	__u32 k;
	__u64 *v, one = 1;

	if (bpf_skb_load_bytes(skb, 0, hdr, sizeof(hdr)))
		return 0;
	k = (hdr[0] >> 4) == 4 ? hdr[9] : 1000 + (hdr[0] >> 4);
	v = bpf_map_lookup_elem(&by_proto, &k);
	if (v)
		*v += skb->len;
	else
		bpf_map_update_elem(&by_proto, &k, &one, BPF_ANY);
	if (k == 17)
		return 28;
	return skb->len > 40 ? 40 : skb->len;
}

char LICENSE[] SEC("license") = "GPL";
