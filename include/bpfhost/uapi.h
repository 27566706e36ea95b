/* SPDX-License-Identifier: MIT */
/*
 * bpfhost/uapi.h - the BPF ABI: instruction encoding, object types, flags and
 * helper ids.
 *
 * This is bpfhost's own header.  Every name and value is Linux's (the ABI of
 * include/uapi/linux/bpf.h as of Linux 6.6+, plus RFC 9669 for the ISA), so
 * objects and host code written against the kernel's names build unchanged.
 *
 * It cannot be combined with <linux/bpf.h> in one translation unit: both
 * define the same names.  <bpfhost/bpfhost.h> includes this header only when
 * <linux/bpf.h> has not been included first, so code that needs the kernel's
 * header (libbpf users, differential tests) includes that one first.
 *
 * Instruction layout (RFC 9669 section 3), 64 bits, little-endian host:
 *
 *    7       0 11   8 15  12 31            16 63                          32
 *   +---------+------+------+----------------+------------------------------+
 *   | opcode  | dst  | src  | offset (s16)   | immediate (s32)              |
 *   +---------+------+------+----------------+------------------------------+
 *
 *   opcode = | op or mode (3-4 bits) | source or size | class (3 bits) |
 */
#ifndef BPFHOST_UAPI_H
#define BPFHOST_UAPI_H

#if defined(_UAPI__LINUX_BPF_H__) || defined(__LINUX_BPF_H__)
#error "<bpfhost/uapi.h> and <linux/bpf.h> define the same names; include one"
#endif

#include <stdint.h>

/* ---- Instruction classes ------------------------------------------------ */
#define BPF_CLASS(code) ((code) & 0x07)
#define BPF_LD    0x00
#define BPF_LDX   0x01
#define BPF_ST    0x02
#define BPF_STX   0x03
#define BPF_ALU   0x04
#define BPF_JMP   0x05
#define BPF_JMP32 0x06
#define BPF_ALU64 0x07

/* ---- Load and store: size and mode -------------------------------------- */
#define BPF_SIZE(code) ((code) & 0x18)
#define BPF_W  0x00 /* 32 bit */
#define BPF_H  0x08 /* 16 bit */
#define BPF_B  0x10 /*  8 bit */
#define BPF_DW 0x18 /* 64 bit */

#define BPF_MODE(code) ((code) & 0xe0)
#define BPF_IMM    0x00 /* ld_imm64 */
#define BPF_ABS    0x20 /* legacy packet load, absolute offset */
#define BPF_IND    0x40 /* legacy packet load, indirect offset */
#define BPF_MEM    0x60
#define BPF_LEN    0x80 /* classic BPF only */
#define BPF_MSH    0xa0 /* classic BPF only */
#define BPF_MEMSX  0x80 /* sign-extending load (cpu v4) */
#define BPF_ATOMIC 0xc0
#define BPF_XADD   0xc0 /* old name of BPF_ATOMIC */

/* ---- ALU and jump: operation and source --------------------------------- */
#define BPF_OP(code)  ((code) & 0xf0)
#define BPF_SRC(code) ((code) & 0x08)
#define BPF_K 0x00 /* immediate operand */
#define BPF_X 0x08 /* register operand */

#define BPF_ADD  0x00
#define BPF_SUB  0x10
#define BPF_MUL  0x20
#define BPF_DIV  0x30 /* offset 1: signed (sdiv) */
#define BPF_OR   0x40
#define BPF_AND  0x50
#define BPF_LSH  0x60
#define BPF_RSH  0x70
#define BPF_NEG  0x80
#define BPF_MOD  0x90 /* offset 1: signed (smod) */
#define BPF_XOR  0xa0
#define BPF_MOV  0xb0 /* offset 8/16/32: movsx */
#define BPF_ARSH 0xc0
#define BPF_END  0xd0 /* byte swap; source bit picks the target order */

#define BPF_TO_LE   0x00 /* BPF_ALU | BPF_END: convert to little-endian */
#define BPF_TO_BE   0x08 /* BPF_ALU | BPF_END: convert to big-endian */
#define BPF_FROM_LE BPF_TO_LE
#define BPF_FROM_BE BPF_TO_BE

#define BPF_JA   0x00 /* JMP: offset; JMP32 (gotol): immediate */
#define BPF_JEQ  0x10
#define BPF_JGT  0x20
#define BPF_JGE  0x30
#define BPF_JSET 0x40
#define BPF_JNE  0x50
#define BPF_JSGT 0x60
#define BPF_JSGE 0x70
#define BPF_CALL 0x80
#define BPF_EXIT 0x90
#define BPF_JLT  0xa0
#define BPF_JLE  0xb0
#define BPF_JSLT 0xc0
#define BPF_JSLE 0xd0

/* Atomic operations, in the immediate of BPF_STX | BPF_ATOMIC. */
#define BPF_FETCH   0x01
#define BPF_XCHG    (0xe0 | BPF_FETCH)
#define BPF_CMPXCHG (0xf0 | BPF_FETCH)

/* ---- Registers ---------------------------------------------------------- */
enum {
	BPF_REG_0 = 0,
	BPF_REG_1,
	BPF_REG_2,
	BPF_REG_3,
	BPF_REG_4,
	BPF_REG_5,
	BPF_REG_6,
	BPF_REG_7,
	BPF_REG_8,
	BPF_REG_9,
	BPF_REG_10,
	MAX_BPF_REG,
};

#define MAX_BPF_STACK 512

struct bpf_insn {
	uint8_t code;
	uint8_t dst_reg : 4;
	uint8_t src_reg : 4;
	int16_t off;
	int32_t imm;
};

/* Source register of ld_imm64 (BPF_LD | BPF_IMM | BPF_DW). */
#define BPF_PSEUDO_MAP_FD        1
#define BPF_PSEUDO_MAP_VALUE     2
#define BPF_PSEUDO_BTF_ID        3
#define BPF_PSEUDO_FUNC          4
#define BPF_PSEUDO_MAP_IDX       5
#define BPF_PSEUDO_MAP_IDX_VALUE 6

/* Source register of BPF_JMP | BPF_CALL. */
#define BPF_PSEUDO_CALL        1 /* BPF-to-BPF call, imm is the pc offset */
#define BPF_PSEUDO_KFUNC_CALL  2 /* kfunc, imm is its BTF id */

/* ---- Map types ---------------------------------------------------------- */
enum bpf_map_type {
	BPF_MAP_TYPE_UNSPEC = 0,
	BPF_MAP_TYPE_HASH = 1,
	BPF_MAP_TYPE_ARRAY = 2,
	BPF_MAP_TYPE_PROG_ARRAY = 3,
	BPF_MAP_TYPE_PERF_EVENT_ARRAY = 4,
	BPF_MAP_TYPE_PERCPU_HASH = 5,
	BPF_MAP_TYPE_PERCPU_ARRAY = 6,
	BPF_MAP_TYPE_STACK_TRACE = 7,
	BPF_MAP_TYPE_CGROUP_ARRAY = 8,
	BPF_MAP_TYPE_LRU_HASH = 9,
	BPF_MAP_TYPE_LRU_PERCPU_HASH = 10,
	BPF_MAP_TYPE_LPM_TRIE = 11,
	BPF_MAP_TYPE_ARRAY_OF_MAPS = 12,
	BPF_MAP_TYPE_HASH_OF_MAPS = 13,
	BPF_MAP_TYPE_DEVMAP = 14,
	BPF_MAP_TYPE_SOCKMAP = 15,
	BPF_MAP_TYPE_CPUMAP = 16,
	BPF_MAP_TYPE_XSKMAP = 17,
	BPF_MAP_TYPE_SOCKHASH = 18,
	BPF_MAP_TYPE_CGROUP_STORAGE_DEPRECATED = 19,
	BPF_MAP_TYPE_CGROUP_STORAGE = 19,
	BPF_MAP_TYPE_REUSEPORT_SOCKARRAY = 20,
	BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE_DEPRECATED = 21,
	BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE = 21,
	BPF_MAP_TYPE_QUEUE = 22,
	BPF_MAP_TYPE_STACK = 23,
	BPF_MAP_TYPE_SK_STORAGE = 24,
	BPF_MAP_TYPE_DEVMAP_HASH = 25,
	BPF_MAP_TYPE_STRUCT_OPS = 26,
	BPF_MAP_TYPE_RINGBUF = 27,
	BPF_MAP_TYPE_INODE_STORAGE = 28,
	BPF_MAP_TYPE_TASK_STORAGE = 29,
	BPF_MAP_TYPE_BLOOM_FILTER = 30,
	BPF_MAP_TYPE_USER_RINGBUF = 31,
	BPF_MAP_TYPE_CGRP_STORAGE = 32,
	BPF_MAP_TYPE_ARENA = 33,
	__MAX_BPF_MAP_TYPE
};

/* ---- Program types ------------------------------------------------------ */
enum bpf_prog_type {
	BPF_PROG_TYPE_UNSPEC = 0,
	BPF_PROG_TYPE_SOCKET_FILTER = 1,
	BPF_PROG_TYPE_KPROBE = 2,
	BPF_PROG_TYPE_SCHED_CLS = 3,
	BPF_PROG_TYPE_SCHED_ACT = 4,
	BPF_PROG_TYPE_TRACEPOINT = 5,
	BPF_PROG_TYPE_XDP = 6,
	BPF_PROG_TYPE_PERF_EVENT = 7,
	BPF_PROG_TYPE_CGROUP_SKB = 8,
	BPF_PROG_TYPE_CGROUP_SOCK = 9,
	BPF_PROG_TYPE_LWT_IN = 10,
	BPF_PROG_TYPE_LWT_OUT = 11,
	BPF_PROG_TYPE_LWT_XMIT = 12,
	BPF_PROG_TYPE_SOCK_OPS = 13,
	BPF_PROG_TYPE_SK_SKB = 14,
	BPF_PROG_TYPE_CGROUP_DEVICE = 15,
	BPF_PROG_TYPE_SK_MSG = 16,
	BPF_PROG_TYPE_RAW_TRACEPOINT = 17,
	BPF_PROG_TYPE_CGROUP_SOCK_ADDR = 18,
	BPF_PROG_TYPE_LWT_SEG6LOCAL = 19,
	BPF_PROG_TYPE_LIRC_MODE2 = 20,
	BPF_PROG_TYPE_SK_REUSEPORT = 21,
	BPF_PROG_TYPE_FLOW_DISSECTOR = 22,
	BPF_PROG_TYPE_CGROUP_SYSCTL = 23,
	BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE = 24,
	BPF_PROG_TYPE_CGROUP_SOCKOPT = 25,
	BPF_PROG_TYPE_TRACING = 26,
	BPF_PROG_TYPE_STRUCT_OPS = 27,
	BPF_PROG_TYPE_EXT = 28,
	BPF_PROG_TYPE_LSM = 29,
	BPF_PROG_TYPE_SK_LOOKUP = 30,
	BPF_PROG_TYPE_SYSCALL = 31,
	BPF_PROG_TYPE_NETFILTER = 32,
	__MAX_BPF_PROG_TYPE
};

/* ---- Attach types ------------------------------------------------------- */
enum bpf_attach_type {
	BPF_CGROUP_INET_INGRESS = 0,
	BPF_CGROUP_INET_EGRESS = 1,
	BPF_CGROUP_INET_SOCK_CREATE = 2,
	BPF_CGROUP_SOCK_OPS = 3,
	BPF_SK_SKB_STREAM_PARSER = 4,
	BPF_SK_SKB_STREAM_VERDICT = 5,
	BPF_CGROUP_DEVICE = 6,
	BPF_SK_MSG_VERDICT = 7,
	BPF_CGROUP_INET4_BIND = 8,
	BPF_CGROUP_INET6_BIND = 9,
	BPF_CGROUP_INET4_CONNECT = 10,
	BPF_CGROUP_INET6_CONNECT = 11,
	BPF_CGROUP_INET4_POST_BIND = 12,
	BPF_CGROUP_INET6_POST_BIND = 13,
	BPF_CGROUP_UDP4_SENDMSG = 14,
	BPF_CGROUP_UDP6_SENDMSG = 15,
	BPF_LIRC_MODE2 = 16,
	BPF_FLOW_DISSECTOR = 17,
	BPF_CGROUP_SYSCTL = 18,
	BPF_CGROUP_UDP4_RECVMSG = 19,
	BPF_CGROUP_UDP6_RECVMSG = 20,
	BPF_CGROUP_GETSOCKOPT = 21,
	BPF_CGROUP_SETSOCKOPT = 22,
	BPF_TRACE_RAW_TP = 23,
	BPF_TRACE_FENTRY = 24,
	BPF_TRACE_FEXIT = 25,
	BPF_MODIFY_RETURN = 26,
	BPF_LSM_MAC = 27,
	BPF_TRACE_ITER = 28,
	BPF_CGROUP_INET4_GETPEERNAME = 29,
	BPF_CGROUP_INET6_GETPEERNAME = 30,
	BPF_CGROUP_INET4_GETSOCKNAME = 31,
	BPF_CGROUP_INET6_GETSOCKNAME = 32,
	BPF_XDP_DEVMAP = 33,
	BPF_CGROUP_INET_SOCK_RELEASE = 34,
	BPF_XDP_CPUMAP = 35,
	BPF_SK_LOOKUP = 36,
	BPF_XDP = 37,
	BPF_SK_SKB_VERDICT = 38,
	BPF_SK_REUSEPORT_SELECT = 39,
	BPF_SK_REUSEPORT_SELECT_OR_MIGRATE = 40,
	BPF_PERF_EVENT = 41,
	BPF_TRACE_KPROBE_MULTI = 42,
	BPF_LSM_CGROUP = 43,
	BPF_STRUCT_OPS = 44,
	BPF_NETFILTER = 45,
	BPF_TCX_INGRESS = 46,
	BPF_TCX_EGRESS = 47,
	BPF_TRACE_UPROBE_MULTI = 48,
	BPF_CGROUP_UNIX_CONNECT = 49,
	BPF_CGROUP_UNIX_SENDMSG = 50,
	BPF_CGROUP_UNIX_RECVMSG = 51,
	BPF_CGROUP_UNIX_GETPEERNAME = 52,
	BPF_CGROUP_UNIX_GETSOCKNAME = 53,
	BPF_NETKIT_PRIMARY = 54,
	BPF_NETKIT_PEER = 55,
	BPF_TRACE_KPROBE_SESSION = 56,
	BPF_TRACE_UPROBE_SESSION = 57,
	__MAX_BPF_ATTACH_TYPE
};
#define MAX_BPF_ATTACH_TYPE __MAX_BPF_ATTACH_TYPE

/* ---- Link types --------------------------------------------------------- */
enum bpf_link_type {
	BPF_LINK_TYPE_UNSPEC = 0,
	BPF_LINK_TYPE_RAW_TRACEPOINT = 1,
	BPF_LINK_TYPE_TRACING = 2,
	BPF_LINK_TYPE_CGROUP = 3,
	BPF_LINK_TYPE_ITER = 4,
	BPF_LINK_TYPE_NETNS = 5,
	BPF_LINK_TYPE_XDP = 6,
	BPF_LINK_TYPE_PERF_EVENT = 7,
	BPF_LINK_TYPE_KPROBE_MULTI = 8,
	BPF_LINK_TYPE_STRUCT_OPS = 9,
	BPF_LINK_TYPE_NETFILTER = 10,
	BPF_LINK_TYPE_TCX = 11,
	BPF_LINK_TYPE_UPROBE_MULTI = 12,
	BPF_LINK_TYPE_NETKIT = 13,
	BPF_LINK_TYPE_SOCKMAP = 14,
	__MAX_BPF_LINK_TYPE,
};
#define MAX_BPF_LINK_TYPE __MAX_BPF_LINK_TYPE

/* ---- Attach flags (BPF_PROG_ATTACH, BPF_PROG_DETACH, links) ------------ */
#define BPF_F_ALLOW_OVERRIDE (1U << 0)
#define BPF_F_ALLOW_MULTI    (1U << 1)
#define BPF_F_REPLACE        (1U << 2) /* also mprog: replace the relative */
#define BPF_F_BEFORE         (1U << 3) /* mprog */
#define BPF_F_AFTER          (1U << 4) /* mprog */
#define BPF_F_ID             (1U << 5) /* mprog: relative given by id */
#define BPF_F_LINK           BPF_F_LINK /* mprog: relative is a link */

/* ---- Program load flags ------------------------------------------------- */
#define BPF_F_STRICT_ALIGNMENT (1U << 0)
#define BPF_F_ANY_ALIGNMENT    (1U << 1)
#define BPF_F_TEST_RND_HI32    (1U << 2)
#define BPF_F_TEST_STATE_FREQ  (1U << 3)
#define BPF_F_SLEEPABLE        (1U << 4)
#define BPF_F_XDP_HAS_FRAGS    (1U << 5)
#define BPF_F_XDP_DEV_BOUND_ONLY (1U << 6)
#define BPF_F_TEST_REG_INVARIANTS (1U << 7)

/* ---- Map update flags --------------------------------------------------- */
enum {
	BPF_ANY = 0,     /* create or update */
	BPF_NOEXIST = 1, /* create only */
	BPF_EXIST = 2,   /* update only */
	BPF_F_LOCK = 4,  /* under the value's bpf_spin_lock */
};

/* ---- Map creation flags (map_flags) ------------------------------------- */
enum {
	BPF_F_NO_PREALLOC = (1U << 0),
	BPF_F_NO_COMMON_LRU = (1U << 1),
	BPF_F_NUMA_NODE = (1U << 2),
	BPF_F_RDONLY = (1U << 3),
	BPF_F_WRONLY = (1U << 4),
	BPF_F_STACK_BUILD_ID = (1U << 5),
	BPF_F_ZERO_SEED = (1U << 6),
	BPF_F_RDONLY_PROG = (1U << 7),
	BPF_F_WRONLY_PROG = (1U << 8),
	BPF_F_CLONE = (1U << 9),
	BPF_F_MMAPABLE = (1U << 10),
	BPF_F_PRESERVE_ELEMS = (1U << 11),
	BPF_F_INNER_MAP = (1U << 12),
	BPF_F_LINK = (1U << 13),
	BPF_F_PATH_FD = (1U << 14),
	BPF_F_VTYPE_BTF_OBJ_FD = (1U << 15),
	BPF_F_TOKEN_FD = (1U << 16),
	BPF_F_SEGV_ON_FAULT = (1U << 17),
	BPF_F_NO_USER_CONV = (1U << 18),
};

/* ---- Query and test_run flags ------------------------------------------- */
#define BPF_F_QUERY_EFFECTIVE (1U << 0)
#define BPF_F_TEST_RUN_ON_CPU (1U << 0)
#define BPF_F_TEST_XDP_LIVE_FRAMES (1U << 1)
#define BPF_F_TEST_SKB_CHECKSUM_COMPLETE (1U << 2)

/* ---- Flags of helpers --------------------------------------------------- */
enum {
	BPF_F_RECOMPUTE_CSUM = (1ULL << 0), /* bpf_skb_store_bytes */
	BPF_F_INVALIDATE_HASH = (1ULL << 1),
};
enum {
	BPF_F_HDR_FIELD_MASK = 0xfULL, /* bpf_l3/l4_csum_replace */
};
enum {
	BPF_F_PSEUDO_HDR = (1ULL << 4),
	BPF_F_MARK_MANGLED_0 = (1ULL << 5),
	BPF_F_MARK_ENFORCE = (1ULL << 6),
	BPF_F_IPV6 = (1ULL << 7),
};
enum {
	BPF_F_INGRESS = (1ULL << 0), /* bpf_redirect, bpf_clone_redirect */
};
enum {
	BPF_F_INDEX_MASK = 0xffffffffULL, /* perf event output */
	BPF_F_CURRENT_CPU = BPF_F_INDEX_MASK,
	BPF_F_CTXLEN_MASK = (0xfffffULL << 32),
};
enum {
	BPF_F_BROADCAST = (1ULL << 3), /* bpf_redirect_map */
	BPF_F_EXCLUDE_INGRESS = (1ULL << 4),
};
enum {
	BPF_F_SYSCTL_BASE_NAME = (1ULL << 0), /* bpf_sysctl_get_name */
};
enum {
	BPF_F_TIMER_ABS = (1ULL << 0),
	BPF_F_TIMER_CPU_PIN = (1ULL << 1),
};

/* ---- Ring buffers ------------------------------------------------------- */
/* Flags of bpf_ringbuf_output/submit/discard and bpf_user_ringbuf_drain. */
enum {
	BPF_RB_NO_WAKEUP = (1ULL << 0),
	BPF_RB_FORCE_WAKEUP = (1ULL << 1),
};
/* Queries of bpf_ringbuf_query. */
enum {
	BPF_RB_AVAIL_DATA = 0,
	BPF_RB_RING_SIZE = 1,
	BPF_RB_CONS_POS = 2,
	BPF_RB_PROD_POS = 3,
};
/* Record header: the length word carries two flag bits. */
enum {
	BPF_RINGBUF_BUSY_BIT = (1U << 31),
	BPF_RINGBUF_DISCARD_BIT = (1U << 30),
	BPF_RINGBUF_HDR_SZ = 8,
};
#define BPF_MAX_USER_RINGBUF_SAMPLES (128 * 1024)

/* ---- Program return codes ----------------------------------------------- */
enum xdp_action {
	XDP_ABORTED = 0,
	XDP_DROP,
	XDP_PASS,
	XDP_TX,
	XDP_REDIRECT,
};

enum tcx_action_base {
	TCX_NEXT = -1,
	TCX_PASS = 0,
	TCX_DROP = 2,
	TCX_REDIRECT = 7,
};

#define TC_ACT_UNSPEC     (-1)
#define TC_ACT_OK         0
#define TC_ACT_RECLASSIFY 1
#define TC_ACT_SHOT       2
#define TC_ACT_PIPE       3
#define TC_ACT_STOLEN     4
#define TC_ACT_QUEUED     5
#define TC_ACT_REPEAT     6
#define TC_ACT_REDIRECT   7

/* ---- Helper ids --------------------------------------------------------- */
#define BH_HELPER_ID(name, id) BPF_FUNC_##name = id,
enum bpf_func_id {
#include "helper_ids.def"
	__BPF_FUNC_MAX_ID,
};
#undef BH_HELPER_ID

/* ---- Kfunc ids (bpfhost's own: kfunc_ids.def) ---------------------------- */
#define BH_KFUNC_ID(name, id) BH_KFUNC_##name = id,
enum bh_kfunc_id {
#include "kfunc_ids.def"
	BH_KFUNC_MAX_ID,
};
#undef BH_KFUNC_ID

/* ---- Objects ------------------------------------------------------------ */
#define BPF_OBJ_NAME_LEN 16U
#define BPF_TAG_SIZE 8

#endif /* BPFHOST_UAPI_H */
