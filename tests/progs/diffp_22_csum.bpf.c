/* SPDX-License-Identifier: MIT */
/* diffp_22_csum: NAT of an IPv4 UDP/TCP packet: rewrite the destination
 * address and port, fix the IP checksum (bpf_l3_csum_replace) and the L4
 * checksum (bpf_l4_csum_replace with BPF_F_PSEUDO_HDR), bpf_csum_diff of
 * the header before and after. */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

long rets[6];
__s64 diff;

SEC("tc")
int csum(struct __sk_buff *skb)
{
	void *d = (void *)(long)skb->data, *e = (void *)(long)skb->data_end;
	struct iphdr *ip = d + ETH_HLEN;
	__u32 old_addr, new_addr = bpf_htonl(0xc0a80a0a);
	__u16 old_port, new_port = bpf_htons(8080);
	__u32 l4csum_off, hdr[5];
	int l4 = ETH_HLEN + sizeof(*ip);

	if ((void *)(ip + 1) > e || ip->ihl != 5)
		return TC_ACT_OK;
	if (ip->protocol == IPPROTO_TCP)
		l4csum_off = l4 + 16;
	else if (ip->protocol == IPPROTO_UDP)
		l4csum_off = l4 + 6;
	else
		return TC_ACT_OK;
	if (d + l4 + 20 > e)
		return TC_ACT_OK;
	__builtin_memcpy(hdr, ip, 20);
	old_addr = ip->daddr;
	old_port = *(__u16 *)(d + l4 + 2);
	rets[0] = bpf_l4_csum_replace(skb, l4csum_off, old_addr, new_addr,
				      BPF_F_PSEUDO_HDR | 4);
	rets[1] = bpf_l4_csum_replace(skb, l4csum_off, old_port, new_port, 2);
	rets[2] = bpf_l3_csum_replace(skb, ETH_HLEN + 10, old_addr, new_addr, 4);
	rets[3] = bpf_skb_store_bytes(skb, ETH_HLEN + 16, &new_addr, 4, 0);
	rets[4] = bpf_skb_store_bytes(skb, l4 + 2, &new_port, 2, 0);
	d = (void *)(long)skb->data;
	e = (void *)(long)skb->data_end;
	if (d + ETH_HLEN + 20 > e)
		return TC_ACT_SHOT;
	diff = bpf_csum_diff(hdr, 20, d + ETH_HLEN, 20, 0x1234);
	return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
