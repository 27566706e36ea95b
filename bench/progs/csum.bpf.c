/* SPDX-License-Identifier: MIT */
/* csum: see csum.h.  Needs at least CSUM_LEN (1024) bytes of packet. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "csum.h"

SEC("xdp")
int csum(struct xdp_md *ctx)
{
	return csum_run((void *)(long)ctx->data, (void *)(long)ctx->data_end);
}

char LICENSE[] SEC("license") = "GPL";
