/* SPDX-License-Identifier: MIT */
/*
 * progs/perf_event.c - BPF_PROG_TYPE_PERF_EVENT (SEC("perf_event")), as
 * in the kernel's kernel/trace/bpf_trace.c.
 *
 * The context is struct bpf_perf_event_data (struct bh_perf_event_data,
 * 184 bytes): the sampled registers (x86-64 pt_regs), sample_period and
 * addr.  pe_prog_is_valid_access(): reads only, aligned to their size;
 * the registers are read as whole 8-byte words, sample_period and addr
 * also in narrower reads (bpf_ctx_narrow_access_ok()).  The kernel
 * rewrites those loads to reach its bpf_perf_event_data_kern; bpfhost's
 * context has the program's layout, so loads need no rewrite.
 *
 * Helpers: pe_prog_func_proto() adds bpf_perf_event_output,
 * bpf_get_stackid, bpf_get_stack, bpf_perf_prog_read_value,
 * bpf_read_branch_records and bpf_get_attach_cookie to the tracing set.
 * bpfhost has no perf event behind a program, so it has no counter value,
 * enabled and running times for bpf_perf_prog_read_value to report, and
 * no branch records: all six are refused at load by name (isa/check.c)
 * rather than answered with invented numbers.  Return value: any (the
 * kernel's bpf_overflow_handler() drops the sample on 0).
 *
 * Running: no test_run in the kernel (-ENOTSUPP); bpfhost runs a program
 * on the bpf_perf_event_data given as ctx_in (test_run_ctx_mem()), and
 * hooks of this type fire it with one (attach/hook.c).
 */
#include <stddef.h>

#include "helpers/internal.h"
#include "progs/ctx_access.h"
#include "progs/internal.h"
#include "bpfhost/progtypes.h"

#define PE_OFF(f) offsetof(struct bh_perf_event_data, f)

_Static_assert(sizeof(struct bh_perf_event_data) == 184,
	       "struct bpf_perf_event_data");

static const struct bh_ctx_field pe_fields[] = {
	{ "regs", PE_OFF(regs), sizeof(struct bh_pt_regs), BH_SZ8, 0,
	  BH_CTX_SCALAR },
	{ "sample_period", PE_OFF(sample_period), 8, BH_SZ_NARROW8, 0,
	  BH_CTX_SCALAR },
	{ "addr", PE_OFF(addr), 8, BH_SZ_NARROW8, 0, BH_CTX_SCALAR },
};

static const struct bh_ctx_desc pe_ctx_desc = {
	.prog_ctx = "struct bpf_perf_event_data",
	.host_ctx = "struct bh_perf_event_data",
	.size = sizeof(struct bh_perf_event_data),
	.fields = pe_fields,
	.field_cnt = BH_ARRAY_SIZE(pe_fields),
};

static const struct bh_ctx_desc *pe_ctx(uint32_t attach_type)
{
	return &pe_ctx_desc;
}

/* pe_prog_func_proto(): the tracing set (its own six are absent). */
static const struct bh_helper_proto *pe_func_proto(uint32_t func_id,
						   const struct bh_prog *prog)
{
	return helper_tracing_func_proto(func_id, prog);
}

static int pe_test_run(struct bh_prog *prog, struct bh_test_run_opts *opts)
{
	return test_run_ctx_mem(prog, opts, sizeof(struct bh_perf_event_data));
}

const struct bh_prog_ops perf_event_prog_ops = {
	.name = "perf_event",
	.test_run = pe_test_run,
	.ctx_desc = pe_ctx,
	.get_func_proto = pe_func_proto,
};
