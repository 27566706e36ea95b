/* SPDX-License-Identifier: MIT */
/* diffp_59_dynptr: ring buffer records through dynptrs:
 * bpf_ringbuf_reserve_dynptr, bpf_dynptr_write / read (in and out of
 * bounds), bpf_dynptr_data, submit and discard; results in .bss, the ring's
 * positions through bpf_ringbuf_query. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} rb SEC(".maps");

__s64 r[10];

SEC("xdp")
int dynptr(struct xdp_md *ctx)
{
	struct bpf_dynptr p;
	__u64 buf[4] = { 1, 2, 3, ctx->data_end - ctx->data }, back[4] = {};
	__u64 *d;

	r[0] = bpf_ringbuf_reserve_dynptr(&rb, 32, 0, &p);
	r[1] = bpf_dynptr_write(&p, 0, buf, sizeof(buf), 0);
	r[2] = bpf_dynptr_write(&p, 8, buf, sizeof(buf), 0);
	r[3] = bpf_dynptr_read(back, sizeof(back), &p, 0, 0);
	r[4] = back[3];
	r[5] = bpf_dynptr_read(back, 16, &p, 24, 0);
	d = bpf_dynptr_data(&p, 8, 8);
	r[6] = d ? *d : -1;
	if (buf[3] & 1)
		bpf_ringbuf_discard_dynptr(&p, 0);
	else
		bpf_ringbuf_submit_dynptr(&p, 0);
	r[7] = bpf_ringbuf_query(&rb, BPF_RB_AVAIL_DATA);
	r[8] = bpf_ringbuf_query(&rb, BPF_RB_PROD_POS);
	r[9] = bpf_ringbuf_reserve_dynptr(&rb, 5000, 0, &p);
	bpf_ringbuf_discard_dynptr(&p, 0);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
