/* SPDX-License-Identifier: MIT */
/*
 * progs/internal.h - the program object and program-type operations.
 */
#ifndef BH_PROGS_INTERNAL_H
#define BH_PROGS_INTERNAL_H

#include "core/internal.h"
#include "exec/internal.h"

struct bh_prog;
struct bh_ctx_desc;
struct bh_helper_proto;

/* Operations of one program type (one entry of core/bpf_types.def). */
struct bh_prog_ops {
	const char *name;
	/* API only: BPF_PROG_TEST_RUN; NULL: -ENOTSUPP. */
	int (*test_run)(struct bh_prog *prog, struct bh_test_run_opts *opts);
	/* Load and verifier: the context's fields (progs/ctx_access.h) for
	 * an expected_attach_type; NULL: no rules given (the run's checks). */
	const struct bh_ctx_desc *(*ctx_desc)(uint32_t expected_attach_type);
	/* Load and verifier: the helper @func_id as this type may call it, or
	 * NULL when it may not (the kernel's get_func_proto); NULL: any. */
	const struct bh_helper_proto *(*get_func_proto)(uint32_t func_id,
							const struct bh_prog *prog);
	/* Verifier: the range R0 must be in at exit for @expected_attach_type;
	 * false (or NULL): any value, as the kernel for most types. */
	bool (*ret_range)(uint32_t expected_attach_type, int32_t *lo, int32_t *hi);
	/* Load: type-specific checks (expected_attach_type...); NULL: none. */
	int (*check_load)(const struct bh_prog *prog, struct bh_log *log);
};

/* Maps a program refers to (progs/map_refs.c). */
struct prog_maps {
	struct bh_map **maps;       /* referenced, each once */
	size_t map_cnt;
	struct bh_region *regions;  /* direct values (global data) */
	size_t region_cnt;
	struct bpf_insn *insns;     /* during load: the resolved copy */
};

struct bh_prog {
	struct bh_obj obj;
	/* Everything below is immutable after bh_prog__load() returns. */
	uint32_t type;
	uint32_t expected_attach_type;
	uint32_t prog_flags;
	const struct bh_prog_ops *ops;
	char name[BPF_OBJ_NAME_LEN];
	bool unchecked; /* run without access checks (BH_PROG_LOAD_F_UNCHECKED) */
	bool gpl;
	bool unpriv;             /* loaded as by a loader without CAP_BPF (BH_PROG_LOAD_F_UNPRIV) */
	bool verified;           /* the verifier accepted it (runs unchecked) */
	uint32_t max_ctx_offset; /* verifier: context bytes the program may touch */
	bool tail_calls;         /* calls bpf_tail_call (its targets may read more) */
	size_t insn_cnt;
	struct bpf_insn *insns;     /* after the rewrites (verifier/fixup.c) */
	uint32_t *orig_idx;         /* per insn: the loaded instruction's index */
	size_t orig_cnt;            /* instructions as loaded */
	struct prog_maps maps;      /* insns is NULL once loaded */
	/* The loaded program: itself, or, in the copy a callback runs as
	 * (exec/callback.c), the program it was copied from.  Callback
	 * addresses are indexes into origin->insns; references go to it. */
	struct bh_prog *origin;
};

/*
 * Resolve the BPF_PSEUDO_MAP_* ld_imm64 of @insns into pm->insns (a copy,
 * NULL when nothing needed resolving), referencing every map used.
 * @fd_array / @fd_cnt: bh_prog_load_opts.maps.  Returns 0 or -errno with
 * the reason in @log (-EBADF no such map id, -EPROTO an index without
 * maps, -EFAULT an index beyond them, -EINVAL a bad offset or map type).
 */
int prog_maps_resolve(struct prog_maps *pm, const struct bpf_insn *insns,
		      size_t insn_cnt, struct bh_map *const *fd_array,
		      size_t fd_cnt, struct bh_log *log);
/* Drop the references and free everything. */
void prog_maps_release(struct prog_maps *pm);
/* A checked run may access [start, start + size) too (inlined lookups). */
int prog_maps_add_area(struct prog_maps *pm, void *start, size_t size,
		       bool writable);
/* Let a checked run access the program's direct map values. */
void prog_maps_add_regions(const struct prog_maps *pm, struct bh_exec_env *env);

const struct bh_prog_ops *prog_type_ops(uint32_t type);

/*
 * The program type's load-time rules (progs/type_check.c): its check_load
 * (expected_attach_type...) and, for every helper call, its get_func_proto
 * ("program of this type cannot use helper bpf_xxx#N").  -EINVAL with the
 * reason in @log.
 */
int prog_check_type(uint32_t prog_type, const struct bpf_insn *insns,
		    size_t insn_cnt, const struct bh_prog_load_opts *opts,
		    struct bh_log *log);

/*
 * Run @prog once with @env prepared by the caller (args, regions, packet):
 * takes a CPU slot and the RCU read lock, runs, releases.
 */
int prog_run(struct bh_prog *prog, struct bh_exec_env *env, uint64_t *r0);
/* prog_run for a caller already holding a CPU slot and the RCU read lock. */
int prog_run_held(struct bh_prog *prog, struct bh_exec_env *env, uint64_t *r0);

/* Shared test_run checks: sizes, repeat, and flags outside @allowed_flags. */
int test_run_check_common(const struct bh_test_run_opts *opts,
			  uint32_t allowed_flags);
/* Repeat prog_run opts->repeat times; sets retval and mean duration. */
int test_run_repeat(struct bh_prog *prog, struct bh_exec_env *env,
		    struct bh_test_run_opts *opts, uint64_t *r0);
/*
 * Copy results out as the kernel does: data cut to data_size_out (0: no
 * limit), the context to ctx_size_out; -ENOSPC when cut, the sizes set to
 * the full sizes.
 */
int test_run_data_out(struct bh_test_run_opts *opts, const void *data,
		      uint32_t size);
int test_run_ctx_out(struct bh_test_run_opts *opts, const void *ctx,
		     uint32_t size);
/*
 * test_run for a type whose context is plain memory its programs only read
 * (KPROBE's pt_regs, TRACEPOINT's record, PERF_EVENT's
 * bpf_perf_event_data): the context is ctx_in, at least as long as the
 * verifier saw the program read (max_ctx_offset) and at most @ctx_max
 * bytes; no data; repeat and BPF_F_TEST_RUN_ON_CPU as for every type;
 * ctx_out receives the context as the run left it.  The kernel has no
 * test_run for these types (-ENOTSUPP).
 */
int test_run_ctx_mem(struct bh_prog *prog, struct bh_test_run_opts *opts,
		     uint32_t ctx_max);

#endif /* BH_PROGS_INTERNAL_H */
