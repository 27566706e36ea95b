/* SPDX-License-Identifier: MIT */
/*
 * bpfhost/prog.h - programs: load instructions, run them.
 *
 * A program is a reference-counted object with a process-wide id.  Loading
 * checks every instruction's encoding (reserved fields, known opcodes, jumps
 * and calls inside the program, complete ld_imm64 pairs, a final exit or
 * jump, no register read before it is written) and refuses the program with
 * a message in the log buffer.
 *
 * Until the verifier (docs/verifier.md) lands, a loaded program runs in the
 * interpreter's checked mode: every load and store is checked against the
 * memory the run gave the program (its stack, the context, the data) and an
 * access outside it ends the run with -EFAULT.  BH_PROG_LOAD_F_UNCHECKED
 * runs without those checks; it exists for interpreter tests and benchmarks
 * of trusted code and must not be used on untrusted programs.
 *
 * Thread-safety: a loaded program is immutable; any number of threads may
 * run it at once.  bh_prog__free() must not race with runs of the same
 * reference (hold one reference per user).
 */
#ifndef BPFHOST_PROG_H
#define BPFHOST_PROG_H

#include "common.h"

struct bpf_insn;
struct bh_prog;
struct bh_map;
struct bh_btf;
struct bh_func_info;

/** Load flags (bh_prog_load_opts.bh_flags). */
enum {
	/*
	 * Run without memory-access checks.  Verified programs always do;
	 * with BH_PROG_LOAD_F_NO_VERIFY this is the escape hatch for trusted
	 * code (benchmarks of the fast mode): nothing checks the program.
	 */
	BH_PROG_LOAD_F_UNCHECKED = (1U << 0),
	/*
	 * Do not verify (docs/verifier.md); without it every load is
	 * verified.  For tests of the interpreter alone, which run programs
	 * the verifier would refuse (the bpf_conformance suite reads memory
	 * without bounds checks); such a program runs in the checked mode
	 * unless BH_PROG_LOAD_F_UNCHECKED is given too, and the loader's
	 * register-initialisation check applies.  Never use it for untrusted
	 * programs.
	 */
	BH_PROG_LOAD_F_NO_VERIFY = (1U << 1),
	/*
	 * Load as the kernel does for a loader without CAP_BPF, CAP_PERFMON
	 * and CAP_SYS_ADMIN (docs/verifier.md, "Unprivileged loads"): only
	 * BPF_PROG_TYPE_SOCKET_FILTER and BPF_PROG_TYPE_CGROUP_SKB (others
	 * fail with -EPERM), at most 4096 instructions (-E2BIG), the helpers
	 * the kernel gives such a loader, and the verifier's unprivileged
	 * rules: no pointer leaks into maps, the context, helpers or the
	 * return value, no pointer comparisons or partial copies, no reads
	 * of uninitialised stack, no BPF-to-BPF calls, callbacks or loops.
	 * Cannot be combined with BH_PROG_LOAD_F_NO_VERIFY (-EINVAL).
	 */
	BH_PROG_LOAD_F_UNPRIV = (1U << 2),
};

struct bh_prog_load_opts {
	size_t sz;
	/* Program name, at most BPF_OBJ_NAME_LEN - 1 characters. */
	const char *name;
	/* BPF_F_* load flags of the kernel (prog_flags). */
	uint32_t prog_flags;
	/* BH_PROG_LOAD_F_* flags of bpfhost. */
	uint32_t bh_flags;
	/* Log: a buffer the loader writes its messages to, NUL-terminated. */
	char *log_buf;
	size_t log_size;
	uint32_t log_level;
	/* Expected attach type (enum bpf_attach_type). */
	uint32_t expected_attach_type;
	/*
	 * Registers R1..R<entry_args> hold arguments at entry (0 or 1: only
	 * R1, the context; at most 5).  bh_prog__exec() callers that pass more set this, so the
	 * loader's uninitialised-register check knows them.
	 */
	uint32_t entry_args;
	/* License string; "GPL"-compatible ones unlock GPL-only helpers. */
	const char *license;
	/*
	 * Maps for ld_imm64 with BPF_PSEUDO_MAP_IDX / BPF_PSEUDO_MAP_IDX_VALUE,
	 * whose imm indexes this array (the kernel's fd_array).  With
	 * BPF_PSEUDO_MAP_FD / BPF_PSEUDO_MAP_VALUE, imm is a map id instead
	 * of a descriptor: bpfhost has no descriptors.  The program takes its
	 * own reference on every map it uses.
	 */
	struct bh_map **maps;
	size_t map_cnt;
	/*
	 * The program's BTF and one func_info record per function (the
	 * kernel's prog_btf_fd, func_info, func_info_cnt), read during the
	 * call only: functions with BTF_FUNC_GLOBAL linkage are then verified
	 * on their own, with arguments typed by their BTF prototype.  The
	 * records' insn_off are instruction indexes; name may be NULL.
	 */
	const struct bh_btf *prog_btf;
	const struct bh_func_info *func_info;
	size_t func_info_cnt;
	size_t :0;
};
#define bh_prog_load_opts__last_field func_info_cnt

/**
 * Load @insn_cnt instructions as a program of @prog_type.
 *
 * @param prog_type enum bpf_prog_type.
 * @param insns     Instructions; copied, the caller keeps ownership.
 * @param insn_cnt  Number of 8-byte slots, 1 to 1,000,000.
 * @param opts      Options, or NULL for defaults.
 * @return a new program holding one reference, or NULL with errno:
 *         EINVAL (bad instruction, unknown type, bad options; the log says
 *         which instruction and why), E2BIG (too many instructions), ENOSPC
 *         (the log buffer was too small for the log), ENOMEM; for ld_imm64
 *         map references: EBADF (no map with that id), EPROTO (a map index
 *         without opts->maps), EFAULT (an index beyond opts->map_cnt),
 *         EINVAL (a direct value offset beyond the value, or a map type
 *         without direct values), EOPNOTSUPP (direct values of an ARRAY
 *         with more than one element).
 */
BH_API struct bh_prog *bh_prog__load(uint32_t prog_type,
				     const struct bpf_insn *insns,
				     size_t insn_cnt,
				     const struct bh_prog_load_opts *opts);

/** Drop one reference; the program is freed after the last. NULL is ignored. */
BH_API void bh_prog__free(struct bh_prog *prog);

/** Take another reference; returns @prog. */
BH_API struct bh_prog *bh_prog__get(struct bh_prog *prog);

/**
 * Find a loaded program by id and take a reference on it.
 * @return the program, or NULL with errno ENOENT.
 */
BH_API struct bh_prog *bh_prog__by_id(uint32_t id);

/**
 * Id of the next loaded program after @start_id (0 starts at the first).
 * @return 0 and *@next_id set, or -ENOENT at the end.
 */
BH_API int bh_prog__next_id(uint32_t start_id, uint32_t *next_id);

/** Process-wide id, never 0 and never reused while the program lives. */
BH_API uint32_t bh_prog__id(const struct bh_prog *prog);
/** enum bpf_prog_type of the program. */
BH_API uint32_t bh_prog__type(const struct bh_prog *prog);
/** Name given at load ("" when none); valid while the program lives. */
BH_API const char *bh_prog__name(const struct bh_prog *prog);
/**
 * The program's instructions as they run: the loaded ones after the
 * rewrites that follow verification (the kernel's "xlated" program, what
 * `bpftool prog dump xlated` shows; docs/verifier.md, "Rewrites").  Map
 * references are resolved to map pointers.  Valid while the program lives.
 * @param insn_cnt  set to the number of instructions (may be NULL)
 */
BH_API const struct bpf_insn *bh_prog__insns(const struct bh_prog *prog,
					     size_t *insn_cnt);
/**
 * Which loaded instruction the rewritten instruction @pc of
 * bh_prog__insns() comes from (a rewrite may turn one into several).
 * @return the loaded index, or -ENOENT when @pc is past the end.
 */
BH_API long bh_prog__orig_insn_idx(const struct bh_prog *prog, size_t pc);

/* Options of bh_prog__test_run, the fields of BPF_PROG_TEST_RUN. */
struct bh_test_run_opts {
	size_t sz;
	const void *data_in;    /* packet or other input data */
	void *data_out;         /* output data, may be NULL */
	uint32_t data_size_in;
	uint32_t data_size_out; /* in: size of data_out; out: bytes produced */
	const void *ctx_in;     /* context to start from */
	void *ctx_out;          /* context after the run, may be NULL */
	uint32_t ctx_size_in;
	uint32_t ctx_size_out;  /* in: size of ctx_out; out: bytes produced */
	uint32_t retval;        /* out: R0 of the last run (low 32 bits) */
	int repeat;             /* runs; 0 means 1 */
	uint32_t duration;      /* out: average ns per run */
	uint32_t flags;         /* BPF_F_TEST_RUN_ON_CPU, ... */
	uint32_t cpu;           /* CPU slot with BPF_F_TEST_RUN_ON_CPU */
	int batch_size;
	size_t :0;
};
#define bh_test_run_opts__last_field batch_size

/**
 * Run @prog the way the kernel's BPF_PROG_TEST_RUN does for its type: build
 * the context from ctx_in and data_in, run @repeat times, copy the data and
 * context out, report R0 of the last run and the mean duration.
 *
 * @return 0; -EINVAL for inputs the program type refuses (its rules follow
 *         the kernel's: e.g. a context larger than the type's, data too
 *         small for a packet type); -ENOSPC when data_out or ctx_out was
 *         smaller than the result (the copied prefix and the full size are
 *         still reported, as the kernel does); -ENOTSUPP (524) for program
 *         types without test_run; -EFAULT when a checked run touched memory
 *         outside its bounds or called a helper that does not exist.
 */
BH_API int bh_prog__test_run(struct bh_prog *prog,
			     struct bh_test_run_opts *opts);

/**
 * Run @prog once with R1..R<nargs> set from @args (missing ones are 0) and
 * R10 at the top of a fresh stack; the embedder's direct call.  @mem and
 * @mem_sz name memory the program may access in checked mode besides its
 * stack (usually what R1 points to); pass NULL/0 for none.
 *
 * A verified program (loaded without BH_PROG_LOAD_F_NO_VERIFY) runs
 * without checks, trusting what the verifier assumed: R1 is the context.
 * One that uses its context may only be run this way when it is a
 * BPF_PROG_TYPE_SYSCALL program, whose context is plain memory: R1 is then
 * @mem (@args[0] must repeat it), and @mem_sz must cover every context
 * byte the program uses.  R2..R5 (bh_prog_load_opts.entry_args) are
 * numbers to a verified program, never pointers it may dereference.
 *
 * @param ret On success, R0 at exit.
 * @return 0, or -EFAULT when a checked run touched memory outside its
 *         bounds, jumped to a helper that does not exist or overflowed
 *         the call stack; -EINVAL for a verified program of another type,
 *         with other arguments than @mem, or with @mem_sz too small.
 */
BH_API int bh_prog__exec(struct bh_prog *prog, const uint64_t *args,
			 unsigned int nargs, void *mem, size_t mem_sz,
			 uint64_t *ret);

#endif /* BPFHOST_PROG_H */
