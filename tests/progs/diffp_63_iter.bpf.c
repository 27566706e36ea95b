/* SPDX-License-Identifier: MIT */
/* diffp_63_iter: open-coded number iterators (bpf_iter_num_new / _next /
 * _destroy) through the bpf_for() and bpf_repeat() macros of newer
 * libbpf's bpf_helpers.h (libbpf 1.1 here lacks them: defined below):
 * sums, array indexes, nested loops, an early break, an empty and a
 * refused range, and next() after the end; results in .bss and an array. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct bpf_iter_num {
	__u64 __opaque[1];
} __attribute__((aligned(8)));

extern int bpf_iter_num_new(struct bpf_iter_num *it, int start, int end) __ksym;
extern int *bpf_iter_num_next(struct bpf_iter_num *it) __ksym;
extern void bpf_iter_num_destroy(struct bpf_iter_num *it) __ksym;

/* as libbpf's bpf_helpers.h (1.3+) */
#define bpf_for(i, start, end) for (							\
	struct bpf_iter_num ___it __attribute__((aligned(8), cleanup(bpf_iter_num_destroy))), \
	*___p __attribute__((unused)) = (						\
		bpf_iter_num_new(&___it, (start), (end)),				\
		(void)bpf_iter_num_destroy, (void *)0);					\
	({										\
		int *___t = bpf_iter_num_next(&___it);					\
		(___t && ((i) = *___t, (i) >= (start) && (i) < (end)));			\
	});										\
)
#define bpf_repeat(n) for (								\
	struct bpf_iter_num ___it __attribute__((aligned(8), cleanup(bpf_iter_num_destroy))), \
	*___p __attribute__((unused)) = (						\
		bpf_iter_num_new(&___it, 0, (n)),					\
		(void)bpf_iter_num_destroy, (void *)0);					\
	bpf_iter_num_next(&___it);							\
)

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 16);
	__type(key, int);
	__type(value, __u64);
} counts SEC(".maps");

__s64 r[16];
__u64 squares[16];

SEC("xdp")
int sums(struct xdp_md *ctx)
{
	int n = (ctx->data_end - ctx->data) & 15, i, j;
	__s64 s = 0, t = 0;

	bpf_for(i, 0, n)
		s += i;
	r[0] = s;
	bpf_for(i, 0, 16)
		squares[i] = (__u64)i * i + n;
	bpf_for(i, 0, 4)
		bpf_for(j, i, 4)
			t += i * 10 + j;
	r[1] = t;
	s = 0;
	bpf_repeat(5)
		s += 3;
	r[2] = s;
	s = 0;
	bpf_for(i, 0, 100) { /* an early break: the cleanup destroys it */
		if (i * i > n * 4)
			break;
		s = i;
	}
	r[3] = s;
	return XDP_PASS;
}

SEC("xdp")
int ranges(struct xdp_md *ctx)
{
	int len = (ctx->data_end - ctx->data) & 0xfff, *v, k;
	struct bpf_iter_num it;
	__u64 *c;

	r[4] = bpf_iter_num_new(&it, 5, 5); /* empty */
	r[5] = bpf_iter_num_next(&it) ? 1 : 0;
	bpf_iter_num_destroy(&it);
	r[6] = bpf_iter_num_new(&it, 6, 2); /* start > end: -EINVAL, then NULL */
	r[7] = bpf_iter_num_next(&it) ? 1 : 0;
	bpf_iter_num_destroy(&it);
	r[8] = bpf_iter_num_new(&it, 0, 1 << 24); /* too many: -E2BIG */
	bpf_iter_num_destroy(&it);
	r[9] = bpf_iter_num_new(&it, -3, 1);
	r[10] = 0;
	while ((v = bpf_iter_num_next(&it)))
		r[10] = r[10] * 10 + *v + 3;
	r[11] = bpf_iter_num_next(&it) ? 1 : 0; /* drained: NULL again */
	bpf_iter_num_destroy(&it);
	/* map values by index */
	bpf_iter_num_new(&it, 0, 16);
	while ((v = bpf_iter_num_next(&it))) {
		k = *v;
		c = bpf_map_lookup_elem(&counts, &k);
		if (c)
			*c += k + len;
	}
	bpf_iter_num_destroy(&it);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
