/* SPDX-License-Identifier: MIT */
/* diffp_49_printk: bpf_trace_printk's return value (the length written)
 * for formats with %d, %u, %x, %lld, %s and %%, through bpf_printk. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "diff_objects.h"

long r[4];

SEC("syscall")
int printk(struct diffp_sys_ctx *ctx)
{
	char s[8] = "abc";

	r[0] = bpf_printk("diffp %d %u", (int)ctx->a, (unsigned int)ctx->b);
	r[1] = bpf_printk("x=%x y=%lld", (unsigned int)ctx->a, (long long)ctx->b);
	r[2] = bpf_printk("s=%s 100%%", s);
	r[3] = bpf_printk("no args");
	return r[0];
}

char LICENSE[] SEC("license") = "GPL";
