/* SPDX-License-Identifier: MIT */
/* diffp_44_socket_ctx: a socket filter reading __sk_buff fields and the
 * packet directly (data / data_end from the network header), cb[] writes
 * that accumulate across repeats. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__u64 seen[6];

SEC("socket")
int socket_ctx(struct __sk_buff *skb)
{
	seen[0] = skb->len;
	seen[1] = skb->protocol;
	seen[2] = skb->pkt_type;
	seen[3] += skb->cb[1];
	seen[4] = skb->ifindex;
	seen[5] = skb->ingress_ifindex + skb->mark;
	skb->cb[1] += 3;
	skb->cb[2] = skb->len;
	return skb->len / 2;
}

char LICENSE[] SEC("license") = "GPL";
