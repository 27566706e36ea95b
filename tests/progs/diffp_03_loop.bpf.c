/* SPDX-License-Identifier: MIT */
/* diffp_03_loop: bounded loops over the packet (FNV-1a hash, byte sum,
 * count of zero bytes) into .bss; clang keeps the loops (no unrolling). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__u64 fnv;
__u64 sum;
__u32 zeros;
__u32 runs;

SEC("xdp")
int loop(struct xdp_md *ctx)
{
	unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
	__u64 h = 0xcbf29ce484222325ULL, s = 0;
	__u32 z = 0;

#pragma clang loop unroll(disable)
	for (int i = 0; i < 256; i++) {
		if (d + i + 1 > e)
			break;
		h ^= d[i];
		h *= 0x100000001b3ULL;
		s += d[i] * (i + 1);
		if (!d[i])
			z++;
	}
	fnv ^= h;
	sum += s;
	zeros += z;
	runs++;
	return h & 1 ? XDP_PASS : XDP_TX;
}

char LICENSE[] SEC("license") = "GPL";
