/* SPDX-License-Identifier: MIT */
/*
 * loader_basic: BTF-defined maps (types by size and by type, pinning),
 * global data in .data, .bss and .rodata, a static and a global
 * subprogram, an optional program (SEC("?xdp")) and a SYSCALL program.
 * Used by tests/loader/test_loader.c and tests/btf/test_btf.c.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct pair {
	__u32 a;
	__u64 b;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, struct pair);
} pairs SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__uint(key_size, 4);
	__uint(value_size, 8);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} counters SEC(".maps");

int data_var = 7;                      /* .data */
char msg[16] = "hi";                   /* .data */
__u64 bss_var;                         /* .bss */
const volatile __u32 rodata_mult = 3;  /* .rodata */

static __attribute__((noinline)) __u64 add_static(__u64 x, __u64 y)
{
	return x + y;
}

__attribute__((noinline)) int global_sub(int x)
{
	return x * (int)rodata_mult;
}

SEC("xdp")
int xdp_count(struct xdp_md *ctx)
{
	__u32 k = 0, len = ctx->data_end - ctx->data;
	__u64 *c = bpf_map_lookup_elem(&counters, &k);
	struct pair p;

	if (c)
		*c += 1;
	p.a = len;
	p.b = add_static(len, data_var);
	bpf_map_update_elem(&pairs, &len, &p, BPF_ANY);
	bss_var += len;
	data_var++;
	return global_sub(len) > 100 ? XDP_DROP : XDP_PASS;
}

SEC("syscall")
int sys_set(void *ctx)
{
	__u32 k = 1;
	__u64 v = 42;

	bpf_map_update_elem(&counters, &k, &v, BPF_ANY);
	bss_var = 1000 + msg[1];
	return msg[0] + global_sub(1);
}

SEC("?xdp")
int xdp_optional(struct xdp_md *ctx)
{
	return XDP_TX;
}

char LICENSE[] SEC("license") = "GPL";
