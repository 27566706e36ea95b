/* SPDX-License-Identifier: MIT */
/* diffp_40_change_tail: bpf_skb_change_tail growing short packets to 100
 * bytes and cutting long ones to 64, then writing the new tail through
 * direct packet access. */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

long rets[2];

SEC("tc")
int change_tail(struct __sk_buff *skb)
{
	unsigned char *d, *e;
	__u32 len = skb->len;

	rets[0] = bpf_skb_change_tail(skb, len < 80 ? 100 : 64, 0);
	rets[1] = bpf_skb_change_tail(skb, 1, 0);
	d = (void *)(long)skb->data;
	e = (void *)(long)skb->data_end;
	if (d + 64 > e)
		return TC_ACT_SHOT;
	d[60] = 0xde; d[61] = 0xad; d[62] = (__u8)len; d[63] = (__u8)skb->len;
	return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
