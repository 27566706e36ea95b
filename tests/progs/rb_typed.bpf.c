/* SPDX-License-Identifier: MIT */
/* rb_typed: records with a BTF type for `--ringbuf-type` and `map consume
 * --type` (tests/cli/test_ringbuf_cli.sh).  Each run puts in `events`:
 * one struct event (every kind of member the printers handle), one with 4
 * bytes after it (printed as the struct plus a tail) and one of 4 bytes
 * (shorter than the struct: printed as bytes).  struct producer_rec is
 * the head of examples/ringbuf_producer's records, for `map consume`. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

enum kind { KIND_OPEN = 1, KIND_CLOSE = 2 };

struct event {
	__u32 pid;
	__s32 delta;
	char comm[16];
	__u16 ports[2];
	struct {
		__u8 a, b;
	} pair;
	enum kind kind;
	__u8 flag : 1;
	__s8 level : 3;
	__s64 big;
};

struct event_tail {
	struct event ev;
	__u8 more[4];
};

/* ringbuf_producer's records: the sequence number, then fill bytes */
struct producer_rec {
	__u64 seq;
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

/* globals keep the types in the BTF (locals alone do not) */
struct producer_rec producer_rec_btf;
struct event_tail event_tail_btf;

SEC("xdp")
int typed(struct xdp_md *ctx)
{
	struct event_tail t = {};
	__u32 four = 0xaabbccdd;

	t.ev.pid = ctx->data_end - ctx->data;
	t.ev.delta = -5;
	__builtin_memcpy(t.ev.comm, "hello", 6);
	t.ev.ports[0] = 80;
	t.ev.ports[1] = 443;
	t.ev.pair.a = 1;
	t.ev.pair.b = 2;
	t.ev.kind = KIND_CLOSE;
	t.ev.flag = 1;
	t.ev.level = -3;
	t.ev.big = -1234567890123LL;
	bpf_ringbuf_output(&events, &t.ev, sizeof(t.ev), 0);
	t.more[0] = 0xde;
	t.more[3] = 0xef;
	bpf_ringbuf_output(&events, &t, sizeof(t), 0);
	bpf_ringbuf_output(&events, &four, sizeof(four), 0);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
