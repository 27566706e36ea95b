/* SPDX-License-Identifier: MIT */
/* diffp_27_cpuv4: built with -mcpu=v4 (Makefile): signed division and
 * modulo (sdiv/smod), sign-extending loads and moves (ldsx, movsx),
 * byte swaps (bswap), 32-bit jumps (gotol when far). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__s64 r[20];

SEC("xdp")
int cpuv4(struct xdp_md *ctx)
{
	unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
	__s64 a, b;
	__s32 a32, b32;

	if (d + 40 > e)
		return XDP_PASS;
	a = *(__s8 *)(d + 20) * 1000 + *(__s16 *)(d + 22);
	b = *(__s8 *)(d + 30) | 1;
	a32 = *(__s32 *)(d + 24);
	b32 = (*(__s16 *)(d + 36)) | 3;
	r[0] = a / b;
	r[1] = a % b;
	r[2] = a32 / b32;
	r[3] = a32 % b32;
	r[4] = (__s64)(__s8)(a >> 3);
	r[5] = (__s64)(__s16)(a * 77);
	r[6] = (__s64)(__s32)(a * 0x123456789LL);
	r[7] = __builtin_bswap16(*(__u16 *)(d + 12));
	r[8] = __builtin_bswap32(*(__u32 *)(d + 26));
	r[9] = __builtin_bswap64(*(__u64 *)(d + 30));
	r[10] = *(__s32 *)(d + 32);
	r[11] = -a / 7 + -(a32 % 5);
	if (d + 42 <= e) {
		/* division by zero (0 for the TCP SYN's ack_seq) and
		 * LLONG_MIN / -1 (the ARP broadcast's first byte is 0xff) */
		__s64 z = *(__s32 *)(d + 38);
		__s64 m1 = -(__s64)(d[0] >> 7);
		__s64 big = (__s64)((__u64)(d[0] >> 7) << 63) | (d[1] & 0x7f);
		__s32 big32 = (__s32)((__u32)(d[0] >> 7) << 31);

		r[12] = a / z;
		r[13] = a % z;
		r[14] = (__s64)((__u64)a / (__u64)z);
		r[15] = (__s64)((__u64)a % (__u64)z);
		r[16] = m1 ? big / m1 : -5;
		r[17] = m1 ? big % m1 : -5;
		r[18] = m1 ? big32 / (__s32)m1 : -5;
		r[19] = m1 ? big32 % (__s32)m1 : -5;
	}
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
