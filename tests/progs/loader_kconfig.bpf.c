/* SPDX-License-Identifier: MIT */
/* loader_kconfig: __kconfig externs in the .kconfig map. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern unsigned int LINUX_KERNEL_VERSION __kconfig;
extern _Bool LINUX_HAS_BPF_COOKIE __kconfig;
extern int CONFIG_BPFHOST_MISSING __kconfig __weak;
extern int CONFIG_BPFHOST_STRONG __kconfig;

__u64 out[3];

SEC("syscall")
int kcfg(void *ctx)
{
	out[0] = LINUX_KERNEL_VERSION;
	out[1] = CONFIG_BPFHOST_MISSING;
	out[2] = LINUX_HAS_BPF_COOKIE;
	return 0;
}

SEC("?syscall")
int kcfg_strong(void *ctx)
{
	return CONFIG_BPFHOST_STRONG;
}

char LICENSE[] SEC("license") = "GPL";
