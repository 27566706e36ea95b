/* SPDX-License-Identifier: MIT */
/* diffp_57_tail_subprog: a tail call made from inside a BPF-to-BPF
 * subprogram (bpf2bpf calls mixed with tail calls, x86-64 JIT in the
 * kernel): the target replaces the whole call chain, so the caller's code
 * after the call never runs when the slot is set. */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

__u64 in_sub, after_sub, in_target, after_miss;

int target(struct __sk_buff *skb);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, int (void *));
} jt SEC(".maps") = {
	.values = { [0] = (void *)&target },
};

static __attribute__((noinline)) int sub(struct __sk_buff *skb, __u32 slot)
{
	in_sub++;
	bpf_tail_call(skb, &jt, slot);
	after_miss++;
	return skb->len & 1;
}

SEC("tc")
int target(struct __sk_buff *skb)
{
	in_target += skb->len;
	return TC_ACT_SHOT;
}

SEC("tc")
int caller(struct __sk_buff *skb)
{
	int r = sub(skb, skb->len & 1);

	after_sub++;
	return r ? TC_ACT_OK : TC_ACT_PIPE;
}

char LICENSE[] SEC("license") = "GPL";
