/* SPDX-License-Identifier: MIT */
/*
 * tests/ringbuf/rb_insns.h - instruction builders and small helpers shared
 * by the ring buffer tests.
 */
#ifndef BH_TESTS_RB_INSNS_H
#define BH_TESTS_RB_INSNS_H

#include <bpfhost/bpfhost.h>

#define INSN(c, d, s, o, i)                                                 \
	{ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) }
#define MOV64K(d, i) INSN(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define MOV64X(d, s) INSN(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define ADD64K(d, i) INSN(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, i)
#define ADD64X(d, s) INSN(BPF_ALU64 | BPF_ADD | BPF_X, d, s, 0, 0)
#define LSH64K(d, i) INSN(BPF_ALU64 | BPF_LSH | BPF_K, d, 0, 0, i)
#define LDDW_SRC(d, src, imm) \
	INSN(BPF_LD | BPF_IMM | BPF_DW, d, src, 0, imm), INSN(0, 0, 0, 0, 0)
/* A map by id (bpfhost's BPF_PSEUDO_MAP_FD). */
#define LD_MAP(d, map) LDDW_SRC(d, BPF_PSEUDO_MAP_FD, (int32_t)bh_map__id(map))
#define LDX(sz, d, s, o) INSN(BPF_LDX | BPF_MEM | BPF_##sz, d, s, o, 0)
#define STX(sz, d, s, o) INSN(BPF_STX | BPF_MEM | BPF_##sz, d, s, o, 0)
#define ST(sz, d, o, i) INSN(BPF_ST | BPF_MEM | BPF_##sz, d, 0, o, i)
#define JEQK(d, i, o) INSN(BPF_JMP | BPF_JEQ | BPF_K, d, 0, o, i)
#define JNEK(d, i, o) INSN(BPF_JMP | BPF_JNE | BPF_K, d, 0, o, i)
#define CALL(id) INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_##id)
#define EXIT() INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static inline struct bh_prog *rb_test_load_flags(const struct bpf_insn *insns,
						 size_t cnt, uint32_t bh_flags)
{
	char log[512] = "";
	BH_OPTS(bh_prog_load_opts, opts, .license = "GPL", .log_buf = log,
		.log_size = sizeof(log), .entry_args = 1, .bh_flags = bh_flags);
	struct bh_prog *prog = bh_prog__load(BPF_PROG_TYPE_SYSCALL, insns, cnt,
					     &opts);

	if (!prog)
		fprintf(stderr, "  load failed: errno %d, log: %s\n", errno, log);
	return prog;
}

static inline struct bh_prog *rb_test_load(const struct bpf_insn *insns,
					   size_t cnt, bool unchecked)
{
	return rb_test_load_flags(insns, cnt,
				  unchecked ? BH_PROG_LOAD_F_UNCHECKED : 0);
}

/*
 * Loaded with BH_PROG_LOAD_F_NO_VERIFY: for tests of what the checked
 * interpreter catches in unverified code (use after submit, forged dynptrs,
 * faulting callbacks), and for programs calling the dynptr helpers and
 * bpf_user_ringbuf_drain, which the verifier does not handle yet.
 */
static inline struct bh_prog *rb_test_load_nv(const struct bpf_insn *insns,
					      size_t cnt, bool unchecked)
{
	return rb_test_load_flags(insns, cnt, BH_PROG_LOAD_F_NO_VERIFY |
				  (unchecked ? BH_PROG_LOAD_F_UNCHECKED : 0));
}

/* Notifications sent through @map's eventfd since the last call. */
static inline uint64_t rb_test_wakeups(struct bh_map *map)
{
	uint64_t cnt = 0;

	if (read(bh_ringbuf__event_fd(map), &cnt, sizeof(cnt)) != sizeof(cnt))
		return 0;
	return cnt;
}

#endif /* BH_TESTS_RB_INSNS_H */
