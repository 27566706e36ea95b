/* SPDX-License-Identifier: MIT */
/*
 * progs/cgroup.h - host-side contexts of the cgroup program types
 * (CGROUP_SYSCTL, CGROUP_SOCKOPT) shared with their helpers.
 */
#ifndef BH_PROGS_CGROUP_H
#define BH_PROGS_CGROUP_H

#include "progs/internal.h"

#define CG_PAGE_SZ 4096u
#define SYSCTL_MAGIC 0x73797363u /* "sysc" */

/* Program-side context: Linux's struct bpf_sysctl. */
struct bpf_sysctl {
	uint32_t write;
	uint32_t file_pos;
};

/* Host side: the kernel's struct bpf_sysctl_kern.  md first (R1). */
struct bh_sysctl_kern {
	struct bpf_sysctl md;
	uint32_t magic;       /* SYSCTL_MAGIC */
	const char *name;     /* full name, '/'-separated */
	const char *cur_val;
	size_t cur_len;
	char *new_val;        /* CG_PAGE_SZ bytes, or NULL for reads */
	size_t new_len;
	bool new_updated;
};

/*
 * The run context of a cgroup program on this thread (the kernel's
 * bpf_cg_run_ctx): where bpf_get_retval / bpf_set_retval find the result
 * the hook will return.  Set by the run functions around a run, restored
 * after; NULL outside cgroup runs.
 */
extern _Thread_local int32_t *cg_run_retval;

/* bpf_prog_run_array_cg(): a program returning 0 fails the hook with
 * -EPERM unless it already set an error (-4095..-1) itself. */
static inline int32_t cg_run_result(uint64_t r0, int32_t retval)
{
	if (!(uint32_t)r0 && !(retval < 0 && retval >= -4095))
		return -EPERM;
	return retval;
}

/* The sysctl context R1 points to in the current run, or NULL. */
struct bh_sysctl_kern *sysctl_from_ctx(uint64_t ctx);

/* Program-side context: Linux's struct bpf_sockopt. */
struct bpf_sockopt {
	uint64_t sk;         /* __bpf_md_ptr(struct bpf_sock *) */
	uint64_t optval;     /* __bpf_md_ptr(void *): PTR_TO_PACKET */
	uint64_t optval_end; /* PTR_TO_PACKET_END */
	int32_t level;
	int32_t optname;
	int32_t optlen;
	int32_t retval;
};

#endif /* BH_PROGS_CGROUP_H */
