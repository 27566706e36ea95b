/* SPDX-License-Identifier: MIT */
/*
 * progs/tracepoint.c - BPF_PROG_TYPE_TRACEPOINT (SEC("tp/...") and
 * SEC("tracepoint/...")), as in the kernel's kernel/trace/bpf_trace.c.
 *
 * The context is the tracepoint's raw record, the bytes perf would store:
 * an 8-byte common header, then the event's fields (their offsets are the
 * tracepoint's format file).  tp_prog_is_valid_access(): reads only, of
 * 1, 2, 4 or 8 bytes aligned to their size, from offset 8 (the common
 * header is not the program's) to PERF_MAX_TRACE_SIZE (8192).
 *
 * Helpers: tp_prog_func_proto() adds bpf_perf_event_output,
 * bpf_get_stackid, bpf_get_stack and bpf_get_attach_cookie to the tracing
 * set; bpfhost implements none of them (refused at load by name,
 * isa/check.c).  Return value: any (trace_call_bpf(): 0 drops the event).
 *
 * Running: no test_run in the kernel (-ENOTSUPP); bpfhost runs a program
 * on the record given as ctx_in (test_run_ctx_mem()), and hooks of this
 * type fire it with a record buffer (attach/hook.c).
 */
#include "helpers/internal.h"
#include "progs/ctx_access.h"
#include "progs/internal.h"

#define PERF_MAX_TRACE_SIZE 8192
#define TP_COMMON_HDR 8 /* sizeof(void *) in tp_prog_is_valid_access() */

static const struct bh_ctx_field tp_fields[] = {
	{ "fields", TP_COMMON_HDR, PERF_MAX_TRACE_SIZE - TP_COMMON_HDR,
	  BH_SZ_NARROW8, 0, BH_CTX_SCALAR },
};

static const struct bh_ctx_desc tp_ctx_desc = {
	.prog_ctx = "the tracepoint's record (common header, then its fields)",
	.host_ctx = "the record's bytes",
	.size = PERF_MAX_TRACE_SIZE,
	.fields = tp_fields,
	.field_cnt = BH_ARRAY_SIZE(tp_fields),
};

static const struct bh_ctx_desc *tp_ctx(uint32_t attach_type)
{
	return &tp_ctx_desc;
}

/* tp_prog_func_proto(): the tracing set (its own four are absent). */
static const struct bh_helper_proto *tp_func_proto(uint32_t func_id,
						   const struct bh_prog *prog)
{
	return helper_tracing_func_proto(func_id, prog);
}

static int tp_test_run(struct bh_prog *prog, struct bh_test_run_opts *opts)
{
	return test_run_ctx_mem(prog, opts, PERF_MAX_TRACE_SIZE);
}

const struct bh_prog_ops tracepoint_prog_ops = {
	.name = "tracepoint",
	.test_run = tp_test_run,
	.ctx_desc = tp_ctx,
	.get_func_proto = tp_func_proto,
};
