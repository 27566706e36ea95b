/* SPDX-License-Identifier: MIT */
/*
 * bpfhost/progtypes.h - host-side contexts of program types that a host
 * (not BPF_PROG_TEST_RUN) runs: cgroup sysctl and sockopt hooks, raw
 * tracepoints with a writable buffer, and tracing "attach functions" that
 * fentry / fexit programs attach to.  docs/progtypes.md describes every
 * program type, its context and where it differs from Linux.
 *
 * Thread-safety: the run calls may be made from any number of threads at
 * once (each run uses its own context); attach-function registration and
 * attachment are serialised internally.
 */
#ifndef BPFHOST_PROGTYPES_H
#define BPFHOST_PROGTYPES_H

#include "common.h"

struct bh_prog;

/* ---- CGROUP_SYSCTL ------------------------------------------------------- */

/* One sysctl access, the kernel's struct bpf_sysctl_kern. */
struct bh_sysctl_ctx {
	size_t sz;
	/* Full name with '/' separators, e.g. "net/ipv4/tcp_mem". */
	const char *name;
	/* Current value as text (what a read of the file gives); may be NULL. */
	const char *cur_val;
	size_t cur_len;
	/* 1 for a write, 0 for a read. */
	uint32_t write;
	/* Write: the text being written (at most 4096 bytes are seen). */
	const char *new_val;
	size_t new_len;
	/* In/out: the file position; programs may change it. */
	uint32_t file_pos;
	/* Out: when the program replaced the new value, new_updated is 1 and
	 * new_out (new_out_sz bytes, caller's) holds it, new_out_len long;
	 * -ENOSPC if new_out is too small. */
	char *new_out;
	size_t new_out_sz;
	size_t new_out_len;
	uint32_t new_updated;
	/* Out: the program's return value. */
	uint32_t retval;
	size_t :0;
};
#define bh_sysctl_ctx__last_field retval

/**
 * Run a BPF_PROG_TYPE_CGROUP_SYSCTL program on one sysctl access, as the
 * kernel's __cgroup_bpf_run_filter_sysctl() runs each program.  The
 * program sees struct bpf_sysctl { write, file_pos } and reaches the rest
 * through bpf_sysctl_get_name / _get_current_value / _get_new_value /
 * _set_new_value.  (Linux has no BPF_PROG_TEST_RUN for this type, and
 * neither has bpfhost: this call is the way to run one.)
 *
 * @return 0 when the program allowed the access (returned non-zero),
 *         -EPERM when it denied it; -EINVAL for a wrong program type, a NULL
 *         or malformed @ctx; -ENOSPC when the replaced value did not fit
 *         new_out; -ENOMEM; -EFAULT when a checked run faulted.
 */
BH_API int bh_prog__run_sysctl(struct bh_prog *prog, struct bh_sysctl_ctx *ctx);

/* ---- CGROUP_SOCKOPT ------------------------------------------------------ */

/* One getsockopt or setsockopt call, the kernel's bpf_sockopt_kern. */
struct bh_sockopt_ctx {
	size_t sz;
	/* In; setsockopt programs may change them (out). */
	int32_t level;
	int32_t optname;
	/* In/out: the option value, optlen bytes; holds optval_cap bytes. */
	void *optval;
	int32_t optlen;
	uint32_t optval_cap;
	/* getsockopt in: the host handler's result (0 or -errno);
	 * out (both): the result the caller should return. */
	int32_t retval;
	size_t :0;
};
#define bh_sockopt_ctx__last_field retval

/**
 * Run a BPF_PROG_TYPE_CGROUP_SOCKOPT program as the kernel's
 * __cgroup_bpf_run_filter_setsockopt / _getsockopt run it, per the
 * program's expected_attach_type (BPF_CGROUP_SETSOCKOPT / GETSOCKOPT).
 * The program sees struct bpf_sockopt; optval..optval_end is a buffer of
 * max(16, optlen) bytes (setsockopt) or optval_cap bytes (getsockopt: the
 * caller's buffer), at most 4096, holding the caller's bytes (getsockopt:
 * only when the handler succeeded, retval 0; else zeros, and optlen reads
 * optval_cap).
 *
 * setsockopt: returns 1 when the program set optlen to -1 (skip the host's
 * handler), 0 to go on with the (possibly changed) level, optname, optval
 * and optlen (an optlen of 0 from the program keeps the caller's value),
 * -EPERM when the program returned 0, -EFAULT when it left optlen out of
 * bounds.  getsockopt: returns the final result (ctx->retval, which the
 * program may overwrite) and updates optval/optlen unless the program set
 * optlen to 0; -EPERM when it returned 0, -EFAULT for a bad optlen.
 * Both: -EINVAL for a wrong program type or bad @ctx; -ENOSPC when the
 * program's value does not fit optval_cap; -ENOMEM; -EFAULT when a checked
 * run faulted.
 */
BH_API int bh_prog__run_sockopt(struct bh_prog *prog,
				struct bh_sockopt_ctx *ctx);

/* ---- RAW_TRACEPOINT and RAW_TRACEPOINT_WRITABLE -------------------------- */

/**
 * Fire a raw tracepoint at @prog: the context is the array @args of
 * @nargs u64 (at most 12, MAX_BPF_FUNC_ARGS).  For a
 * RAW_TRACEPOINT_WRITABLE program, @wbuf / @wbuf_sz is the tracepoint's
 * writable buffer: args[0] is set to point at it and the program may
 * read and write those bytes (seed 003: "the pointer to this buffer will
 * be the first argument").  RAW_TRACEPOINT programs get no buffer.
 *
 * @param ret On success, the program's R0.
 * @return 0; -EINVAL for a wrong program type, too many args, a writable
 *         buffer for a non-writable program; -EFAULT when a checked run
 *         faulted.
 */
BH_API int bh_prog__run_raw_tp(struct bh_prog *prog, const uint64_t *args,
			       unsigned int nargs, void *wbuf, size_t wbuf_sz,
			       uint64_t *ret);

/* ---- KPROBE, TRACEPOINT and PERF_EVENT ----------------------------------- */

/*
 * The context of a kprobe / uprobe / ksyscall / usdt program
 * (BPF_PROG_TYPE_KPROBE): the probed CPU's registers, in x86-64's
 * struct pt_regs layout whatever the host's architecture, since programs
 * read it that way (libbpf's PT_REGS_PARM1(ctx) is ctx->di with
 * __TARGET_ARCH_x86).  168 bytes; programs read it, never write it.
 */
struct bh_pt_regs {
	uint64_t r15, r14, r13, r12, bp, bx, r11, r10, r9, r8;
	uint64_t ax, cx, dx, si, di, orig_ax, ip, cs, flags, sp, ss;
};

/* The context of a perf_event program (BPF_PROG_TYPE_PERF_EVENT), the
 * kernel's struct bpf_perf_event_data: 184 bytes, read-only. */
struct bh_perf_event_data {
	struct bh_pt_regs regs;
	uint64_t sample_period;
	uint64_t addr;
};

/*
 * A TRACEPOINT program's context is the tracepoint's raw record: the
 * 8-byte common header (common_type, common_flags, common_preempt_count,
 * common_pid), which programs may not read, then the event's fields, at
 * most 8192 bytes in all (the kernel's PERF_MAX_TRACE_SIZE).
 *
 * None of the three has a run call of its own: bh_prog__test_run() runs
 * one with ctx_in as its context, and a hook (bpfhost/attach.h) created
 * for the type, with ctx_size the context's size, fires every program
 * attached to it, e.g. bh_hook__run(probe, &regs, &ret) for a probe.
 */

/* ---- TRACING: fentry / fexit on host "attach functions" ------------------ */

struct bh_attach_func;

/* The host function behind an attach function: its typed arguments arrive
 * as u64 (each zero-extended from its size), it returns a u64. */
typedef uint64_t (*bh_attach_func_fn)(const uint64_t *args, void *ctx);

/**
 * Register a host function that BPF_PROG_TYPE_TRACING programs with
 * expected_attach_type BPF_TRACE_FENTRY / BPF_TRACE_FEXIT can attach to:
 * the kernel attaches to kernel functions described by BTF, bpfhost to
 * functions the host describes here.  @arg_sizes gives each argument's
 * size in bytes (1, 2, 4 or 8) as BTF would; the program's context is the
 * u64 array of the arguments, each truncated to its size, then (fexit)
 * the return value truncated to @ret_size (0: void).
 *
 * bpfhost pre-registers the kernel's test targets "bpf_fentry_test1" to
 * "bpf_fentry_test8" and "bpf_modify_return_test" with the kernel's
 * arguments, which BPF_PROG_TEST_RUN of a tracing program calls as the
 * kernel's does.
 *
 * @return the function, or NULL with errno EINVAL (bad name, more than 12
 *         args, bad sizes), EEXIST (name taken), ENOMEM.  It lives until
 *         the process ends.
 */
BH_API struct bh_attach_func *bh_attach_func__register(
	const char *name, unsigned int nargs, const uint8_t *arg_sizes,
	uint8_t ret_size, bh_attach_func_fn fn, void *fn_ctx);

/** Find a registered attach function by name; NULL with errno ENOENT. */
BH_API struct bh_attach_func *bh_attach_func__find(const char *name);

/**
 * Attach a loaded TRACING program (fentry or fexit) to @func; it takes a
 * reference on @prog.  At most 16 programs per function.
 * @return 0; -EINVAL (not a TRACING fentry/fexit program), -EEXIST
 *         (already attached), -E2BIG (full).
 */
BH_API int bh_attach_func__attach(struct bh_attach_func *func,
				  struct bh_prog *prog);
/** Detach @prog from @func. @return 0 or -ENOENT. */
BH_API int bh_attach_func__detach(struct bh_attach_func *func,
				  struct bh_prog *prog);

/**
 * Call @func through its trampoline: every fentry program with @args,
 * the host function, every fexit program with @args and the result.
 * @return the host function's result.
 */
BH_API uint64_t bh_attach_func__call(struct bh_attach_func *func,
				     const uint64_t *args);

#endif /* BPFHOST_PROGTYPES_H */
