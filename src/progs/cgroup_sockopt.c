/* SPDX-License-Identifier: MIT */
/*
 * progs/cgroup_sockopt.c - BPF_PROG_TYPE_CGROUP_SOCKOPT (seed 003,
 * "bpf: implement getsockopt and setsockopt hooks").  The context is
 * struct bpf_sockopt; optval..optval_end is a buffer the program reads and
 * writes with packet-style bounds checks.  expected_attach_type picks the
 * hook: BPF_CGROUP_SETSOCKOPT (level and optname writable) or
 * BPF_CGROUP_GETSOCKOPT (retval writable); optlen is writable in both.
 * Return 1 continues, 0 fails the call with -EPERM.  As in Linux there is
 * no test_run; bh_prog__run_sockopt() runs one (kernel/bpf/cgroup.c's
 * __cgroup_bpf_run_filter_setsockopt / _getsockopt).
 */
#include <stdlib.h>
#include <string.h>

#include "helpers/internal.h"
#include "progs/cgroup.h"
#include "progs/ctx_access.h"

#define OPT_MIN_BUF 16 /* setsockopt: room to grow a short value */

#define F(field) offsetof(struct bpf_sockopt, field), \
	sizeof(((struct bpf_sockopt *)0)->field)

static const struct bh_ctx_field setsockopt_fields[] = {
	{ "sk", F(sk), BH_SZ8, 0, BH_CTX_SOCK_OR_NULL },
	{ "optval", F(optval), BH_SZ8, 0, BH_CTX_PKT },
	{ "optval_end", F(optval_end), BH_SZ8, 0, BH_CTX_PKT_END },
	{ "level", F(level), BH_SZ4, BH_SZ4, BH_CTX_SCALAR },
	{ "optname", F(optname), BH_SZ4, BH_SZ4, BH_CTX_SCALAR },
	{ "optlen", F(optlen), BH_SZ4, BH_SZ4, BH_CTX_SCALAR },
	{ "retval", F(retval), BH_SZ4, 0, BH_CTX_SCALAR },
};

static const struct bh_ctx_field getsockopt_fields[] = {
	{ "sk", F(sk), BH_SZ8, 0, BH_CTX_SOCK_OR_NULL },
	{ "optval", F(optval), BH_SZ8, 0, BH_CTX_PKT },
	{ "optval_end", F(optval_end), BH_SZ8, 0, BH_CTX_PKT_END },
	{ "level", F(level), BH_SZ4, 0, BH_CTX_SCALAR },
	{ "optname", F(optname), BH_SZ4, 0, BH_CTX_SCALAR },
	{ "optlen", F(optlen), BH_SZ4, BH_SZ4, BH_CTX_SCALAR },
	/* narrow reads of retval too: the kernel lets GETSOCKOPT read any
	 * size of it */
	{ "retval", F(retval), BH_SZ_NARROW4, BH_SZ4, BH_CTX_SCALAR },
};

static const struct bh_ctx_desc setsockopt_ctx_desc = {
	.prog_ctx = "struct bpf_sockopt",
	.host_ctx = "struct bh_sockopt_ctx",
	.size = sizeof(struct bpf_sockopt),
	.fields = setsockopt_fields,
	.field_cnt = BH_ARRAY_SIZE(setsockopt_fields),
};

static const struct bh_ctx_desc getsockopt_ctx_desc = {
	.prog_ctx = "struct bpf_sockopt",
	.host_ctx = "struct bh_sockopt_ctx",
	.size = sizeof(struct bpf_sockopt),
	.fields = getsockopt_fields,
	.field_cnt = BH_ARRAY_SIZE(getsockopt_fields),
};

static const struct bh_ctx_desc *sockopt_ctx(uint32_t attach_type)
{
	return attach_type == BPF_CGROUP_GETSOCKOPT ? &getsockopt_ctx_desc
						    : &setsockopt_ctx_desc;
}

static int sockopt_check_load(const struct bh_prog *prog, struct bh_log *log)
{
	/* bpf_prog_load_check_attach(): the hook must be named. */
	if (prog->expected_attach_type != BPF_CGROUP_SETSOCKOPT &&
	    prog->expected_attach_type != BPF_CGROUP_GETSOCKOPT)
		return -EINVAL;
	return 0;
}

static const struct bh_helper_proto *sockopt_func_proto(uint32_t func_id,
							 const struct bh_prog *prog)
{
	switch (func_id) {
	case BPF_FUNC_get_retval:
	case BPF_FUNC_set_retval:
		return helper_proto(func_id);
	default:
		return helper_base_func_proto(func_id, prog);
	}
}

/* Run with a buffer of @buf_sz bytes holding the first @in_len of optval. */
static int sockopt_run(struct bh_prog *prog, struct bpf_sockopt *md,
		       uint8_t *buf, uint32_t buf_sz)
{
	struct bh_exec_env env = { 0 };
	int32_t *outer;
	uint64_t r0 = 0;
	int ret;

	md->optval = (uintptr_t)buf;
	md->optval_end = (uintptr_t)buf + buf_sz;
	env.args[0] = (uintptr_t)md;
	exec_add_region(&env, md, sizeof(*md), true);
	exec_add_region(&env, buf, buf_sz, true);
	/* bpf_get_retval / bpf_set_retval and ctx->retval are one value */
	outer = cg_run_retval;
	cg_run_retval = &md->retval;
	ret = prog_run(prog, &env, &r0);
	cg_run_retval = outer;
	if (ret)
		return ret;
	md->retval = cg_run_result(r0, md->retval);
	return 0;
}

static int copy_back(struct bh_sockopt_ctx *ctx, const uint8_t *buf,
		     int32_t len)
{
	if ((uint32_t)len > ctx->optval_cap)
		return -ENOSPC;
	memcpy(ctx->optval, buf, (size_t)len);
	ctx->optlen = len;
	return 0;
}

static int run_setsockopt(struct bh_prog *prog, struct bh_sockopt_ctx *ctx)
{
	struct bpf_sockopt md = { .level = ctx->level, .optname = ctx->optname,
				  .optlen = ctx->optlen };
	uint32_t max = BH_MIN(BH_MAX((uint32_t)ctx->optlen, OPT_MIN_BUF), CG_PAGE_SZ);
	uint8_t *buf = calloc(1, max);
	int ret;

	if (!buf)
		return -ENOMEM;
	memcpy(buf, ctx->optval, BH_MIN((uint32_t)ctx->optlen, max));
	ret = sockopt_run(prog, &md, buf, max);
	if (!ret && md.retval < 0)
		ret = md.retval;
	if (ret)
		goto out;
	if (md.optlen == -1) {
		ret = 1; /* bypass the host's handler */
	} else if (md.optlen > (int32_t)max || md.optlen < -1) {
		/* a value beyond the page the program saw: keep the caller's */
		ret = (ctx->optlen > (int32_t)CG_PAGE_SZ && md.optlen >= 0) ? 0 : -EFAULT;
	} else {
		ctx->level = md.level;
		ctx->optname = md.optname;
		if (md.optlen)
			ret = copy_back(ctx, buf, md.optlen);
	}
out:
	ctx->retval = ret < 0 ? ret : 0;
	free(buf);
	return ret;
}

/*
 * The kernel's getsockopt hook: the buffer is the caller's (optval_cap
 * bytes, at most a page); after a successful handler the program sees its
 * value and length, after a failed one zeros and the buffer's size.
 */
static int run_getsockopt(struct bh_prog *prog, struct bh_sockopt_ctx *ctx)
{
	struct bpf_sockopt md = { .level = ctx->level, .optname = ctx->optname,
				  .retval = ctx->retval };
	uint32_t max = BH_MIN(ctx->optval_cap, CG_PAGE_SZ);
	int32_t orig = (int32_t)BH_MIN(ctx->optval_cap, (uint32_t)INT32_MAX);
	uint8_t *buf = calloc(1, max ? max : 1);
	int ret;

	if (!buf)
		return -ENOMEM;
	md.optlen = orig;
	if (!ctx->retval) {
		md.optlen = ctx->optlen;
		orig = ctx->optlen;
		memcpy(buf, ctx->optval, BH_MIN((uint32_t)ctx->optlen, max));
	}
	ret = sockopt_run(prog, &md, buf, max);
	if (ret)
		goto out;
	ret = md.retval;
	if (ret < 0)
		goto out;
	if (md.optlen > (int32_t)max || md.optlen < 0) {
		/* a value beyond the page the program saw: the handler's */
		ret = (orig > (int32_t)CG_PAGE_SZ && md.optlen >= 0) ? ctx->retval : -EFAULT;
		goto out;
	}
	if (md.optlen) {
		int cret = copy_back(ctx, buf, md.optlen);

		if (cret)
			ret = cret;
	}
out:
	ctx->retval = ret;
	free(buf);
	return ret;
}

BH_API int bh_prog__run_sockopt(struct bh_prog *prog, struct bh_sockopt_ctx *ctx)
{
	if (!prog || prog->type != BPF_PROG_TYPE_CGROUP_SOCKOPT || !ctx ||
	    ctx->sz < offsetof(struct bh_sockopt_ctx, retval) + sizeof(ctx->retval) ||
	    !BH_OPTS_VALID(ctx, bh_sockopt_ctx) || ctx->optlen < 0 ||
	    (ctx->optlen && !ctx->optval) || (uint32_t)ctx->optlen > ctx->optval_cap)
		return bh_err(-EINVAL);
	if (prog->expected_attach_type == BPF_CGROUP_SETSOCKOPT)
		return bh_err(run_setsockopt(prog, ctx));
	return bh_err(run_getsockopt(prog, ctx));
}

/* check_return_code(): a cgroup program answers 0 (deny) or 1 (allow). */
static bool sockopt_ret_range(uint32_t attach_type, int32_t *lo, int32_t *hi)
{
	*lo = 0;
	*hi = 1;
	return true;
}

const struct bh_prog_ops cgroup_sockopt_prog_ops = {
	.name = "cgroup_sockopt",
	.ctx_desc = sockopt_ctx,
	.get_func_proto = sockopt_func_proto,
	.ret_range = sockopt_ret_range,
	.check_load = sockopt_check_load,
};
