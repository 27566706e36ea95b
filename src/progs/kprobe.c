/* SPDX-License-Identifier: MIT */
/*
 * progs/kprobe.c - BPF_PROG_TYPE_KPROBE: kprobe, kretprobe, uprobe,
 * uretprobe, ksyscall, usdt and the multi / session variants, as in the
 * kernel's kernel/trace/bpf_trace.c.
 *
 * The context is the probed CPU's struct pt_regs in x86-64's layout
 * (struct bh_pt_regs, 168 bytes).  kprobe_prog_is_valid_access(): reads of
 * 1, 2, 4 or 8 bytes anywhere inside it, aligned to their size; no write.
 *
 * Helpers: kprobe_prog_func_proto() adds bpf_perf_event_output,
 * bpf_get_stackid, bpf_get_stack, bpf_override_return, bpf_get_func_ip and
 * bpf_get_attach_cookie to bpf_tracing_func_proto(); bpfhost has none of
 * those six (no perf ring, no kernel stack, no probed function to
 * override or name), nor the probe_read family, so a program calling one
 * is refused at load with "helper bpf_xxx#N is not implemented by
 * bpfhost" (isa/check.c).  What is left is the tracing set bpfhost has.
 *
 * Return value: any, as the kernel (trace_call_bpf() stores the event
 * when it is not 0); a session program (BPF_TRACE_KPROBE_SESSION,
 * BPF_TRACE_UPROBE_SESSION) returns 0 or 1 (check_return_code()).
 *
 * Running: the kernel has no test_run for kprobe programs (-ENOTSUPP).
 * bpfhost runs one with the pt_regs given as ctx_in (test_run_ctx_mem()),
 * so a probe can be unit-tested with the registers a developer chooses,
 * and hooks of this type fire it with a pt_regs buffer (attach/hook.c).
 */
#include "helpers/internal.h"
#include "progs/ctx_access.h"
#include "progs/internal.h"
#include "bpfhost/progtypes.h"

_Static_assert(sizeof(struct bh_pt_regs) == 168, "x86-64 struct pt_regs");

static const struct bh_ctx_field kprobe_fields[] = {
	{ "regs", 0, sizeof(struct bh_pt_regs), BH_SZ_NARROW8, 0, BH_CTX_SCALAR },
};

static const struct bh_ctx_desc kprobe_ctx_desc = {
	.prog_ctx = "struct pt_regs (x86-64)",
	.host_ctx = "struct bh_pt_regs",
	.size = sizeof(struct bh_pt_regs),
	.fields = kprobe_fields,
	.field_cnt = BH_ARRAY_SIZE(kprobe_fields),
};

static const struct bh_ctx_desc *kprobe_ctx(uint32_t attach_type)
{
	return &kprobe_ctx_desc;
}

/* kprobe_prog_func_proto(): the tracing set (its own six are absent). */
static const struct bh_helper_proto *kprobe_func_proto(uint32_t func_id,
							const struct bh_prog *prog)
{
	return helper_tracing_func_proto(func_id, prog);
}

static bool kprobe_ret_range(uint32_t attach_type, int32_t *lo, int32_t *hi)
{
	if (attach_type != BPF_TRACE_KPROBE_SESSION &&
	    attach_type != BPF_TRACE_UPROBE_SESSION)
		return false;
	*lo = 0;
	*hi = 1;
	return true;
}

static int kprobe_test_run(struct bh_prog *prog, struct bh_test_run_opts *opts)
{
	return test_run_ctx_mem(prog, opts, sizeof(struct bh_pt_regs));
}

const struct bh_prog_ops kprobe_prog_ops = {
	.name = "kprobe",
	.test_run = kprobe_test_run,
	.ctx_desc = kprobe_ctx,
	.get_func_proto = kprobe_func_proto,
	.ret_range = kprobe_ret_range,
};
