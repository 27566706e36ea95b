/* SPDX-License-Identifier: MIT */
/*
 * progs/skb.h - the sk_buff model shared by SOCKET_FILTER and SCHED_CLS
 * programs and the skb helpers.
 *
 * The program-side context is Linux's struct __sk_buff (UAPI layout, 192
 * bytes).  The kernel's verifier rewrites each context load into a load
 * from the real struct sk_buff; bpfhost keeps a filled-in __sk_buff instead
 * and refreshes it whenever a helper changes the packet.  Its data,
 * data_end and data_meta are 32-bit fields holding real addresses: the
 * packet lives in one page mapped MAP_32BIT, as XDP's does (progs/xdp.c).
 *
 * Buffer layout, as the kernel's bpf_prog_test_run_skb() builds it:
 *
 *   | headroom 64 | ethernet 14 | network header ... | tailroom 320 | ...
 *   ^buf          ^mac          ^net
 *
 * (the mapping goes on past the page so bpf_skb_change_tail can grow the
 * packet as far as the kernel lets it, SKB_MAX_ALLOC)
 *
 * SCHED_CLS (an L2 type) sees data at the Ethernet header; SOCKET_FILTER
 * sees data at the network header (eth_type_trans pulled the Ethernet
 * header), so its len, LD_ABS offsets and helper offsets start there.
 */
#ifndef BH_PROGS_SKB_H
#define BH_PROGS_SKB_H

#include "progs/ctx_access.h"
#include "progs/internal.h"

#define SKB_HEADROOM 64  /* NET_SKB_PAD + NET_IP_ALIGN on x86-64 */
#define SKB_TAILROOM 320 /* SKB_DATA_ALIGN(sizeof(struct skb_shared_info)) */
#define SKB_BUF_SZ 4096  /* one page, as the kernel's test data */
/* bpf_skb_change_tail may grow the packet to SKB_MAX_ALLOC (four pages less
 * the shared info): the mapping has room for that from the start. */
#define SKB_MAX_ALLOC (4 * 4096 - SKB_TAILROOM)
#define SKB_MAP_SZ (SKB_HEADROOM + SKB_MAX_ALLOC + SKB_TAILROOM)
#define SKB_ETH_HLEN 14
#define SKB_MAGIC 0x736b6275u /* "skbu" */

/* Program-side context: Linux's struct __sk_buff. */
struct bh_skb_md {
	uint32_t len;
	uint32_t pkt_type;
	uint32_t mark;
	uint32_t queue_mapping;
	uint32_t protocol;
	uint32_t vlan_present;
	uint32_t vlan_tci;
	uint32_t vlan_proto;
	uint32_t priority;
	uint32_t ingress_ifindex;
	uint32_t ifindex;
	uint32_t tc_index;
	uint32_t cb[5];
	uint32_t hash;
	uint32_t tc_classid;
	uint32_t data;
	uint32_t data_end;
	uint32_t napi_id;
	uint32_t family;
	uint32_t remote_ip4;
	uint32_t local_ip4;
	uint32_t remote_ip6[4];
	uint32_t local_ip6[4];
	uint32_t remote_port;
	uint32_t local_port;
	uint32_t data_meta;
	uint64_t flow_keys; /* __bpf_md_ptr */
	uint64_t tstamp;
	uint32_t wire_len;
	uint32_t gso_segs;
	uint64_t sk;        /* __bpf_md_ptr */
	uint32_t gso_size;
	uint8_t tstamp_type;
	uint8_t pad[3];
	uint64_t hwtstamp;
};
_Static_assert(sizeof(struct bh_skb_md) == 192, "struct __sk_buff size");
_Static_assert(offsetof(struct bh_skb_md, data_meta) == 140, "data_meta");
_Static_assert(offsetof(struct bh_skb_md, hwtstamp) == 184, "hwtstamp");

/*
 * Host side: the kernel's struct sk_buff, reduced to what programs and
 * helpers can observe.  md comes first: the program's R1 points at it.
 */
struct bh_skb {
	struct bh_skb_md md;
	uint32_t magic;       /* SKB_MAGIC: helpers check ctx is an skb */
	uint8_t *buf;         /* SKB_MAP_SZ bytes, below 2 GiB */
	uint32_t data_off;    /* skb->data - buf */
	uint32_t len;         /* skb->len (always linear) */
	uint32_t net_off;     /* network header - buf */
	bool direct_access;   /* data/data_end readable: export region */
	bool csum_complete;   /* ip_summed == CHECKSUM_COMPLETE */
	uint32_t csum;        /* skb->csum when csum_complete */
	struct bh_exec_env *env; /* the run, to re-export the packet region */
	int pkt_region;       /* index of the packet in env->regions, or -1 */
	/* Fields the program reads through md, kept here between runs. */
	uint32_t wire_len;
};

/* The skb R1 points to in the current run, or NULL if R1 is no skb. */
struct bh_skb *skb_from_ctx(uint64_t ctx);

/* Data pointer and length of @skb. */
static inline uint8_t *skb_data(const struct bh_skb *skb)
{
	return skb->buf + skb->data_off;
}

/*
 * After the packet moved or changed size: refresh md (len, data pointers),
 * the legacy LD_ABS packet and the region a checked run may touch.
 */
void skb_refresh(struct bh_skb *skb);

/* The kernel's skb test_run; @l2: data starts at the Ethernet header. */
int skb_test_run(struct bh_prog *prog, struct bh_test_run_opts *opts,
		 bool l2);

/* Context descriptors (the kernel's sk_filter / tc_cls_act_is_valid_access). */
extern const struct bh_ctx_desc socket_filter_ctx_desc;
extern const struct bh_ctx_desc sched_cls_ctx_desc;

/* One's-complement checksum arithmetic as the kernel's (include/net/checksum.h). */
uint32_t csum_partial_bh(const void *buf, size_t len, uint32_t sum);
static inline uint32_t csum_add_bh(uint32_t a, uint32_t b)
{
	uint32_t r = a + b;

	return r + (r < b);
}
static inline uint32_t csum_sub_bh(uint32_t a, uint32_t b)
{
	return csum_add_bh(a, ~b);
}
static inline uint16_t csum_fold_bh(uint32_t sum)
{
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

#endif /* BH_PROGS_SKB_H */
