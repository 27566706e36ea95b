/* SPDX-License-Identifier: MIT */
/*
 * bpfhost/trace.h - where bpf_trace_printk() output goes.
 *
 * The kernel writes bpf_trace_printk() lines to the trace_pipe; bpfhost hands
 * each line to a handler.  The default handler writes the line to stderr
 * prefixed like trace_pipe ("<pid> [cpu] bpf_trace_printk: ...").
 */
#ifndef BPFHOST_TRACE_H
#define BPFHOST_TRACE_H

#include "common.h"

/**
 * Receives one line of bpf_trace_printk() output (not NUL-terminated, no
 * trailing newline unless the program printed one).  Called on the thread
 * that ran the program, inside the run: it must not block for long.
 */
typedef void (*bh_trace_fn)(void *ctx, unsigned int cpu, const char *line,
			    size_t len);

/**
 * Install @fn (NULL restores the default).  Thread-safe; runs already inside
 * a call may still use the previous handler.
 */
BH_API void bh_trace__set_handler(bh_trace_fn fn, void *ctx);

#endif /* BPFHOST_TRACE_H */
