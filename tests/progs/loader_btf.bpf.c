/* SPDX-License-Identifier: MIT */
/*
 * loader_btf: a variety of types in global variables so their BTF can be
 * queried and values pretty-printed by tests/btf/test_btf.c.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "loader_btf.h"

struct btf_all all_var;
union btf_u u_var;
btf_td_t td_var;
const volatile int ro_arr[3] = { 1, 2, 3 };

SEC("syscall")
int btf_touch(void *ctx)
{
	all_var.x++;
	return u_var.i + td_var + ro_arr[0];
}

char LICENSE[] SEC("license") = "GPL";
