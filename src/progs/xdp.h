/* SPDX-License-Identifier: MIT */
/*
 * progs/xdp.h - the XDP buffer shared by progs/xdp.c (test_run) and the
 * XDP helpers (helpers/xdp_helpers.c).
 *
 * One page per packet, laid out as the kernel's test_run lays it out:
 *
 *   | xdp_frame 40 | ... headroom ... | meta | data ..... | ... | tailroom 320 |
 *   ^hard_start                       ^data_meta ^data    ^data_end
 *
 * data starts XDP_PACKET_HEADROOM (256) bytes into the page; metadata
 * passed in ctx_in sits just before it.  bpf_xdp_adjust_head and _meta
 * may move data / data_meta down to hard_start + 40 (the room the kernel
 * keeps for struct xdp_frame), bpf_xdp_adjust_tail may move data_end up
 * to the page end less the tailroom.
 */
#ifndef BH_PROGS_XDP_H
#define BH_PROGS_XDP_H

#include "progs/internal.h"

#define XDP_HEADROOM 256  /* XDP_PACKET_HEADROOM */
#define XDP_TAILROOM 320  /* SKB_DATA_ALIGN(sizeof(struct skb_shared_info)) */
#define XDP_BUF_SZ 4096   /* one page per packet, as the kernel's test_run */
#define XDP_FRAME_SZ 40   /* sizeof(struct xdp_frame) on x86-64 */
#define XDP_MAGIC 0x78647062u /* "xdpb" */

/* Program-side context: Linux's struct xdp_md. */
struct xdp_md {
	uint32_t data;
	uint32_t data_end;
	uint32_t data_meta;
	uint32_t ingress_ifindex;
	uint32_t rx_queue_index;
	uint32_t egress_ifindex;
};

/* Host side: the kernel's struct xdp_buff.  md first: R1 points at it. */
struct bh_xdp_buff {
	struct xdp_md md;
	uint32_t magic;          /* XDP_MAGIC */
	uint8_t *hard_start;     /* the page */
	struct bh_exec_env *env; /* the run, to re-export the packet region */
	int pkt_region;          /* index in env->regions, or -1 */
};

/* The buffer R1 points to in the current run, or NULL. */
struct bh_xdp_buff *xdp_from_ctx(uint64_t ctx);
/* After data_meta or data_end moved: the region a checked run may touch. */
void xdp_refresh(struct bh_xdp_buff *xb);
/* xdp_func_proto(): the helpers XDP programs may call. */
const struct bh_helper_proto *xdp_func_proto(uint32_t func_id,
					     const struct bh_prog *prog);

#endif /* BH_PROGS_XDP_H */
