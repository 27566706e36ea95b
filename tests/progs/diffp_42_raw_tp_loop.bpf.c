/* SPDX-License-Identifier: MIT */
/* diffp_42_raw_tp_loop: a RAW_TRACEPOINT program running bpf_loop for
 * args[0] % 50 iterations (a Collatz-style walk) and a bounded while loop;
 * a static subprogram; results in a PERCPU_ARRAY (compared as sums). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} res SEC(".maps");

struct walk { __u64 x, steps; };

static int step(__u32 i, struct walk *w)
{
	if (w->x <= 1)
		return 1;
	w->x = (w->x & 1) ? 3 * w->x + 1 : w->x / 2;
	w->steps++;
	return 0;
}

static __attribute__((noinline)) void add(__u32 k, __u64 v)
{
	__u64 *p = bpf_map_lookup_elem(&res, &k);

	if (p)
		*p += v;
}

SEC("raw_tp/sched_switch")
int raw_tp_loop(struct bpf_raw_tracepoint_args *ctx)
{
	struct walk w = { .x = ctx->args[1] | 1 };
	__u64 n = ctx->args[0] % 50, y = ctx->args[3];
	int i = 0;

	bpf_loop(n, step, &w, 0);
	add(0, w.steps);
	add(1, w.x);
	while (y && i < 64) {
		y &= y - 1;
		i++;
	}
	add(2, i);
	add(3, n);
	return w.steps;
}

char LICENSE[] SEC("license") = "GPL";
