/* SPDX-License-Identifier: MIT */
/* diffp_43_fentry: TRACING programs on the kernel's test targets: fentry
 * on bpf_fentry_test1 and bpf_fentry_test3, fexit on bpf_fentry_test2,
 * run by the test_run of a tracing program (attached on both sides). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

__u64 t1_a, t3_sum, t2_ret, t2_args, hits;

SEC("fentry/bpf_fentry_test1")
int BPF_PROG(fentry1, int a)
{
	t1_a = a;
	hits++;
	return 0;
}

SEC("fexit/bpf_fentry_test2")
int BPF_PROG(fexit2, int a, __u64 b, int ret)
{
	t2_args = a + b;
	t2_ret = ret;
	hits += 10;
	return 0;
}

SEC("fentry/bpf_fentry_test3")
int BPF_PROG(fentry3, char a, int b, __u64 c)
{
	t3_sum = a + b + c;
	hits += 100;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
