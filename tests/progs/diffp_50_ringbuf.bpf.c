/* SPDX-License-Identifier: MIT */
/* diffp_50_ringbuf: bpf_ringbuf_output / reserve / submit / discard and
 * bpf_ringbuf_query (available data, producer and consumer positions,
 * size) on a 4 KiB ring that nobody consumes: records accumulate until
 * the ring is full and reserve fails; every result lands in .bss. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} rb SEC(".maps");

__s64 r[8];
__u32 full;

SEC("xdp")
int ringbuf(struct xdp_md *ctx)
{
	__u64 rec[12] = { ctx->data_end - ctx->data, 1, 2, 3 };
	__u64 *p;

	r[0] = bpf_ringbuf_output(&rb, rec, sizeof(rec), 0);
	p = bpf_ringbuf_reserve(&rb, 40, 0);
	if (p) {
		p[0] = 7;
		p[4] = 9;
		if (rec[0] & 1)
			bpf_ringbuf_discard(p, 0);
		else
			bpf_ringbuf_submit(p, 0);
	} else {
		full++;
	}
	r[1] = bpf_ringbuf_query(&rb, BPF_RB_AVAIL_DATA);
	r[2] = bpf_ringbuf_query(&rb, BPF_RB_RING_SIZE);
	r[3] = bpf_ringbuf_query(&rb, BPF_RB_CONS_POS);
	r[4] = bpf_ringbuf_query(&rb, BPF_RB_PROD_POS);
	r[5] = bpf_ringbuf_query(&rb, 99);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
