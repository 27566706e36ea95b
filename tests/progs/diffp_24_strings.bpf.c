/* SPDX-License-Identifier: MIT */
/* diffp_24_strings: bpf_strtol / bpf_strtoul of the context's string with
 * bases 0, 10 and 16, bpf_strncmp against constants. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "diff_objects.h"

long res[8];
const char key1[] = "hello";
const char key2[] = "0x1f";

SEC("syscall")
int strings(struct diffp_sys_ctx *ctx)
{
	long l = 0;
	unsigned long u = 0;
	char str[48];

	__builtin_memcpy(str, ctx->str, sizeof(str));

	res[0] = bpf_strtol(str, sizeof(str), 0, &l);
	ctx->out[0] = l;
	res[1] = bpf_strtoul(str, 12, 10, &u);
	ctx->out[1] = u;
	res[2] = bpf_strtol(str, sizeof(str), 16, &l);
	ctx->out[2] = l;
	res[3] = bpf_strncmp(str, 5, key1);
	res[4] = bpf_strncmp(str, sizeof(str), key2);
	res[5] = bpf_strtoul(str, sizeof(str), 0, &u);
	ctx->out[3] = u;
	return res[3] + 10 * res[4];
}

char LICENSE[] SEC("license") = "GPL";
