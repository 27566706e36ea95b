/* SPDX-License-Identifier: MIT */
/*
 * verifier/internal.h - the verifier's abstract state and the functions its
 * files share.
 *
 * The verifier walks every path of the program with an abstract state (the
 * registers and the stack of each call frame), as the kernel's
 * kernel/bpf/verifier.c does:
 *
 *   check.c   entry point, control-flow graph, the main loop, the path stack
 *   tnum.c    tristate numbers (known bits)
 *   state.c   registers and stack slots: marking, copying, freeing
 *   alu.c     scalar bounds and pointer arithmetic
 *   branch.c  conditional jumps: branch taken?, refinement on both paths
 *   mem.c     loads, stores and atomics on ctx, stack, map values, packet, mem
 *   calls.c   helper calls by prototype, BPF-to-BPF calls, exit
 *   prune.c   state equivalence (states_equal) and the explored-state lists
 *   log.c     the kernel's register-type names and state dumps
 *
 * Soundness first (DESIGN.md): every rule here is at least as strict as the
 * kernel's for a privileged loader, and where bpfhost tracks less (see
 * docs/verifier.md) it rejects rather than guesses.  An unprivileged load
 * (env->priv false: the kernel's loader without CAP_BPF and CAP_PERFMON)
 * adds the kernel's rules against pointer leaks and uninitialised reads.
 */
#ifndef BH_VERIFIER_INTERNAL_H
#define BH_VERIFIER_INTERNAL_H

#include "core/internal.h"
#include "verifier/load.h"

struct bh_map;
struct bh_helper_proto;
struct bh_kfunc;

/* ---- tnum.c: a value whose bits are known (mask 0) or unknown (mask 1) ---- */
struct tnum {
	uint64_t value;
	uint64_t mask;
};

#define TNUM(v, m) ((struct tnum){ .value = (v), .mask = (m) })
extern const struct tnum tnum_unknown;
struct tnum tnum_const(uint64_t value);
struct tnum tnum_range(uint64_t min, uint64_t max);
struct tnum tnum_lshift(struct tnum a, uint8_t shift);
struct tnum tnum_rshift(struct tnum a, uint8_t shift);
struct tnum tnum_arshift(struct tnum a, uint8_t min_shift, uint8_t insn_bitness);
struct tnum tnum_add(struct tnum a, struct tnum b);
struct tnum tnum_sub(struct tnum a, struct tnum b);
struct tnum tnum_neg(struct tnum a);
struct tnum tnum_and(struct tnum a, struct tnum b);
struct tnum tnum_or(struct tnum a, struct tnum b);
struct tnum tnum_xor(struct tnum a, struct tnum b);
struct tnum tnum_mul(struct tnum a, struct tnum b);
struct tnum tnum_intersect(struct tnum a, struct tnum b);
struct tnum tnum_cast(struct tnum a, uint8_t size);
bool tnum_is_aligned(struct tnum a, uint64_t size);
bool tnum_in(struct tnum a, struct tnum b);
int tnum_sbin(char *str, size_t size, struct tnum a);
int tnum_strn(char *str, size_t size, struct tnum a);
struct tnum tnum_subreg(struct tnum a);
struct tnum tnum_clear_subreg(struct tnum a);
struct tnum tnum_with_subreg(struct tnum reg, struct tnum subreg);
struct tnum tnum_const_subreg(struct tnum a, uint32_t value);
static inline bool tnum_is_const(struct tnum a) { return !a.mask; }
static inline bool tnum_equals_const(struct tnum a, uint64_t b)
{
	return tnum_is_const(a) && a.value == b;
}
static inline bool tnum_is_unknown(struct tnum a) { return !~a.mask; }
static inline bool tnum_subreg_is_const(struct tnum a)
{
	return !(tnum_subreg(a).mask);
}

/* ---- register types, as the kernel's enum bpf_reg_type ----
 * The names are the kernel's, unprefixed on purpose: the code reads like
 * kernel/bpf/verifier.c, which is what anyone checking it compares with. */
enum bh_reg_type {
	NOT_INIT = 0,
	SCALAR_VALUE,
	PTR_TO_CTX,
	CONST_PTR_TO_MAP,
	PTR_TO_MAP_VALUE,
	PTR_TO_MAP_KEY,
	PTR_TO_STACK,
	PTR_TO_PACKET_META,
	PTR_TO_PACKET,
	PTR_TO_PACKET_END,
	PTR_TO_MEM,
	PTR_TO_FUNC,          /* a callback: ld_imm64 BPF_PSEUDO_FUNC */
	CONST_PTR_TO_DYNPTR,  /* a dynptr a helper gives a callback (read only) */
	BH_REG_TYPE_CNT,
	/* flags over the base type */
	PTR_MAYBE_NULL = 1u << 8,
	MEM_RDONLY = 1u << 9,
	MEM_RINGBUF = 1u << 10, /* a reserved ring-buffer record */
};
#define BASE_TYPE(t) ((t) & 0xff)

#define BH_MAX_BPF_STACK 512
#define BH_REG_SIZE 8
#define BH_MAX_CALL_FRAMES 8
#define BH_MAX_REGS 11
#define BH_MAX_VAR_OFF (1 << 29)
#define BH_MAX_VAR_SIZ (1 << 29)
#define BH_MAX_PACKET_OFF 0xffff
#define BH_COMPLEXITY_LIMIT_INSNS 1000000
#define BH_COMPLEXITY_LIMIT_JMP_SEQ 8192
#define BH_MAX_STATES_PER_INSN 512 /* bpfhost's cap; the kernel evicts instead */

/* env->prune_point[] (check.c's check_cfg) */
#define BH_PRUNE_POINT 1      /* compare with the explored states here */
#define BH_LOOP_ENTRY 2       /* a simulated loop comes back here (the call of
			       * a helper that calls a callback): always a
			       * checkpoint, compared with the unfinished states
			       * of earlier iterations (prune.c) */

struct bh_reg {
	uint32_t type;        /* enum bh_reg_type | flags */
	int32_t off;          /* fixed offset of a pointer */
	uint32_t id;          /* NULL-check group, packet group, linked scalars */
	uint32_t ref_obj_id;  /* acquired reference this pointer holds, 0: none */
	struct bh_map *map_ptr; /* CONST_PTR_TO_MAP, PTR_TO_MAP_VALUE/KEY */
	uint32_t range;       /* PTR_TO_PACKET*: bytes known readable from off */
	uint32_t mem_size;    /* PTR_TO_MEM */
	uint32_t frameno;     /* PTR_TO_STACK: frame the pointer points into */
	uint32_t subprogno;   /* PTR_TO_FUNC: the callback's subprogram */
	uint32_t dynptr_id;   /* PTR_TO_MEM from bpf_dynptr_data: the dynptr's id */
	uint8_t dynptr_type;  /* STACK_DYNPTR slots, CONST_PTR_TO_DYNPTR: enum bh_dynptr_type */
	bool dynptr_first;    /* STACK_DYNPTR: the dynptr's first (lower) slot */
	uint8_t iter_state;   /* STACK_ITER: enum bh_iter_state */
	uint32_t iter_depth;  /* STACK_ITER: iterations of its loop on this path */
	struct tnum var_off;  /* variable part of a pointer, or a scalar's bits */
	int64_t smin, smax;
	uint64_t umin, umax;
	int32_t s32_min, s32_max;
	uint32_t u32_min, u32_max;
	bool written;         /* written by the current instruction (log: _w) */
	/* explored states only: the value mattered to safety below this state
	 * (prune.c's precision back-tracking); an imprecise old scalar matches
	 * any current scalar */
	bool precise;
};

enum bh_slot_type {
	STACK_INVALID = 0, /* never written */
	STACK_SPILL,       /* an 8-byte register spill */
	STACK_MISC,        /* some bytes */
	STACK_ZERO,        /* known zero bytes */
	STACK_DYNPTR,      /* half of a 16-byte struct bpf_dynptr (dynptr.c) */
	STACK_ITER,        /* an 8-byte open-coded iterator (iter.c) */
};

/* An iterator's state (the kernel's enum bpf_iter_state). */
enum bh_iter_state {
	BH_ITER_INVALID = 0,
	BH_ITER_ACTIVE,    /* next() may give an element */
	BH_ITER_DRAINED,   /* next() gave NULL: it gives NULL again */
};

/* What a dynptr points to (the kernel's enum bpf_dynptr_type). */
enum bh_dynptr_type {
	BH_DYNPTR_INVALID = 0,
	BH_DYNPTR_LOCAL,   /* program memory (a map value), or a user ring buffer sample */
	BH_DYNPTR_RINGBUF, /* a reserved ring buffer record: holds a reference */
};

#define BH_DYNPTR_SIZE 16
#define BH_DYNPTR_NR_SLOTS 2

/*
 * One 8-byte stack slot.  Byte i of the slot is the byte at address
 * fp - 8 * (spi + 1) + i (low addresses first); bpfhost spills only whole,
 * aligned 8-byte registers, so a slot is either all STACK_SPILL or none.
 * A dynptr takes two whole slots, spi (its first, lower half) and spi - 1,
 * all STACK_DYNPTR; @spilled of both describes it (type CONST_PTR_TO_DYNPTR,
 * id, ref_obj_id for ring buffer records, dynptr_type, dynptr_first).
 */
struct bh_stack_slot {
	struct bh_reg spilled;
	uint8_t type[BH_REG_SIZE];
	uint8_t live;         /* BH_LIVE_*: read and write marks (prune.c) */
};

/* Stack liveness: an explored state's slot is READ when a path below it read
 * the slot before overwriting it; WRITTEN: the segment that led to the state
 * (or, in the current state, the path since its last checkpoint) overwrote
 * the whole slot, so reads below do not reach the states above. */
#define BH_LIVE_READ 1
#define BH_LIVE_WRITTEN 2

struct bh_func_state {
	struct bh_reg regs[BH_MAX_REGS];
	int callsite;          /* pc of the call that made this frame, -1: main */
	uint32_t frameno;
	uint32_t subprogno;
	int allocated_stack;   /* bytes of stack tracked: slots * 8 */
	bool in_callback;      /* a callback a helper calls (bpf_loop...) */
	bool in_async_callback;/* frame 0 of a timer callback (calls.c) */
	uint32_t callback_refs;/* references held when the callback was entered */
	/* calls of a callback simulated from the helper call this frame is
	 * at (the kernel's callback_depth): bpf_loop stops at nr_loops */
	uint32_t callback_depth;
	uint32_t inst;         /* which call made this frame (liveness) */
	struct bh_stack_slot *stack;
};

/*
 * Jump history (the kernel's jmp_history): what back-tracking cannot infer
 * from the instructions alone.  An entry is kept for an instruction reached
 * other than by falling through (prev_idx != idx - 1, or another frame), and
 * for one that accessed the stack at known slots.
 */
#define BH_HIST_STACK_READ 1  /* loaded from @slots of @stack_frame */
#define BH_HIST_STACK_WRITE 2 /* stored into @slots */
#define BH_HIST_STACK_FULL 4  /* ... overwriting the whole (single) slot */
#define BH_HIST_LINKED 8      /* a branch refined the scalars in @linked */
#define BH_HIST_LINKED_OVF 16 /* ... and more than fit */
#define BH_HIST_CB_RETURN 32  /* reached from a callback's exit: the helper
			       * call that called it, executed again */
#define BH_HIST_MAX_LINKED 12
struct bh_hist {
	int idx, prev_idx;
	int8_t frame_delta;   /* frame at idx minus frame at prev_idx */
	uint8_t flags;
	uint8_t stack_frame;
	uint8_t nlinked;
	uint64_t slots;
	/* frame << 8 | is_stack << 7 | regno or spi */
	uint16_t linked[BH_HIST_MAX_LINKED];
};

struct bh_ref {
	uint32_t id;
	int insn_idx;
};

struct bh_vstate {
	struct bh_func_state *frame[BH_MAX_CALL_FRAMES];
	uint32_t curframe;
	/* acquired references (refs.c) */
	struct bh_ref *refs;
	uint32_t ref_cnt;
	/* the bpf_spin_lock held (calls.c): the map of the value and the id
	 * of the pointer it was taken through; NULL: no lock held */
	struct bh_map *active_lock_map;
	uint32_t active_lock_id;
	/* inside bpf_rcu_read_lock() .. bpf_rcu_read_unlock() (kfunc.c) */
	bool active_rcu_lock;
	/* pruning: the explored state this path descends from, and (for
	 * explored states) how many paths below it are still unfinished */
	struct bh_vstate *parent;
	uint32_t branches;
	int insn_idx;          /* explored states: where they were recorded */
	/* the segment of the path from the parent checkpoint: seg_len
	 * instructions (for the current state, the one being processed
	 * included), and their history */
	struct bh_hist *hist;
	uint32_t hist_cnt, hist_cap, seg_len;
	uint32_t last_frame;   /* curframe when the last instruction started */
	uint32_t cb_depth;     /* callback calls simulated on this path (the
			        * kernel's callback_unroll_depth) */
	/* explored states: checkpoints above this one, and the outermost
	 * unfinished loop entry whose loop this state is in (prune.c) */
	uint32_t depth;
	struct bh_vstate *loop_entry;
};

/* A path a loop's earlier state covered before its marks were complete
 * (prune.c): the marks go round again when the loop is finished. */
struct bh_backedge {
	struct bh_backedge *next;
	const struct bh_vstate *equal; /* the state that covered it */
	int insn_idx;
	struct bh_vstate st;           /* the path then (parents, history) */
};

/* An explored state kept at a prune point. */
struct bh_state_list {
	struct bh_state_list *next;
	struct bh_vstate state;
	uint32_t hit, miss;
	/* on its instruction's list of unfinished states (prune.c); @link
	 * points at what points at it there */
	bool pending;
	struct bh_state_list **link;
	/* a loop entry: the paths it covered while unfinished */
	struct bh_backedge *backedges;
};

/* A path waiting to be explored. */
struct bh_stack_elem {
	struct bh_vstate st;
	int insn_idx;
	int prev_insn_idx;
	size_t log_pos;
};

/* How a global function's argument is typed from its BTF prototype. */
enum bh_garg {
	GARG_SCALAR = 1, /* int, enum */
	GARG_CTX,        /* pointer to the program type's context struct */
	GARG_MEM,        /* pointer to mem_size bytes, or NULL */
	GARG_MEM_NONNULL,/* ... never NULL ("arg:nonnull" decl tag) */
};

struct bh_subprog {
	int start;
	int stack_depth;   /* deepest byte the subprogram touches */
	/* global functions (BTF_FUNC_GLOBAL linkage): verified once on their
	 * own from their BTF arguments, when some path calls them; the
	 * arguments are typed at the first call (args_cached) */
	bool global, called, verified, ret_void, args_cached;
	uint32_t func_id;        /* its FUNC in the program's BTF */
	uint8_t arg_cnt;
	uint8_t arg[5];          /* enum bh_garg */
	uint32_t mem_size[5];    /* GARG_MEM */
	const char *name;
	bool has_tail_call;
	bool is_async_cb;        /* a timer callback (calls.c): a stack root */
};

/* What the verifier needs from the program and the program type. */
struct bh_ctx_access {
	uint32_t reg_type;   /* type a load of the field gives (SCALAR_VALUE default) */
};

typedef bool (*bh_ctx_access_fn)(const void *rules, int off, int size,
				 bool write, struct bh_ctx_access *info);

struct bh_verifier_input {
	const struct bpf_insn *insns;
	size_t insn_cnt;
	uint32_t prog_type;
	uint32_t expected_attach_type;
	uint32_t prog_flags;
	uint32_t entry_args;      /* R2..R<entry_args> are scalars at entry */
	bool unpriv;              /* the loader lacks CAP_BPF/CAP_PERFMON */
	/* context rules of the program type; NULL: the context can't be read */
	bh_ctx_access_fn is_valid_access;
	const void *ctx_rules;    /* is_valid_access's first argument */
	bool ctx_as_mem;          /* helpers may take the context as memory (SYSCALL) */
	bool may_access_skb;      /* legacy BPF_LD_ABS/IND allowed (R6: the skb) */
	bool ret_range_check;     /* check R0 at exit against [ret_min, ret_max] */
	int32_t ret_min, ret_max;
	/* helper prototypes the program type allows; NULL: helper_proto() */
	const struct bh_helper_proto *(*proto)(void *ctx, uint32_t id);
	void *proto_ctx;
	/* ld_imm64 map references: the map an instruction names, with the value
	 * offset for BPF_PSEUDO_MAP_VALUE; NULL: the pointer is in the imm pair */
	struct bh_map *(*insn_map)(void *ctx, size_t pc, uint32_t *value_off);
	void *insn_map_ctx;
	/* BTF and func_info (NULL / 0: none): global functions (calls.c) */
	const struct bh_btf *btf;
	const struct bh_func_info *func_info;
	size_t func_info_cnt;
};


struct bh_verifier_env {
	const struct bh_verifier_input *in;
	struct bh_verifier_output *out;
	const struct bpf_insn *insns;
	size_t insn_cnt;
	struct bh_log *log;
	/* privileged loader (CAP_BPF, CAP_PERFMON): the kernel's
	 * allow_ptr_leaks, allow_uninit_stack and bpf_capable all at once */
	bool priv;
	bool strict_alignment;
	struct bh_vstate *cur;
	struct bh_stack_elem *stack; /* paths to explore */
	uint32_t stack_cnt, stack_cap;
	struct bh_state_list **explored; /* per instruction: finished states */
	struct bh_state_list **pending;  /* per instruction: unfinished ones */
	struct bh_state_list *dropped;   /* evicted from explored: freed at the end */
	uint32_t *explored_cnt;
	uint8_t *prune_point;  /* per instruction: BH_PRUNE_* */
	uint16_t *live_in;     /* per instruction: registers read before written */
	struct bh_subprog *subprogs;
	uint32_t subprog_cnt;
	uint32_t id_gen;
	int insn_idx, prev_insn_idx;
	uint32_t insn_processed;
	/* jump instructions processed; both counts when the last checkpoint
	 * was recorded (prune.c: the kernel's checkpoint spacing) */
	uint32_t jmps_processed, prev_jmps_processed, prev_insn_processed;
	uint32_t total_states, peak_states, cur_states, max_states_per_insn;
	uint32_t max_ctx_offset;
	struct bh_insn_aux *aux; /* per instruction, for fixup.c */
	bool print_state;      /* level 2: print the whole state before the insn */
	/* idmap of states_equal() */
	struct { uint32_t old, cur; } idmap[BH_MAX_CALL_FRAMES * (BH_MAX_REGS + 64)];
	uint32_t idmap_cnt, idmap_tmp;
	int cur_hist;          /* history entry of the current insn, -1: none */
	uint8_t arrive_flags;  /* BH_HIST_* for the next instruction's arrival */
	bool hist_lost;        /* out of memory recording history: mark all */
	uint32_t frame_inst_gen;
	uint32_t longest_mark_read_walk;
	uint32_t mark_gen;     /* counts new precision and read marks */
};

/* Log at any level (errors); verbose2 only at level 2. */
#define verbose(env, ...) bh_log((env)->log, __VA_ARGS__)

/* ---- state.c ---- */
struct bh_func_state *cur_frame(struct bh_verifier_env *env);
struct bh_reg *cur_regs(struct bh_verifier_env *env);
void mark_reg_not_init(struct bh_reg *reg);
void mark_reg_unknown(struct bh_reg *reg);
void mark_reg_invalid(struct bh_reg *reg, bool priv);
void mark_reg_known(struct bh_reg *reg, uint64_t imm);
void mark_reg_known_zero(struct bh_reg *reg);
void mark_reg_pointer(struct bh_reg *reg, uint32_t type);
void mark_reg_unbounded(struct bh_reg *reg);
void mark_reg32_unbounded(struct bh_reg *reg);
void reg_bounds_sync(struct bh_reg *reg);
bool reg_bounds_sane(const struct bh_reg *reg);
void init_func_state(struct bh_func_state *f, int callsite, uint32_t frameno,
		     uint32_t subprogno);
int grow_stack(struct bh_func_state *f, int size);
int copy_vstate(struct bh_vstate *dst, const struct bh_vstate *src);
void free_vstate(struct bh_vstate *st, bool free_self);
/* refs.c: acquired references (ring-buffer records for now) */
int acquire_reference(struct bh_verifier_env *env, int insn_idx);
int release_reference(struct bh_verifier_env *env, uint32_t ref_obj_id);
void release_reference_state(struct bh_vstate *st, uint32_t ref_obj_id);
int check_reference_leak(struct bh_verifier_env *env);
bool reg_is_pkt_pointer(const struct bh_reg *reg);
bool reg_is_pkt_pointer_any(const struct bh_reg *reg);
bool register_is_null(const struct bh_reg *reg);
bool is_pointer(const struct bh_reg *reg);
int check_reg_read(struct bh_verifier_env *env, int regno);
int check_reg_write(struct bh_verifier_env *env, int regno);
/* every register of every frame, and every spilled register, of @st */
#define for_each_reg_in_vstate(st, f, r, BODY)                                     \
	do {                                                                        \
		for (uint32_t fi_ = 0; fi_ <= (st)->curframe; fi_++) {              \
			struct bh_func_state *f = (st)->frame[fi_];                 \
			for (int ri_ = 0; ri_ < BH_MAX_REGS; ri_++) {               \
				struct bh_reg *r = &f->regs[ri_];                   \
				BODY;                                               \
			}                                                           \
			for (int si_ = 0; si_ < f->allocated_stack / BH_REG_SIZE;   \
			     si_++) {                                               \
				struct bh_reg *r;                                   \
				if (f->stack[si_].type[0] != STACK_SPILL)           \
					continue;                                   \
				r = &f->stack[si_].spilled;                         \
				BODY;                                               \
			}                                                           \
		}                                                                   \
	} while (0)

/* ---- dynptr.c: struct bpf_dynptr on the stack ---- */
/* What a helper's dynptr argument is (enum bh_arg_type's dynptr kinds). */
struct dynptr_arg {
	uint32_t id;          /* the dynptr's id (bpf_dynptr_data's slices) */
	uint32_t ref_obj_id;  /* its reference (ring buffer records), 0: none */
	uint8_t type;         /* enum bh_dynptr_type (bpf_dynptr_clone's copy) */
};
int process_dynptr_func(struct bh_verifier_env *env, int regno, int insn_idx,
			uint8_t arg_type, struct dynptr_arg *out);
int unmark_stack_slots_dynptr(struct bh_verifier_env *env, const struct bh_reg *reg);
/* A write touches slot @spi of @f: a local dynptr there is destroyed (its
 * slices too), a referenced one may not be overwritten. */
int destroy_if_dynptr_stack_slot(struct bh_verifier_env *env,
				 struct bh_func_state *f, int spi);

/* ---- calls.c: one argument of a helper or kfunc, by prototype ---- */
struct call_meta {
	struct bh_map *map_ptr;
	int callback;         /* subprogram of a BH_ARG_PTR_TO_FUNC, or -1 */
	struct bh_reg ctx_arg;/* BH_ARG_PTR_TO_STACK_OR_NULL: the callback's context */
	int64_t const_key;    /* ARG_PTR_TO_MAP_KEY known on the stack, or -1 */
	int64_t mem_size;     /* ARG_CONST_ALLOC_SIZE_OR_ZERO, ARG_CONST_SIZE_K */
	int mem_regno;        /* register of the pending PTR_TO_MEM argument */
	bool mem_write, mem_maybe_null;
	uint32_t func_id;
	struct dynptr_arg dynptr; /* the dynptr argument (bpf_dynptr_data's slices) */
	int release_regno;    /* the dynptr argument a helper releases, or 0 */
	bool kfunc;           /* a kfunc's arguments (the kernel words some errors so) */
};
/* Check argument @arg (0-4: R1-R5) against @type (enum bh_arg_type). */
int check_func_arg(struct bh_verifier_env *env, int arg, uint8_t type,
		   struct call_meta *meta);

/* ---- kfunc.c: kfunc calls ---- */
/* A kfunc call instruction seen before verification (find_subprogs): the
 * id is one bpfhost provides to this program type. */
int check_kfunc_insn(struct bh_verifier_env *env, const struct bpf_insn *insn);
int check_kfunc_call(struct bh_verifier_env *env, const struct bpf_insn *insn,
		     int insn_idx);

/* ---- iter.c: open-coded iterators (struct bpf_iter_num) on the stack ---- */
/* The iterator argument @regno of kfunc @k (new, next or destroy). */
int process_iter_arg(struct bh_verifier_env *env, int regno, int insn_idx,
		     const struct bh_kfunc *k);
/* bpf_iter_num_next's two outcomes: an element (pushed) or NULL (here). */
int process_iter_next_call(struct bh_verifier_env *env, int insn_idx);
/* Is @insn_idx a call of an iterator's next()?  (a loop's convergence
 * point: prune.c) */
bool is_iter_next_insn(const struct bh_verifier_env *env, int insn_idx);
/* A store touches slot @spi of @f: an iterator there is gone, as in the
 * kernel (its reference stays: unreleased at exit). */
void destroy_if_iter_stack_slot(struct bh_func_state *f, int spi);

/* ---- alu.c ---- */
int check_alu_op(struct bh_verifier_env *env, const struct bpf_insn *insn);
void coerce_reg_to_size(struct bh_reg *reg, int size);
void coerce_reg_to_size_sx(struct bh_reg *reg, int size);
void zext_32_to_64(struct bh_reg *reg);

/* ---- branch.c ---- */
/* Push the path that continues at @insn_idx (check.c); *@out is the pushed
 * state, valid until the next push. */
int verifier_push_stack(struct bh_verifier_env *env, int insn_idx,
			int prev_insn_idx, struct bh_vstate **out);
int check_cond_jmp_op(struct bh_verifier_env *env, const struct bpf_insn *insn,
		      int *insn_idx);

/* ---- mem.c ---- */
/*
 * Access @size bytes at @off from the pointer in @regno.  Reads load into
 * @value_regno (-1: none); writes store @wval (NULL: an unknown value).
 */
int check_mem_access(struct bh_verifier_env *env, int regno, int off, int size,
		     bool write, int value_regno, const struct bh_reg *wval,
		     bool strict_align, bool sign_ext);
int check_load_store(struct bh_verifier_env *env, const struct bpf_insn *insn);
int check_atomic(struct bh_verifier_env *env, int insn_idx,
		 const struct bpf_insn *insn);
/* A helper reads (or writes) @access_size bytes at the pointer in @regno;
 * @clobber: stack bytes in the range may change (uninitialised memory
 * arguments, and values helpers may write). */
int check_helper_mem_access(struct bh_verifier_env *env, int regno,
			    int access_size, bool zero_size_allowed, bool write,
			    bool clobber);

/* ---- calls.c ---- */
int check_helper_call(struct bh_verifier_env *env, const struct bpf_insn *insn,
		      int insn_idx);
int check_func_call(struct bh_verifier_env *env, const struct bpf_insn *insn,
		    int *insn_idx);
int prepare_func_exit(struct bh_verifier_env *env, int *insn_idx);
int check_return_code(struct bh_verifier_env *env);
int check_max_stack_depth(struct bh_verifier_env *env);
int check_callback_exit(struct bh_verifier_env *env, int *insn_idx);
/* bpf_loop, bpf_for_each_map_elem, bpf_user_ringbuf_drain (check.c marks
 * their calls BH_LOOP_ENTRY) */
bool helper_calls_callback(uint32_t id);
/* The exit of a timer callback's frame 0: R0 must be 0 (calls.c). */
int check_async_return(struct bh_verifier_env *env);
int find_subprog(struct bh_verifier_env *env, int off);
bool helper_changes_pkt_data(uint32_t id);
void clear_all_pkt_pointers(struct bh_vstate *st, bool priv);

/* ---- gfunc.c: global functions ---- */
/* Read func_info: which subprograms are global, their argument types. */
int prepare_global_funcs(struct bh_verifier_env *env);
/* A call of global function @sub: check the arguments, R0 unknown. */
int check_global_call(struct bh_verifier_env *env, int sub);
/* env->cur becomes the entry state of global function @sub. */
int init_global_state(struct bh_verifier_env *env, int sub);
/* The exit of a global function (frame 0, not the main program). */
int check_global_return(struct bh_verifier_env *env);

/* ---- prune.c ---- */
/* Static register liveness (check.c): env->live_in. */
int compute_liveness(struct bh_verifier_env *env);
/* 1: the current path is covered by an explored state (stop it); 0: go on */
int is_state_visited(struct bh_verifier_env *env, int insn_idx);
void update_branch_counts(struct bh_verifier_env *env, struct bh_vstate *st);
/*
 * Loops the walk simulates by coming back to one instruction, a BH_LOOP_ENTRY
 * (a callback's helper call: each simulated call of the callback returns to
 * it; open-coded iterators would be the same).  The previous iteration's
 * state there is the newest unfinished state at the instruction with the
 * same call sites (find_prev_entry); before comparing with it, scalars that
 * no check has needed and that changed since are forgotten
 * (widen_imprecise_scalars) so that the iterations reach a fixed point;
 * is_state_visited() stops the loop when an unfinished state there covers
 * the current one (loop_entry_covered()).
 */
struct bh_vstate *find_prev_entry(struct bh_verifier_env *env, int insn_idx);
/* The same at an iterator's next(), from the call itself: the state the
 * current iteration just recorded there (env->cur->parent) is not it. */
struct bh_vstate *find_prev_iter_entry(struct bh_verifier_env *env, int insn_idx);
void widen_imprecise_scalars(struct bh_verifier_env *env, const struct bh_vstate *old);
void free_explored(struct bh_verifier_env *env);
/* Precision: every check whose verdict depends on a scalar's value (bounds
 * or constant) must mark it precise, so that pruning compares it.  Marks
 * the scalar (as it is before the current instruction) in every checkpoint
 * the current path descends from; when unsure, everything there. */
int mark_chain_precision(struct bh_verifier_env *env, int regno);
int mark_chain_precision_stack(struct bh_verifier_env *env, uint32_t frameno,
			       int spi);
/* Stack liveness and history of the current instruction (mem.c) */
void mark_stack_read(struct bh_verifier_env *env, uint32_t frameno, int spi);
struct bh_hist *hist_cur(struct bh_verifier_env *env);
int hist_arrive(struct bh_verifier_env *env, int idx);

/* ---- log.c ---- */
const char *reg_type_str(uint32_t type, char *buf, size_t size);
void print_verifier_state(struct bh_verifier_env *env, bool all);
/* The same for frame @frameno of state @st (a checkpoint, in precision
 * back-tracking's log). */
void print_frame_state(struct bh_verifier_env *env, const struct bh_vstate *st,
		       uint32_t frameno, bool all);
void print_insn(struct bh_verifier_env *env, int insn_idx);
static inline bool log_level2(const struct bh_verifier_env *env)
{
	return env->log && (env->log->level & 2);
}
static inline bool log_level1(const struct bh_verifier_env *env)
{
	return env->log && (env->log->level & 3);
}
size_t log_pos(const struct bh_verifier_env *env);
void log_reset(struct bh_verifier_env *env, size_t pos);

/* ---- check.c ---- */
/*
 * Verify a program.  Returns 0 when it is safe, -EACCES when a path is
 * unsafe, -EINVAL when it is malformed, -E2BIG when too complex to prove,
 * -ENOMEM; the reasons go to @log as the kernel words them.
 */
int verifier_check(const struct bh_verifier_input *in,
		   struct bh_verifier_output *out, struct bh_log *log);

/* ---- fixup.c: what the rewrites after verification need ---- */
/* bpf_map_lookup_elem at @insn_idx with @map in R1 (calls.c). */
void fixup_record_map(struct bh_verifier_env *env, int insn_idx,
		      struct bh_map *map);

#endif /* BH_VERIFIER_INTERNAL_H */
