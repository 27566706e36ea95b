/* SPDX-License-Identifier: MIT */
/*
 * loader/sec_def.c - SEC() names to program types, libbpf's table
 * (section_defs[] in tools/lib/bpf/libbpf.c) for the types a clang-built
 * object may use.
 *
 * Matching as libbpf's sec_def_matches(): a prefix ending in '+' matches
 * the name itself or the name followed by '/' and anything (the attach
 * target); other prefixes match exactly.  The first matching entry wins,
 * so longer prefixes come before shorter ones sharing a start.
 */
#include <string.h>

#include "loader/internal.h"

struct sec_def {
	const char *sec;
	uint32_t prog_type;
	uint32_t attach_type;
	uint32_t prog_flags;
};

#define TRACING BPF_PROG_TYPE_TRACING

static const struct sec_def sec_defs[] = {
	{ "socket", BPF_PROG_TYPE_SOCKET_FILTER, 0, 0 },
	{ "sk_reuseport/migrate", BPF_PROG_TYPE_SK_REUSEPORT, 41 /* BPF_SK_REUSEPORT_SELECT_OR_MIGRATE */, 0 },
	{ "sk_reuseport", BPF_PROG_TYPE_SK_REUSEPORT, 40 /* BPF_SK_REUSEPORT_SELECT */, 0 },
	{ "kprobe+", BPF_PROG_TYPE_KPROBE, 0, 0 },
	{ "uprobe+", BPF_PROG_TYPE_KPROBE, 0, 0 },
	{ "uprobe.s+", BPF_PROG_TYPE_KPROBE, 0, BPF_F_SLEEPABLE },
	{ "kretprobe+", BPF_PROG_TYPE_KPROBE, 0, 0 },
	{ "uretprobe+", BPF_PROG_TYPE_KPROBE, 0, 0 },
	{ "uretprobe.s+", BPF_PROG_TYPE_KPROBE, 0, BPF_F_SLEEPABLE },
	{ "kprobe.multi+", BPF_PROG_TYPE_KPROBE, BPF_TRACE_KPROBE_MULTI, 0 },
	{ "kretprobe.multi+", BPF_PROG_TYPE_KPROBE, BPF_TRACE_KPROBE_MULTI, 0 },
	{ "uprobe.multi+", BPF_PROG_TYPE_KPROBE, BPF_TRACE_UPROBE_MULTI, 0 },
	{ "uretprobe.multi+", BPF_PROG_TYPE_KPROBE, BPF_TRACE_UPROBE_MULTI, 0 },
	{ "kprobe.session+", BPF_PROG_TYPE_KPROBE, BPF_TRACE_KPROBE_SESSION, 0 },
	{ "uprobe.session+", BPF_PROG_TYPE_KPROBE, BPF_TRACE_UPROBE_SESSION, 0 },
	{ "uprobe.session.s+", BPF_PROG_TYPE_KPROBE, BPF_TRACE_UPROBE_SESSION, BPF_F_SLEEPABLE },
	{ "ksyscall+", BPF_PROG_TYPE_KPROBE, 0, 0 },
	{ "kretsyscall+", BPF_PROG_TYPE_KPROBE, 0, 0 },
	{ "usdt+", BPF_PROG_TYPE_KPROBE, 0, 0 },
	{ "tc/ingress", BPF_PROG_TYPE_SCHED_CLS, BPF_TCX_INGRESS, 0 },
	{ "tc/egress", BPF_PROG_TYPE_SCHED_CLS, BPF_TCX_EGRESS, 0 },
	{ "tcx/ingress", BPF_PROG_TYPE_SCHED_CLS, BPF_TCX_INGRESS, 0 },
	{ "tcx/egress", BPF_PROG_TYPE_SCHED_CLS, BPF_TCX_EGRESS, 0 },
	{ "tc", BPF_PROG_TYPE_SCHED_CLS, 0, 0 },
	{ "classifier", BPF_PROG_TYPE_SCHED_CLS, 0, 0 },
	{ "action", BPF_PROG_TYPE_SCHED_ACT, 0, 0 },
	{ "tracepoint+", BPF_PROG_TYPE_TRACEPOINT, 0, 0 },
	{ "tp+", BPF_PROG_TYPE_TRACEPOINT, 0, 0 },
	{ "raw_tracepoint+", BPF_PROG_TYPE_RAW_TRACEPOINT, 0, 0 },
	{ "raw_tp+", BPF_PROG_TYPE_RAW_TRACEPOINT, 0, 0 },
	{ "raw_tracepoint.w+", BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE, 0, 0 },
	{ "raw_tp.w+", BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE, 0, 0 },
	{ "tp_btf+", TRACING, BPF_TRACE_RAW_TP, 0 },
	{ "fentry+", TRACING, BPF_TRACE_FENTRY, 0 },
	{ "fmod_ret+", TRACING, BPF_MODIFY_RETURN, 0 },
	{ "fexit+", TRACING, BPF_TRACE_FEXIT, 0 },
	{ "fentry.s+", TRACING, BPF_TRACE_FENTRY, BPF_F_SLEEPABLE },
	{ "fmod_ret.s+", TRACING, BPF_MODIFY_RETURN, BPF_F_SLEEPABLE },
	{ "fexit.s+", TRACING, BPF_TRACE_FEXIT, BPF_F_SLEEPABLE },
	{ "freplace+", BPF_PROG_TYPE_EXT, 0, 0 },
	{ "lsm+", BPF_PROG_TYPE_LSM, BPF_LSM_MAC, 0 },
	{ "lsm.s+", BPF_PROG_TYPE_LSM, BPF_LSM_MAC, BPF_F_SLEEPABLE },
	{ "lsm_cgroup+", BPF_PROG_TYPE_LSM, 43 /* BPF_LSM_CGROUP */, 0 },
	{ "iter+", TRACING, BPF_TRACE_ITER, 0 },
	{ "iter.s+", TRACING, BPF_TRACE_ITER, BPF_F_SLEEPABLE },
	{ "syscall", BPF_PROG_TYPE_SYSCALL, 0, BPF_F_SLEEPABLE },
	{ "xdp.frags/devmap", BPF_PROG_TYPE_XDP, 38 /* BPF_XDP_DEVMAP */, BPF_F_XDP_HAS_FRAGS },
	{ "xdp/devmap", BPF_PROG_TYPE_XDP, 38, 0 },
	{ "xdp.frags/cpumap", BPF_PROG_TYPE_XDP, 35 /* BPF_XDP_CPUMAP */, BPF_F_XDP_HAS_FRAGS },
	{ "xdp/cpumap", BPF_PROG_TYPE_XDP, 35, 0 },
	{ "xdp.frags", BPF_PROG_TYPE_XDP, BPF_XDP, BPF_F_XDP_HAS_FRAGS },
	{ "xdp", BPF_PROG_TYPE_XDP, BPF_XDP, 0 },
	{ "perf_event", BPF_PROG_TYPE_PERF_EVENT, 0, 0 },
	{ "lwt_in", BPF_PROG_TYPE_LWT_IN, 0, 0 },
	{ "lwt_out", BPF_PROG_TYPE_LWT_OUT, 0, 0 },
	{ "lwt_xmit", BPF_PROG_TYPE_LWT_XMIT, 0, 0 },
	{ "lwt_seg6local", BPF_PROG_TYPE_LWT_SEG6LOCAL, 0, 0 },
	{ "sockops", BPF_PROG_TYPE_SOCK_OPS, 3 /* BPF_CGROUP_SOCK_OPS */, 0 },
	{ "sk_skb/stream_parser", BPF_PROG_TYPE_SK_SKB, BPF_SK_SKB_STREAM_PARSER, 0 },
	{ "sk_skb/stream_verdict", BPF_PROG_TYPE_SK_SKB, BPF_SK_SKB_STREAM_VERDICT, 0 },
	{ "sk_skb/verdict", BPF_PROG_TYPE_SK_SKB, 33 /* BPF_SK_SKB_VERDICT */, 0 },
	{ "sk_skb", BPF_PROG_TYPE_SK_SKB, 0, 0 },
	{ "sk_msg", BPF_PROG_TYPE_SK_MSG, 7 /* BPF_SK_MSG_VERDICT */, 0 },
	{ "lirc_mode2", BPF_PROG_TYPE_LIRC_MODE2, 16 /* BPF_LIRC_MODE2 */, 0 },
	{ "flow_dissector", BPF_PROG_TYPE_FLOW_DISSECTOR, 17 /* BPF_FLOW_DISSECTOR */, 0 },
	{ "cgroup_skb/ingress", BPF_PROG_TYPE_CGROUP_SKB, BPF_CGROUP_INET_INGRESS, 0 },
	{ "cgroup_skb/egress", BPF_PROG_TYPE_CGROUP_SKB, 1 /* BPF_CGROUP_INET_EGRESS */, 0 },
	{ "cgroup/skb", BPF_PROG_TYPE_CGROUP_SKB, 0, 0 },
	{ "cgroup/sock_create", BPF_PROG_TYPE_CGROUP_SOCK, 2 /* BPF_CGROUP_INET_SOCK_CREATE */, 0 },
	{ "cgroup/sock_release", BPF_PROG_TYPE_CGROUP_SOCK, 34 /* BPF_CGROUP_INET_SOCK_RELEASE */, 0 },
	{ "cgroup/sock", BPF_PROG_TYPE_CGROUP_SOCK, 2, 0 },
	{ "cgroup/post_bind4", BPF_PROG_TYPE_CGROUP_SOCK, 12 /* BPF_CGROUP_INET4_POST_BIND */, 0 },
	{ "cgroup/post_bind6", BPF_PROG_TYPE_CGROUP_SOCK, 13 /* BPF_CGROUP_INET6_POST_BIND */, 0 },
	{ "cgroup/dev", BPF_PROG_TYPE_CGROUP_DEVICE, 6 /* BPF_CGROUP_DEVICE */, 0 },
	{ "cgroup/bind4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, 8 /* BPF_CGROUP_INET4_BIND */, 0 },
	{ "cgroup/bind6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, 9, 0 },
	{ "cgroup/connect4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, 10, 0 },
	{ "cgroup/connect6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, 11, 0 },
	{ "cgroup/sendmsg4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, 14, 0 },
	{ "cgroup/sendmsg6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, 15, 0 },
	{ "cgroup/recvmsg4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, 19, 0 },
	{ "cgroup/recvmsg6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, 20, 0 },
	{ "cgroup/getpeername4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, 29, 0 },
	{ "cgroup/getpeername6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, 30, 0 },
	{ "cgroup/getsockname4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, 31, 0 },
	{ "cgroup/getsockname6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, 32, 0 },
	{ "cgroup/sysctl", BPF_PROG_TYPE_CGROUP_SYSCTL, BPF_CGROUP_SYSCTL, 0 },
	{ "cgroup/getsockopt", BPF_PROG_TYPE_CGROUP_SOCKOPT, BPF_CGROUP_GETSOCKOPT, 0 },
	{ "cgroup/setsockopt", BPF_PROG_TYPE_CGROUP_SOCKOPT, BPF_CGROUP_SETSOCKOPT, 0 },
	{ "struct_ops+", BPF_PROG_TYPE_STRUCT_OPS, 0, 0 },
	{ "struct_ops.s+", BPF_PROG_TYPE_STRUCT_OPS, 0, BPF_F_SLEEPABLE },
	{ "sk_lookup", BPF_PROG_TYPE_SK_LOOKUP, BPF_SK_LOOKUP, 0 },
	{ "netfilter", BPF_PROG_TYPE_NETFILTER, BPF_NETFILTER, 0 },
};

bool ldr_sec_def_resolve(struct bh_program *prog)
{
	const char *name = prog->sec_name;

	for (size_t i = 0; i < BH_ARRAY_SIZE(sec_defs); i++) {
		const struct sec_def *d = &sec_defs[i];
		size_t len = strlen(d->sec);
		bool plus = d->sec[len - 1] == '+';

		if (plus)
			len--;
		if (strncmp(name, d->sec, len))
			continue;
		if (name[len] && !(plus && name[len] == '/'))
			continue;
		prog->type = d->prog_type;
		prog->expected_attach_type = d->attach_type;
		prog->prog_flags = d->prog_flags;
		prog->attach_target = name[len] == '/' && name[len + 1] ? name + len + 1 : NULL;
		return true;
	}
	return false;
}

static const char *const prog_type_names[] = {
	[BPF_PROG_TYPE_UNSPEC] = "unspec",
	[BPF_PROG_TYPE_SOCKET_FILTER] = "socket_filter",
	[BPF_PROG_TYPE_KPROBE] = "kprobe",
	[BPF_PROG_TYPE_SCHED_CLS] = "sched_cls",
	[BPF_PROG_TYPE_SCHED_ACT] = "sched_act",
	[BPF_PROG_TYPE_TRACEPOINT] = "tracepoint",
	[BPF_PROG_TYPE_XDP] = "xdp",
	[BPF_PROG_TYPE_PERF_EVENT] = "perf_event",
	[BPF_PROG_TYPE_CGROUP_SKB] = "cgroup_skb",
	[BPF_PROG_TYPE_CGROUP_SOCK] = "cgroup_sock",
	[BPF_PROG_TYPE_LWT_IN] = "lwt_in",
	[BPF_PROG_TYPE_LWT_OUT] = "lwt_out",
	[BPF_PROG_TYPE_LWT_XMIT] = "lwt_xmit",
	[BPF_PROG_TYPE_SOCK_OPS] = "sock_ops",
	[BPF_PROG_TYPE_SK_SKB] = "sk_skb",
	[BPF_PROG_TYPE_CGROUP_DEVICE] = "cgroup_device",
	[BPF_PROG_TYPE_SK_MSG] = "sk_msg",
	[BPF_PROG_TYPE_RAW_TRACEPOINT] = "raw_tracepoint",
	[BPF_PROG_TYPE_CGROUP_SOCK_ADDR] = "cgroup_sock_addr",
	[BPF_PROG_TYPE_LWT_SEG6LOCAL] = "lwt_seg6local",
	[BPF_PROG_TYPE_LIRC_MODE2] = "lirc_mode2",
	[BPF_PROG_TYPE_SK_REUSEPORT] = "sk_reuseport",
	[BPF_PROG_TYPE_FLOW_DISSECTOR] = "flow_dissector",
	[BPF_PROG_TYPE_CGROUP_SYSCTL] = "cgroup_sysctl",
	[BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE] = "raw_tracepoint_writable",
	[BPF_PROG_TYPE_CGROUP_SOCKOPT] = "cgroup_sockopt",
	[BPF_PROG_TYPE_TRACING] = "tracing",
	[BPF_PROG_TYPE_STRUCT_OPS] = "struct_ops",
	[BPF_PROG_TYPE_EXT] = "ext",
	[BPF_PROG_TYPE_LSM] = "lsm",
	[BPF_PROG_TYPE_SK_LOOKUP] = "sk_lookup",
	[BPF_PROG_TYPE_SYSCALL] = "syscall",
	[BPF_PROG_TYPE_NETFILTER] = "netfilter",
};

const char *ldr_sec_def_prog_type_name(uint32_t type)
{
	if (type < BH_ARRAY_SIZE(prog_type_names) && prog_type_names[type])
		return prog_type_names[type];
	return "unknown";
}
