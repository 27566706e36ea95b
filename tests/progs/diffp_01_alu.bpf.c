/* SPDX-License-Identifier: MIT */
/* diffp_01_alu: 64- and 32-bit ALU on packet bytes (mul, div, mod, shifts,
 * signed shifts, negation, bitwise), results in an ARRAY map. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
} res SEC(".maps");

static __always_inline void put(__u32 k, __u64 v)
{
	bpf_map_update_elem(&res, &k, &v, BPF_ANY);
}

SEC("xdp")
int alu(struct xdp_md *ctx)
{
	unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
	__u64 a, b, c;
	__u32 x, y;
	__s64 s;
	__s32 s32;

	if (d + 40 > e)
		return XDP_ABORTED;
	a = *(__u64 *)(d + 8);
	b = *(__u32 *)(d + 16) | 1;
	c = *(__u16 *)(d + 20) + 3;
	x = *(__u32 *)(d + 24);
	y = (*(__u32 *)(d + 28) & 0xffff) | 0x10;
	put(0, a * b + c);
	put(1, a / b);
	put(2, a % c);
	put(3, (a << (c & 63)) ^ (a >> (b & 63)));
	s = (__s64)a;
	put(4, (__u64)(s >> (c & 31)));
	put(5, (__u64)(-s) | (a & ~b));
	put(6, (__u64)(x * y + (x >> 3)));
	put(7, (__u64)(x / y));
	put(8, (__u64)(x % y));
	s32 = (__s32)x;
	put(9, (__u64)(__s64)(s32 >> (y & 31)));
	put(10, (__u64)((x << (y & 31)) | (x >> ((32 - y) & 31))));
	put(11, (__u64)(__u32)(-(__s32)x));
	put(12, a - (b << 7) + (c * 0x1234567));
	put(13, (__u64)(__u32)((x ^ 0xdeadbeef) & (y | 0x0f0f0f0f)));
	put(14, ~a);
	return (a ^ x) & 1 ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
