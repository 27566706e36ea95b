/* SPDX-License-Identifier: MIT */
/* diffp_26_atomics: atomic add / and / or / xor with and without fetch,
 * xchg and cmpxchg, 32- and 64-bit, on .bss and on a map value. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__u64 a64 = 1, o64, x64, and64 = ~0ULL, xchg64, cmp64;
__u32 a32, o32, x32, and32 = ~0U, xchg32, cmp32;
__u64 fetched[8];

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} m SEC(".maps");

SEC("xdp")
int atomics(struct xdp_md *ctx)
{
	unsigned char *d = (void *)(long)ctx->data, *e = (void *)(long)ctx->data_end;
	__u64 v, *mv;
	__u32 k = 0, w;

	if (d + 24 > e)
		return XDP_PASS;
	v = *(__u64 *)(d + 16);
	w = *(__u32 *)(d + 8);
	__sync_fetch_and_add(&a64, v);
	__sync_fetch_and_or(&o64, v);
	__sync_fetch_and_xor(&x64, v);
	__sync_fetch_and_and(&and64, v | 0xff00ff00ULL);
	fetched[0] = __sync_fetch_and_add(&a32, w);
	fetched[1] = __sync_fetch_and_or(&o32, w);
	fetched[2] = __sync_fetch_and_xor(&x32, w);
	fetched[3] = __sync_fetch_and_and(&and32, w | 0x0f);
	fetched[4] = __sync_lock_test_and_set(&xchg64, v);
	fetched[5] = __sync_val_compare_and_swap(&cmp64, 0, v);
	fetched[6] = __sync_val_compare_and_swap(&cmp32, w, w + 1);
	xchg32 = __sync_lock_test_and_set(&cmp32, w);
	mv = bpf_map_lookup_elem(&m, &k);
	if (mv)
		fetched[7] = __sync_fetch_and_add(mv, e - d);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
