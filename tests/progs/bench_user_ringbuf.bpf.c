/* SPDX-License-Identifier: MIT */
/* bench_user_ringbuf: bench/bench_ringbuf.c's USER_RINGBUF drain, the same
 * object in the kernel (libbpf, BPF_PROG_TEST_RUN) and in bpfhost: one
 * bpf_user_ringbuf_drain per run, a callback that reads each sample's
 * first 8 bytes into a sum and goes on; returns the samples drained. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_USER_RINGBUF);
	__uint(max_entries, 256 * 1024);
} urb SEC(".maps");

__u64 sum;

static long read_sample(struct bpf_dynptr *dynptr, void *ctx)
{
	__u64 v = 0;

	bpf_dynptr_read(&v, sizeof(v), dynptr, 0, 0);
	sum += v;
	return 0;
}

SEC("syscall")
int drain(void *ctx)
{
	long n = bpf_user_ringbuf_drain(&urb, read_sample, NULL, 0);

	return n < 0 ? 0 : (int)n;
}

char LICENSE[] SEC("license") = "GPL";
