/* SPDX-License-Identifier: MIT */
/* diffp_23_snprintf: bpf_snprintf with %d %u %x %llx %s %c %%, width and
 * padding, into the context and into .bss; truncation to a short buffer. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "diff_objects.h"

char small[8];
long rets[2];

SEC("syscall")
int snprintf_prog(struct diffp_sys_ctx *ctx)
{
	__u64 args[6];
	static const char fmt[] = "%d|%5u|%x|%llx|%s|%c%%";
	static const char fmt2[] = "n=%08llu";
	char s[16];

	__builtin_memcpy(s, ctx->str, 15);
	s[15] = 0;
	args[0] = (int)ctx->a;
	args[1] = (unsigned int)ctx->b;
	args[2] = (unsigned int)(ctx->a ^ ctx->b);
	args[3] = ctx->a * ctx->b;
	args[4] = (__u64)(long)s;
	args[5] = 'A' + (ctx->a & 15);
	char out[32];

	__builtin_memset(out, 0, sizeof(out));
	rets[0] = bpf_snprintf(out, sizeof(out), fmt, args, sizeof(args));
	__builtin_memcpy(ctx->buf, out, sizeof(out));
	rets[1] = bpf_snprintf(small, sizeof(small), fmt2, args, 8);
	ctx->out[0] = rets[0];
	return rets[1];
}

char LICENSE[] SEC("license") = "GPL";
