/* SPDX-License-Identifier: MIT */
/*
 * progs/socket_filter.c - BPF_PROG_TYPE_SOCKET_FILTER: a program on a
 * struct __sk_buff (progs/skb.h) whose data starts at the network header.
 * It may read most scalar fields and write only cb[]; packet bytes come
 * through LD_ABS/LD_IND and bpf_skb_load_bytes, never through data pointers
 * (the kernel's sk_filter_is_valid_access and sk_filter_func_proto).
 */
#include "helpers/internal.h"
#include "progs/skb.h"

#define F(field) offsetof(struct bh_skb_md, field), \
	sizeof(((struct bh_skb_md *)0)->field)

/* Readable: every u32 scalar up to napi_id except tc_classid, data
 * pointers and the socket fields; writable: cb[] only. */
static const struct bh_ctx_field socket_filter_fields[] = {
	{ "len..tc_index", 0, 48, BH_SZ_NARROW4, 0, BH_CTX_SCALAR },
	{ "cb", F(cb), BH_SZ_NARROW4, BH_SZ4, BH_CTX_SCALAR },
	{ "hash", F(hash), BH_SZ_NARROW4, 0, BH_CTX_SCALAR },
	{ "napi_id", F(napi_id), BH_SZ_NARROW4, 0, BH_CTX_SCALAR },
	{ "gso_segs", F(gso_segs), BH_SZ_NARROW4, 0, BH_CTX_SCALAR },
	{ "sk", F(sk), BH_SZ8, 0, BH_CTX_SOCK_OR_NULL },
	{ "gso_size", F(gso_size), BH_SZ_NARROW4, 0, BH_CTX_SCALAR },
};

const struct bh_ctx_desc socket_filter_ctx_desc = {
	.prog_ctx = "struct __sk_buff",
	.host_ctx = "struct bh_skb",
	.size = sizeof(struct bh_skb_md),
	.fields = socket_filter_fields,
	.field_cnt = BH_ARRAY_SIZE(socket_filter_fields),
};

static const struct bh_ctx_desc *socket_filter_ctx(uint32_t attach_type)
{
	return &socket_filter_ctx_desc;
}

/* sk_filter_func_proto(): packet reads on top of the base set. */
static const struct bh_helper_proto *
socket_filter_func_proto(uint32_t func_id, const struct bh_prog *prog)
{
	switch (func_id) {
	case BPF_FUNC_skb_load_bytes:
		return helper_proto(func_id);
	default:
		return helper_sk_base_func_proto(func_id, prog);
	}
}

static int socket_filter_test_run(struct bh_prog *prog,
				  struct bh_test_run_opts *opts)
{
	return skb_test_run(prog, opts, false);
}

const struct bh_prog_ops socket_filter_prog_ops = {
	.name = "socket_filter",
	.test_run = socket_filter_test_run,
	.ctx_desc = socket_filter_ctx,
	.get_func_proto = socket_filter_func_proto,
};
