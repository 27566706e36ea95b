/* SPDX-License-Identifier: MIT */
/* diffp_21_skb_bytes: bpf_skb_load_bytes of the Ethernet header, MAC swap
 * with bpf_skb_store_bytes, IPv4 TTL decrement with bpf_l3_csum_replace;
 * out-of-range loads and stores recorded. */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

long rets[6];
__u8 loaded[16];

SEC("tc")
int skb_bytes(struct __sk_buff *skb)
{
	__u8 eth[14], tmp[6], ttl_old[2], ttl_new[2];

	rets[0] = bpf_skb_load_bytes(skb, 0, eth, sizeof(eth));
	if (rets[0])
		return TC_ACT_SHOT;
	__builtin_memcpy(tmp, eth, 6);
	__builtin_memcpy(eth, eth + 6, 6);
	__builtin_memcpy(eth + 6, tmp, 6);
	rets[1] = bpf_skb_store_bytes(skb, 0, eth, 12, 0);
	rets[2] = bpf_skb_load_bytes(skb, skb->len - 4, loaded, 8);
	rets[3] = bpf_skb_store_bytes(skb, skb->len - 2, eth, 4, 0);
	if (eth[12] == 0x08 && eth[13] == 0x00) {
		if (bpf_skb_load_bytes(skb, 22, ttl_old, 2))
			return TC_ACT_SHOT;
		ttl_new[0] = ttl_old[0] - 1;
		ttl_new[1] = ttl_old[1];
		rets[4] = bpf_l3_csum_replace(skb, 24, *(__u16 *)ttl_old,
					      *(__u16 *)ttl_new, 2);
		rets[5] = bpf_skb_store_bytes(skb, 22, ttl_new, 2, 0);
	}
	bpf_skb_load_bytes(skb, 0, loaded, 16);
	return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
