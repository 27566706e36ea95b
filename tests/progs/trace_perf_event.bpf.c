/* SPDX-License-Identifier: MIT */
/* trace_perf_event: BPF_PROG_TYPE_PERF_EVENT programs reading struct
 * bpf_perf_event_data: registers as whole words, sample_period and addr
 * also narrowly; global functions given the context. */
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

/* the context passed to global functions, as itself and as its registers */
__noinline int pe_period(struct bpf_perf_event_data *d)
{
	return d ? (int)d->sample_period : 0;
}

__noinline int pe_regs_ip(struct pt_regs *regs __attribute__((btf_decl_tag("arg:ctx"))))
{
	return (int)(regs->rip & 0xff);
}

SEC("perf_event")
int pe_global(struct bpf_perf_event_data *ctx)
{
	return pe_period(ctx) + pe_regs_ip((struct pt_regs *)ctx);
}

char LICENSE[] SEC("license") = "GPL";
