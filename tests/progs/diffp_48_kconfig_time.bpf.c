/* SPDX-License-Identifier: MIT */
/* diffp_48_kconfig_time: __kconfig externs (LINUX_KERNEL_VERSION from the
 * same uname on both sides, a weak unknown option reading 0) and the
 * time, random and CPU helpers checked for properties rather than values:
 * monotonic clocks move forward, boot time is at least monotonic time,
 * jiffies are positive, the CPU id is below the CPU count. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern unsigned int LINUX_KERNEL_VERSION __kconfig;
extern int CONFIG_BPFHOST_DOES_NOT_EXIST __kconfig __weak;

__u64 r[8];

SEC("xdp")
int kconfig_time(struct xdp_md *ctx)
{
	__u64 t1 = bpf_ktime_get_ns(), t2, b, c;
	__u32 rnd1 = bpf_get_prandom_u32(), rnd2 = bpf_get_prandom_u32();

	t2 = bpf_ktime_get_ns();
	b = bpf_ktime_get_boot_ns();
	c = bpf_ktime_get_coarse_ns();
	r[0] = LINUX_KERNEL_VERSION;
	r[1] = CONFIG_BPFHOST_DOES_NOT_EXIST;
	r[2] = t2 >= t1;
	r[3] = b >= t1;
	r[4] = c > 0 && c <= t2 + 20000000ULL;
	r[5] = bpf_jiffies64() > 0;
	r[6] = bpf_get_smp_processor_id() < 4096;
	r[7] += rnd1 != rnd2 || rnd1 != 0;
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
