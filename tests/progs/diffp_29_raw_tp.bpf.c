/* SPDX-License-Identifier: MIT */
/* diffp_29_raw_tp: a RAW_TRACEPOINT program reading four u64 arguments,
 * keeping per-argument statistics in a HASH and .bss. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u64);
	__type(value, __u64);
} seen SEC(".maps");

__u64 sum, xor_all, max_arg;
__u32 calls;

SEC("raw_tp/sys_enter")
int raw_tp(struct bpf_raw_tracepoint_args *ctx)
{
	__u64 one = 1, *v, key = ctx->args[0];

	calls++;
	for (int i = 0; i < 4; i++) {
		__u64 a = ctx->args[i];

		sum += a;
		xor_all ^= a << i;
		if (a > max_arg)
			max_arg = a;
	}
	v = bpf_map_lookup_elem(&seen, &key);
	if (v)
		*v += ctx->args[1];
	else
		bpf_map_update_elem(&seen, &key, &one, BPF_ANY);
	return (int)(ctx->args[2] & 0xff);
}

char LICENSE[] SEC("license") = "GPL";
