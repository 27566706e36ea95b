/* SPDX-License-Identifier: MIT */
/*
 * progs/skb.c - the sk_buff model (progs/skb.h) and BPF_PROG_TEST_RUN for
 * the skb program types, with the rules of the kernel's
 * bpf_prog_test_run_skb(): data of ETH_HLEN to one page less head- and
 * tailroom; a context of struct __sk_buff whose only non-zero fields may be
 * mark, priority, ingress_ifindex, ifindex (0 or 1: the loopback device is
 * the only one), cb[], tstamp, wire_len, gso_segs, gso_size and hwtstamp;
 * the protocol from the Ethernet header (an IPv4 or IPv6 packet must hold
 * the 20- or 40-byte network header); for non-L2 types the Ethernet
 * header comes back zeroed in data_out, as the kernel pushes a blank one.
 */
#include <string.h>
#include <sys/mman.h>

#include "progs/skb.h"
#include "progs/test_run_rules.h"

#define PACKET_HOST 0
#define PACKET_BROADCAST 1
#define PACKET_MULTICAST 2
#define PACKET_OTHERHOST 3
#define ETH_P_802_3_MIN 0x0600
#define ETH_P_802_3 0x0001
#define ETH_P_802_2 0x0004
#define GSO_LEGACY_MAX_SIZE 65536u
#define GSO_MAX_SEGS 65535u
#define PAGE_SZ 4096u

uint32_t csum_partial_bh(const void *buf, size_t len, uint32_t sum)
{
	const uint8_t *p = buf;
	uint64_t acc = sum;

	/* Little-endian 32-bit words with end-around carry, as x86's
	 * csum_partial; an odd tail is added at its byte position. */
	for (; len >= 4; len -= 4, p += 4) {
		uint32_t w;

		memcpy(&w, p, 4);
		acc += w;
	}
	if (len) {
		uint32_t w = 0;

		memcpy(&w, p, len);
		acc += w;
	}
	acc = (acc & 0xffffffffu) + (acc >> 32);
	acc = (acc & 0xffffffffu) + (acc >> 32);
	return (uint32_t)acc;
}

struct bh_skb *skb_from_ctx(uint64_t ctx)
{
	const struct bh_exec_env *env = bh_exec_current;
	struct bh_skb *skb = (struct bh_skb *)(uintptr_t)ctx;

	/* R1 must still be the context the run started with: the program
	 * cannot forge one, the magic word lies outside what it may touch. */
	if (!env || !ctx || env->args[0] != ctx || skb->magic != SKB_MAGIC)
		return NULL;
	return skb;
}

void skb_refresh(struct bh_skb *skb)
{
	uint8_t *data = skb_data(skb);

	skb->md.len = skb->len;
	if (skb->direct_access) {
		skb->md.data = (uint32_t)(uintptr_t)data;
		skb->md.data_end = (uint32_t)(uintptr_t)(data + skb->len);
		skb->md.data_meta = skb->md.data;
	}
	if (skb->env) {
		skb->env->pkt = data;
		skb->env->pkt_len = skb->len;
		skb->env->pkt_head = skb->buf;
		skb->env->pkt_mac = skb->buf + SKB_HEADROOM;
		skb->env->pkt_net = skb->buf + skb->net_off;
		if (skb->pkt_region >= 0)
			skb->env->regions[skb->pkt_region] = (struct bh_region){
				.start = (uintptr_t)data, .size = skb->len,
				.writable = true,
			};
	}
}

/* eth_type_trans() on the loopback device (address 00:00:00:00:00:00). */
static void skb_eth_type_trans(struct bh_skb *skb)
{
	const uint8_t *eth = skb->buf + SKB_HEADROOM;
	static const uint8_t zero[6];
	uint16_t proto = (uint16_t)(eth[12] << 8 | eth[13]);

	if (memcmp(eth, zero, 6))
		skb->md.pkt_type = (eth[0] & 1) ? PACKET_MULTICAST
						: PACKET_OTHERHOST;
	else
		skb->md.pkt_type = PACKET_HOST;
	if (proto < ETH_P_802_3_MIN)
		proto = (eth[14] == 0xff && eth[15] == 0xff) ? ETH_P_802_3
							      : ETH_P_802_2;
	/* __sk_buff->protocol is the __be16 as stored, zero-extended. */
	skb->md.protocol = __builtin_bswap16(proto);
}

static bool range_is_zero(const void *p, size_t from, size_t to)
{
	const uint8_t *b = p;

	for (size_t i = from; i < to; i++)
		if (b[i])
			return false;
	return true;
}

#define END(f) (offsetof(struct bh_skb_md, f) + sizeof(((struct bh_skb_md *)0)->f))
#define OFF(f) offsetof(struct bh_skb_md, f)

/* convert___skb_to_skb(): the fields ctx_in may set, and their limits. */
static int skb_ctx_in(struct bh_skb *skb, const struct bh_skb_md *in)
{
	if (!range_is_zero(in, 0, OFF(mark)) ||
	    !range_is_zero(in, END(mark), OFF(priority)) ||
	    !range_is_zero(in, END(ifindex), OFF(cb)) ||
	    !range_is_zero(in, END(cb), OFF(tstamp)) ||
	    !range_is_zero(in, END(gso_segs), OFF(gso_size)) ||
	    !range_is_zero(in, END(gso_size), OFF(hwtstamp)))
		return -EINVAL;
	skb->md.mark = in->mark;
	skb->md.priority = in->priority;
	skb->md.ingress_ifindex = in->ingress_ifindex;
	skb->md.tstamp = in->tstamp;
	memcpy(skb->md.cb, in->cb, sizeof(in->cb));
	if (!in->wire_len) {
		skb->wire_len = skb->len;
	} else {
		if (in->wire_len < skb->len || in->wire_len > GSO_LEGACY_MAX_SIZE)
			return -EINVAL;
		skb->wire_len = in->wire_len;
	}
	if (in->gso_segs > GSO_MAX_SEGS)
		return -EINVAL;
	skb->md.gso_segs = in->gso_segs;
	skb->md.gso_size = in->gso_size;
	skb->md.hwtstamp = in->hwtstamp;
	return 0;
}

/* convert_skb_to___skb(): what ctx_out reports. */
static void skb_ctx_out(const struct bh_skb *skb, struct bh_skb_md *out)
{
	out->mark = skb->md.mark;
	out->priority = skb->md.priority;
	out->ingress_ifindex = skb->md.ingress_ifindex;
	out->ifindex = 1;
	out->tstamp = skb->md.tstamp;
	memcpy(out->cb, skb->md.cb, sizeof(out->cb));
	out->wire_len = skb->wire_len;
	out->gso_segs = skb->md.gso_segs;
	out->hwtstamp = skb->md.hwtstamp;
}

/* bpf_ctx_init(): ctx_in may be longer than ours if the rest is zero. */
static int skb_ctx_init(const struct bh_test_run_opts *opts,
			struct bh_skb_md *ctx)
{
	const uint8_t *in = opts->ctx_in;

	memset(ctx, 0, sizeof(*ctx));
	if (!in)
		return 0;
	if (opts->ctx_size_in > PAGE_SZ)
		return -E2BIG;
	if (opts->ctx_size_in > sizeof(*ctx) &&
	    !range_is_zero(in, sizeof(*ctx), opts->ctx_size_in))
		return -E2BIG;
	memcpy(ctx, in, BH_MIN(opts->ctx_size_in, sizeof(*ctx)));
	return 0;
}

static int skb_check_opts(const struct bh_test_run_opts *opts)
{
	uint32_t size = opts->data_size_in;

	if (test_run_check_ctx_args(opts))
		return -EINVAL;
	if ((BH_OPTS_GET(opts, flags, 0) & ~BPF_F_TEST_SKB_CHECKSUM_COMPLETE) ||
	    BH_OPTS_GET(opts, cpu, 0) || BH_OPTS_GET(opts, batch_size, 0) ||
	    BH_OPTS_GET(opts, repeat, 0) < 0)
		return -EINVAL;
	if (size < SKB_ETH_HLEN ||
	    size > SKB_BUF_SZ - SKB_HEADROOM - SKB_TAILROOM)
		return -EINVAL;
	if (!opts->data_in || (opts->ctx_size_in && !opts->ctx_in))
		return -EFAULT; /* copy_from_user of a NULL buffer */
	return 0;
}

/* Build the skb in @skb->buf from the test data and ctx_in. */
static int skb_setup(struct bh_skb *skb, const struct bh_test_run_opts *opts,
		     const struct bh_skb_md *ctx, bool l2)
{
	uint32_t size = opts->data_size_in;

	memcpy(skb->buf + SKB_HEADROOM, opts->data_in, size);
	skb->magic = SKB_MAGIC;
	skb->pkt_region = -1;
	if (ctx && ctx->ifindex > 1)
		return -ENODEV; /* no device but the loopback one */
	skb_eth_type_trans(skb);
	/* As the kernel's: an IPv4 or IPv6 packet must hold its header. */
	if ((skb->md.protocol == __builtin_bswap16(0x0800) && size - SKB_ETH_HLEN < 20) ||
	    (skb->md.protocol == __builtin_bswap16(0x86dd) && size - SKB_ETH_HLEN < 40))
		return -EINVAL;
	skb->md.ifindex = 1;
	skb->net_off = SKB_HEADROOM + SKB_ETH_HLEN;
	skb->data_off = l2 ? SKB_HEADROOM : skb->net_off;
	skb->len = l2 ? size : size - SKB_ETH_HLEN;
	skb->direct_access = l2;
	skb->wire_len = skb->len;
	if (ctx) {
		int ret = skb_ctx_in(skb, ctx);

		if (ret)
			return ret;
	}
	if (BH_OPTS_GET(opts, flags, 0) & BPF_F_TEST_SKB_CHECKSUM_COMPLETE) {
		skb->csum_complete = true;
		skb->csum = csum_partial_bh(skb->buf + skb->net_off,
					    skb->data_off + skb->len - skb->net_off, 0);
	}
	skb_refresh(skb);
	return 0;
}

static int skb_run(struct bh_prog *prog, struct bh_skb *skb,
		   struct bh_test_run_opts *opts)
{
	struct bh_exec_env env = { 0 };
	uint64_t r0 = 0;
	int ret;

	env.args[0] = (uintptr_t)&skb->md;
	exec_add_region(&env, &skb->md, sizeof(skb->md), true);
	if (skb->direct_access) {
		skb->pkt_region = (int)env.region_cnt;
		exec_add_region(&env, skb_data(skb), skb->len, true);
	}
	skb->env = &env;
	skb_refresh(skb);
	ret = test_run_repeat(prog, &env, opts, &r0);
	skb->env = NULL;
	if (ret)
		return ret;
	if (skb->csum_complete) {
		uint32_t now = csum_partial_bh(skb->buf + skb->net_off,
					       skb->data_off + skb->len - skb->net_off, 0);

		if (csum_fold_bh(now) != csum_fold_bh(skb->csum))
			return -EBADMSG;
	}
	return 0;
}

int skb_test_run(struct bh_prog *prog, struct bh_test_run_opts *opts, bool l2)
{
	struct bh_skb_md ctx, *ctxp = NULL;
	struct bh_skb skb = { 0 };
	int ret;

	ret = skb_check_opts(opts);
	if (ret)
		return ret;
	if (opts->ctx_in || opts->ctx_out) {
		ret = skb_ctx_init(opts, &ctx);
		if (ret)
			return ret;
		ctxp = &ctx;
	}
	skb.buf = mmap(NULL, SKB_MAP_SZ, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	if (skb.buf == MAP_FAILED)
		return -ENOMEM;
	ret = skb_setup(&skb, opts, ctxp, l2);
	if (!ret)
		ret = skb_run(prog, &skb, opts);
	if (ret)
		goto out;
	if (!l2) { /* push a zeroed Ethernet header back, as the kernel */
		skb.data_off -= SKB_ETH_HLEN;
		skb.len += SKB_ETH_HLEN;
		memset(skb_data(&skb), 0, SKB_ETH_HLEN);
	}
	ret = test_run_data_out(opts, skb_data(&skb), skb.len);
	if (!ret && ctxp && opts->ctx_out) {
		skb_ctx_out(&skb, ctxp);
		ret = test_run_ctx_out(opts, ctxp, sizeof(*ctxp));
	}
out:
	munmap(skb.buf, SKB_MAP_SZ);
	return ret;
}
