/* SPDX-License-Identifier: MIT */
/*
 * verifier/check.c - the verifier's entry point: subprograms, the
 * control-flow check (every instruction reachable), then the walk of every
 * path (the kernel's do_check) with a stack of paths still to explore.
 */
#include <stdlib.h>
#include <string.h>

#include "helpers/internal.h"
#include "maps/internal.h"
#include "verifier/internal.h"

static bool is_ld_imm64(const struct bpf_insn *insn)
{
	return insn->code == (BPF_LD | BPF_IMM | BPF_DW);
}

/* ---- the path stack ---- */

int verifier_push_stack(struct bh_verifier_env *env, int insn_idx,
			int prev_insn_idx, struct bh_vstate **out)
{
	struct bh_stack_elem *e;

	if (env->stack_cnt == env->stack_cap) {
		uint32_t cap = env->stack_cap ? env->stack_cap * 2 : 64;
		struct bh_stack_elem *s = realloc(env->stack, cap * sizeof(*s));

		if (!s)
			return -ENOMEM;
		memset(s + env->stack_cap, 0, (cap - env->stack_cap) * sizeof(*s));
		env->stack = s;
		env->stack_cap = cap;
	}
	e = &env->stack[env->stack_cnt];
	if (copy_vstate(&e->st, env->cur))
		return -ENOMEM;
	env->stack_cnt++;
	e->insn_idx = insn_idx;
	e->prev_insn_idx = prev_insn_idx;
	e->log_pos = log_pos(env);
	if (env->cur->parent)
		env->cur->parent->branches++;
	if (env->stack_cnt > BH_COMPLEXITY_LIMIT_JMP_SEQ) {
		verbose(env, "The sequence of %u jumps is too complex.\n", env->stack_cnt);
		return -E2BIG;
	}
	/* the pointer stays valid until the next push: used at once */
	*out = &e->st;
	return 0;
}

/* Continue with the newest pending path; 0 when none is left. */
static int pop_stack(struct bh_verifier_env *env)
{
	struct bh_stack_elem *e;
	struct bh_vstate done;

	if (!env->stack_cnt)
		return 0;
	e = &env->stack[--env->stack_cnt];
	/* no copy: the pending state becomes the current one, the finished
	 * path's buffers stay in the free element for the next push */
	done = *env->cur;
	*env->cur = e->st;
	e->st = done;
	/* level 1 shows only the path that failed (kernel: pop_log) */
	if (log_level1(env) && !log_level2(env))
		log_reset(env, e->log_pos);
	env->insn_idx = e->insn_idx;
	env->prev_insn_idx = e->prev_insn_idx;
	return 1;
}

/* ---- subprograms and the control-flow graph ---- */

static int add_subprog(struct bh_verifier_env *env, int start)
{
	if (find_subprog(env, start) >= 0)
		return 0;
	struct bh_subprog *s = realloc(env->subprogs,
				       (env->subprog_cnt + 1) * sizeof(*s));

	if (!s)
		return -ENOMEM;
	env->subprogs = s;
	s[env->subprog_cnt++] = (struct bh_subprog){ .start = start };
	return 0;
}

static int cmp_subprog(const void *a, const void *b)
{
	return ((const struct bh_subprog *)a)->start -
	       ((const struct bh_subprog *)b)->start;
}

static int find_subprogs(struct bh_verifier_env *env)
{
	int err = add_subprog(env, 0);

	for (size_t pc = 0; pc < env->insn_cnt && !err; pc++) {
		const struct bpf_insn *insn = &env->insns[pc];
		bool pseudo_call = insn->code == (BPF_JMP | BPF_CALL) &&
				   (insn->src_reg == BPF_PSEUDO_CALL ||
				    insn->src_reg == BPF_PSEUDO_KFUNC_CALL);

		if (!env->priv && (pseudo_call || (is_ld_imm64(insn) &&
						   insn->src_reg == BPF_PSEUDO_FUNC))) {
			verbose(env, "loading/calling other bpf or kernel functions are allowed for CAP_BPF and CAP_SYS_ADMIN\n");
			return -EPERM;
		}
		if (is_ld_imm64(insn) && insn->src_reg == BPF_PSEUDO_FUNC)
			err = add_subprog(env, (int)pc + insn->imm + 1);
		if (insn->code == (BPF_JMP | BPF_CALL) &&
		    insn->src_reg == BPF_PSEUDO_CALL)
			err = add_subprog(env, (int)pc + insn->imm + 1);
		if (insn->code == (BPF_JMP | BPF_CALL) &&
		    insn->src_reg == BPF_PSEUDO_KFUNC_CALL)
			err = check_kfunc_insn(env, insn);
		if (is_ld_imm64(insn))
			pc++;
	}
	if (err)
		return err;
	qsort(env->subprogs, env->subprog_cnt, sizeof(*env->subprogs), cmp_subprog);
	for (size_t pc = 0, sub = 0; pc < env->insn_cnt; pc++) {
		const struct bpf_insn *insn = &env->insns[pc];

		while (sub + 1 < env->subprog_cnt && (int)pc >= env->subprogs[sub + 1].start)
			sub++;
		if (insn->code == (BPF_JMP | BPF_CALL) && !insn->src_reg &&
		    insn->imm == BPF_FUNC_tail_call)
			env->subprogs[sub].has_tail_call = true;
	}
	return 0;
}

/*
 * Every instruction must be reachable from the entry, following jumps,
 * fall-through and calls.  Marks prune points on the way, the kernel's
 * (visit_insn()): a conditional jump and its target, a jump's target, the
 * instruction after a call, a BPF-to-BPF call and its callee, a callback's
 * ld_imm64, the instruction after it and the callback; and the calls of
 * helpers that call callbacks (loop entries).
 */
static int check_cfg(struct bh_verifier_env *env)
{
	size_t n = env->insn_cnt;
	uint8_t *seen = calloc(n, 1);
	int *work = malloc(n * sizeof(*work)), top = 0;
	int err = 0;

	if (!seen || !work) {
		err = -ENOMEM;
		goto out;
	}
#define VISIT(t, prune)                                                   \
	do {                                                              \
		int t_ = (t);                                             \
		if (t_ >= 0 && (size_t)t_ < n) {                          \
			if (prune)                                        \
				env->prune_point[t_] |= BH_PRUNE_POINT;   \
			if (!seen[t_]) {                                  \
				seen[t_] = 1;                             \
				work[top++] = t_;                         \
			}                                                 \
		}                                                         \
	} while (0)
	VISIT(0, 0);
	while (top) {
		int pc = work[--top];
		const struct bpf_insn *insn = &env->insns[pc];
		uint8_t cls = BPF_CLASS(insn->code), op = BPF_OP(insn->code);

		if (is_ld_imm64(insn)) {
			if (insn->src_reg == BPF_PSEUDO_FUNC) { /* a callback */
				VISIT(pc + insn->imm + 1, 1);
				VISIT(pc, 1);
			}
			VISIT(pc + 2, insn->src_reg == BPF_PSEUDO_FUNC);
			continue;
		}
		if (cls != BPF_JMP && cls != BPF_JMP32) {
			VISIT(pc + 1, 0);
			continue;
		}
		if (op == BPF_EXIT)
			continue;
		if (op == BPF_CALL) {
			if (insn->src_reg == BPF_PSEUDO_CALL) {
				VISIT(pc + insn->imm + 1, 1);
				VISIT(pc, 1);
			}
			/* each simulated call of a callback comes back to the
			 * helper call: a loop (the kernel's calls_callback,
			 * force_checkpoint) */
			if (insn->src_reg == 0 && helper_calls_callback((uint32_t)insn->imm))
				env->prune_point[pc] |= BH_PRUNE_POINT | BH_LOOP_ENTRY;
			/* an iterator's next(): each element comes back to it */
			if (is_iter_next_insn(env, pc))
				env->prune_point[pc] |= BH_PRUNE_POINT | BH_LOOP_ENTRY;
			VISIT(pc + 1, 1);
			continue;
		}
		if (op == BPF_JA) {
			VISIT(pc + 1 + (cls == BPF_JMP32 ? insn->imm : insn->off), 1);
			continue;
		}
		/* the jump itself and its target, not the fall-through (the
		 * kernel's visit_insn(): checkpoints land where the kernel's
		 * do, and precision tracking walks the same segments) */
		VISIT(pc, 1);
		VISIT(pc + 1, 0);
		VISIT(pc + 1 + insn->off, 1);
	}
#undef VISIT
	for (size_t pc = 0; pc < n; pc++) {
		if (!seen[pc]) {
			verbose(env, "unreachable insn %zu\n", pc);
			err = -EINVAL;
			break;
		}
		if (is_ld_imm64(&env->insns[pc]))
			pc++;
	}
out:
	free(seen);
	free(work);
	return err;
}

/*
 * An unprivileged program may not loop (the kernel's check_cfg refuses a
 * back-edge unless bpf_capable): a depth-first walk in the kernel's order
 * (fall-through before the jump target), where an edge to an instruction
 * still on the walk's stack is a back-edge.
 */
static int check_back_edges(struct bh_verifier_env *env)
{
	enum { NEW = 0, ON_STACK, DONE };
	size_t n = env->insn_cnt;
	uint8_t *state = calloc(n, 1), *next = calloc(n, 1);
	int *stack = malloc(n * sizeof(*stack)), top = 0, err = 0;

	if (!state || !next || !stack) {
		err = -ENOMEM;
		goto out;
	}
	stack[top++] = 0;
	state[0] = ON_STACK;
	while (top && !err) {
		int t = stack[top - 1], succ[2], cnt = 0;
		const struct bpf_insn *insn = &env->insns[t];
		uint8_t cls = BPF_CLASS(insn->code), op = BPF_OP(insn->code);

		if (is_ld_imm64(insn)) {
			succ[cnt++] = t + 2;
		} else if (cls != BPF_JMP && cls != BPF_JMP32) {
			succ[cnt++] = t + 1;
		} else if (op == BPF_JA) {
			succ[cnt++] = t + 1 + (cls == BPF_JMP32 ? insn->imm : insn->off);
		} else if (op == BPF_CALL) {
			succ[cnt++] = t + 1;
		} else if (op != BPF_EXIT) {
			succ[cnt++] = t + 1;
			succ[cnt++] = t + 1 + insn->off;
		}
		if (next[t] >= cnt) {
			state[t] = DONE;
			top--;
			continue;
		}
		int w = succ[next[t]++];

		if (w < 0 || (size_t)w >= n)
			continue; /* check_cfg() reports it */
		if (state[w] == ON_STACK) {
			verbose(env, "back-edge from insn %d to %d\n", t, w);
			err = -EINVAL;
		} else if (state[w] == NEW) {
			state[w] = ON_STACK;
			stack[top++] = w;
		}
	}
out:
	free(state);
	free(next);
	free(stack);
	return err;
}

/* ---- register liveness ---- */

#define RBIT(r) ((uint16_t)(1u << (r)))
#define ARGS_MASK (RBIT(1) | RBIT(2) | RBIT(3) | RBIT(4) | RBIT(5))

/* Registers @insn reads (use) and writes (def). */
static void insn_use_def(const struct bpf_insn *insn, uint16_t *use, uint16_t *def)
{
	uint8_t cls = BPF_CLASS(insn->code), op = BPF_OP(insn->code);
	uint16_t src = RBIT(insn->src_reg), dst = RBIT(insn->dst_reg);
	bool x = BPF_SRC(insn->code) == BPF_X;

	*use = 0;
	*def = 0;
	switch (cls) {
	case BPF_ALU:
	case BPF_ALU64:
		*use = op == BPF_MOV ? (x ? src : 0) : (dst | (x ? src : 0));
		*def = dst;
		break;
	case BPF_LDX:
		*use = src;
		*def = dst;
		break;
	case BPF_ST:
		*use = dst;
		break;
	case BPF_STX:
		*use = dst | src;
		if (BPF_MODE(insn->code) == BPF_ATOMIC) {
			if (insn->imm == BPF_CMPXCHG) {
				*use |= RBIT(0);
				*def = RBIT(0);
			} else if (insn->imm & BPF_FETCH) {
				*def = src;
			}
		}
		break;
	case BPF_LD:
		if (BPF_MODE(insn->code) == BPF_IMM) {
			*def = dst;
		} else {
			*use = RBIT(6) | (BPF_MODE(insn->code) == BPF_IND ? src : 0);
			*def = RBIT(0) | ARGS_MASK;
		}
		break;
	default: /* JMP, JMP32 */
		if (op == BPF_EXIT)
			*use = RBIT(0);
		else if (op == BPF_CALL)
			/* arguments may be read; R0 set, R1-R5 clobbered */
			*use = ARGS_MASK | (x ? dst : 0), *def = RBIT(0) | ARGS_MASK;
		else if (op != BPF_JA)
			*use = dst | (x ? src : 0);
	}
	*use &= (uint16_t)~RBIT(10);
	*def &= (uint16_t)~RBIT(10);
}

/*
 * live_in[pc]: registers some path from pc reads before writing them.  A
 * register outside it cannot influence the program from pc on, so state
 * comparisons ignore it.  Backward data flow to a fixed point; a call's
 * successor is the next instruction (the callee's reads are its arguments).
 */
int compute_liveness(struct bh_verifier_env *env)
{
	size_t n = env->insn_cnt;
	bool changed = true;

	env->live_in = calloc(n, sizeof(*env->live_in));
	if (!env->live_in)
		return -ENOMEM;
	while (changed) {
		changed = false;
		for (size_t k = n; k-- > 0;) {
			const struct bpf_insn *insn = &env->insns[k];
			uint8_t cls = BPF_CLASS(insn->code), op = BPF_OP(insn->code);
			uint16_t use, def, out = 0, in;
			long succ[2] = { -1, -1 };

			if (k && is_ld_imm64(&env->insns[k - 1]))
				continue; /* second slot */
			insn_use_def(insn, &use, &def);
			if (is_ld_imm64(insn)) {
				succ[0] = (long)k + 2;
			} else if (cls == BPF_JMP || cls == BPF_JMP32) {
				if (op == BPF_JA)
					succ[0] = (long)k + 1 +
						  (cls == BPF_JMP32 ? insn->imm : insn->off);
				else if (op == BPF_CALL)
					succ[0] = (long)k + 1;
				else if (op != BPF_EXIT) {
					succ[0] = (long)k + 1;
					succ[1] = (long)k + 1 + insn->off;
				}
			} else {
				succ[0] = (long)k + 1;
			}
			for (int i = 0; i < 2; i++)
				if (succ[i] >= 0 && (size_t)succ[i] < n)
					out |= env->live_in[succ[i]];
			in = use | (out & (uint16_t)~def);
			if (in != env->live_in[k]) {
				env->live_in[k] = in;
				changed = true;
			}
		}
	}
	return 0;
}

/* ---- instructions ---- */

static int check_ld_imm(struct bh_verifier_env *env, int pc)
{
	const struct bpf_insn *insn = &env->insns[pc];
	struct bh_reg *dst = &cur_regs(env)[insn->dst_reg];
	uint64_t imm = ((uint64_t)(uint32_t)insn[1].imm << 32) | (uint32_t)insn->imm;
	uint32_t value_off = 0;
	struct bh_map *map;
	int err = check_reg_write(env, insn->dst_reg);

	if (err)
		return err;
	if (insn->src_reg == 0) {
		mark_reg_known(dst, imm);
		dst->written = true;
		return 0;
	}
	if (insn->src_reg == BPF_PSEUDO_FUNC) {
		int sub = find_subprog(env, pc + insn->imm + 1);

		if (sub < 0) {
			verbose(env, "verifier bug. No program starts at insn %d\n",
				pc + insn->imm + 1);
			return -EFAULT;
		}
		mark_reg_pointer(dst, PTR_TO_FUNC);
		dst->subprogno = (uint32_t)sub;
		dst->written = true;
		return 0;
	}
	if (insn->src_reg != BPF_PSEUDO_MAP_FD && insn->src_reg != BPF_PSEUDO_MAP_IDX &&
	    insn->src_reg != BPF_PSEUDO_MAP_VALUE &&
	    insn->src_reg != BPF_PSEUDO_MAP_IDX_VALUE) {
		verbose(env, "unrecognized bpf_ld_imm64 insn\n");
		return -EINVAL;
	}
	if (env->in->insn_map)
		map = env->in->insn_map(env->in->insn_map_ctx, (size_t)pc, &value_off);
	else
		map = (struct bh_map *)(uintptr_t)imm;
	if (!map) {
		verbose(env, "fd %d is not pointing to valid bpf_map\n", insn->imm);
		return -EINVAL;
	}
	if (map->spin_lock_off >= 0) {
		/* check_map_prog_compatibility() */
		uint32_t t = env->in->prog_type;

		if (t == BPF_PROG_TYPE_SOCKET_FILTER) {
			verbose(env, "socket filter progs cannot use bpf_spin_lock yet\n");
			return -EINVAL;
		}
		if (t == BPF_PROG_TYPE_KPROBE || t == BPF_PROG_TYPE_TRACEPOINT ||
		    t == BPF_PROG_TYPE_PERF_EVENT || t == BPF_PROG_TYPE_RAW_TRACEPOINT ||
		    t == BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE) {
			verbose(env, "tracing progs cannot use bpf_spin_lock yet\n");
			return -EINVAL;
		}
	}
	if (map->timer_off >= 0) {
		uint32_t t = env->in->prog_type;

		if (t == BPF_PROG_TYPE_KPROBE || t == BPF_PROG_TYPE_TRACEPOINT ||
		    t == BPF_PROG_TYPE_PERF_EVENT || t == BPF_PROG_TYPE_RAW_TRACEPOINT ||
		    t == BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE) {
			verbose(env, "tracing progs cannot use bpf_timer yet\n");
			return -EINVAL;
		}
	}
	if (insn->src_reg == BPF_PSEUDO_MAP_FD || insn->src_reg == BPF_PSEUDO_MAP_IDX) {
		mark_reg_pointer(dst, CONST_PTR_TO_MAP);
	} else {
		mark_reg_pointer(dst, PTR_TO_MAP_VALUE);
		dst->off = (int32_t)value_off;
	}
	dst->map_ptr = map;
	dst->written = true;
	return 0;
}

/* Legacy packet loads (socket filters): R6 holds the context. */
static int check_ld_abs(struct bh_verifier_env *env, const struct bpf_insn *insn)
{
	struct bh_reg *regs = cur_regs(env);
	int err;

	if (!env->in->may_access_skb) {
		verbose(env, "BPF_LD_[ABS|IND] instructions not allowed for this program type\n");
		return -EINVAL;
	}
	/* it may exit the program (check_resource_leak) */
	if (env->cur->active_lock_map) {
		verbose(env, "BPF_LD_[ABS|IND] cannot be used inside bpf_spin_lock-ed region\n");
		return -EINVAL;
	}
	err = check_reg_read(env, 6);
	if (err)
		return err;
	/* a load past the packet ends the program: nothing may be held */
	err = check_reference_leak(env);
	if (err) {
		verbose(env, "BPF_LD_[ABS|IND] would lead to reference leak\n");
		return err;
	}
	if (env->cur->active_rcu_lock) {
		verbose(env, "BPF_LD_[ABS|IND] cannot be used inside bpf_rcu_read_lock-ed region\n");
		return -EINVAL;
	}
	if (regs[6].type != PTR_TO_CTX) {
		verbose(env, "at the time of BPF_LD_ABS|IND R6 != pointer to skb\n");
		return -EINVAL;
	}
	if (BPF_MODE(insn->code) == BPF_IND) {
		err = check_reg_read(env, insn->src_reg);
		if (err)
			return err;
	}
	for (int i = 1; i <= 5; i++) {
		mark_reg_not_init(&regs[i]);
		regs[i].written = true;
	}
	mark_reg_unknown(&regs[0]);
	coerce_reg_to_size(&regs[0], BPF_SIZE(insn->code) == BPF_W ? 4 :
				     BPF_SIZE(insn->code) == BPF_H ? 2 : 1);
	regs[0].written = true;
	return 0;
}

static void clear_written(struct bh_verifier_env *env)
{
	struct bh_func_state *f = cur_frame(env);

	for (int i = 0; i < BH_MAX_REGS; i++)
		f->regs[i].written = false;
}

/* End of a path: the path's explored states lose a branch. */
static int path_done(struct bh_verifier_env *env)
{
	update_branch_counts(env, env->cur->parent);
	env->cur->parent = NULL;
	env->print_state = true;
	return pop_stack(env);
}

static int do_check_insn(struct bh_verifier_env *env, int *idx, bool *exit_path)
{
	const struct bpf_insn *insn = &env->insns[*idx];
	uint8_t cls = BPF_CLASS(insn->code);

	*exit_path = false;
	switch (cls) {
	case BPF_ALU:
	case BPF_ALU64:
		return check_alu_op(env, insn);
	case BPF_LDX:
	case BPF_ST:
		return check_load_store(env, insn);
	case BPF_STX:
		if (BPF_MODE(insn->code) == BPF_ATOMIC)
			return check_atomic(env, *idx, insn);
		return check_load_store(env, insn);
	case BPF_LD:
		if (BPF_MODE(insn->code) == BPF_IMM) {
			int err = check_ld_imm(env, *idx);

			(*idx)++;
			return err;
		}
		return check_ld_abs(env, insn);
	default: /* JMP, JMP32 */
		break;
	}
	switch (BPF_OP(insn->code)) {
	case BPF_CALL:
		if (BPF_SRC(insn->code) == BPF_X) {
			verbose(env, "callx is not supported by bpfhost's verifier\n");
			return -EINVAL;
		}
		if (insn->src_reg == BPF_PSEUDO_CALL)
			return check_func_call(env, insn, idx);
		if (insn->src_reg == BPF_PSEUDO_KFUNC_CALL)
			return check_kfunc_call(env, insn, *idx);
		return check_helper_call(env, insn, *idx);
	case BPF_EXIT:
		if (cur_frame(env)->in_callback)
			return check_callback_exit(env, idx);
		if (env->cur->curframe)
			return prepare_func_exit(env, idx);
		*exit_path = true;
		if (env->cur->active_lock_map) {
			verbose(env, "BPF_EXIT instruction in main prog cannot be used inside bpf_spin_lock-ed region\n");
			return -EINVAL;
		}
		if (check_reference_leak(env))
			return -EINVAL;
		if (env->cur->active_rcu_lock) {
			verbose(env, "BPF_EXIT instruction in main prog cannot be used inside bpf_rcu_read_lock-ed region\n");
			return -EINVAL;
		}
		if (cur_frame(env)->in_async_callback)
			return check_async_return(env);
		if (cur_frame(env)->subprogno)
			return check_global_return(env);
		return check_return_code(env);
	default:
		return check_cond_jmp_op(env, insn, idx);
	}
}

static int do_check(struct bh_verifier_env *env, int start)
{
	int err;

	env->insn_idx = start;
	env->prev_insn_idx = -1;
	env->print_state = true;
	for (;;) {
		int idx = env->insn_idx;
		bool exit_path;

		if (++env->insn_processed > BH_COMPLEXITY_LIMIT_INSNS) {
			verbose(env, "BPF program is too large. Processed %u insn\n",
				env->insn_processed);
			return -E2BIG;
		}
		err = hist_arrive(env, idx);
		if (err)
			return err;
		if (env->prune_point[idx]) {
			err = is_state_visited(env, idx);
			if (err < 0)
				return err;
			if (err == 1) {
				if (log_level1(env)) {
					if (env->print_state)
						verbose(env, "\nfrom %d to %d: safe\n",
							env->prev_insn_idx, idx);
					else
						verbose(env, "%d: safe\n", idx);
				}
				err = path_done(env);
				if (err <= 0)
					return err;
				continue;
			}
		}
		if (BPF_CLASS(env->insns[idx].code) == BPF_JMP ||
		    BPF_CLASS(env->insns[idx].code) == BPF_JMP32)
			env->jmps_processed++;
		if (log_level2(env) && env->print_state) {
			if (env->prev_insn_idx < 0)
				verbose(env, "%d:", idx);
			else
				verbose(env, "\nfrom %d to %d:", env->prev_insn_idx, idx);
			clear_written(env);
			print_verifier_state(env, true);
		}
		env->print_state = false;
		env->aux[idx].seen = true;
		clear_written(env);
		size_t line_start = log_pos(env), line_end = 0;

		if (log_level1(env)) {
			print_insn(env, idx);
			verbose(env, "\n");
			line_end = log_pos(env);
		}
		int insn_idx = idx;

		err = do_check_insn(env, &idx, &exit_path);
		if (!err && !exit_path && log_level2(env) && log_pos(env) == line_end &&
		    !env->print_state) {
			/* the registers the instruction wrote, on its line */
			size_t len = line_end - line_start;
			int pad = (int)(BH_ROUND_UP(BH_MAX(len + 4, 40), 8) - len - 1);

			log_reset(env, line_end - 1);
			verbose(env, "%*c;", pad, ' ');
			print_verifier_state(env, false);
		} else if (!err && !exit_path && log_level2(env) && !env->print_state) {
			/* lines came after the instruction's (precision
			 * tracking): the registers on a line of their own, under
			 * the index the kernel prints there, a jump's own or the
			 * next instruction's */
			uint8_t cls = BPF_CLASS(env->insns[insn_idx].code);
			bool jmp = (cls == BPF_JMP || cls == BPF_JMP32) &&
				   BPF_OP(env->insns[insn_idx].code) != BPF_CALL &&
				   BPF_OP(env->insns[insn_idx].code) != BPF_JA;

			verbose(env, "%d:", jmp ? insn_idx : idx + 1);
			print_verifier_state(env, false);
		}
		if (err)
			return err;
		if (exit_path) {
			err = path_done(env);
			if (err <= 0)
				return err;
			continue;
		}
		env->prev_insn_idx = env->insn_idx;
		env->insn_idx = idx + 1;
		if ((size_t)env->insn_idx >= env->insn_cnt) {
			verbose(env, "invalid insn idx %d insn_cnt %zu\n", env->insn_idx,
				env->insn_cnt);
			return -EFAULT;
		}
	}
}

/* Level 1 keeps the failing path only: a walk that succeeded leaves
 * nothing (the log from @start goes). */
static void drop_passed_walk(struct bh_verifier_env *env, size_t start)
{
	if (log_level1(env) && !log_level2(env))
		log_reset(env, start);
}

/* After the main program: each global function some path calls, once
 * (do_check_subprogs), until none is left. */
static int check_global_funcs(struct bh_verifier_env *env, size_t start)
{
	bool again = true;

	while (again) {
		again = false;
		for (uint32_t i = 1; i < env->subprog_cnt; i++) {
			struct bh_subprog *sp = &env->subprogs[i];
			int err;

			if (!sp->global || !sp->called || sp->verified)
				continue;
			sp->verified = true;
			again = true;
			err = init_global_state(env, (int)i);
			if (!err)
				err = do_check(env, sp->start);
			if (err)
				return err;
			drop_passed_walk(env, start);
			if (log_level1(env))
				verbose(env, "Func#%u ('%s') is safe for any args that match its prototype\n",
					i, sp->name);
		}
	}
	return 0;
}

static int init_state(struct bh_verifier_env *env)
{
	struct bh_vstate *st = calloc(1, sizeof(*st));
	struct bh_func_state *f = calloc(1, sizeof(*f));

	if (!st || !f) {
		free(st);
		free(f);
		return -ENOMEM;
	}
	init_func_state(f, -1, 0, 0);
	f->inst = ++env->frame_inst_gen;
	mark_reg_pointer(&f->regs[1], PTR_TO_CTX);
	for (uint32_t i = 2; i <= BH_MIN(env->in->entry_args, 5u); i++)
		mark_reg_unknown(&f->regs[i]);
	st->frame[0] = f;
	env->cur = st;
	return 0;
}

static void free_env(struct bh_verifier_env *env)
{
	for (uint32_t i = 0; i < env->stack_cap; i++)
		free_vstate(&env->stack[i].st, false);
	free(env->stack);
	free_vstate(env->cur, true);
	free_explored(env);
	free(env->explored_cnt);
	free(env->prune_point);
	free(env->live_in);
	free(env->subprogs);
	free(env->aux);
}

int verifier_check(const struct bh_verifier_input *in,
		   struct bh_verifier_output *out, struct bh_log *log)
{
	struct bh_verifier_env *env = calloc(1, sizeof(*env));
	int err;

	if (!env)
		return -ENOMEM;
	env->in = in;
	env->out = out;
	env->insns = in->insns;
	env->insn_cnt = in->insn_cnt;
	env->log = log;
	env->priv = !in->unpriv;
	env->strict_alignment = in->prog_flags & BPF_F_STRICT_ALIGNMENT;
	env->aux = calloc(in->insn_cnt ? in->insn_cnt : 1, sizeof(*env->aux));
	env->explored = calloc(in->insn_cnt, sizeof(*env->explored));
	env->explored_cnt = calloc(in->insn_cnt, sizeof(*env->explored_cnt));
	env->pending = calloc(in->insn_cnt, sizeof(*env->pending));
	env->prune_point = calloc(in->insn_cnt, 1);
	err = -ENOMEM;
	if (!env->explored || !env->pending || !env->explored_cnt || !env->prune_point ||
	    !env->aux)
		goto out;
	err = find_subprogs(env);
	if (!err)
		err = prepare_global_funcs(env);
	if (!err)
		err = check_cfg(env);
	if (!err && !env->priv)
		err = check_back_edges(env);
	if (!err)
		err = compute_liveness(env);
	size_t start = log_pos(env);

	if (!err)
		err = init_state(env);
	if (!err)
		err = do_check(env, 0);
	if (!err) {
		drop_passed_walk(env, start);
		err = check_global_funcs(env, start);
	}
	if (!err)
		err = check_max_stack_depth(env);
	if (log_level1(env) || (log && log->level))
		verbose(env, "processed %u insns (limit %d) max_states_per_insn %u total_states %u peak_states %u mark_read %u\n",
			env->insn_processed, BH_COMPLEXITY_LIMIT_INSNS,
			env->max_states_per_insn, env->total_states, env->peak_states,
			env->longest_mark_read_walk);
	if (out) {
		out->max_ctx_offset = env->max_ctx_offset;
		out->insn_processed = env->insn_processed;
		out->total_states = env->total_states;
		out->peak_states = env->peak_states;
		out->max_states_per_insn = env->max_states_per_insn;
		out->stack_depth = env->subprogs ? (uint32_t)env->subprogs[0].stack_depth : 0;
		if (!err && out->want_aux) { /* for the rewrites (fixup.c) */
			out->aux = env->aux;
			env->aux = NULL;
		}
	}
out:
	free_env(env);
	free(env);
	return err;
}
