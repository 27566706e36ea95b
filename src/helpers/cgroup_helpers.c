/* SPDX-License-Identifier: MIT */
/*
 * helpers/cgroup_helpers.c - the sysctl helpers of seed 003
 * (kernel/bpf/cgroup.c): bpf_sysctl_get_name, bpf_sysctl_get_current_value,
 * bpf_sysctl_get_new_value, bpf_sysctl_set_new_value, on the host-side
 * context of progs/cgroup.h; and bpf_get_retval / bpf_set_retval of every
 * cgroup type, on the run context the hooks set (cg_run_retval).
 */
#include <string.h>

#include "helpers/internal.h"
#include "progs/cgroup.h"

/* strscpy(): copy with a NUL; -E2BIG (truncated, still terminated). */
static long strscpy_bh(char *dst, const char *src, size_t n, size_t dst_sz)
{
	if (!dst_sz)
		return -E2BIG;
	if (n < dst_sz) {
		memcpy(dst, src, n);
		dst[n] = '\0';
		return (long)n;
	}
	memcpy(dst, src, dst_sz - 1);
	dst[dst_sz - 1] = '\0';
	return -E2BIG;
}

/* long bpf_sysctl_get_name(ctx, char *buf, size_t buf_len, u64 flags):
 * the full name ("net/ipv4/tcp_mem") or, with BPF_F_SYSCTL_BASE_NAME,
 * the last part; length without the NUL, or -E2BIG when truncated. */
static uint64_t sysctl_get_name(uint64_t ctx, uint64_t buf, uint64_t buf_len,
				uint64_t flags, uint64_t r5)
{
	struct bh_sysctl_kern *k = sysctl_from_ctx(ctx);
	char *dst = (char *)(uintptr_t)buf;
	const char *name, *base;

	if (!k || !dst)
		return (uint64_t)-EINVAL;
	if (!helper_mem_ok(dst, buf_len, true))
		return (uint64_t)-EFAULT;
	base = strrchr(k->name, '/');
	base = base ? base + 1 : k->name;
	name = (flags & BPF_F_SYSCTL_BASE_NAME) ? base : k->name;
	return (uint64_t)strscpy_bh(dst, name, strlen(name), buf_len);
}

const struct bh_helper_proto helper_sysctl_get_name_proto = {
	.name = "sysctl_get_name",
	.fn = sysctl_get_name,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_PTR_TO_CTX, BH_ARG_PTR_TO_UNINIT_MEM,
		      BH_ARG_CONST_SIZE, BH_ARG_ANYTHING },
};

/* copy_sysctl_value(): NUL-padded; -E2BIG when it does not fit. */
static long copy_value(char *dst, size_t dst_len, const char *src,
		       size_t src_len)
{
	if (!dst)
		return -EINVAL;
	if (!dst_len)
		return -E2BIG;
	if (!src || !src_len) {
		memset(dst, 0, dst_len);
		return -EINVAL;
	}
	memcpy(dst, src, BH_MIN(dst_len, src_len));
	if (dst_len > src_len) {
		memset(dst + src_len, 0, dst_len - src_len);
		return (long)src_len;
	}
	dst[dst_len - 1] = '\0';
	return -E2BIG;
}

static uint64_t sysctl_get_current_value(uint64_t ctx, uint64_t buf,
					 uint64_t buf_len, uint64_t r4,
					 uint64_t r5)
{
	struct bh_sysctl_kern *k = sysctl_from_ctx(ctx);
	char *dst = (char *)(uintptr_t)buf;

	if (!k)
		return (uint64_t)-EINVAL;
	if (dst && !helper_mem_ok(dst, buf_len, true))
		return (uint64_t)-EFAULT;
	return (uint64_t)copy_value(dst, buf_len, k->cur_val, k->cur_len);
}

const struct bh_helper_proto helper_sysctl_get_current_value_proto = {
	.name = "sysctl_get_current_value",
	.fn = sysctl_get_current_value,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_PTR_TO_CTX, BH_ARG_PTR_TO_UNINIT_MEM,
		      BH_ARG_CONST_SIZE },
};

static uint64_t sysctl_get_new_value(uint64_t ctx, uint64_t buf,
				     uint64_t buf_len, uint64_t r4, uint64_t r5)
{
	struct bh_sysctl_kern *k = sysctl_from_ctx(ctx);
	char *dst = (char *)(uintptr_t)buf;

	if (!k)
		return (uint64_t)-EINVAL;
	if (dst && !helper_mem_ok(dst, buf_len, true))
		return (uint64_t)-EFAULT;
	if (!k->md.write) {
		if (dst && buf_len)
			memset(dst, 0, buf_len);
		return (uint64_t)-EINVAL;
	}
	return (uint64_t)copy_value(dst, buf_len, k->new_val, k->new_len);
}

const struct bh_helper_proto helper_sysctl_get_new_value_proto = {
	.name = "sysctl_get_new_value",
	.fn = sysctl_get_new_value,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_PTR_TO_CTX, BH_ARG_PTR_TO_UNINIT_MEM,
		      BH_ARG_CONST_SIZE },
};

static uint64_t sysctl_set_new_value(uint64_t ctx, uint64_t buf,
				     uint64_t buf_len, uint64_t r4, uint64_t r5)
{
	struct bh_sysctl_kern *k = sysctl_from_ctx(ctx);
	const char *src = (const char *)(uintptr_t)buf;

	if (!k || !k->md.write || !k->new_val || !k->new_len || !src || !buf_len)
		return (uint64_t)-EINVAL;
	if (buf_len > CG_PAGE_SZ - 1)
		return (uint64_t)-E2BIG;
	if (!helper_mem_ok(src, buf_len, false))
		return (uint64_t)-EFAULT;
	memcpy(k->new_val, src, buf_len);
	k->new_len = buf_len;
	k->new_updated = true;
	return 0;
}

const struct bh_helper_proto helper_sysctl_set_new_value_proto = {
	.name = "sysctl_set_new_value",
	.fn = sysctl_set_new_value,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_PTR_TO_CTX, BH_ARG_PTR_TO_MEM, BH_ARG_CONST_SIZE },
};

_Thread_local int32_t *cg_run_retval;

/* int bpf_get_retval(void) */
static uint64_t get_retval(uint64_t r1, uint64_t r2, uint64_t r3, uint64_t r4,
			   uint64_t r5)
{
	return cg_run_retval ? (uint64_t)(int64_t)*cg_run_retval : 0;
}

const struct bh_helper_proto helper_get_retval_proto = {
	.name = "get_retval",
	.fn = get_retval,
	.ret_type = BH_RET_INTEGER,
};

/* int bpf_set_retval(int retval) */
static uint64_t set_retval(uint64_t retval, uint64_t r2, uint64_t r3,
			   uint64_t r4, uint64_t r5)
{
	if (cg_run_retval)
		*cg_run_retval = (int32_t)retval;
	return 0;
}

const struct bh_helper_proto helper_set_retval_proto = {
	.name = "set_retval",
	.fn = set_retval,
	.ret_type = BH_RET_INTEGER,
	.arg_type = { BH_ARG_ANYTHING },
};
