/* SPDX-License-Identifier: MIT */
/* diffp_11_queue: a QUEUE of packet lengths: push each, pop when more than
 * four are held, peek the head; results of each call in .bss. */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_QUEUE);
	__uint(max_entries, 6);
	__type(value, __u32);
} q SEC(".maps");

__u32 held;
__u32 popped_sum;
__u32 head;
long rets[3];

SEC("tc")
int queue(struct __sk_buff *skb)
{
	__u32 v = skb->len * 10 + skb->protocol % 7;

	rets[0] = bpf_map_push_elem(&q, &v, 0);
	if (!rets[0])
		held++;
	if (held > 4) {
		rets[1] = bpf_map_pop_elem(&q, &v);
		if (!rets[1]) {
			popped_sum += v;
			held--;
		}
	}
	rets[2] = bpf_map_peek_elem(&q, &head);
	return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
