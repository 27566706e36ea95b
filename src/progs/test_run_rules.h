/* SPDX-License-Identifier: MIT */
/*
 * progs/test_run_rules.h - BPF_PROG_TEST_RUN checks the kernel makes in
 * bpf_prog_test_run() (kernel/bpf/syscall.c) before any program type's
 * test_run: a context pointer and its size come together, in and out.
 * The skb and raw tracepoint types apply them; they belong in
 * bh_prog__test_run() for every type.
 */
#ifndef BH_PROGS_TEST_RUN_RULES_H
#define BH_PROGS_TEST_RUN_RULES_H

#include "progs/internal.h"

static inline int test_run_check_ctx_args(const struct bh_test_run_opts *opts)
{
	if (!opts->ctx_size_in != !opts->ctx_in)
		return -EINVAL;
	if (!opts->ctx_size_out != !opts->ctx_out)
		return -EINVAL;
	return 0;
}

#endif /* BH_PROGS_TEST_RUN_RULES_H */
