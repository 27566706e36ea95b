/* SPDX-License-Identifier: MIT */
/* diffp_37_stack: heavy stack use: a 32-byte copy of the packet and a
 * 16-bucket histogram (u64) on the stack, indexed by variable offsets,
 * a subprogram with its own frame reading the caller's buffer; the
 * median bucket and a checksum go to .bss. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__u64 median, chk;

static __attribute__((noinline)) __u64 fold(__u8 *b, int n)
{
	__u64 s = 0;

	for (int i = 0; i < 32; i++)
		if (i < n)
			s = s * 131 + b[i];
	return s;
}

SEC("xdp")
int stackbuf(struct xdp_md *ctx)
{
	unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
	__u64 hist[16];
	__u8 buf[32];
	__u64 acc = 0;
	int n = 0;

	__builtin_memset(buf, 0, sizeof(buf));
	__builtin_memset(hist, 0, sizeof(hist));
	for (int i = 0; i < 32; i++) {
		if (d + i + 1 > e)
			break;
		buf[i] = d[i];
		n++;
	}
	for (int i = 0; i < 32; i++)
		hist[buf[i] >> 4]++;
	median = 16;
	for (int i = 0; i < 16; i++) {
		acc += hist[i];
		if (acc >= 16) {
			median = i;
			break;
		}
	}
	chk ^= fold(buf, n) + hist[buf[n & 31] & 15];
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
