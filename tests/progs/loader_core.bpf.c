/* SPDX-License-Identifier: MIT */
/* loader_core: CO-RE relocations resolved against the object's own BTF. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "loader_core.h"

struct core_data g; /* out[] then in, in one variable: a known layout */

SEC("syscall")
int core_test(void *ctx)
{
	struct core_s *s = &g.in;
	__u64 *out = g.out;

	out[0] = bpf_core_field_offset(struct core_s, c);
	out[1] = bpf_core_field_size(struct core_s, arr);
	out[2] = bpf_core_field_exists(struct core_s, b);
	out[3] = bpf_core_type_id_local(struct core_s);
	out[4] = bpf_core_type_size(struct core_s);
	out[5] = BPF_CORE_READ_BITFIELD(s, bf1);
	out[6] = (__s64)BPF_CORE_READ_BITFIELD(s, bf2);
	out[7] = bpf_core_enum_value(enum core_e, CORE_TWO);
	out[8] = bpf_core_enum_value_exists(enum core_e, CORE_ONE);
	out[9] = bpf_core_field_offset(struct core_s, arr[2]);
	out[10] = bpf_core_type_exists(struct core_s);
	out[11] = s->arr[3];
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
