/* SPDX-License-Identifier: MIT */
/* rb_emit: a small producer for `bpfhost prog run --json`'s "ringbuf"
 * array (tests/cli/test_ringbuf_cli.sh).  Each run puts three records in
 * `events` -- a reserved 16-byte one {0x11223344, packet length}, one
 * reserved and discarded (the consumer never sees it), then a 5-byte
 * bpf_ringbuf_output copy of "hello" -- and one 8-byte record
 * {run counter} in `other`, a second ring. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} other SEC(".maps");

__u64 runs;

SEC("xdp")
int emit(struct xdp_md *ctx)
{
	char hello[8] = "hello";
	__u64 *p, n;

	p = bpf_ringbuf_reserve(&events, 16, 0);
	if (p) {
		p[0] = 0x11223344;
		p[1] = ctx->data_end - ctx->data;
		bpf_ringbuf_submit(p, 0);
	}
	p = bpf_ringbuf_reserve(&events, 8, 0);
	if (p) {
		p[0] = 0xdead;
		bpf_ringbuf_discard(p, 0);
	}
	bpf_ringbuf_output(&events, hello, 5, 0);
	n = ++runs;
	bpf_ringbuf_output(&other, &n, sizeof(n), 0);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
