/* SPDX-License-Identifier: MIT */
/* diffp_32_parser: a full packet parser (Ethernet, 802.1Q, IPv4 with
 * options, IPv6, TCP flags, UDP, ICMP) keeping per-protocol counters and
 * a 5-tuple hash; also the benchmark's packet program (bench_progmaps). */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct vlan_hdr {
	__be16 tci;
	__be16 proto;
};

enum { C_ETH, C_VLAN, C_IP4, C_IP6, C_TCP, C_UDP, C_ICMP, C_SYN, C_OTHER, C_BAD, C_N };

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, C_N);
	__type(key, __u32);
	__type(value, __u64);
} counters SEC(".maps");

__u64 tuple_hash;

static __always_inline void inc(__u32 k)
{
	__u64 *v = bpf_map_lookup_elem(&counters, &k);

	if (v)
		*v += 1;
}

SEC("xdp")
int parser(struct xdp_md *ctx)
{
	void *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
	struct ethhdr *eth = d;
	void *l3;
	__u16 proto;
	__u8 l4proto;
	void *l4;
	__u64 h = 0;

	if ((void *)(eth + 1) > e) {
		inc(C_BAD);
		return XDP_DROP;
	}
	inc(C_ETH);
	proto = eth->h_proto;
	l3 = eth + 1;
	if (proto == bpf_htons(ETH_P_8021Q)) {
		struct vlan_hdr *v = l3;

		if ((void *)(v + 1) > e)
			return XDP_DROP;
		inc(C_VLAN);
		proto = v->proto;
		l3 = v + 1;
	}
	if (proto == bpf_htons(ETH_P_IP)) {
		struct iphdr *ip = l3;

		if ((void *)(ip + 1) > e || ip->ihl < 5) {
			inc(C_BAD);
			return XDP_DROP;
		}
		inc(C_IP4);
		l4 = l3 + ip->ihl * 4;
		l4proto = ip->protocol;
		h = ((__u64)ip->saddr << 32) ^ ip->daddr;
	} else if (proto == bpf_htons(ETH_P_IPV6)) {
		struct ipv6hdr *ip6 = l3;

		if ((void *)(ip6 + 1) > e) {
			inc(C_BAD);
			return XDP_DROP;
		}
		inc(C_IP6);
		l4 = ip6 + 1;
		l4proto = ip6->nexthdr;
		h = *(__u64 *)&ip6->saddr ^ *(__u64 *)&ip6->daddr;
	} else {
		inc(C_OTHER);
		return XDP_PASS;
	}
	if (l4proto == IPPROTO_TCP) {
		struct tcphdr *t = l4;

		if ((void *)(t + 1) > e) {
			inc(C_BAD);
			return XDP_DROP;
		}
		inc(C_TCP);
		if (t->syn && !t->ack)
			inc(C_SYN);
		h ^= ((__u64)t->source << 16) | t->dest;
	} else if (l4proto == IPPROTO_UDP) {
		struct udphdr *u = l4;

		if ((void *)(u + 1) > e) {
			inc(C_BAD);
			return XDP_DROP;
		}
		inc(C_UDP);
		h ^= ((__u64)u->source << 16) | u->dest;
	} else if (l4proto == IPPROTO_ICMP || l4proto == IPPROTO_ICMPV6) {
		inc(C_ICMP);
	}
	tuple_hash = tuple_hash * 31 + h;
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
