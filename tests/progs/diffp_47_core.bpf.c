/* SPDX-License-Identifier: MIT */
/* diffp_47_core: CO-RE relocations on UAPI types the kernel's BTF and the
 * object's own BTF both describe: field offsets, sizes and existence
 * (struct __sk_buff, struct xdp_md), type sizes and existence, enum
 * values (enum bpf_map_type); libbpf resolves them against vmlinux,
 * bpfhost against the object, and both must give the UAPI numbers. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

__u64 r[9];

SEC("tc")
int core(struct __sk_buff *skb)
{
	r[0] = bpf_core_field_offset(struct __sk_buff, mark);
	r[1] = bpf_core_field_size(struct __sk_buff, cb);
	r[2] = bpf_core_field_exists(struct __sk_buff, tstamp);
	r[3] = bpf_core_type_size(struct xdp_md);
	r[4] = bpf_core_type_exists(struct bpf_sock);
	r[5] = bpf_core_enum_value(enum bpf_map_type, BPF_MAP_TYPE_LRU_HASH);
	r[6] = bpf_core_enum_value_exists(enum bpf_map_type, BPF_MAP_TYPE_BLOOM_FILTER);
	r[7] = bpf_core_field_offset(struct xdp_md, rx_queue_index);
	r[8] = skb->cb[4] + skb->len + bpf_core_field_size(struct __sk_buff, cb);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
