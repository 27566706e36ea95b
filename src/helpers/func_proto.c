/* SPDX-License-Identifier: MIT */
/*
 * helpers/func_proto.c - which helpers a program type may call: the
 * kernel's bpf_base_func_proto() (kernel/bpf/helpers.c) and
 * bpf_tracing_func_proto() (kernel/trace/bpf_trace.c), which the
 * per-type get_func_proto callbacks (src/progs/) extend.
 *
 * bpfhost's host runs programs with the rights of a process holding
 * CAP_BPF and CAP_PERFMON, so the base set includes the helpers the kernel
 * gates on those (spin locks, jiffies, trace_printk, snprintf), except for
 * a program loaded unprivileged (BH_PROG_LOAD_F_UNPRIV), which gets the
 * kernel's set for a loader without them.  Helpers
 * bpfhost does not implement are absent whatever the set says.  The sets
 * are checked against the live kernel by tests/progs/diff_progtypes.c.
 */
#include "helpers/internal.h"
#include "progs/internal.h"

const struct bh_helper_proto *helper_base_func_proto(uint32_t func_id,
						     const struct bh_prog *prog)
{
	switch (func_id) {
	case BPF_FUNC_map_lookup_elem:
	case BPF_FUNC_map_update_elem:
	case BPF_FUNC_map_delete_elem:
	case BPF_FUNC_map_push_elem:
	case BPF_FUNC_map_pop_elem:
	case BPF_FUNC_map_peek_elem:
	case BPF_FUNC_map_lookup_percpu_elem:
	case BPF_FUNC_get_prandom_u32:
	case BPF_FUNC_get_smp_processor_id:
	case BPF_FUNC_get_numa_node_id:
	case BPF_FUNC_tail_call:
	case BPF_FUNC_ktime_get_ns:
	case BPF_FUNC_ktime_get_boot_ns:
	case BPF_FUNC_ktime_get_tai_ns:
	case BPF_FUNC_get_current_pid_tgid:
	case BPF_FUNC_ringbuf_output:
	case BPF_FUNC_ringbuf_reserve:
	case BPF_FUNC_ringbuf_submit:
	case BPF_FUNC_ringbuf_discard:
	case BPF_FUNC_ringbuf_query:
	case BPF_FUNC_for_each_map_elem:
	case BPF_FUNC_loop:
	case BPF_FUNC_strncmp:
	case BPF_FUNC_strtol:
	case BPF_FUNC_strtoul:
	case BPF_FUNC_dynptr_from_mem:
	case BPF_FUNC_dynptr_read:
	case BPF_FUNC_dynptr_write:
	case BPF_FUNC_dynptr_data:
		return helper_proto(func_id);
	default:
		break;
	}
	/* the kernel asks for CAP_BPF, then CAP_PERFMON, for the rest */
	if (prog && prog->unpriv)
		return NULL;
	switch (func_id) {
	/* CAP_BPF */
	case BPF_FUNC_spin_lock:
	case BPF_FUNC_spin_unlock:
	case BPF_FUNC_jiffies64:
	case BPF_FUNC_per_cpu_ptr:
	case BPF_FUNC_this_cpu_ptr:
	case BPF_FUNC_timer_init:
	case BPF_FUNC_timer_set_callback:
	case BPF_FUNC_timer_start:
	case BPF_FUNC_timer_cancel:
	case BPF_FUNC_kptr_xchg:
	case BPF_FUNC_ringbuf_reserve_dynptr:
	case BPF_FUNC_ringbuf_submit_dynptr:
	case BPF_FUNC_ringbuf_discard_dynptr:
	case BPF_FUNC_user_ringbuf_drain:
	/* CAP_PERFMON */
	case BPF_FUNC_trace_printk:
	case BPF_FUNC_trace_vprintk:
	case BPF_FUNC_snprintf:
		return helper_proto(func_id);
	default:
		return NULL;
	}
}

const struct bh_helper_proto *
helper_tracing_func_proto(uint32_t func_id, const struct bh_prog *prog)
{
	/* No bpf_ktime_get_coarse_ns: its seqlock could deadlock when a
	 * program runs inside the timekeeping code it traces. */
	return helper_base_func_proto(func_id, prog);
}

const struct bh_helper_proto *
helper_sk_base_func_proto(uint32_t func_id, const struct bh_prog *prog)
{
	switch (func_id) {
	case BPF_FUNC_ktime_get_coarse_ns:
		return helper_proto(func_id);
	default:
		return helper_base_func_proto(func_id, prog);
	}
}
