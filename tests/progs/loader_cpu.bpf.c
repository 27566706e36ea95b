/* SPDX-License-Identifier: MIT */
/*
 * loader_cpu: one program built for -mcpu=v1..v4 (the Makefile builds
 * loader_cpu.vN.bpf.o); every variant must compute the same result over
 * the packet: 32- and 64-bit arithmetic, signed division, byte swaps,
 * bounded loops, subprogram calls and global data.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

__u64 last_result;
static volatile int divisor = -3;

static __attribute__((noinline)) __u64 mix(__u64 h, __u64 v)
{
	h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
	return h;
}

/* Signed division exists from v4 on; before, the same result by hand. */
static __attribute__((noinline)) __s64 sdiv(__s64 a, __s64 b)
{
#if __BPF_CPU_VERSION__ >= 4
	return a / b + a % b;
#else
	__u64 ua = a < 0 ? -(__u64)a : (__u64)a, ub = b < 0 ? -(__u64)b : (__u64)b;
	__s64 q = (__s64)(ua / ub), r = (__s64)(ua % ub);

	if ((a < 0) != (b < 0))
		q = -q;
	if (a < 0)
		r = -r;
	return q + r;
#endif
}

SEC("xdp")
int xdp_cpu(struct xdp_md *ctx)
{
	__u8 *data = (void *)(long)ctx->data;
	__u8 *end = (void *)(long)ctx->data_end;
	__u64 h = 1;
	__u32 w32 = 0;

	for (int i = 0; i < 64; i++) {
		if (data + i + 1 > end)
			break;
		h = mix(h, data[i]);
		w32 = w32 * 31 + (__u32)data[i];
		if (data + i + 2 <= end)
			h += bpf_ntohs(*(__u16 *)(data + i));
	}
	h += sdiv((__s64)w32 - 100000, divisor);
	h += (__s32)w32 >> 3;
	last_result = h;
	return (int)(h & 3);
}

char LICENSE[] SEC("license") = "GPL";
