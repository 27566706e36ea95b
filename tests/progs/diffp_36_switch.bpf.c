/* SPDX-License-Identifier: MIT */
/* diffp_36_switch: a large switch on a packet byte (clang lowers it to a
 * branch tree), with a default, fall-through cases and XDP verdicts. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__u64 acc[4];

SEC("xdp")
int sw(struct xdp_md *ctx)
{
	unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
	__u64 x;
	int verdict = XDP_PASS;

	if (d + 48 > e)
		return XDP_DROP;
	for (int i = 40; i < 48; i++) {
		x = d[i];
		switch (x % 23) {
		case 0: acc[0] += 1; break;
		case 1: acc[1] += x;
		/* fall through */
		case 2: acc[2] ^= x << 3; break;
		case 3: case 4: case 5: acc[3] += x * x; break;
		case 7: acc[0] *= 3; break;
		case 11: verdict = XDP_TX; break;
		case 13: acc[1] -= 17; break;
		case 17: acc[2] += 0x1000; break;
		case 19: acc[3] >>= 1; break;
		case 22: verdict = XDP_DROP; break;
		default: acc[0] += x; break;
		}
	}
	return verdict;
}

char LICENSE[] SEC("license") = "GPL";
