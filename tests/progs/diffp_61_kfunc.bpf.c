/* SPDX-License-Identifier: MIT */
/* diffp_61_kfunc: the common kfuncs bpfhost provides, run on both sides:
 * bpf_rcu_read_lock / _unlock around a map lookup; the dynptr kfuncs
 * (bpf_dynptr_slice, _slice_rdwr, _adjust, _is_null, _is_rdonly, _size,
 * _clone) on a local dynptr over a map value and on a ring buffer record,
 * in and out of bounds; results in .bss.  The bool kfuncs return in the
 * low byte only (the kernel leaves the rest of R0 as it was): declared
 * bool, clang keeps that byte. */
#include <linux/bpf.h>
#include <stdbool.h>
#include <bpf/bpf_helpers.h>

extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;
extern void *bpf_dynptr_slice(const struct bpf_dynptr *p, __u32 offset,
			      void *buffer__opt, __u32 buffer__szk) __ksym;
extern void *bpf_dynptr_slice_rdwr(const struct bpf_dynptr *p, __u32 offset,
				   void *buffer__opt, __u32 buffer__szk) __ksym;
extern int bpf_dynptr_adjust(const struct bpf_dynptr *p, __u32 start, __u32 end) __ksym;
extern int bpf_dynptr_clone(const struct bpf_dynptr *p, struct bpf_dynptr *clone__uninit) __ksym;
extern bool bpf_dynptr_is_null(const struct bpf_dynptr *p) __ksym;
extern bool bpf_dynptr_is_rdonly(const struct bpf_dynptr *p) __ksym;
extern __u32 bpf_dynptr_size(const struct bpf_dynptr *p) __ksym;

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, __u64[8]);
} vals SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} rb SEC(".maps");

__s64 r[24];

SEC("xdp")
int rcu(struct xdp_md *ctx)
{
	int k = 0;
	__u64 *v;

	bpf_rcu_read_lock();
	v = bpf_map_lookup_elem(&vals, &k);
	if (v)
		v[7] += ctx->data_end - ctx->data;
	bpf_rcu_read_unlock();
	return XDP_PASS;
}

SEC("xdp")
int local(struct xdp_md *ctx)
{
	struct bpf_dynptr p, q;
	__u64 buf[2] = {}, *s;
	int k = 0;
	__u64 *v = bpf_map_lookup_elem(&vals, &k);

	if (!v)
		return XDP_ABORTED;
	v[0] = ctx->data_end - ctx->data;
	r[0] = bpf_dynptr_from_mem(v, 64, 0, &p);
	r[1] = bpf_dynptr_size(&p);
	r[2] = bpf_dynptr_is_null(&p);
	r[3] = bpf_dynptr_is_rdonly(&p);
	s = bpf_dynptr_slice(&p, 0, buf, sizeof(buf));
	r[4] = s ? s[0] : -1;
	s = bpf_dynptr_slice(&p, 56, NULL, 16); /* past the end: NULL */
	r[5] = s ? 1 : 0;
	s = bpf_dynptr_slice_rdwr(&p, 8, NULL, 8);
	if (s)
		*s = 0x1234 + v[0];
	r[6] = v[1];
	r[7] = bpf_dynptr_clone(&p, &q);
	r[8] = bpf_dynptr_adjust(&q, 8, 24);
	r[9] = bpf_dynptr_size(&q);
	r[10] = bpf_dynptr_size(&p);
	s = bpf_dynptr_slice(&q, 0, NULL, 8);
	r[11] = s ? s[0] : -1;
	r[12] = bpf_dynptr_adjust(&q, 20, 8);  /* start past the size: -ERANGE */
	r[13] = bpf_dynptr_adjust(&q, 12, 4);  /* start > end: -EINVAL */
	r[14] = bpf_dynptr_adjust(&q, 16, 16); /* empty */
	r[15] = bpf_dynptr_size(&q);
	/* a dynptr that failed to be made is NULL */
	r[16] = bpf_dynptr_from_mem(v, 64, 1, &q);
	r[17] = bpf_dynptr_is_null(&q);
	r[18] = (int)bpf_dynptr_size(&q);
	r[19] = bpf_dynptr_clone(&q, &p);
	r[20] = bpf_dynptr_is_null(&p);
	return XDP_PASS;
}

SEC("xdp")
int ring(struct xdp_md *ctx)
{
	struct bpf_dynptr p, q;
	__u64 *s;

	bpf_ringbuf_reserve_dynptr(&rb, 32, 0, &p);
	s = bpf_dynptr_slice_rdwr(&p, 0, NULL, 8);
	if (s)
		*s = ctx->data_end - ctx->data;
	bpf_dynptr_clone(&p, &q);
	bpf_dynptr_adjust(&q, 8, 32);
	s = bpf_dynptr_slice_rdwr(&q, 16, NULL, 8);
	if (s)
		*s = 77;
	r[21] = bpf_dynptr_size(&q);
	/* releasing the clone releases the record */
	bpf_ringbuf_submit_dynptr(&q, 0);
	r[22] = bpf_ringbuf_query(&rb, BPF_RB_AVAIL_DATA);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
