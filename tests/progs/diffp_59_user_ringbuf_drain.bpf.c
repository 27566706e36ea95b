/* SPDX-License-Identifier: MIT */
/* diffp_59_user_ringbuf_drain: bpf_user_ringbuf_drain from a verified
 * program.  diff_objects.c feeds the USER_RINGBUF the same samples on both
 * sides before each run (8, 16 and 4 bytes; sometimes a 100, which stops
 * the drain); the callback reads each sample through its dynptr (in and out
 * of bounds), tries bpf_dynptr_write and bpf_dynptr_data on it, and sums
 * what it saw into the caller's stack; results in .bss. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_USER_RINGBUF);
	__uint(max_entries, 4096);
} urb SEC(".maps");

struct seen {
	__u64 cnt, sum, hash;
	__s64 oob, wr, data;
};

__s64 r[10];

static long sample_cb(struct bpf_dynptr *d, void *ctx)
{
	struct seen *s = ctx;
	__u64 v = 0, w = 7;
	__u8 *p;
	long err;

	err = bpf_dynptr_read(&v, sizeof(v), d, 0, 0);
	s->cnt++;
	s->sum += err ? 1000 : v;
	s->hash = s->hash * 31 + (err ? (__u64)err : v);
	s->oob += bpf_dynptr_read(&v, sizeof(v), d, 4, 0);
	s->wr += bpf_dynptr_write(d, 0, &w, sizeof(w), 0);
	p = bpf_dynptr_data(d, 0, 4);
	s->data += p ? 1 : 0;
	return v == 100 ? 1 : 0;
}

SEC("xdp")
int drain(struct xdp_md *ctx)
{
	struct seen s = {}, s2 = {};

	r[0] = bpf_user_ringbuf_drain(&urb, sample_cb, &s, 0);
	r[1] = s.cnt;
	r[2] = s.sum;
	r[3] = s.hash;
	r[4] = s.oob;
	r[5] = s.wr;
	r[6] = s.data;
	/* unknown flags: refused at run time */
	r[7] = bpf_user_ringbuf_drain(&urb, sample_cb, &s, 4);
	r[8] = bpf_user_ringbuf_drain(&urb, sample_cb, &s2, BPF_RB_NO_WAKEUP);
	r[9] = s2.cnt;
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
