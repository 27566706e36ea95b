/* SPDX-License-Identifier: MIT */
/* alu_loop: see alu_loop.h.  Needs at least 8 bytes of packet (the seed). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "alu_loop.h"

SEC("xdp")
int alu_loop(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;

	if (data + sizeof(__u64) > data_end)
		return XDP_ABORTED;
	return alu_loop_run(*(__u64 *)data);
}

char LICENSE[] SEC("license") = "GPL";
