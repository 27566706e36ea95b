/* SPDX-License-Identifier: MIT */
/* diffp_39_hash_flags: BPF_NOEXIST / BPF_EXIST / BPF_ANY results and a
 * full HASH (-E2BIG), deletes of missing keys (-ENOENT), bad flags
 * (-EINVAL), and BPF_F_NO_PREALLOC; every return code kept in an ARRAY. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} small SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, __u32);
	__type(value, __u32);
} dyn SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __s64);
} codes SEC(".maps");

static __always_inline void code(__u32 i, long v)
{
	__s64 x = v;

	bpf_map_update_elem(&codes, &i, &x, BPF_ANY);
}

SEC("xdp")
int hash_flags(struct xdp_md *ctx)
{
	__u32 len = ctx->data_end - ctx->data, k = len % 7, v = len;

	code(0, bpf_map_update_elem(&small, &k, &v, BPF_NOEXIST));
	code(1, bpf_map_update_elem(&small, &k, &v, BPF_NOEXIST));
	v++;
	code(2, bpf_map_update_elem(&small, &k, &v, BPF_EXIST));
	k += 100;
	code(3, bpf_map_update_elem(&small, &k, &v, BPF_EXIST));
	code(4, bpf_map_delete_elem(&small, &k));
	code(5, bpf_map_update_elem(&small, &k, &v, 7));
	code(6, bpf_map_update_elem(&dyn, &k, &v, BPF_ANY));
	k = len;
	code(7, bpf_map_update_elem(&dyn, &k, &v, BPF_NOEXIST));
	code(8, bpf_map_delete_elem(&dyn, &k));
	code(9, bpf_map_delete_elem(&dyn, &k));
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
