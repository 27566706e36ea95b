/* SPDX-License-Identifier: MIT */
/* diffp_05_hash: a HASH keyed by (protocol, ports), packets and bytes per
 * flow; update BPF_NOEXIST then lookup; deletes flows of ICMP. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct fkey {
	__u32 saddr, daddr;
	__u16 sport, dport;
	__u8 proto, pad[3];
};

struct fval {
	__u64 pkts, bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, struct fkey);
	__type(value, struct fval);
} flows SEC(".maps");

long last_err;

SEC("xdp")
int hash(struct xdp_md *ctx)
{
	void *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
	struct ethhdr *eth = d;
	struct iphdr *ip = d + sizeof(*eth);
	struct fkey k = {};
	struct fval *v, nv = { 1, 0 };
	__u16 *ports;

	if ((void *)(ip + 1) > e || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	k.saddr = ip->saddr;
	k.daddr = ip->daddr;
	k.proto = ip->protocol;
	ports = (void *)(ip + 1);
	if ((ip->protocol == IPPROTO_TCP || ip->protocol == IPPROTO_UDP) &&
	    (void *)(ports + 2) <= e) {
		k.sport = bpf_ntohs(ports[0]);
		k.dport = bpf_ntohs(ports[1]);
	}
	nv.bytes = e - d;
	last_err = bpf_map_update_elem(&flows, &k, &nv, BPF_NOEXIST);
	if (last_err) {
		v = bpf_map_lookup_elem(&flows, &k);
		if (!v)
			return XDP_ABORTED;
		v->pkts++;
		v->bytes += e - d;
	}
	if (ip->protocol == IPPROTO_ICMP) {
		last_err = bpf_map_delete_elem(&flows, &k) * 100 + last_err;
		return XDP_DROP;
	}
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
