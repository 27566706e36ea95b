/* SPDX-License-Identifier: MIT */
/*
 * progs/internal.h - the program object and program-type operations.
 */
#ifndef BH_PROGS_INTERNAL_H
#define BH_PROGS_INTERNAL_H

#include "core/internal.h"
#include "exec/internal.h"

struct bh_prog;

/* Operations of one program type (one entry of core/bpf_types.def). */
struct bh_prog_ops {
	const char *name;
	/* API only: BPF_PROG_TEST_RUN; NULL: -ENOTSUPP. */
	int (*test_run)(struct bh_prog *prog, struct bh_test_run_opts *opts);
};

struct bh_prog {
	struct bh_obj obj;
	/* Everything below is immutable after bh_prog__load() returns. */
	uint32_t type;
	uint32_t expected_attach_type;
	uint32_t prog_flags;
	const struct bh_prog_ops *ops;
	char name[BPF_OBJ_NAME_LEN];
	bool unchecked; /* run without access checks (BH_PROG_LOAD_F_UNCHECKED) */
	bool gpl;
	size_t insn_cnt;
	struct bpf_insn *insns;
};

const struct bh_prog_ops *prog_type_ops(uint32_t type);

/*
 * Run @prog once with @env prepared by the caller (args, regions, packet):
 * takes a CPU slot and the RCU read lock, runs, releases.
 */
int prog_run(struct bh_prog *prog, struct bh_exec_env *env, uint64_t *r0);

/* Shared test_run checks: sizes, repeat, and flags outside @allowed_flags. */
int test_run_check_common(const struct bh_test_run_opts *opts,
			  uint32_t allowed_flags);
/* Repeat prog_run opts->repeat times; sets retval and mean duration. */
int test_run_repeat(struct bh_prog *prog, struct bh_exec_env *env,
		    struct bh_test_run_opts *opts, uint64_t *r0);
/* Copy @size bytes of @src to @out (size *@out_sz) as the kernel does: -ENOSPC when
 * the caller's buffer was smaller (its size is then set to @size). */
int test_run_copy_out(void *out, uint32_t *out_sz, const void *src,
		      uint32_t size);

#endif /* BH_PROGS_INTERNAL_H */
