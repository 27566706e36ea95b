/* SPDX-License-Identifier: MIT */
/* loader_kfunc: externs bpfhost does not provide (kfunc, weak ksym). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern int bpf_fake_kfunc(int x) __ksym;
extern const int fake_ksym_var __ksym __weak;

SEC("syscall")
int call_kfunc(void *ctx)
{
	return bpf_fake_kfunc(1);
}

SEC("?syscall")
int weak_ksym(void *ctx)
{
	return &fake_ksym_var ? 1 : 2;
}

char LICENSE[] SEC("license") = "GPL";
