/* SPDX-License-Identifier: MIT */
/*
 * helpers/skb_helpers.c - helpers on a struct __sk_buff context
 * (progs/skb.h): bpf_skb_load_bytes, bpf_skb_store_bytes, the checksum
 * helpers bpf_l3_csum_replace, bpf_l4_csum_replace and bpf_csum_diff, and
 * bpf_redirect, with the kernel's (net/core/filter.c) flags, bounds and
 * errnos.
 *
 * Offsets are from skb->data: the Ethernet header for SCHED_CLS, the
 * network header for SOCKET_FILTER.  Checksum arithmetic is one's
 * complement with end-around carry, the same on every architecture, so
 * results match the kernel's bit for bit (including which of the two
 * zeros comes out).
 */
#include <string.h>

#include "helpers/internal.h"
#include "progs/skb.h"

#define INT_MAX_U 0x7fffffffu
#define CSUM_MANGLED_0 0xffffu

/* Writable @len bytes at @off of the packet? (bpf_try_make_writable) */
static uint8_t *skb_ptr(struct bh_skb *skb, uint64_t off, uint64_t len)
{
	if (off + len > skb->len)
		return NULL;
	return skb_data(skb) + off;
}

/* long bpf_skb_load_bytes(const void *skb, u32 offset, void *to, u32 len) */
static uint64_t skb_load_bytes(uint64_t ctx, uint64_t offset, uint64_t to,
			       uint64_t len, uint64_t r5)
{
	struct bh_skb *skb = skb_from_ctx(ctx);
	void *dst = (void *)(uintptr_t)to;
	uint32_t off = (uint32_t)offset, n = (uint32_t)len;
	const uint8_t *src;

	if (!skb || !helper_mem_ok(dst, n, true))
		return (uint64_t)-EFAULT;
	src = off > INT_MAX_U ? NULL : skb_ptr(skb, off, n);
	if (!src) {
		memset(dst, 0, n);
		return (uint64_t)-EFAULT;
	}
	memcpy(dst, src, n);
	return 0;
}

const struct bh_helper_proto helper_skb_load_bytes_proto = {
	.name = "skb_load_bytes",
	.fn = skb_load_bytes,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_PTR_TO_CTX, BH_ARG_ANYTHING,
		      BH_ARG_PTR_TO_UNINIT_MEM, BH_ARG_CONST_SIZE },
};

/* Keep skb->csum (CHECKSUM_COMPLETE) right over a rewrite at @off. */
static uint32_t csum_block(uint32_t csum, uint32_t off)
{
	return (off & 1) ? (csum >> 8 | csum << 24) : csum;
}

/* long bpf_skb_store_bytes(skb, u32 offset, const void *from, u32 len, u64 flags) */
static uint64_t skb_store_bytes(uint64_t ctx, uint64_t offset, uint64_t from,
				uint64_t len, uint64_t flags)
{
	struct bh_skb *skb = skb_from_ctx(ctx);
	const void *src = (const void *)(uintptr_t)from;
	uint32_t off = (uint32_t)offset, n = (uint32_t)len;
	bool recompute = flags & BPF_F_RECOMPUTE_CSUM;
	uint8_t *dst;

	if (!skb || !helper_mem_ok(src, n, false))
		return (uint64_t)-EFAULT;
	if (flags & ~(uint64_t)(BPF_F_RECOMPUTE_CSUM | BPF_F_INVALIDATE_HASH))
		return (uint64_t)-EINVAL;
	if (off > INT_MAX_U)
		return (uint64_t)-EFAULT;
	dst = skb_ptr(skb, off, n);
	if (!dst)
		return (uint64_t)-EFAULT;
	/* The checksum covers from the network header: the block's parity
	 * counts from there (even for both skb types). */
	if (recompute && skb->csum_complete)
		skb->csum = csum_sub_bh(skb->csum,
					csum_block(csum_partial_bh(dst, n, 0), off));
	memmove(dst, src, n);
	if (recompute && skb->csum_complete)
		skb->csum = csum_add_bh(skb->csum,
					csum_block(csum_partial_bh(dst, n, 0), off));
	if (flags & BPF_F_INVALIDATE_HASH)
		skb->md.hash = 0;
	return 0;
}

const struct bh_helper_proto helper_skb_store_bytes_proto = {
	.name = "skb_store_bytes",
	.fn = skb_store_bytes,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_PTR_TO_CTX, BH_ARG_ANYTHING, BH_ARG_PTR_TO_MEM,
		      BH_ARG_CONST_SIZE, BH_ARG_ANYTHING },
};

/* long bpf_skb_change_tail(skb, u32 len, u64 flags): grow (zero-filled)
 * or trim the packet; at least up to the network header, at most
 * SKB_MAX_ALLOC.  Packet pointers the program holds become stale, as in
 * the kernel (the verifier makes it reload them). */
static uint64_t skb_change_tail(uint64_t ctx, uint64_t len, uint64_t flags,
				uint64_t r4, uint64_t r5)
{
	struct bh_skb *skb = skb_from_ctx(ctx);
	uint32_t new_len = (uint32_t)len;
	uint32_t min_len;

	if (!skb)
		return (uint64_t)-EINVAL;
	min_len = skb->net_off - skb->data_off; /* skb_network_offset() */
	if (flags || new_len > SKB_MAX_ALLOC || new_len < min_len)
		return (uint64_t)-EINVAL;
	if (new_len > skb->len) {
		memset(skb_data(skb) + skb->len, 0, new_len - skb->len);
	} else if (new_len < skb->len && skb->csum_complete) {
		uint32_t cut = csum_partial_bh(skb_data(skb) + new_len,
					       skb->len - new_len, 0);

		skb->csum = csum_sub_bh(skb->csum, csum_block(cut, new_len));
	}
	skb->len = new_len;
	skb_refresh(skb);
	return 0;
}

const struct bh_helper_proto helper_skb_change_tail_proto = {
	.name = "skb_change_tail",
	.fn = skb_change_tail,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_PTR_TO_CTX, BH_ARG_ANYTHING, BH_ARG_ANYTHING },
};

/* ---- Checksums (include/net/checksum.h) ---------------------------------- */

static uint16_t load16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, 2);
	return v;
}

static void store16(uint8_t *p, uint16_t v)
{
	memcpy(p, &v, 2);
}

static uint16_t csum16_add(uint16_t csum, uint16_t addend)
{
	uint16_t res = (uint16_t)(csum + addend);

	return (uint16_t)(res + (res < addend));
}

/* csum_replace4(): *sum adjusted for a 32-bit word going from -> to. */
static uint16_t csum_replace4(uint16_t sum, uint32_t from, uint32_t to)
{
	uint32_t tmp = csum_sub_bh(~(uint32_t)sum, from);

	return csum_fold_bh(csum_add_bh(tmp, to));
}

static uint16_t csum_replace_by_diff(uint16_t sum, uint32_t diff)
{
	return csum_fold_bh(csum_add_bh(diff, ~(uint32_t)sum));
}

/* The checked start of both csum_replace helpers: the 16-bit field. */
static uint8_t *csum_field(uint64_t ctx, uint64_t offset, struct bh_skb **skbp)
{
	struct bh_skb *skb = skb_from_ctx(ctx);

	*skbp = skb;
	if (!skb || offset > 0xffff || (offset & 1))
		return NULL;
	return skb_ptr(skb, offset, 2);
}

/* long bpf_l3_csum_replace(skb, u32 offset, u64 from, u64 to, u64 flags) */
static uint64_t l3_csum_replace(uint64_t ctx, uint64_t offset, uint64_t from,
				uint64_t to, uint64_t flags)
{
	struct bh_skb *skb;
	uint8_t *ptr;
	uint16_t sum;

	if (flags & ~(uint64_t)BPF_F_HDR_FIELD_MASK)
		return (uint64_t)-EINVAL;
	ptr = csum_field(ctx, (uint32_t)offset, &skb);
	if (!ptr)
		return (uint64_t)-EFAULT;
	sum = load16(ptr);
	switch (flags & BPF_F_HDR_FIELD_MASK) {
	case 0:
		if (from)
			return (uint64_t)-EINVAL;
		sum = csum_replace_by_diff(sum, (uint32_t)to);
		break;
	case 2: /* csum_replace2: 16-bit arithmetic */
		sum = (uint16_t)~csum16_add(csum16_add((uint16_t)~sum,
						       (uint16_t)~(uint16_t)from),
					    (uint16_t)to);
		break;
	case 4:
		sum = csum_replace4(sum, (uint32_t)from, (uint32_t)to);
		break;
	default:
		return (uint64_t)-EINVAL;
	}
	store16(ptr, sum);
	return 0;
}

const struct bh_helper_proto helper_l3_csum_replace_proto = {
	.name = "l3_csum_replace",
	.fn = l3_csum_replace,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_PTR_TO_CTX, BH_ARG_ANYTHING, BH_ARG_ANYTHING,
		      BH_ARG_ANYTHING, BH_ARG_ANYTHING },
};

/* long bpf_l4_csum_replace(skb, u32 offset, u64 from, u64 to, u64 flags) */
static uint64_t l4_csum_replace(uint64_t ctx, uint64_t offset, uint64_t from,
				uint64_t to, uint64_t flags)
{
	bool pseudo = flags & BPF_F_PSEUDO_HDR;
	bool mmzero = flags & BPF_F_MARK_MANGLED_0;
	bool mforce = flags & BPF_F_MARK_ENFORCE;
	struct bh_skb *skb;
	uint32_t f, t;
	uint8_t *ptr;
	uint16_t sum;

	if (flags & ~(uint64_t)(BPF_F_MARK_MANGLED_0 | BPF_F_MARK_ENFORCE |
				BPF_F_PSEUDO_HDR | BPF_F_HDR_FIELD_MASK |
				BPF_F_IPV6))
		return (uint64_t)-EINVAL;
	ptr = csum_field(ctx, (uint32_t)offset, &skb);
	if (!ptr)
		return (uint64_t)-EFAULT;
	sum = load16(ptr);
	if (mmzero && !mforce && !sum)
		return 0;
	switch (flags & BPF_F_HDR_FIELD_MASK) {
	case 0:
		if (from)
			return (uint64_t)-EINVAL;
		sum = csum_replace_by_diff(sum, (uint32_t)to);
		if (skb->csum_complete && pseudo && !(flags & BPF_F_IPV6))
			skb->csum = ~csum_sub_bh((uint32_t)to, skb->csum);
		break;
	case 2:
	case 4:
		/* inet_proto_csum_replace2 widens the 16-bit values. */
		f = (flags & BPF_F_HDR_FIELD_MASK) == 2 ? (uint16_t)from : (uint32_t)from;
		t = (flags & BPF_F_HDR_FIELD_MASK) == 2 ? (uint16_t)to : (uint32_t)to;
		sum = csum_replace4(sum, f, t);
		if (skb->csum_complete && pseudo)
			skb->csum = ~csum_add_bh(csum_sub_bh(~skb->csum, f), t);
		break;
	default:
		return (uint64_t)-EINVAL;
	}
	if (mmzero && !sum)
		sum = CSUM_MANGLED_0;
	store16(ptr, sum);
	return 0;
}

const struct bh_helper_proto helper_l4_csum_replace_proto = {
	.name = "l4_csum_replace",
	.fn = l4_csum_replace,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_PTR_TO_CTX, BH_ARG_ANYTHING, BH_ARG_ANYTHING,
		      BH_ARG_ANYTHING, BH_ARG_ANYTHING },
};

/* Fold a 32-bit sum to 16 bits without complementing (csum_from32to16). */
static uint32_t csum_from32to16(uint32_t sum)
{
	sum += (sum >> 16) | (sum << 16);
	return sum >> 16;
}

/* s64 bpf_csum_diff(__be32 *from, u32 from_size, __be32 *to, u32 to_size, __wsum seed) */
static uint64_t csum_diff(uint64_t from, uint64_t from_size, uint64_t to,
			  uint64_t to_size, uint64_t seed)
{
	const void *f = (const void *)(uintptr_t)from;
	const void *t = (const void *)(uintptr_t)to;
	uint32_t fs = (uint32_t)from_size, ts = (uint32_t)to_size;
	uint32_t s = (uint32_t)seed;

	if ((fs | ts) & 3)
		return (uint64_t)-EINVAL;
	if ((fs && !helper_mem_ok(f, fs, false)) ||
	    (ts && !helper_mem_ok(t, ts, false)))
		return (uint64_t)-EFAULT;
	if (fs && ts)
		return csum_from32to16(csum_sub_bh(csum_partial_bh(t, ts, s),
						   csum_partial_bh(f, fs, 0)));
	if (ts)
		return csum_from32to16(csum_partial_bh(t, ts, s));
	if (fs)
		return csum_from32to16(~csum_partial_bh(f, fs, ~s));
	return s;
}

const struct bh_helper_proto helper_csum_diff_proto = {
	.name = "csum_diff",
	.fn = csum_diff,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_PTR_TO_MEM_OR_NULL, BH_ARG_CONST_SIZE_OR_ZERO,
		      BH_ARG_PTR_TO_MEM_OR_NULL, BH_ARG_CONST_SIZE_OR_ZERO,
		      BH_ARG_ANYTHING },
};

/* ---- Redirect ------------------------------------------------------------ */

/* The kernel's per-CPU bpf_redirect_info: per thread here. */
static _Thread_local struct {
	uint32_t ifindex;
	uint64_t flags;
	uint32_t map_id;  /* bpf_redirect_map: the map, or 0 */
	uint32_t index;   /* and the key */
} redirect_info;

void helper_redirect_get(uint32_t *ifindex, uint64_t *flags)
{
	*ifindex = redirect_info.ifindex;
	*flags = redirect_info.flags;
}

void helper_redirect_map_get(uint32_t *map_id, uint32_t *index)
{
	*map_id = redirect_info.map_id;
	*index = redirect_info.index;
}

void helper_redirect_map_set(uint32_t map_id, uint32_t index,
			     uint32_t ifindex, uint64_t flags)
{
	redirect_info.map_id = map_id;
	redirect_info.index = index;
	redirect_info.ifindex = ifindex;
	redirect_info.flags = flags;
}

/* long bpf_redirect(u32 ifindex, u64 flags): TC_ACT_REDIRECT or, for XDP,
 * XDP_REDIRECT (XDP_ABORTED when flags are set). */
static uint64_t redirect(uint64_t ifindex, uint64_t flags, uint64_t r3,
			 uint64_t r4, uint64_t r5)
{
	const struct bh_exec_env *env = bh_exec_current;
	bool xdp = env && env->prog && env->prog->type == BPF_PROG_TYPE_XDP;

	if (xdp ? flags != 0 : (flags & ~(uint64_t)BPF_F_INGRESS) != 0)
		return xdp ? XDP_ABORTED : TC_ACT_SHOT;
	redirect_info.ifindex = (uint32_t)ifindex;
	redirect_info.flags = flags;
	redirect_info.map_id = 0;
	redirect_info.index = 0;
	return xdp ? XDP_REDIRECT : TC_ACT_REDIRECT;
}

const struct bh_helper_proto helper_redirect_proto = {
	.name = "redirect",
	.fn = redirect,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_ANYTHING, BH_ARG_ANYTHING },
};
