/* SPDX-License-Identifier: MIT */
/*
 * examples/xdp_stats.bpf.c - the README's demo: an XDP program that counts
 * traffic per protocol and per IPv4 source address, and drops everything
 * from one blocked address.
 *
 *   proto_stats  ARRAY indexed by enum proto: packets and bytes of each
 *                protocol (a packet counts once at layer 3 - ARP, IPv4,
 *                IPv6, OTHER - and once more at layer 4 - TCP, UDP, ICMP,
 *                ICMPv6 - when it has one of those);
 *   src_stats    HASH keyed by the IPv4 source address (struct in_addr,
 *                network byte order): packets and bytes per sender;
 *   blocked_src  .rodata: the sender whose packets get XDP_DROP (the host
 *                may change it before load, skeleton style).
 *
 * Built by `make examples` / `make demo` into build/examples/xdp_stats.bpf.o
 * and run by scripts/demo.sh:
 *
 *   bpfhost prog run build/examples/xdp_stats.bpf.o \
 *           --pcap build/demo/traffic.pcap --dump-maps
 *
 * Every packet access is bounds-checked against data_end, as the kernel's
 * verifier requires.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

enum proto {
	PROTO_ARP,
	PROTO_IPV4,
	PROTO_IPV6,
	PROTO_OTHER,  /* any other EtherType, or a runt frame */
	PROTO_TCP,
	PROTO_UDP,
	PROTO_ICMP,
	PROTO_ICMPV6,
	PROTO_MAX,
};

struct counters {
	__u64 packets;
	__u64 bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, PROTO_MAX);
	__type(key, enum proto);
	__type(value, struct counters);
} proto_stats SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, struct in_addr);
	__type(value, struct counters);
} src_stats SEC(".maps");

/* 203.0.113.66 (TEST-NET-3), in network byte order. */
const volatile struct in_addr blocked_src = {
	.s_addr = __bpf_constant_htonl(0xcb007142),
};

static __always_inline void count(enum proto p, __u64 len)
{
	__u32 key = p;
	struct counters *c = bpf_map_lookup_elem(&proto_stats, &key);

	if (c) {
		__sync_fetch_and_add(&c->packets, 1);
		__sync_fetch_and_add(&c->bytes, len);
	}
}

static __always_inline void count_source(__u32 saddr, __u64 len)
{
	struct in_addr key = { .s_addr = saddr };
	struct counters *c = bpf_map_lookup_elem(&src_stats, &key);

	if (c) {
		__sync_fetch_and_add(&c->packets, 1);
		__sync_fetch_and_add(&c->bytes, len);
	} else {
		struct counters init = { .packets = 1, .bytes = len };

		bpf_map_update_elem(&src_stats, &key, &init, BPF_NOEXIST);
	}
}

static __always_inline void count_l4(__u8 proto, __u64 len)
{
	switch (proto) {
	case IPPROTO_TCP:
		count(PROTO_TCP, len);
		break;
	case IPPROTO_UDP:
		count(PROTO_UDP, len);
		break;
	case IPPROTO_ICMP:
		count(PROTO_ICMP, len);
		break;
	case IPPROTO_ICMPV6:
		count(PROTO_ICMPV6, len);
		break;
	}
}

SEC("xdp")
int xdp_stats(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	__u64 len = data_end - data;
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > data_end) {
		count(PROTO_OTHER, len);
		return XDP_PASS;
	}
	if (eth->h_proto == bpf_htons(ETH_P_ARP)) {
		count(PROTO_ARP, len);
	} else if (eth->h_proto == bpf_htons(ETH_P_IP)) {
		struct iphdr *ip = (void *)(eth + 1);

		count(PROTO_IPV4, len);
		if ((void *)(ip + 1) > data_end)
			return XDP_PASS;
		count_l4(ip->protocol, len);
		count_source(ip->saddr, len);
		if (ip->saddr == blocked_src.s_addr) {
			bpf_printk("xdp_stats: drop %u bytes from the blocked source",
				   (__u32)len);
			return XDP_DROP;
		}
	} else if (eth->h_proto == bpf_htons(ETH_P_IPV6)) {
		struct ipv6hdr *ip6 = (void *)(eth + 1);

		count(PROTO_IPV6, len);
		if ((void *)(ip6 + 1) > data_end)
			return XDP_PASS;
		count_l4(ip6->nexthdr, len);
	} else {
		count(PROTO_OTHER, len);
	}
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
