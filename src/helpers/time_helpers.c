/* SPDX-License-Identifier: MIT */
/*
 * helpers/time_helpers.c - clocks and the current task: bpf_ktime_get_ns
 * (CLOCK_MONOTONIC), bpf_ktime_get_boot_ns
 * (CLOCK_BOOTTIME), bpf_ktime_get_coarse_ns (CLOCK_MONOTONIC_COARSE),
 * bpf_ktime_get_tai_ns (CLOCK_TAI), bpf_jiffies64 and
 * bpf_get_current_pid_tgid.  The clocks are the kernel's own, read through
 * clock_gettime, so values compare with the kernel's helpers directly.
 *
 * Jiffies: user space cannot read the kernel's counter; bpfhost derives it
 * from CLOCK_MONOTONIC at HZ 1000 (documented in docs/progtypes.md), so it
 * ticks at the rate of a HZ=1000 kernel but does not share its origin.
 */
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "helpers/internal.h"

#define BH_HZ 1000

uint64_t helper_clock_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* One helper per clock: bpf_ktime_get_<name>() reads @clk. */
#define BH_CLOCK_HELPER(fn_name, clk)                                        \
	static uint64_t fn_name(uint64_t r1, uint64_t r2, uint64_t r3,      \
				uint64_t r4, uint64_t r5)                   \
	{                                                                   \
		return helper_clock_ns(clk);                                \
	}                                                                   \
	const struct bh_helper_proto helper_##fn_name##_proto = {           \
		.name = #fn_name,                                           \
		.fn = fn_name,                                              \
		.ret_type = BH_RET_INTEGER,                                 \
	};

BH_CLOCK_HELPER(ktime_get_ns, CLOCK_MONOTONIC)
BH_CLOCK_HELPER(ktime_get_boot_ns, CLOCK_BOOTTIME)
BH_CLOCK_HELPER(ktime_get_coarse_ns, CLOCK_MONOTONIC_COARSE)
BH_CLOCK_HELPER(ktime_get_tai_ns, CLOCK_TAI)

static uint64_t jiffies64(uint64_t r1, uint64_t r2, uint64_t r3, uint64_t r4,
			  uint64_t r5)
{
	return helper_clock_ns(CLOCK_MONOTONIC) / (1000000000ull / BH_HZ);
}

const struct bh_helper_proto helper_jiffies64_proto = {
	.name = "jiffies64",
	.fn = jiffies64,
	.ret_type = BH_RET_INTEGER,
};

/* u64 bpf_get_current_pid_tgid(void): tgid << 32 | tid of the calling
 * thread, as the kernel reports for the task that ran the program. */
static uint64_t get_current_pid_tgid(uint64_t r1, uint64_t r2, uint64_t r3,
				     uint64_t r4, uint64_t r5)
{
	/* Not cached: a forked child must see its own ids. */
	return (uint64_t)(uint32_t)getpid() << 32 | (uint32_t)syscall(SYS_gettid);
}

const struct bh_helper_proto helper_get_current_pid_tgid_proto = {
	.name = "get_current_pid_tgid",
	.fn = get_current_pid_tgid,
	.ret_type = BH_RET_INTEGER,
};
