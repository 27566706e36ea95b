/* SPDX-License-Identifier: MIT */
/*
 * bench/progs/alu_loop.h - a register-only ALU loop.
 *
 * ALU_LOOP_ITERS rounds of 64- and 32-bit add, sub, xor, or, shifts
 * (logical and arithmetic) and multiplies, on a seed taken from the packet
 * so the compiler cannot fold the loop away.  No memory access inside the
 * loop: it measures instruction dispatch and ALU cost.
 *
 * The trip count is a constant, so the kernel verifier walks the loop once
 * per iteration: 4096 x 29 = 119k processed instructions, well under
 * its 1M limit.
 */
#ifndef BENCH_ALU_LOOP_H
#define BENCH_ALU_LOOP_H

#include "prog_common.h"

#define ALU_LOOP_ITERS 4096U

static __always_inline __u32 alu_loop_run(__u64 seed)
{
	__u64 a = seed ^ 0x9e3779b97f4a7c15ULL;
	__u64 b = 0x6a09e667f3bcc908ULL;
	__u64 c = seed | 1;
	__u32 d = (__u32)(seed >> 32);
	__u32 i;

	BENCH_NO_UNROLL
	for (i = 0; i < ALU_LOOP_ITERS; i++) {
		a += b ^ (c << 7);
		b -= a >> 13;
		c = c * 0xff51afd7ed558ccdULL + i;
		d = (d ^ (__u32)c) * 0x01000193U;
		a ^= (__u64)((__s64)b >> 29);
		b = (b << 5) | (b >> 59);
		c ^= d;
	}
	return (__u32)(a ^ b ^ c) ^ d;
}

#endif /* BENCH_ALU_LOOP_H */
