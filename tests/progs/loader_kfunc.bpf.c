/* SPDX-License-Identifier: MIT */
/* loader_kfunc: kfunc externs: one bpfhost does not provide, a weak one it
 * does not provide either (its call is dead code), one of bpfhost's with a
 * prototype of another shape, and two bpfhost provides; a weak ksym. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern int bpf_fake_kfunc(int x) __ksym;
extern int bpf_fake_weak_kfunc(int x) __ksym __weak;
extern __u32 bpf_dynptr_size(const struct bpf_dynptr *p, int extra) __ksym;
extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;
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

SEC("?syscall")
int weak_kfunc(void *ctx)
{
	if (bpf_fake_weak_kfunc)
		return bpf_fake_weak_kfunc(1);
	return 4;
}

SEC("?syscall")
int bad_proto(void *ctx)
{
	struct bpf_dynptr p = {};

	return bpf_dynptr_size(&p, 1);
}

SEC("?syscall")
int rcu(void *ctx)
{
	bpf_rcu_read_lock();
	bpf_rcu_read_unlock();
	return 3;
}

char LICENSE[] SEC("license") = "GPL";
