/* SPDX-License-Identifier: MIT */
/*
 * bench/progs/prog_common.h - definitions shared by the benchmark programs.
 *
 * Each bench/progs/NAME.bpf.c is a thin SEC("xdp") wrapper around a
 * static inline function in NAME.h.  bench/bench_interp.c includes the same
 * NAME.h and runs the function natively on the sample packet: that gives the
 * retval both bpfhost and the kernel must return, independent of either.
 * So these headers must compile both for the BPF target (clang -target bpf)
 * and for the host (gcc or clang, -Wall -Wextra -Werror).
 */
#ifndef BENCH_PROG_COMMON_H
#define BENCH_PROG_COMMON_H

#include <linux/types.h>

#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif

/*
 * Keep loops rolled in the BPF build: the executed-instruction counts in
 * bench_interp.c are derived from the rolled loop bodies, and the benchmark
 * is meant to measure loops (back jumps), not straight-line code.
 */
#ifdef __bpf__
#define BENCH_NO_UNROLL _Pragma("clang loop unroll(disable)")
#else
#define BENCH_NO_UNROLL
#endif

/* Network byte order, usable in case labels (BPF and host are both LE). */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define BENCH_BE16(x) ((__u16)((((x) & 0xffU) << 8) | (((x) >> 8) & 0xffU)))
#else
#define BENCH_BE16(x) ((__u16)(x))
#endif
#define BENCH_NTOHS(x) BENCH_BE16(x)

#endif /* BENCH_PROG_COMMON_H */
