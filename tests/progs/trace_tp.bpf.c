/* SPDX-License-Identifier: MIT */
/* trace_tp: BPF_PROG_TYPE_TRACEPOINT programs reading raw tracepoint
 * records (field offsets from the events' format files), the first and
 * the last bytes a record may hold (offsets 8 and 8184). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* raw_syscalls/sys_enter */
struct sys_enter_rec {
	__u64 common;       /* common_type, _flags, _preempt_count, _pid */
	long id;
	unsigned long args[6];
};

/* sched/sched_switch */
struct sched_switch_rec {
	__u64 common;
	char prev_comm[16];
	int prev_pid;
	int prev_prio;
	long prev_state;
	char next_comm[16];
	int next_pid;
	int next_prio;
};

struct far_rec {
	__u64 common;
	char pad[8176];
	__u64 last;         /* offset 8184: PERF_MAX_TRACE_SIZE - 8 */
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 512);
	__type(key, __u64);
	__type(value, __u64);
} by_id SEC(".maps");

__u64 switches, last_next_pid, far_last;
char last_comm0;

SEC("tp/raw_syscalls/sys_enter")
int tp_sys_enter(struct sys_enter_rec *ctx)
{
	__u64 key = (__u64)ctx->id, one = 1, *v;

	v = bpf_map_lookup_elem(&by_id, &key);
	if (v)
		__sync_fetch_and_add(v, 1);
	else
		bpf_map_update_elem(&by_id, &key, &one, BPF_NOEXIST);
	return ctx->args[0] == 1;
}

SEC("tracepoint/sched/sched_switch")
int tp_switch(struct sched_switch_rec *ctx)
{
	switches++;
	last_next_pid = (__u32)ctx->next_pid;
	last_comm0 = ctx->next_comm[0];
	return 0;
}

SEC("tp/test/far")
int tp_far(struct far_rec *ctx)
{
	far_last = ctx->last;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
