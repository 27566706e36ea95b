/* SPDX-License-Identifier: MIT */
/*
 * bench/progs/parser.h - a branchy XDP packet parser.
 *
 *   Ethernet -> up to PARSER_MAX_VLAN 802.1ad / 802.1Q tags
 *     -> IPv4 (header options walked)
 *     -> IPv6 (up to PARSER_MAX_V6_EXT hop-by-hop / routing / destination /
 *              fragment extension headers)
 *        -> TCP (options walked: MSS, window scale, SACK-permitted, timestamp)
 *        -> UDP (-> VXLAN -> inner Ethernet on port 4789)
 *        -> ICMP / ICMPv6
 *
 * Every field that decides something is read from the packet, so each
 * header costs several compare-and-branch instructions and the option
 * walks are data-dependent loops.  The result is
 *
 *   31                                 3 2       0
 *   +-----------------------------------+---------+
 *   | hash of the flow and parse        | verdict |
 *   +-----------------------------------+---------+
 *
 * verdict is an XDP action: ABORTED/DROP for malformed packets (and TTL
 * expiry, tiny MSS), TX for pings, REDIRECT for web and VXLAN traffic,
 * PASS otherwise.  The hash mixes addresses, ports, VLAN ids and every
 * option kind and length seen, so a wrong turn anywhere changes it.
 *
 * Bounds: every read follows a check against data_end that the kernel
 * verifier can follow (fixed-size header checks on the header's own
 * pointer; option offsets bounded by the option area, itself <= 40 bytes).
 */
#ifndef BENCH_PARSER_H
#define BENCH_PARSER_H

#include "prog_common.h"

#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>

#define PARSER_MAX_VLAN 2
#define PARSER_MAX_V6_EXT 4
/*
 * Option-walk iterations: 40 bytes of options could hold 40 NOPs, but real
 * option areas hold a handful; longer walks stop (not malformed).
 */
#define PARSER_MAX_OPTS 12
#define PARSER_VXLAN_PORT 4789

/* Verdicts (struct xdp_md programs return enum xdp_action). */
enum {
	PARSER_ABORTED = 0,
	PARSER_DROP = 1,
	PARSER_PASS = 2,
	PARSER_TX = 3,
	PARSER_REDIRECT = 4,
};

/* Linux keeps these two in kernel-only headers. */
struct parser_vlan_hdr {
	__be16 tci;
	__be16 encap_proto;
};

struct parser_frag_hdr {
	__u8 nexthdr;
	__u8 reserved;
	__be16 frag_off;
	__be32 identification;
};

/* ICMP and ICMPv6 share this prefix (<linux/icmp.h> pulls in libc). */
struct parser_icmp_hdr {
	__u8 type;
	__u8 code;
	__sum16 checksum;
};

#define PARSER_ICMP_DEST_UNREACH 3
#define PARSER_ICMP_FRAG_NEEDED 4
#define PARSER_ICMP_ECHO 8
#define PARSER_ICMPV6_ECHO_REQUEST 128

struct parser_vxlan_hdr {
	__u8 flags; /* 0x08: VNI valid */
	__u8 reserved1[3];
	__be32 vni_reserved2;
};

struct parser_state {
	void *pos;        /* next header */
	const void *end;  /* data_end */
	__u32 hash;
	__u32 verdict;    /* PARSER_* */
	__u32 nonfirst;   /* non-first fragment: no L4 header */
	__u32 mss;        /* TCP MSS option, 0 if none */
};

static __always_inline __u32 parser_mix(__u32 h, __u32 v)
{
	h ^= v;
	h *= 0x01000193U;
	return h ^ (h >> 16);
}

/*
 * Walk IPv4 or TCP options (same TLV layout: 0 = end, 1 = no-op, others
 * kind, length, value) in [opt, opt + len), len <= 40.  Mixes each option
 * into the hash; remembers the TCP MSS when @tcp.  Returns 0, -1 when
 * malformed.
 */
static __always_inline int parser_opts(struct parser_state *st,
				       const __u8 *opt, __u32 len, int tcp)
{
	__u32 off = 0, olen, i;
	const __u8 *p;

	BENCH_NO_UNROLL
	for (i = 0; i < PARSER_MAX_OPTS; i++) {
		if (off >= len)
			break;
		/*
		 * A no-op for the CPU (off < len <= 40), but the verifier
		 * then sees one range for off on every path instead of one
		 * per sequence of option lengths: without it, verifying
		 * takes states exponential in PARSER_MAX_OPTS (1M insns at
		 * 12), with it about 200k.
		 */
		off &= 0x3f;
		p = opt + off;
		if ((const void *)(p + 1) > st->end)
			return -1;
		if (p[0] == 0)
			break;
		if (p[0] == 1) {
			off++;
			continue;
		}
		if ((const void *)(p + 2) > st->end)
			return -1;
		olen = p[1];
		if (olen < 2 || off + olen > len)
			return -1;
		st->hash = parser_mix(st->hash, (__u32)p[0] << 8 | olen);
		if (tcp && p[0] == 2 && olen == 4) {
			if ((const void *)(p + 4) > st->end)
				return -1;
			st->mss = (__u32)p[2] << 8 | p[3];
		} else if (tcp && p[0] == 8 && olen == 10) {
			if ((const void *)(p + 10) > st->end)
				return -1;
			st->hash = parser_mix(st->hash,
					      *(const __u32 *)(p + 2));
		} else if (p[0] == 3 && olen == 3) {
			if ((const void *)(p + 3) > st->end)
				return -1;
			st->hash = parser_mix(st->hash, p[2]);
		}
		off += olen;
	}
	return 0;
}

/* Returns the L4 protocol, -1 when malformed. */
static __always_inline int parser_ipv4(struct parser_state *st)
{
	struct iphdr *ip = st->pos;
	__u32 ihl;

	if ((void *)(ip + 1) > st->end || ip->version != 4)
		return -1;
	ihl = ip->ihl * 4;
	if (ihl < sizeof(*ip) || st->pos + ihl > st->end)
		return -1;
	if (ip->ttl <= 1)
		st->verdict = PARSER_DROP;
	st->hash = parser_mix(st->hash, ip->saddr);
	st->hash = parser_mix(st->hash, ip->daddr);
	if (ip->frag_off & BENCH_BE16(0x1fff))
		st->nonfirst = 1;
	if (ihl > sizeof(*ip) &&
	    parser_opts(st, (const __u8 *)(ip + 1), ihl - sizeof(*ip), 0))
		return -1;
	st->pos += ihl;
	return ip->protocol;
}

/* Skips IPv6 extension headers; returns the L4 protocol, -1 if malformed. */
static __always_inline int parser_ipv6_ext(struct parser_state *st,
					   __u32 nexthdr)
{
	struct ipv6_opt_hdr *oh;
	struct parser_frag_hdr *fh;
	__u32 len, i;

	BENCH_NO_UNROLL
	for (i = 0; i < PARSER_MAX_V6_EXT; i++) {
		switch (nexthdr) {
		case IPPROTO_HOPOPTS:
		case IPPROTO_ROUTING:
		case IPPROTO_DSTOPTS:
			oh = st->pos;
			/* Every extension header has at least 8 bytes. */
			if (st->pos + 8 > st->end)
				return -1;
			len = ((__u32)oh->hdrlen + 1) * 8;
			if (st->pos + len > st->end)
				return -1;
			/* Routing: type and segments left. */
			if (nexthdr == IPPROTO_ROUTING)
				st->hash = parser_mix(
					st->hash, *(__u16 *)(st->pos + 2));
			nexthdr = oh->nexthdr;
			st->pos += len;
			break;
		case IPPROTO_FRAGMENT:
			fh = st->pos;
			if ((void *)(fh + 1) > st->end)
				return -1;
			if (fh->frag_off & BENCH_BE16(0xfff8))
				st->nonfirst = 1;
			st->hash = parser_mix(st->hash, fh->identification);
			nexthdr = fh->nexthdr;
			st->pos = fh + 1;
			break;
		default:
			return nexthdr;
		}
	}
	/* Too many extension headers: hand it to the stack. */
	st->nonfirst = 1;
	return nexthdr;
}

static __always_inline int parser_ipv6(struct parser_state *st)
{
	struct ipv6hdr *ip6 = st->pos;
	__u32 w;

	if ((void *)(ip6 + 1) > st->end || ip6->version != 6)
		return -1;
	if (ip6->hop_limit <= 1)
		st->verdict = PARSER_DROP;
	for (w = 0; w < 4; w++)
		st->hash = parser_mix(st->hash,
				      ip6->saddr.in6_u.u6_addr32[w] ^
					      ip6->daddr.in6_u.u6_addr32[w]);
	st->hash = parser_mix(st->hash, ip6->flow_lbl[2]);
	st->pos = ip6 + 1;
	return parser_ipv6_ext(st, ip6->nexthdr);
}

static __always_inline int parser_tcp(struct parser_state *st)
{
	struct tcphdr *th = st->pos;
	__u32 doff;

	if ((void *)(th + 1) > st->end)
		return -1;
	doff = th->doff * 4;
	if (doff < sizeof(*th) || st->pos + doff > st->end)
		return -1;
	st->hash = parser_mix(st->hash, (__u32)th->source << 16 | th->dest);
	if (doff > sizeof(*th) &&
	    parser_opts(st, (const __u8 *)(th + 1), doff - sizeof(*th), 1))
		return -1;
	if (th->rst || th->fin)
		return PARSER_PASS;
	if (th->syn && !th->ack && st->mss && st->mss < 536)
		return PARSER_DROP;
	if (th->dest == BENCH_BE16(80) || th->dest == BENCH_BE16(443))
		return PARSER_REDIRECT;
	return PARSER_PASS;
}

static __always_inline int parser_vxlan(struct parser_state *st)
{
	struct parser_vxlan_hdr *vx = st->pos;
	struct ethhdr *inner = (void *)(vx + 1);

	if ((void *)(inner + 1) > st->end)
		return -1;
	if (!(vx->flags & 0x08))
		return PARSER_DROP;
	st->hash = parser_mix(st->hash, vx->vni_reserved2);
	st->hash = parser_mix(st->hash, *(__u32 *)inner->h_dest);
	st->hash = parser_mix(st->hash, inner->h_proto);
	return inner->h_proto == BENCH_BE16(ETH_P_IP) ||
			       inner->h_proto == BENCH_BE16(ETH_P_IPV6) ?
		       PARSER_REDIRECT :
		       PARSER_DROP;
}

static __always_inline int parser_udp(struct parser_state *st)
{
	struct udphdr *uh = st->pos;

	if ((void *)(uh + 1) > st->end || BENCH_NTOHS(uh->len) < sizeof(*uh))
		return -1;
	st->hash = parser_mix(st->hash, (__u32)uh->source << 16 | uh->dest);
	st->pos = uh + 1;
	if (uh->dest == BENCH_BE16(PARSER_VXLAN_PORT))
		return parser_vxlan(st);
	if (uh->dest == BENCH_BE16(53) || uh->source == BENCH_BE16(53))
		return PARSER_PASS;
	return PARSER_DROP;
}

static __always_inline int parser_icmp(struct parser_state *st, int v6)
{
	struct parser_icmp_hdr *ih = st->pos;

	if ((void *)(ih + 1) > st->end)
		return -1;
	st->hash = parser_mix(st->hash, (__u32)ih->type << 8 | ih->code);
	if (ih->type == (v6 ? PARSER_ICMPV6_ECHO_REQUEST : PARSER_ICMP_ECHO))
		return PARSER_TX;
	if (v6 && ih->type >= 133 && ih->type <= 137) /* neighbour discovery */
		return PARSER_PASS;
	if (!v6 && ih->type == PARSER_ICMP_DEST_UNREACH &&
	    ih->code == PARSER_ICMP_FRAG_NEEDED)
		return PARSER_PASS;
	return PARSER_DROP;
}

static __always_inline int parser_l4(struct parser_state *st, int proto)
{
	switch (proto) {
	case IPPROTO_TCP:
		return parser_tcp(st);
	case IPPROTO_UDP:
		return parser_udp(st);
	case IPPROTO_ICMP:
		return parser_icmp(st, 0);
	case IPPROTO_ICMPV6:
		return parser_icmp(st, 1);
	default:
		return PARSER_PASS;
	}
}

/* Parse [data, data_end); returns hash << 3 | verdict (see above). */
static __always_inline __u32 parser_run(void *data, const void *data_end)
{
	struct parser_state st = {
		.pos = data,
		.end = data_end,
		.hash = 0x811c9dc5U, /* FNV-1 offset basis */
		.verdict = PARSER_PASS,
	};
	struct ethhdr *eth = data;
	struct parser_vlan_hdr *vh;
	__u16 proto;
	int l4, i;

	if ((void *)(eth + 1) > data_end)
		return PARSER_ABORTED;
	proto = eth->h_proto;
	st.pos = eth + 1;
	for (i = 0; i < PARSER_MAX_VLAN; i++) {
		if (proto != BENCH_BE16(ETH_P_8021Q) &&
		    proto != BENCH_BE16(ETH_P_8021AD))
			break;
		vh = st.pos;
		if ((void *)(vh + 1) > data_end)
			return PARSER_DROP;
		st.hash = parser_mix(st.hash, BENCH_NTOHS(vh->tci) & 0x0fff);
		proto = vh->encap_proto;
		st.pos = vh + 1;
	}
	if (proto == BENCH_BE16(ETH_P_IP))
		l4 = parser_ipv4(&st);
	else if (proto == BENCH_BE16(ETH_P_IPV6))
		l4 = parser_ipv6(&st);
	else
		return parser_mix(st.hash, proto) << 3 | PARSER_PASS;
	if (l4 < 0)
		return st.hash << 3 | PARSER_DROP;
	st.hash = parser_mix(st.hash, (__u32)l4);
	if (!st.nonfirst && st.verdict == PARSER_PASS)
		st.verdict = parser_l4(&st, l4);
	if ((int)st.verdict < 0)
		st.verdict = PARSER_DROP;
	return st.hash << 3 | st.verdict;
}

#endif /* BENCH_PARSER_H */
