/* SPDX-License-Identifier: MIT */
/*
 * progs/cgroup_sysctl.c - BPF_PROG_TYPE_CGROUP_SYSCTL (seed 003, "bpf:
 * Sysctl hook"): a program that allows (1) or denies (0) one read or write
 * of a sysctl.  Its context is struct bpf_sysctl { write, file_pos }:
 * write is read-only, file_pos may be written (a full u32).  Name and
 * values come through the four sysctl helpers (helpers/cgroup_helpers.c).
 * As in Linux there is no test_run; bh_prog__run_sysctl() runs one.
 */
#include <stdlib.h>
#include <string.h>

#include "helpers/internal.h"
#include "progs/cgroup.h"
#include "progs/ctx_access.h"

static const struct bh_ctx_field sysctl_fields[] = {
	{ "write", 0, 4, BH_SZ_NARROW4, 0, BH_CTX_SCALAR },
	{ "file_pos", 4, 4, BH_SZ_NARROW4, BH_SZ4, BH_CTX_SCALAR },
};

static const struct bh_ctx_desc sysctl_ctx_desc = {
	.prog_ctx = "struct bpf_sysctl",
	.host_ctx = "struct bh_sysctl_ctx",
	.size = sizeof(struct bpf_sysctl),
	.fields = sysctl_fields,
	.field_cnt = BH_ARRAY_SIZE(sysctl_fields),
};

static const struct bh_ctx_desc *sysctl_ctx(uint32_t attach_type)
{
	return &sysctl_ctx_desc;
}

/* sysctl_func_proto(): the sysctl helpers on top of the base set. */
static const struct bh_helper_proto *sysctl_func_proto(uint32_t func_id,
							const struct bh_prog *prog)
{
	switch (func_id) {
	case BPF_FUNC_sysctl_get_name:
	case BPF_FUNC_sysctl_get_current_value:
	case BPF_FUNC_sysctl_get_new_value:
	case BPF_FUNC_sysctl_set_new_value:
	case BPF_FUNC_ktime_get_coarse_ns:
	case BPF_FUNC_get_retval:
	case BPF_FUNC_set_retval:
		return helper_proto(func_id);
	default:
		return helper_base_func_proto(func_id, prog);
	}
}

struct bh_sysctl_kern *sysctl_from_ctx(uint64_t ctx)
{
	const struct bh_exec_env *env = bh_exec_current;
	struct bh_sysctl_kern *k = (struct bh_sysctl_kern *)(uintptr_t)ctx;

	if (!env || !ctx || env->args[0] != ctx || k->magic != SYSCTL_MAGIC)
		return NULL;
	return k;
}

static int sysctl_export(const struct bh_sysctl_kern *k,
			 struct bh_sysctl_ctx *ctx)
{
	ctx->file_pos = k->md.file_pos;
	ctx->new_updated = k->new_updated;
	if (!k->new_updated)
		return 0;
	if (!ctx->new_out || ctx->new_out_sz < k->new_len)
		return -ENOSPC;
	memcpy(ctx->new_out, k->new_val, k->new_len);
	ctx->new_out_len = k->new_len;
	return 0;
}

BH_API int bh_prog__run_sysctl(struct bh_prog *prog, struct bh_sysctl_ctx *ctx)
{
	struct bh_sysctl_kern k = { .magic = SYSCTL_MAGIC };
	struct bh_exec_env env = { 0 };
	int32_t retval = 0, *outer;
	uint64_t r0 = 0;
	int ret;

	if (!prog || prog->type != BPF_PROG_TYPE_CGROUP_SYSCTL || !ctx ||
	    ctx->sz < offsetof(struct bh_sysctl_ctx, retval) + sizeof(ctx->retval) ||
	    !BH_OPTS_VALID(ctx, bh_sysctl_ctx) || !ctx->name ||
	    (ctx->cur_len && !ctx->cur_val) || (ctx->new_len && !ctx->new_val))
		return bh_err(-EINVAL);
	k.md.write = !!ctx->write;
	k.md.file_pos = ctx->file_pos;
	k.name = ctx->name;
	k.cur_val = ctx->cur_val;
	k.cur_len = ctx->cur_len;
	if (ctx->write && ctx->new_len) { /* the kernel copies one page */
		k.new_val = malloc(CG_PAGE_SZ);
		if (!k.new_val)
			return bh_err(-ENOMEM);
		k.new_len = BH_MIN(ctx->new_len, CG_PAGE_SZ);
		memcpy(k.new_val, ctx->new_val, k.new_len);
	}
	env.args[0] = (uintptr_t)&k.md;
	exec_add_region(&env, &k.md, sizeof(k.md), true);
	outer = cg_run_retval;
	cg_run_retval = &retval;
	ret = prog_run(prog, &env, &r0);
	cg_run_retval = outer;
	if (!ret) {
		ctx->retval = (uint32_t)r0;
		ret = sysctl_export(&k, ctx);
		if (!ret)
			ret = cg_run_result(r0, retval);
	}
	free(k.new_val);
	return bh_err(ret);
}

/* check_return_code(): a cgroup program answers 0 (deny) or 1 (allow). */
static bool sysctl_ret_range(uint32_t attach_type, int32_t *lo, int32_t *hi)
{
	*lo = 0;
	*hi = 1;
	return true;
}

const struct bh_prog_ops cgroup_sysctl_prog_ops = {
	.name = "cgroup_sysctl",
	.ctx_desc = sysctl_ctx,
	.get_func_proto = sysctl_func_proto,
	.ret_range = sysctl_ret_range,
};
