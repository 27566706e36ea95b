/* SPDX-License-Identifier: MIT */
/* diffp_18_subprogs: static and global subprograms, a call chain four
 * deep, stack arguments by pointer, a global function verified apart. */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

__u64 out[4];

static __attribute__((noinline)) __u64 mix(__u64 a, __u64 b)
{
	return (a ^ (b << 13)) * 0x9e3779b97f4a7c15ULL + (a >> 7);
}

static __attribute__((noinline)) __u64 mix3(__u64 a, __u64 b, __u64 c)
{
	return mix(mix(a, b), c);
}

static __attribute__((noinline)) void fill(__u64 *arr, int n, __u64 seed)
{
	for (int i = 0; i < 4; i++)
		if (i < n)
			arr[i] = mix3(seed, i, arr[i]);
}

__attribute__((noinline)) int global_len_class(__u32 len)
{
	if (len < 64)
		return 0;
	if (len < 128)
		return 1;
	return 2;
}

__attribute__((noinline)) int global_sum(struct __sk_buff *skb)
{
	if (!skb)
		return 0;
	return skb->len + skb->protocol;
}

SEC("tc")
int subprogs(struct __sk_buff *skb)
{
	__u64 tmp[4] = { 1, 2, 3, 4 };

	fill(tmp, 3, skb->len);
	out[0] += tmp[0];
	out[1] ^= tmp[1] + tmp[2];
	out[2] += global_len_class(skb->len);
	out[3] += global_sum(skb);
	return global_len_class(skb->len) ? TC_ACT_OK : TC_ACT_SHOT;
}

char LICENSE[] SEC("license") = "GPL";
