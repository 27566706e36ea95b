/* SPDX-License-Identifier: MIT */
/* diffp_38_structs: structure copies (__builtin_memcpy / memset), bit
 * fields, unions and a packed header read from the packet, stored as a
 * 40-byte HASH value. */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

struct bits {
	__u32 a : 3, b : 7, c : 12, d : 10;
};

struct rec {
	struct bits bits;
	union { __u32 w; __u8 b[4]; } u;
	__u8 mac[6];
	__u16 type;
	__u64 sum;
	__u8 tail[12];
} __attribute__((packed));

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, struct rec);
} recs SEC(".maps");

SEC("tc")
int structs(struct __sk_buff *skb)
{
	unsigned char *d = (void *)(long)skb->data, *e = (void *)(long)skb->data_end;
	struct rec r;
	__u32 k;

	if (d + 40 > e)
		return TC_ACT_SHOT;
	__builtin_memset(&r, 0, sizeof(r));
	r.bits.a = d[0];
	r.bits.b = d[1] ^ d[2];
	r.bits.c = *(__u16 *)(d + 2);
	r.bits.d = r.bits.a + r.bits.c;
	__builtin_memcpy(r.mac, d + 6, 6);
	r.u.w = *(__u32 *)(d + 26);
	r.type = *(__u16 *)(d + 12);
	r.sum = r.u.b[0] + r.u.b[1] + r.u.b[2] + r.u.b[3] + r.bits.d;
	__builtin_memcpy(r.tail, d + 28, 12);
	k = r.u.b[3];
	bpf_map_update_elem(&recs, &k, &r, BPF_ANY);
	return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
