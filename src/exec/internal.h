/* SPDX-License-Identifier: MIT */
/*
 * exec/internal.h - running programs: the interpreter's entry points and the
 * per-run environment that helpers see.
 */
#ifndef BH_EXEC_INTERNAL_H
#define BH_EXEC_INTERNAL_H

#include "core/internal.h"

#define BH_MAX_CALL_FRAMES 8
#define BH_MAX_TAIL_CALL_CNT 33
#define BH_EXEC_MAX_REGIONS 16

struct bh_prog;

/* Memory a checked run may touch besides its stack. */
struct bh_region {
	uintptr_t start;
	size_t size;
	bool writable;
};

/* Everything one run needs; lives on the caller's stack for the run. */
struct bh_exec_env {
	struct bh_prog *prog;        /* program running now (tail calls change it) */
	uint64_t args[5];            /* R1..R5 at entry */
	struct bh_region regions[BH_EXEC_MAX_REGIONS];
	unsigned int region_cnt;
	const uint8_t *pkt;          /* legacy BPF_ABS/BPF_IND packet */
	uint32_t pkt_len;
	/* Negative BPF_ABS/BPF_IND offsets (SKF_NET_OFF, SKF_LL_OFF) read
	 * from these headers, inside [pkt_head, pkt + pkt_len); NULL: none. */
	const uint8_t *pkt_head, *pkt_mac, *pkt_net;
	uint32_t tail_call_cnt;
	int fault;                   /* 0, or -EFAULT once a checked access failed */
	uint32_t fault_pc;
	const char *fault_what;
	uint64_t insn_cnt;           /* executed instructions (checked runs) */
	/* Set by the interpreter for the run: its stack, and whether it checks. */
	uintptr_t stack_lo, stack_hi;
	bool checked;
	/* Set by the caller: run checked even if the program is verified or
	 * loaded unchecked (hooks: a raw context the verifier did not type). */
	bool force_checked;
};

/* The run of the calling thread (helpers read it); NULL outside runs. */
extern __attribute__((tls_model("initial-exec"))) _Thread_local struct bh_exec_env *bh_exec_current;

/* Add memory a checked run may access; -E2BIG when the table is full. */
int exec_add_region(struct bh_exec_env *env, const void *start, size_t size,
		    bool writable);

/* Is [ptr, ptr + size) inside the run's stack or regions (any mode)? */
bool exec_access_ok(const struct bh_exec_env *env, const void *ptr,
		    uint64_t size, bool write);

/*
 * Run env->prog to its exit.  Takes no CPU slot and no RCU lock: callers
 * (test_run, hooks) do.  Returns 0 with *r0 set, or env->fault.
 */
int exec_run(struct bh_exec_env *env, uint64_t *r0);

/*
 * Set by the PROG_ARRAY map: the program at @index of @map, or NULL.  The
 * interpreter calls it for bpf_tail_call.  NULL hook: every tail call fails
 * and the program goes on, as when the slot is empty.
 */
extern struct bh_prog *(*exec_tail_call_lookup)(void *map, uint32_t index);

#endif /* BH_EXEC_INTERNAL_H */
