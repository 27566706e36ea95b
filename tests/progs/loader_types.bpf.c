/* SPDX-License-Identifier: MIT */
/* loader_types: one trivial program per section name of libbpf's table. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define PROG(sec, name) SEC(sec) int name(void *ctx) { return 0; }

PROG("xdp", p_xdp)
PROG("xdp", p_xdp2) /* a second program in the same section */
PROG("xdp.frags", p_xdp_frags)
PROG("tc", p_tc)
PROG("classifier", p_classifier)
PROG("socket", p_socket)
PROG("raw_tp/sys_enter", p_raw_tp)
PROG("raw_tp.w/sys_enter", p_raw_tp_w)
PROG("tp_btf/sched_switch", p_tp_btf)
PROG("fentry/do_unlinkat", p_fentry)
PROG("fexit/do_unlinkat", p_fexit)
PROG("cgroup/sysctl", p_sysctl)
PROG("cgroup/getsockopt", p_getsockopt)
PROG("cgroup/setsockopt", p_setsockopt)
PROG("syscall", p_syscall)
PROG("struct_ops/test_1", p_struct_ops)
PROG("freplace/global_sub", p_freplace)
PROG("kprobe/do_sys_open", p_kprobe)
PROG("?xdp", p_opt_xdp)
PROG("not_a_type", p_unknown)

char LICENSE[] SEC("license") = "GPL";
