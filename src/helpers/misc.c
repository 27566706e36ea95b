/* SPDX-License-Identifier: MIT */
/*
 * helpers/misc.c - helpers without a subsystem: random numbers, the CPU
 * slot.
 */
#include "helpers/internal.h"

/*
 * bpf_get_prandom_u32: a per-thread xorshift128+ generator seeded from the
 * clock and the thread, like the kernel's per-CPU prandom state (not
 * cryptographic in either).
 */
static uint64_t get_prandom_u32(uint64_t r1, uint64_t r2, uint64_t r3,
				uint64_t r4, uint64_t r5)
{
	static _Thread_local uint64_t s[2];
	uint64_t a, b;

	if (bh_unlikely(!s[0] && !s[1])) {
		s[0] = helper_clock_ns(CLOCK_MONOTONIC) | 1;
		s[1] = (uintptr_t)&s ^ 0x9e3779b97f4a7c15ull;
	}
	a = s[0];
	b = s[1];
	s[0] = b;
	a ^= a << 23;
	s[1] = a ^ b ^ (a >> 17) ^ (b >> 26);
	return (uint32_t)((s[1] + b) >> 32);
}

const struct bh_helper_proto helper_get_prandom_u32_proto = {
	.name = "get_prandom_u32",
	.fn = get_prandom_u32,
	.ret_type = BH_RET_INTEGER,
};

static uint64_t get_smp_processor_id(uint64_t r1, uint64_t r2, uint64_t r3,
				     uint64_t r4, uint64_t r5)
{
	return bh_cpu_current();
}

const struct bh_helper_proto helper_get_smp_processor_id_proto = {
	.name = "get_smp_processor_id",
	.fn = get_smp_processor_id,
	.ret_type = BH_RET_INTEGER,
};
