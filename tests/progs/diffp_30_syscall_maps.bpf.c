/* SPDX-License-Identifier: MIT */
/* diffp_30_syscall_maps: a SYSCALL program using maps as a control plane:
 * updates, lookups and deletes in a HASH and an ARRAY keyed by the
 * context, results written back to the context. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "diff_objects.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8);
	__type(key, __u64);
	__type(value, __u64);
} kv SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} arr SEC(".maps");

SEC("syscall")
int sys_maps(struct diffp_sys_ctx *ctx)
{
	__u64 k = ctx->a, v = ctx->b, *p;
	__u32 i = ctx->a & 15;

	ctx->out[0] = bpf_map_update_elem(&kv, &k, &v, BPF_NOEXIST);
	p = bpf_map_lookup_elem(&kv, &k);
	ctx->out[1] = p ? *p : -1;
	k ^= 1;
	ctx->out[2] = bpf_map_delete_elem(&kv, &k);
	ctx->out[3] = bpf_map_update_elem(&arr, &i, &v, BPF_ANY);
	return ctx->out[3] ? 1 : 0;
}

char LICENSE[] SEC("license") = "GPL";
