/* SPDX-License-Identifier: MIT */
/* loader_bad_legacy: a "maps" section too small for struct bpf_map_def. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct short_def {
	unsigned int type, key_size, value_size;
};

struct short_def SEC("maps") short_map = { BPF_MAP_TYPE_ARRAY, 4, 4 };

SEC("xdp")
int xdp_bad_legacy(struct xdp_md *ctx)
{
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
