/* SPDX-License-Identifier: MIT */
/* diffp_51_bench: the programs of bench/bench_progmaps.c, also diffed:
 * each runs a bounded loop of NOPS (256) iterations doing one HASH, ARRAY
 * or LRU_HASH lookup or update per iteration, or a PERCPU_ARRAY lookup
 * (keys 0..255), or nothing but
 * the loop and the key arithmetic (loop_empty, the baseline the benchmark
 * subtracts). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define NOPS 256

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, __u64);
} bh_hash SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, __u64);
} bh_array SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, __u64);
} bh_lru SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, __u64);
} bh_percpu SEC(".maps");

__u64 sink;

/* k: the key of iteration i (a permutation of 0..255). */
#define KEY(i) (((i) * 97 + 13) & 255)

SEC("xdp")
int loop_empty(struct xdp_md *ctx)
{
	__u64 acc = 0;

#pragma clang loop unroll(disable)
	for (__u32 i = 0; i < NOPS; i++) {
		__u32 k = KEY(i);

		asm volatile("" : "+r"(k));
		acc += k;
	}
	sink = acc;
	return XDP_PASS;
}

#define LOOKUP_PROG(name, map)						\
SEC("xdp")								\
int name(struct xdp_md *ctx)						\
{									\
	__u64 acc = 0;							\
									\
	_Pragma("clang loop unroll(disable)")				\
	for (__u32 i = 0; i < NOPS; i++) {				\
		__u32 k = KEY(i);					\
		__u64 *v;						\
									\
		asm volatile("" : "+r"(k));				\
		v = bpf_map_lookup_elem(&map, &k);			\
		if (v)							\
			acc += *v;					\
	}								\
	sink = acc;							\
	return XDP_PASS;						\
}

#define UPDATE_PROG(name, map)						\
SEC("xdp")								\
int name(struct xdp_md *ctx)						\
{									\
	_Pragma("clang loop unroll(disable)")				\
	for (__u32 i = 0; i < NOPS; i++) {				\
		__u32 k = KEY(i);					\
		__u64 v = i;						\
									\
		asm volatile("" : "+r"(k));				\
		bpf_map_update_elem(&map, &k, &v, BPF_ANY);		\
	}								\
	return XDP_PASS;						\
}

LOOKUP_PROG(hash_lookup, bh_hash)
LOOKUP_PROG(array_lookup, bh_array)
LOOKUP_PROG(lru_lookup, bh_lru)
LOOKUP_PROG(percpu_lookup, bh_percpu)
UPDATE_PROG(hash_update, bh_hash)
UPDATE_PROG(array_update, bh_array)
UPDATE_PROG(lru_update, bh_lru)

char LICENSE[] SEC("license") = "GPL";
