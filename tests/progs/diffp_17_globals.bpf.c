/* SPDX-License-Identifier: MIT */
/* diffp_17_globals: global data in .data, .bss, .rodata and a custom
 * .data.counters section; const tables read with a variable index. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

const volatile __u32 weights[8] = { 3, 1, 4, 1, 5, 9, 2, 6 };
const char tag[8] = "diffp17";
__u64 total = 100;
__u8 last_bytes[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
__u64 zero_init;
__u32 counts[8];
__u64 sec_counter SEC(".data.counters") = 42;

SEC("xdp")
int globals(struct xdp_md *ctx)
{
	unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
	__u32 i;

	if (d + 8 > e)
		return XDP_DROP;
	i = d[7] & 7;
	total += weights[i] * (e - d);
	counts[i]++;
	for (int j = 0; j < 8; j++)
		last_bytes[j] ^= d[j] + tag[j];
	zero_init = zero_init * 7 + i;
	sec_counter++;
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
