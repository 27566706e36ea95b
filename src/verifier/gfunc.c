/* SPDX-License-Identifier: MIT */
/*
 * verifier/gfunc.c - global functions: subprograms whose BTF func_info
 * record names a FUNC with BTF_FUNC_GLOBAL linkage.
 *
 * As the kernel (btf_prepare_func_args, btf_check_subprog_call,
 * do_check_common): such a function is verified once, on its own, from a
 * state its BTF prototype gives (an int or enum argument is an unknown
 * scalar, a pointer to the program type's context struct is the context,
 * any other pointer is memory of the pointee's size or NULL), and a call
 * checks only that the caller's arguments fit those types.  The caller
 * then gets an unknown scalar in R0; R1-R5 are clobbered.  The function's
 * body is never walked in a caller's context, so what it assumes must hold
 * for every caller: that is what the argument checks at each call prove.
 */
#include <stdlib.h>
#include <string.h>

#include <bpfhost/object.h>

#include "btf/internal.h"
#include "verifier/internal.h"

/* The struct a program type's context pointer has in C (bpf_ctx_convert);
 * NULL: none bpfhost knows, so such an argument is plain memory. */
static const char *prog_ctx_name(uint32_t prog_type)
{
	switch (prog_type) {
	case BPF_PROG_TYPE_XDP:
		return "xdp_md";
	case BPF_PROG_TYPE_SOCKET_FILTER:
	case BPF_PROG_TYPE_SCHED_CLS:
	case BPF_PROG_TYPE_SCHED_ACT:
	case BPF_PROG_TYPE_CGROUP_SKB:
	case BPF_PROG_TYPE_LWT_IN:
	case BPF_PROG_TYPE_LWT_OUT:
	case BPF_PROG_TYPE_LWT_XMIT:
	case BPF_PROG_TYPE_SK_SKB:
		return "__sk_buff";
	default:
		return NULL;
	}
}

static const char *kind_str(const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_UNKN: return "UNKNOWN";
	case BTF_KIND_STRUCT: return "struct";
	case BTF_KIND_UNION: return "union";
	case BTF_KIND_ENUM: case BTF_KIND_ENUM64: return "enum";
	case BTF_KIND_PTR: return "ptr";
	case BTF_KIND_FWD: return "fwd";
	case BTF_KIND_FUNC_PROTO: return "func_proto";
	default: return bh_btf__kind_str(btf_kind(t));
	}
}

static bool is_scalar_type(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_INT || btf_kind(t) == BTF_KIND_ENUM ||
	       btf_kind(t) == BTF_KIND_ENUM64;
}

/* btf_prepare_func_args() for global function @sub of FUNC @func. */
static int prepare_args(struct bh_verifier_env *env, struct bh_subprog *sp,
			const struct btf_type *func)
{
	const struct bh_btf *btf = env->in->btf;
	const char *ctx_name = prog_ctx_name(env->in->prog_type);
	const struct btf_type *proto, *t;
	const struct btf_param *args;
	uint32_t nargs;

	btf_skip_mods_typedefs(btf, func->type, &proto);
	if (btf_kind(proto) != BTF_KIND_FUNC_PROTO) {
		verbose(env, "Invalid type of function %s()\n", sp->name);
		return -EFAULT;
	}
	nargs = btf_vlen(proto);
	args = (const struct btf_param *)(proto + 1);
	if (nargs > 5) {
		verbose(env, "Global function %s() with %u > 5 args. Buggy compiler.\n",
			sp->name, nargs);
		return -EINVAL;
	}
	btf_skip_mods_typedefs(btf, proto->type, &t);
	sp->ret_void = !proto->type;
	if (!sp->ret_void && !is_scalar_type(t)) {
		verbose(env, "Global function %s() doesn't return scalar. Only those are supported.\n",
			sp->name);
		return -EINVAL;
	}
	sp->arg_cnt = (uint8_t)nargs;
	for (uint32_t i = 0; i < nargs; i++) {
		const struct btf_type *ref;
		uint32_t ref_id;

		btf_skip_mods_typedefs(btf, args[i].type, &t);
		if (is_scalar_type(t)) {
			sp->arg[i] = GARG_SCALAR;
			continue;
		}
		if (btf_kind(t) != BTF_KIND_PTR || !args[i].type) {
			verbose(env, "Arg#%u type %s in %s() is not supported yet.\n", i,
				args[i].type ? kind_str(t) : "void", sp->name);
			return -EINVAL;
		}
		ref_id = btf_skip_mods_typedefs(btf, t->type, &ref);
		if (ctx_name && btf_kind(ref) == BTF_KIND_STRUCT &&
		    !strcmp(btf_str(btf, ref->name_off), ctx_name)) {
			sp->arg[i] = GARG_CTX;
			continue;
		}
		if (!ref_id || btf->sizes[ref_id] < 0 || btf->sizes[ref_id] > BH_MAX_VAR_SIZ) {
			verbose(env, "arg#%u reference type('%s %s') size cannot be determined: %d\n",
				i, ref_id ? kind_str(ref) : "UNKNOWN", btf_str(btf, ref->name_off),
				-EINVAL);
			return -EINVAL;
		}
		sp->arg[i] = GARG_MEM;
		sp->mem_size[i] = (uint32_t)btf->sizes[ref_id];
	}
	return 0;
}

/*
 * check_btf_info(): with func_info, one record per subprogram at its first
 * instruction, each a FUNC; the global ones get their argument types.
 */
int prepare_global_funcs(struct bh_verifier_env *env)
{
	const struct bh_verifier_input *in = env->in;
	const struct bh_btf *btf = in->btf;

	if (!btf || !in->func_info_cnt)
		return 0;
	if (in->func_info_cnt != env->subprog_cnt) {
		verbose(env, "number of funcs in func_info doesn't match number of subprogs\n");
		return -EINVAL;
	}
	for (uint32_t i = 0; i < env->subprog_cnt; i++) {
		const struct bh_func_info *fi = &in->func_info[i];
		struct bh_subprog *sp = &env->subprogs[i];
		const struct btf_type *func;

		if (fi->insn_off != (uint32_t)sp->start) {
			verbose(env, "func_info BTF section doesn't match subprog layout in BPF program\n");
			return -EINVAL;
		}
		if (!fi->type_id || fi->type_id >= btf->nr_types ||
		    btf_kind(btf_type(btf, fi->type_id)) != BTF_KIND_FUNC) {
			verbose(env, "invalid type id %u\n", fi->type_id);
			return -EINVAL;
		}
		func = btf_type(btf, fi->type_id);
		sp->name = btf_str(btf, func->name_off);
		/* the main program is verified as the entry, whatever its linkage */
		if (!i || btf_vlen(func) != BTF_FUNC_GLOBAL)
			continue;
		sp->global = true;
		{
			int err = prepare_args(env, sp, func);

			if (err)
				return err;
		}
	}
	return 0;
}

/* Might @sub, or what it calls, change packet data (or tail-call)? */
static bool subprog_changes_pkt(struct bh_verifier_env *env, int sub, int depth)
{
	int end = (uint32_t)sub + 1 < env->subprog_cnt ? env->subprogs[sub + 1].start
						       : (int)env->insn_cnt;

	if (depth >= BH_MAX_CALL_FRAMES)
		return true; /* deeper than any real call chain: assume so */
	for (int pc = env->subprogs[sub].start; pc < end; pc++) {
		const struct bpf_insn *insn = &env->insns[pc];

		if (insn->code != (BPF_JMP | BPF_CALL))
			continue;
		if (insn->src_reg == BPF_PSEUDO_CALL) {
			int callee = find_subprog(env, pc + insn->imm + 1);

			if (callee < 0 || subprog_changes_pkt(env, callee, depth + 1))
				return true;
		} else if (insn->src_reg == 0 &&
			   (helper_changes_pkt_data((uint32_t)insn->imm) ||
			    insn->imm == BPF_FUNC_tail_call)) {
			return true;
		}
	}
	return false;
}

/* A global function's memory argument: @size readable and writable bytes
 * at the pointer, or NULL (check_mem_reg). */
static int check_mem_arg(struct bh_verifier_env *env, int regno, uint32_t size)
{
	struct bh_reg *reg = &cur_regs(env)[regno];
	struct bh_reg saved = *reg;
	int err;

	if (register_is_null(reg))
		return 0;
	reg->type &= ~PTR_MAYBE_NULL; /* as the function sees it after its check */
	err = check_helper_mem_access(env, regno, (int)size, false, false, false);
	if (!err)
		err = check_helper_mem_access(env, regno, (int)size, false, true, true);
	saved.var_off = reg->var_off;
	*reg = saved;
	return err;
}

/* btf_check_subprog_call(): do the caller's R1-R5 fit the arguments? */
static int check_args(struct bh_verifier_env *env, int sub)
{
	const struct bh_subprog *sp = &env->subprogs[sub];

	for (int i = 0; i < sp->arg_cnt; i++) {
		int regno = i + 1;
		struct bh_reg *reg = &cur_regs(env)[regno];

		switch (sp->arg[i]) {
		case GARG_SCALAR:
			if (reg->type != SCALAR_VALUE) {
				verbose(env, "R%d is not a scalar\n", regno);
				return -EINVAL;
			}
			break;
		case GARG_CTX:
			if (reg->type != PTR_TO_CTX) {
				verbose(env, "arg#%d expects pointer to ctx\n", i);
				return -EINVAL;
			}
			if (reg->off || !tnum_equals_const(reg->var_off, 0)) {
				char tb[48];

				verbose(env, "dereference of modified %s ptr R%d off=%d disallowed\n",
					reg_type_str(reg->type, tb, sizeof(tb)), regno, reg->off);
				return -EACCES;
			}
			if (!env->max_ctx_offset)
				env->max_ctx_offset = 1;
			break;
		default: {
			int err = check_reg_read(env, regno);

			/* the function sees plain memory, which a helper that
			 * moves the packet would leave dangling */
			if (!err && reg_is_pkt_pointer_any(reg) &&
			    subprog_changes_pkt(env, sub, 0)) {
				verbose(env, "R%d: a packet pointer passed to func#%d ('%s'), which may move the packet, is not verified by bpfhost\n",
					regno, sub, sp->name);
				return -EINVAL;
			}
			if (!err)
				err = check_mem_arg(env, regno, sp->mem_size[i]);
			if (err)
				return err == -ENOMEM ? err : -EINVAL;
		}
		}
	}
	return 0;
}

int check_global_call(struct bh_verifier_env *env, int sub)
{
	struct bh_subprog *sp = &env->subprogs[sub];
	struct bh_reg *regs = cur_regs(env);
	int err;

	if (env->cur->active_lock_map) {
		verbose(env, "global function calls are not allowed while holding a lock,\n"
			     "use static function instead\n");
		return -EINVAL;
	}
	err = check_args(env, sub);
	if (err) {
		verbose(env, "Caller passes invalid args into func#%d ('%s')\n", sub,
			sp->name);
		return err;
	}
	if (log_level1(env))
		verbose(env, "Func#%d ('%s') is global and assumed valid.\n", sub, sp->name);
	sp->called = true;
	for (int i = 0; i <= 5; i++) {
		mark_reg_not_init(&regs[i]);
		regs[i].written = true;
	}
	mark_reg_unknown(&regs[0]); /* any 64-bit number */
	if (subprog_changes_pkt(env, sub, 0))
		clear_all_pkt_pointers(env->cur, env->priv);
	return 0;
}

/* The exit of a global function: R0 a number (unless it returns void). */
int check_global_return(struct bh_verifier_env *env)
{
	const struct bh_reg *r0 = &cur_regs(env)[0];
	char tb[48];
	int err;

	if (env->subprogs[cur_frame(env)->subprogno].ret_void)
		return 0;
	err = check_reg_read(env, 0);
	if (err)
		return err;
	if (r0->type != SCALAR_VALUE) {
		verbose(env, "At subprogram exit the register R0 is not a scalar value (%s)\n",
			reg_type_str(r0->type, tb, sizeof(tb)));
		return -EINVAL;
	}
	return 0;
}

/* The state a global function starts from: frame 0 of its own, R1-R5
 * from its prototype. */
int init_global_state(struct bh_verifier_env *env, int sub)
{
	const struct bh_subprog *sp = &env->subprogs[sub];
	struct bh_vstate *st = calloc(1, sizeof(*st));
	struct bh_func_state *f = calloc(1, sizeof(*f));

	if (!st || !f) {
		free(st);
		free(f);
		return -ENOMEM;
	}
	init_func_state(f, -1, 0, (uint32_t)sub);
	for (int i = 0; i < sp->arg_cnt; i++) {
		struct bh_reg *r = &f->regs[i + 1];

		switch (sp->arg[i]) {
		case GARG_SCALAR:
			mark_reg_unknown(r);
			break;
		case GARG_CTX:
			mark_reg_pointer(r, PTR_TO_CTX);
			break;
		default:
			mark_reg_pointer(r, PTR_TO_MEM | PTR_MAYBE_NULL);
			r->mem_size = sp->mem_size[i];
			r->id = ++env->id_gen;
		}
	}
	free_vstate(env->cur, true);
	st->frame[0] = f;
	env->cur = st;
	if (log_level1(env))
		verbose(env, "Validating %s() func#%d...\n", sp->name, sub);
	return 0;
}
