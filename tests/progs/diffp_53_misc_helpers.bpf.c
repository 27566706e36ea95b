/* SPDX-License-Identifier: MIT */
/* diffp_53_misc_helpers: bpf_get_current_pid_tgid (the test_run caller's
 * process and thread on both sides), bpf_loop's refusals (too many
 * iterations: -E2BIG; flags: -EINVAL) and zero iterations, bpf_strncmp
 * of prefixes and of an empty string, bpf_strtol with bad bases. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "diff_objects.h"

__s64 r[12];

static int cb(__u32 i, void *c)
{
	return 0;
}

SEC("syscall")
int misc(struct diffp_sys_ctx *ctx)
{
	char s[48], e[4] = "";
	long l;

	__builtin_memcpy(s, ctx->str, sizeof(s));
	r[0] = bpf_get_current_pid_tgid();
	r[1] = bpf_loop(1 << 24, cb, 0, 0);
	r[2] = bpf_loop(3, cb, 0, 1);
	r[3] = bpf_loop(0, cb, 0, 0);
	r[4] = bpf_loop(ctx->a & 1023, cb, 0, 0);
	r[5] = bpf_strncmp(s, 3, "hel");
	r[6] = bpf_strncmp(e, 4, "");
	r[7] = bpf_strncmp(s, 1, "");
	r[8] = bpf_strtol(s, sizeof(s), 7, &l);
	r[9] = bpf_strtol(s, sizeof(s), 1 << 5, &l);
	r[10] = bpf_strtol(s, 1, 10, &l);
	r[11] = l;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
