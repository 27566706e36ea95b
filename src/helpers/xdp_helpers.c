/* SPDX-License-Identifier: MIT */
/*
 * helpers/xdp_helpers.c - helpers on an XDP buffer (progs/xdp.h):
 * bpf_xdp_adjust_head, bpf_xdp_adjust_meta, bpf_xdp_adjust_tail, with the
 * kernel's bounds (net/core/filter.c), bpf_redirect_map over DEVMAP and
 * DEVMAP_HASH, and xdp_func_proto().
 */
#include <string.h>

#include "helpers/internal.h"
#include "maps/internal.h"
#include "progs/xdp.h"

#define ETH_HLEN 14
#define XDP_META_MAX 255 /* type_max(skb_shared_info.meta_len) */

struct bh_xdp_buff *xdp_from_ctx(uint64_t ctx)
{
	const struct bh_exec_env *env = bh_exec_current;
	struct bh_xdp_buff *xb = (struct bh_xdp_buff *)(uintptr_t)ctx;

	if (!env || !ctx || env->args[0] != ctx || xb->magic != XDP_MAGIC)
		return NULL;
	return xb;
}

void xdp_refresh(struct bh_xdp_buff *xb)
{
	if (xb->env && xb->pkt_region >= 0)
		xb->env->regions[xb->pkt_region] = (struct bh_region){
			.start = xb->md.data_meta,
			.size = xb->md.data_end - xb->md.data_meta,
			.writable = true,
		};
}

static uint8_t *ptr32(uint32_t v)
{
	return (uint8_t *)(uintptr_t)v;
}

/* long bpf_xdp_adjust_head(struct xdp_buff *xdp_md, int delta) */
static uint64_t xdp_adjust_head(uint64_t ctx, uint64_t delta, uint64_t r3,
				uint64_t r4, uint64_t r5)
{
	struct bh_xdp_buff *xb = xdp_from_ctx(ctx);
	int32_t off = (int32_t)delta;
	uint8_t *data, *data_start;
	uint32_t metalen;

	if (!xb)
		return (uint64_t)-EINVAL;
	metalen = xb->md.data - xb->md.data_meta;
	data_start = xb->hard_start + XDP_FRAME_SZ + metalen;
	data = ptr32(xb->md.data) + off;
	if (data < data_start || data > ptr32(xb->md.data_end) - ETH_HLEN)
		return (uint64_t)-EINVAL;
	if (metalen)
		memmove(ptr32(xb->md.data_meta) + off, ptr32(xb->md.data_meta),
			metalen);
	xb->md.data_meta += (uint32_t)off;
	xb->md.data = (uint32_t)(uintptr_t)data;
	xdp_refresh(xb);
	return 0;
}

const struct bh_helper_proto helper_xdp_adjust_head_proto = {
	.name = "xdp_adjust_head",
	.fn = xdp_adjust_head,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_PTR_TO_CTX, BH_ARG_ANYTHING },
};

/* long bpf_xdp_adjust_meta(struct xdp_buff *xdp_md, int delta) */
static uint64_t xdp_adjust_meta(uint64_t ctx, uint64_t delta, uint64_t r3,
				uint64_t r4, uint64_t r5)
{
	struct bh_xdp_buff *xb = xdp_from_ctx(ctx);
	int32_t off = (int32_t)delta;
	uint8_t *meta;
	uint64_t metalen;

	if (!xb)
		return (uint64_t)-EINVAL;
	meta = ptr32(xb->md.data_meta) + off;
	if (meta < xb->hard_start + XDP_FRAME_SZ || meta > ptr32(xb->md.data))
		return (uint64_t)-EINVAL;
	metalen = (uint64_t)(ptr32(xb->md.data) - meta);
	if ((metalen & 3) || metalen > XDP_META_MAX)
		return (uint64_t)-EACCES;
	xb->md.data_meta = (uint32_t)(uintptr_t)meta;
	xdp_refresh(xb);
	return 0;
}

const struct bh_helper_proto helper_xdp_adjust_meta_proto = {
	.name = "xdp_adjust_meta",
	.fn = xdp_adjust_meta,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_PTR_TO_CTX, BH_ARG_ANYTHING },
};

/* long bpf_xdp_adjust_tail(struct xdp_buff *xdp_md, int delta): grown
 * bytes are zeroed, as the kernel clears them. */
static uint64_t xdp_adjust_tail(uint64_t ctx, uint64_t delta, uint64_t r3,
				uint64_t r4, uint64_t r5)
{
	struct bh_xdp_buff *xb = xdp_from_ctx(ctx);
	int32_t off = (int32_t)delta;
	uint8_t *data_end, *hard_end;

	if (!xb)
		return (uint64_t)-EINVAL;
	hard_end = xb->hard_start + XDP_BUF_SZ - XDP_TAILROOM;
	data_end = ptr32(xb->md.data_end) + off;
	if (data_end > hard_end || data_end < ptr32(xb->md.data) + ETH_HLEN)
		return (uint64_t)-EINVAL;
	if (off > 0)
		memset(ptr32(xb->md.data_end), 0, (size_t)off);
	xb->md.data_end = (uint32_t)(uintptr_t)data_end;
	xdp_refresh(xb);
	return 0;
}

const struct bh_helper_proto helper_xdp_adjust_tail_proto = {
	.name = "xdp_adjust_tail",
	.fn = xdp_adjust_tail,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_PTR_TO_CTX, BH_ARG_ANYTHING },
};

/*
 * long bpf_redirect_map(struct bpf_map *map, u64 key, u64 flags): the
 * kernel's __bpf_xdp_redirect_map().  Flags other than the action bits
 * (XDP_ABORTED..XDP_TX) and BPF_F_BROADCAST | BPF_F_EXCLUDE_INGRESS give
 * XDP_ABORTED; a key without an entry (the key is used as a u32) gives the
 * action in the low bits of flags, unless BPF_F_BROADCAST; otherwise the
 * target is recorded for this thread and the result is XDP_REDIRECT.
 * bpfhost sends no packets: test_run returns XDP_REDIRECT as the kernel's
 * non-live BPF_PROG_TEST_RUN does.
 */
static uint64_t redirect_map(uint64_t r1, uint64_t key, uint64_t flags,
			     uint64_t r4, uint64_t r5)
{
	const uint64_t action_mask = XDP_ABORTED | XDP_DROP | XDP_PASS | XDP_TX;
	struct bh_map *map = (struct bh_map *)(uintptr_t)r1;
	uint32_t ifindex;

	if (!map || (map->type != BPF_MAP_TYPE_DEVMAP &&
		     map->type != BPF_MAP_TYPE_DEVMAP_HASH))
		return XDP_ABORTED; /* the verifier allows no other map */
	if (flags & ~(action_mask | BPF_F_BROADCAST | BPF_F_EXCLUDE_INGRESS))
		return XDP_ABORTED;
	ifindex = devmap_redirect_lookup(map, (uint32_t)key);
	if (!ifindex && !(flags & BPF_F_BROADCAST)) {
		helper_redirect_map_set(0, 0, 0, 0);
		return flags & action_mask;
	}
	helper_redirect_map_set(bh_map__id(map), (uint32_t)key,
				(flags & BPF_F_BROADCAST) ? 0 : ifindex,
				(flags & BPF_F_BROADCAST) ? flags : 0);
	return XDP_REDIRECT;
}

const struct bh_helper_proto helper_redirect_map_proto = {
	.name = "redirect_map",
	.fn = redirect_map,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_CONST_MAP_PTR, BH_ARG_ANYTHING, BH_ARG_ANYTHING },
};

const struct bh_helper_proto *xdp_func_proto(uint32_t func_id,
					     const struct bh_prog *prog)
{
	switch (func_id) {
	case BPF_FUNC_get_smp_processor_id:
	case BPF_FUNC_csum_diff:
	case BPF_FUNC_xdp_adjust_head:
	case BPF_FUNC_xdp_adjust_meta:
	case BPF_FUNC_redirect:
	case BPF_FUNC_redirect_map:
	case BPF_FUNC_xdp_adjust_tail:
		return helper_proto(func_id);
	default:
		return helper_sk_base_func_proto(func_id, prog);
	}
}
