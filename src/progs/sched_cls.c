/* SPDX-License-Identifier: MIT */
/*
 * progs/sched_cls.c - BPF_PROG_TYPE_SCHED_CLS (tc classifier / tcx): a
 * program on a struct __sk_buff (progs/skb.h) whose data starts at the
 * Ethernet header, with direct packet access through data / data_end /
 * data_meta, writable mark, priority, tc_index, tc_classid, cb[], tstamp
 * and queue_mapping, and the packet-rewriting helpers (the kernel's
 * tc_cls_act_is_valid_access and tc_cls_act_func_proto).
 */
#include "helpers/internal.h"
#include "progs/skb.h"

#define F(field) offsetof(struct bh_skb_md, field), \
	sizeof(((struct bh_skb_md *)0)->field)
#define RD BH_SZ_NARROW4

static const struct bh_ctx_field sched_cls_fields[] = {
	{ "len", F(len), RD, 0, BH_CTX_SCALAR },
	{ "pkt_type", F(pkt_type), RD, 0, BH_CTX_SCALAR },
	{ "mark", F(mark), RD, BH_SZ4, BH_CTX_SCALAR },
	{ "queue_mapping", F(queue_mapping), RD, BH_SZ4, BH_CTX_SCALAR },
	{ "protocol..vlan_proto", offsetof(struct bh_skb_md, protocol), 16, RD, 0,
	  BH_CTX_SCALAR },
	{ "priority", F(priority), RD, BH_SZ4, BH_CTX_SCALAR },
	{ "ingress_ifindex", F(ingress_ifindex), RD, 0, BH_CTX_SCALAR },
	{ "ifindex", F(ifindex), RD, 0, BH_CTX_SCALAR },
	{ "tc_index", F(tc_index), RD, BH_SZ4, BH_CTX_SCALAR },
	{ "cb", F(cb), RD, BH_SZ4, BH_CTX_SCALAR },
	{ "hash", F(hash), RD, 0, BH_CTX_SCALAR },
	{ "tc_classid", F(tc_classid), RD, BH_SZ4, BH_CTX_SCALAR },
	{ "data", F(data), BH_SZ4, 0, BH_CTX_PKT },
	{ "data_end", F(data_end), BH_SZ4, 0, BH_CTX_PKT_END },
	{ "napi_id", F(napi_id), RD, 0, BH_CTX_SCALAR },
	{ "data_meta", F(data_meta), BH_SZ4, 0, BH_CTX_PKT_META },
	{ "tstamp", F(tstamp), BH_SZ8, BH_SZ8, BH_CTX_SCALAR },
	{ "wire_len", F(wire_len), RD, 0, BH_CTX_SCALAR },
	{ "gso_segs", F(gso_segs), RD, 0, BH_CTX_SCALAR },
	{ "sk", F(sk), BH_SZ8, 0, BH_CTX_SOCK_OR_NULL },
	{ "gso_size", F(gso_size), RD, 0, BH_CTX_SCALAR },
	{ "tstamp_type", F(tstamp_type), BH_SZ1, 0, BH_CTX_SCALAR },
	{ "hwtstamp", F(hwtstamp), BH_SZ8, 0, BH_CTX_SCALAR },
};

const struct bh_ctx_desc sched_cls_ctx_desc = {
	.prog_ctx = "struct __sk_buff",
	.host_ctx = "struct bh_skb",
	.size = sizeof(struct bh_skb_md),
	.fields = sched_cls_fields,
	.field_cnt = BH_ARRAY_SIZE(sched_cls_fields),
};

static const struct bh_ctx_desc *sched_cls_ctx(uint32_t attach_type)
{
	return &sched_cls_ctx_desc;
}

static const struct bh_helper_proto *
sched_cls_func_proto(uint32_t func_id, const struct bh_prog *prog)
{
	switch (func_id) {
	case BPF_FUNC_skb_store_bytes:
	case BPF_FUNC_skb_load_bytes:
	case BPF_FUNC_skb_change_tail:
	case BPF_FUNC_csum_diff:
	case BPF_FUNC_l3_csum_replace:
	case BPF_FUNC_l4_csum_replace:
	case BPF_FUNC_redirect:
	case BPF_FUNC_get_smp_processor_id:
		return helper_proto(func_id);
	default:
		return helper_sk_base_func_proto(func_id, prog);
	}
}

static int sched_cls_test_run(struct bh_prog *prog,
			      struct bh_test_run_opts *opts)
{
	return skb_test_run(prog, opts, true);
}

const struct bh_prog_ops sched_cls_prog_ops = {
	.name = "sched_cls",
	.test_run = sched_cls_test_run,
	.ctx_desc = sched_cls_ctx,
	.get_func_proto = sched_cls_func_proto,
};
