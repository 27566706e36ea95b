/* SPDX-License-Identifier: MIT */
/* parser: see parser.h. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "parser.h"

SEC("xdp")
int parser(struct xdp_md *ctx)
{
	return parser_run((void *)(long)ctx->data, (void *)(long)ctx->data_end);
}

char LICENSE[] SEC("license") = "GPL";
