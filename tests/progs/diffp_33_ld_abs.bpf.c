/* SPDX-License-Identifier: MIT */
/* diffp_33_ld_abs: a socket filter with the legacy packet loads (LD_ABS /
 * LD_IND through __builtin_bpf_load_byte/half/word), including a load past
 * the end (the program returns 0). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");
unsigned long long load_half(void *skb, unsigned long long off) asm("llvm.bpf.load.half");
unsigned long long load_word(void *skb, unsigned long long off) asm("llvm.bpf.load.word");

SEC("socket")
int ld_abs(struct __sk_buff *skb)
{
	__u64 ver = load_byte(skb, 0) >> 4;
	__u64 ihl = (load_byte(skb, 0) & 15) * 4;
	__u64 proto, port, w;

	if (ver != 4)
		return load_half(skb, 4) & 0x7ff;
	proto = load_byte(skb, 9);
	w = load_word(skb, 12);
	port = load_half(skb, ihl + 2);
	if (proto == 1)
		return load_word(skb, 5000) + 1;   /* past the end: run ends, 0 */
	return (int)(((w ^ port) & 0xff) + proto);
}

char LICENSE[] SEC("license") = "GPL";
