/* SPDX-License-Identifier: MIT */
/*
 * tests/lib/uapi_names.h - the list of UAPI names whose values
 * tests/core/test_uapi.c compares between bpfhost's <bpfhost/uapi.h> and the
 * system's <linux/bpf.h>.  Only names the system header (Linux 6.1 in
 * Debian 12) also has; newer ones are pinned by _Static_assert instead.
 */
#define BH_UAPI_NAMES(X)                                                  \
	X(BPF_LD) X(BPF_LDX) X(BPF_ST) X(BPF_STX) X(BPF_ALU) X(BPF_JMP)   \
	X(BPF_JMP32) X(BPF_ALU64) X(BPF_W) X(BPF_H) X(BPF_B) X(BPF_DW)    \
	X(BPF_IMM) X(BPF_ABS) X(BPF_IND) X(BPF_MEM) X(BPF_ATOMIC)         \
	X(BPF_K) X(BPF_X) X(BPF_ADD) X(BPF_SUB) X(BPF_MUL) X(BPF_DIV)     \
	X(BPF_OR) X(BPF_AND) X(BPF_LSH) X(BPF_RSH) X(BPF_NEG) X(BPF_MOD)  \
	X(BPF_XOR) X(BPF_MOV) X(BPF_ARSH) X(BPF_END) X(BPF_TO_LE)         \
	X(BPF_TO_BE) X(BPF_JA) X(BPF_JEQ) X(BPF_JGT) X(BPF_JGE)           \
	X(BPF_JSET) X(BPF_JNE) X(BPF_JSGT) X(BPF_JSGE) X(BPF_CALL)        \
	X(BPF_EXIT) X(BPF_JLT) X(BPF_JLE) X(BPF_JSLT) X(BPF_JSLE)         \
	X(BPF_FETCH) X(BPF_XCHG) X(BPF_CMPXCHG) X(BPF_PSEUDO_MAP_FD)      \
	X(BPF_PSEUDO_MAP_VALUE) X(BPF_PSEUDO_BTF_ID) X(BPF_PSEUDO_FUNC)   \
	X(BPF_PSEUDO_MAP_IDX) X(BPF_PSEUDO_MAP_IDX_VALUE)                 \
	X(BPF_PSEUDO_CALL) X(BPF_PSEUDO_KFUNC_CALL) X(MAX_BPF_REG)        \
	X(BPF_MAP_TYPE_HASH) X(BPF_MAP_TYPE_ARRAY)                        \
	X(BPF_MAP_TYPE_PROG_ARRAY) X(BPF_MAP_TYPE_PERCPU_HASH)            \
	X(BPF_MAP_TYPE_PERCPU_ARRAY) X(BPF_MAP_TYPE_LRU_HASH)             \
	X(BPF_MAP_TYPE_LRU_PERCPU_HASH) X(BPF_MAP_TYPE_LPM_TRIE)          \
	X(BPF_MAP_TYPE_ARRAY_OF_MAPS) X(BPF_MAP_TYPE_HASH_OF_MAPS)        \
	X(BPF_MAP_TYPE_DEVMAP_HASH) X(BPF_MAP_TYPE_QUEUE)                 \
	X(BPF_MAP_TYPE_STACK) X(BPF_MAP_TYPE_SK_STORAGE)                  \
	X(BPF_MAP_TYPE_STRUCT_OPS) X(BPF_MAP_TYPE_RINGBUF)                \
	X(BPF_MAP_TYPE_BLOOM_FILTER) X(BPF_MAP_TYPE_USER_RINGBUF)         \
	X(BPF_MAP_TYPE_TASK_STORAGE) X(BPF_MAP_TYPE_INODE_STORAGE)        \
	X(BPF_MAP_TYPE_CGROUP_STORAGE) X(BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE) \
	X(BPF_PROG_TYPE_SOCKET_FILTER) X(BPF_PROG_TYPE_SCHED_CLS)         \
	X(BPF_PROG_TYPE_XDP) X(BPF_PROG_TYPE_RAW_TRACEPOINT)              \
	X(BPF_PROG_TYPE_CGROUP_SYSCTL)                                    \
	X(BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE)                          \
	X(BPF_PROG_TYPE_CGROUP_SOCKOPT) X(BPF_PROG_TYPE_TRACING)          \
	X(BPF_PROG_TYPE_STRUCT_OPS) X(BPF_PROG_TYPE_EXT)                  \
	X(BPF_PROG_TYPE_LSM) X(BPF_PROG_TYPE_SK_LOOKUP)                   \
	X(BPF_PROG_TYPE_SYSCALL) X(BPF_CGROUP_INET_INGRESS)               \
	X(BPF_CGROUP_SYSCTL) X(BPF_CGROUP_GETSOCKOPT)                     \
	X(BPF_CGROUP_SETSOCKOPT) X(BPF_TRACE_RAW_TP) X(BPF_TRACE_FENTRY)  \
	X(BPF_TRACE_FEXIT) X(BPF_MODIFY_RETURN) X(BPF_XDP)                \
	X(BPF_PERF_EVENT) X(BPF_TRACE_KPROBE_MULTI) X(BPF_LSM_CGROUP)     \
	X(BPF_LINK_TYPE_RAW_TRACEPOINT) X(BPF_LINK_TYPE_TRACING)          \
	X(BPF_LINK_TYPE_CGROUP) X(BPF_LINK_TYPE_XDP)                      \
	X(BPF_LINK_TYPE_STRUCT_OPS) X(BPF_F_ALLOW_OVERRIDE)               \
	X(BPF_F_ALLOW_MULTI) X(BPF_F_REPLACE) X(BPF_F_STRICT_ALIGNMENT)   \
	X(BPF_F_ANY_ALIGNMENT) X(BPF_F_SLEEPABLE) X(BPF_F_XDP_HAS_FRAGS)  \
	X(BPF_ANY) X(BPF_NOEXIST) X(BPF_EXIST) X(BPF_F_LOCK)              \
	X(BPF_F_NO_PREALLOC) X(BPF_F_NO_COMMON_LRU) X(BPF_F_NUMA_NODE)    \
	X(BPF_F_RDONLY) X(BPF_F_WRONLY) X(BPF_F_STACK_BUILD_ID)           \
	X(BPF_F_ZERO_SEED) X(BPF_F_RDONLY_PROG) X(BPF_F_WRONLY_PROG)      \
	X(BPF_F_CLONE) X(BPF_F_MMAPABLE) X(BPF_F_PRESERVE_ELEMS)          \
	X(BPF_F_INNER_MAP) X(BPF_F_QUERY_EFFECTIVE)                       \
	X(BPF_F_TEST_RUN_ON_CPU) X(BPF_F_TEST_XDP_LIVE_FRAMES)            \
	X(BPF_F_RECOMPUTE_CSUM) X(BPF_F_INVALIDATE_HASH)                  \
	X(BPF_F_PSEUDO_HDR) X(BPF_F_MARK_MANGLED_0) X(BPF_F_IPV6)         \
	X(BPF_F_INGRESS) X(BPF_F_CURRENT_CPU) X(BPF_F_BROADCAST)          \
	X(BPF_F_EXCLUDE_INGRESS) X(BPF_F_SYSCTL_BASE_NAME)                \
	X(BPF_RB_NO_WAKEUP) X(BPF_RB_FORCE_WAKEUP) X(BPF_RB_AVAIL_DATA)   \
	X(BPF_RB_RING_SIZE) X(BPF_RB_CONS_POS) X(BPF_RB_PROD_POS)         \
	X(BPF_RINGBUF_BUSY_BIT) X(BPF_RINGBUF_DISCARD_BIT)                \
	X(BPF_RINGBUF_HDR_SZ) X(XDP_ABORTED) X(XDP_DROP) X(XDP_PASS)      \
	X(XDP_TX) X(XDP_REDIRECT) X(BPF_OBJ_NAME_LEN) X(BPF_TAG_SIZE)

struct bh_uapi_value {
	const char *name;
	long long value;
};

/* The system header's values, in BH_UAPI_NAMES order (linux_uapi.c). */
extern const struct bh_uapi_value bh_linux_uapi_values[];
extern const unsigned int bh_linux_uapi_value_cnt;
/* The system header's helper names and ids, in id order. */
extern const char *const bh_linux_helper_names[];
extern const unsigned int bh_linux_helper_cnt;
