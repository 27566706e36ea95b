/* SPDX-License-Identifier: MIT */
/*
 * helpers/helpers.c - the helper table: Linux's helper id -> prototype and
 * implementation.  A helper family adds its protos to this one table.
 */
#include "helpers/internal.h"

static const struct bh_helper_proto *const helper_table[__BPF_FUNC_MAX_ID] = {
	[BPF_FUNC_map_lookup_elem] = &helper_map_lookup_elem_proto,
	[BPF_FUNC_map_update_elem] = &helper_map_update_elem_proto,
	[BPF_FUNC_map_delete_elem] = &helper_map_delete_elem_proto,
	[BPF_FUNC_map_push_elem] = &helper_map_push_elem_proto,
	[BPF_FUNC_map_pop_elem] = &helper_map_pop_elem_proto,
	[BPF_FUNC_map_peek_elem] = &helper_map_peek_elem_proto,
	[BPF_FUNC_map_lookup_percpu_elem] = &helper_map_lookup_percpu_elem_proto,
	[BPF_FUNC_tail_call] = &helper_tail_call_proto,
	[BPF_FUNC_for_each_map_elem] = &helper_for_each_map_elem_proto,
	[BPF_FUNC_ktime_get_ns] = &helper_ktime_get_ns_proto,
	[BPF_FUNC_ringbuf_output] = &helper_ringbuf_output_proto,
	[BPF_FUNC_ringbuf_reserve] = &helper_ringbuf_reserve_proto,
	[BPF_FUNC_ringbuf_submit] = &helper_ringbuf_submit_proto,
	[BPF_FUNC_ringbuf_discard] = &helper_ringbuf_discard_proto,
	[BPF_FUNC_ringbuf_query] = &helper_ringbuf_query_proto,
	[BPF_FUNC_ringbuf_reserve_dynptr] = &helper_ringbuf_reserve_dynptr_proto,
	[BPF_FUNC_ringbuf_submit_dynptr] = &helper_ringbuf_submit_dynptr_proto,
	[BPF_FUNC_ringbuf_discard_dynptr] = &helper_ringbuf_discard_dynptr_proto,
	[BPF_FUNC_dynptr_read] = &helper_dynptr_read_proto,
	[BPF_FUNC_dynptr_write] = &helper_dynptr_write_proto,
	[BPF_FUNC_dynptr_data] = &helper_dynptr_data_proto,
	[BPF_FUNC_dynptr_from_mem] = &helper_dynptr_from_mem_proto,
	[BPF_FUNC_user_ringbuf_drain] = &helper_user_ringbuf_drain_proto,
	[BPF_FUNC_trace_printk] = &helper_trace_printk_proto,
	[BPF_FUNC_skb_load_bytes] = &helper_skb_load_bytes_proto,
	[BPF_FUNC_skb_store_bytes] = &helper_skb_store_bytes_proto,
	[BPF_FUNC_l3_csum_replace] = &helper_l3_csum_replace_proto,
	[BPF_FUNC_l4_csum_replace] = &helper_l4_csum_replace_proto,
	[BPF_FUNC_csum_diff] = &helper_csum_diff_proto,
	[BPF_FUNC_skb_change_tail] = &helper_skb_change_tail_proto,
	[BPF_FUNC_redirect] = &helper_redirect_proto,
	[BPF_FUNC_redirect_map] = &helper_redirect_map_proto,
	[BPF_FUNC_xdp_adjust_head] = &helper_xdp_adjust_head_proto,
	[BPF_FUNC_xdp_adjust_tail] = &helper_xdp_adjust_tail_proto,
	[BPF_FUNC_xdp_adjust_meta] = &helper_xdp_adjust_meta_proto,
	[BPF_FUNC_ktime_get_boot_ns] = &helper_ktime_get_boot_ns_proto,
	[BPF_FUNC_ktime_get_coarse_ns] = &helper_ktime_get_coarse_ns_proto,
	[BPF_FUNC_ktime_get_tai_ns] = &helper_ktime_get_tai_ns_proto,
	[BPF_FUNC_jiffies64] = &helper_jiffies64_proto,
	[BPF_FUNC_get_current_pid_tgid] = &helper_get_current_pid_tgid_proto,
	[BPF_FUNC_strncmp] = &helper_strncmp_proto,
	[BPF_FUNC_loop] = &helper_loop_proto,
	[BPF_FUNC_snprintf] = &helper_snprintf_proto,
	[BPF_FUNC_spin_lock] = &helper_spin_lock_proto,
	[BPF_FUNC_spin_unlock] = &helper_spin_unlock_proto,
	[BPF_FUNC_timer_init] = &helper_timer_init_proto,
	[BPF_FUNC_timer_set_callback] = &helper_timer_set_callback_proto,
	[BPF_FUNC_timer_start] = &helper_timer_start_proto,
	[BPF_FUNC_timer_cancel] = &helper_timer_cancel_proto,
	[BPF_FUNC_sysctl_get_name] = &helper_sysctl_get_name_proto,
	[BPF_FUNC_sysctl_get_current_value] = &helper_sysctl_get_current_value_proto,
	[BPF_FUNC_sysctl_get_new_value] = &helper_sysctl_get_new_value_proto,
	[BPF_FUNC_sysctl_set_new_value] = &helper_sysctl_set_new_value_proto,
	[BPF_FUNC_strtol] = &helper_strtol_proto,
	[BPF_FUNC_strtoul] = &helper_strtoul_proto,
	[BPF_FUNC_get_retval] = &helper_get_retval_proto,
	[BPF_FUNC_set_retval] = &helper_set_retval_proto,
	[BPF_FUNC_get_prandom_u32] = &helper_get_prandom_u32_proto,
	[BPF_FUNC_get_smp_processor_id] = &helper_get_smp_processor_id_proto,
};

const struct bh_helper_proto *helper_proto(uint32_t id)
{
	return id < __BPF_FUNC_MAX_ID ? helper_table[id] : NULL;
}
