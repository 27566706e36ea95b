/* SPDX-License-Identifier: MIT */
/* trace_perf_event: BPF_PROG_TYPE_PERF_EVENT programs reading struct
 * bpf_perf_event_data: registers as whole words, sample_period and addr
 * also narrowly. */
#define __TARGET_ARCH_x86
#include <linux/bpf.h>
#include <linux/bpf_perf_event.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, __u64);
} ip_hist SEC(".maps");

__u64 periods, low_addr;

SEC("perf_event")
int pe_sample(struct bpf_perf_event_data *ctx)
{
	__u32 key = (__u32)(PT_REGS_IP(&ctx->regs) & 0xff);
	__u64 *v = bpf_map_lookup_elem(&ip_hist, &key);

	if (v)
		*v += 1;
	periods += ctx->sample_period;
	return 1;
}

SEC("perf_event")
int pe_narrow(struct bpf_perf_event_data *ctx)
{
	low_addr = *(volatile __u8 *)&ctx->addr +
		   *(volatile __u32 *)&ctx->sample_period +
		   *(volatile __u16 *)((char *)&ctx->addr + 2);
	return (int)(ctx->regs.rsp != 0);
}

char LICENSE[] SEC("license") = "GPL";
