/* SPDX-License-Identifier: MIT */
/* trace_kprobe: BPF_PROG_TYPE_KPROBE programs under each of libbpf's
 * section names, reading struct pt_regs (x86-64) the ways probes do:
 * BPF_KPROBE argument macros, narrow reads, the return register, a global
 * function given the context. */
#define __TARGET_ARCH_x86
#include <linux/bpf.h>
#include <asm/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 128);
	__type(key, __u64);
	__type(value, __u64);
} calls SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

__u64 last_arg, last_ret, low_bytes;

SEC("kprobe/do_unlinkat")
int BPF_KPROBE(k_unlinkat, int dfd, void *name)
{
	__u64 key = (__u64)dfd, one = 1, *v;

	last_arg = (__u64)name;
	v = bpf_map_lookup_elem(&calls, &key);
	if (v)
		__sync_fetch_and_add(v, 1);
	else
		bpf_map_update_elem(&calls, &key, &one, BPF_ANY);
	return 0;
}

SEC("kretprobe/do_unlinkat")
int BPF_KRETPROBE(k_unlinkat_ret, long ret)
{
	last_ret = (__u64)ret;
	return ret != 0;
}

/* narrow reads: one byte of rdi, two of rsi, four of rip */
SEC("uprobe")
int u_narrow(struct pt_regs *ctx)
{
	low_bytes = *(volatile __u8 *)&ctx->rdi +
		    *(volatile __u16 *)&ctx->rsi +
		    *(volatile __u32 *)&ctx->rip;
	return 0;
}

SEC("uretprobe")
int u_ret(struct pt_regs *ctx)
{
	__u64 *rec = bpf_ringbuf_reserve(&events, 16, 0);

	if (!rec)
		return 0;
	rec[0] = PT_REGS_RC(ctx);
	rec[1] = ctx->ss; /* the last word of pt_regs */
	bpf_ringbuf_submit(rec, 0);
	return 1;
}

SEC("ksyscall/write")
int k_write(struct pt_regs *ctx)
{
	return ctx->orig_rax == 1 ? (int)ctx->rdx : -1;
}

SEC("kprobe.multi/do_*")
int k_multi(struct pt_regs *ctx)
{
	return (int)(ctx->rip & 0xff);
}

/* the context passed to a global function, typed by its struct's name */
__noinline int kp_arg0(struct pt_regs *regs)
{
	return regs ? (int)regs->rdi : 0;
}

SEC("kprobe/do_unlinkat")
int k_global(struct pt_regs *ctx)
{
	return kp_arg0(ctx) + 1;
}

char LICENSE[] SEC("license") = "GPL";
