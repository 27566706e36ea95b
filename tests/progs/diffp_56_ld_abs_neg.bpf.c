/* SPDX-License-Identifier: MIT */
/* diffp_56_ld_abs_neg: LD_ABS / LD_IND with the classic BPF special
 * offsets: SKF_LL_OFF (the link-layer header) and SKF_NET_OFF (the
 * network header), from a socket filter and from a TC classifier, whose
 * packet starts at different headers. */
#include <linux/bpf.h>
#include <linux/filter.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");
unsigned long long load_half(void *skb, unsigned long long off) asm("llvm.bpf.load.half");
unsigned long long load_word(void *skb, unsigned long long off) asm("llvm.bpf.load.word");

__u64 sock_seen[4], tc_seen[4];

SEC("socket")
int sock_neg(struct __sk_buff *skb)
{
	sock_seen[0] = load_half(skb, SKF_LL_OFF + 12);    /* EtherType */
	sock_seen[1] = load_byte(skb, SKF_NET_OFF + 0);    /* version/ihl */
	sock_seen[2] = load_word(skb, 0);
	sock_seen[3] = load_byte(skb, SKF_LL_OFF + 5);
	return 64;
}

SEC("tc")
int tc_neg(struct __sk_buff *skb)
{
	tc_seen[0] = load_half(skb, 12);
	tc_seen[1] = load_byte(skb, SKF_NET_OFF + 9);
	tc_seen[2] = load_word(skb, SKF_LL_OFF + 6);
	tc_seen[3] = load_half(skb, SKF_NET_OFF + 2);
	return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
