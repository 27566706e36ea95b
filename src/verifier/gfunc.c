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

/*
 * The struct a program type's context pointer has in C (the first type of
 * the kernel's BPF_PROG_TYPE() lines, bpf_ctx_convert); NULL: none by name
 * (TRACING and SYSCALL have `void *`), so only an "arg:ctx" tag makes an
 * argument the context.
 */
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
	case BPF_PROG_TYPE_RAW_TRACEPOINT:
	case BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE:
		return "bpf_raw_tracepoint_args";
	case BPF_PROG_TYPE_KPROBE: /* bpf_user_pt_regs_t, x86-64's pt_regs */
		return "pt_regs";
	case BPF_PROG_TYPE_PERF_EVENT:
		return "bpf_perf_event_data";
	case BPF_PROG_TYPE_CGROUP_SYSCTL:
		return "bpf_sysctl";
	case BPF_PROG_TYPE_CGROUP_SOCKOPT:
		return "bpf_sockopt";
	default:
		return NULL;
	}
}

static bool is_scalar_type(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_INT || btf_kind(t) == BTF_KIND_ENUM ||
	       btf_kind(t) == BTF_KIND_ENUM64;
}

/* The pointee of pointer @ptr, modifiers and typedefs skipped (void: id 0). */
static const struct btf_type *pointee(const struct bh_btf *btf, const struct btf_type *ptr)
{
	const struct btf_type *t;

	btf_skip_mods_typedefs(btf, ptr->type, &t);
	return t;
}

static bool is_struct_named(const struct bh_btf *btf, const struct btf_type *t,
			    const char *name)
{
	return btf_is_composite(btf_kind(t)) && !strcmp(btf_str(btf, t->name_off), name);
}

/* btf_is_prog_ctx_type(): does untagged pointer @ptr name the context
 * struct (or the kernel struct it projects, sk_buff, xdp_buff)? */
static bool is_prog_ctx_type(const struct bh_btf *btf, const struct btf_type *ptr,
			     uint32_t prog_type)
{
	const char *ctx_name = prog_ctx_name(prog_type);
	const struct btf_type *t = pointee(btf, ptr);

	if (!ctx_name || !btf_is_composite(btf_kind(t)))
		return false;
	if (is_struct_named(btf, t, ctx_name))
		return true;
	return (!strcmp(ctx_name, "__sk_buff") && is_struct_named(btf, t, "sk_buff")) ||
	       (!strcmp(ctx_name, "xdp_md") && is_struct_named(btf, t, "xdp_buff"));
}

/* btf_validate_prog_ctx_type(): may an "arg:ctx" pointer @ptr have its
 * pointee type?  `void *` always; a few program types take more. */
static int validate_ctx_arg(struct bh_verifier_env *env, const struct btf_type *ptr,
			    uint32_t arg)
{
	const struct bh_btf *btf = env->in->btf;
	const struct btf_type *t = pointee(btf, ptr);
	bool u64_ok = false, tname_ok = false;
	const char *tname, *ctx_name;

	if (btf_kind(t) == BTF_KIND_UNKN)
		return 0; /* void */
	tname = btf_str(btf, t->name_off);
	if (!*tname) {
		verbose(env, "arg#%u type doesn't have a name\n", arg);
		return -EINVAL;
	}
	switch (env->in->prog_type) {
	case BPF_PROG_TYPE_RAW_TRACEPOINT:
	case BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE:
		u64_ok = true;
		break;
	case BPF_PROG_TYPE_TRACING:
		switch (env->in->expected_attach_type) {
		case BPF_TRACE_RAW_TP:
			u64_ok = true;
			tname_ok = is_struct_named(btf, t, "bpf_raw_tracepoint_args") &&
				   btf_kind(t) == BTF_KIND_STRUCT;
			break;
		case BPF_TRACE_ITER:
			tname_ok = btf_kind(t) == BTF_KIND_STRUCT &&
				   !strncmp(tname, "bpf_iter__", strlen("bpf_iter__"));
			break;
		case BPF_TRACE_FENTRY:
		case BPF_TRACE_FEXIT:
		case BPF_MODIFY_RETURN:
			u64_ok = true;
			break;
		}
		break;
	case BPF_PROG_TYPE_PERF_EVENT:
		/* its context starts with the registers (bpf_user_pt_regs_t) */
		tname_ok = is_struct_named(btf, t, "pt_regs") &&
			   btf_kind(t) == BTF_KIND_STRUCT;
		break;
	case BPF_PROG_TYPE_SYSCALL:
		return 0; /* anything goes */
	}
	if (tname_ok || (u64_ok && btf_kind(t) == BTF_KIND_INT && t->size == 8))
		return 0;
	ctx_name = prog_ctx_name(env->in->prog_type);
	if (!ctx_name) {
		verbose(env, "arg#%u should be void pointer\n", arg);
		return -EINVAL;
	}
	if (btf_kind(t) != BTF_KIND_STRUCT || strcmp(tname, ctx_name)) {
		verbose(env, "arg#%u should be `struct %s *`\n", arg, ctx_name);
		return -EINVAL;
	}
	return 0;
}

#define ARG_TAG_CTX 1u
#define ARG_TAG_NONNULL 2u
#define ARG_TAG_NULLABLE 4u
#define ARG_TAG_TRUSTED 8u

/*
 * The "arg:" decl tags of argument @arg of FUNC @func_id (clang's
 * __attribute__((btf_decl_tag("arg:ctx"))) on the parameter) in *@tags.
 * "arg:untrusted" and "arg:arena" give pointers bpfhost does not have
 * (read through fault-handling loads, arena memory): they are refused as
 * the kernel refuses a tag it does not know.  "arg:trusted" names a kernel
 * type (prepare_arg()).
 */
static int arg_tags(struct bh_verifier_env *env, uint32_t func_id, uint32_t arg,
		    uint32_t *tags)
{
	const struct bh_btf *btf = env->in->btf;

	*tags = 0;
	for (uint32_t id = 1; id < btf->nr_types; id++) {
		const struct btf_type *t = btf_type(btf, id);
		const char *name = btf_str(btf, t->name_off);

		if (btf_kind(t) != BTF_KIND_DECL_TAG || t->type != func_id ||
		    *(const int32_t *)(t + 1) != (int32_t)arg || strncmp(name, "arg:", 4))
			continue;
		name += 4;
		if (!strcmp(name, "ctx")) {
			*tags |= ARG_TAG_CTX;
		} else if (!strcmp(name, "nonnull")) {
			*tags |= ARG_TAG_NONNULL;
		} else if (!strcmp(name, "nullable")) {
			*tags |= ARG_TAG_NULLABLE;
		} else if (!strcmp(name, "trusted")) {
			*tags |= ARG_TAG_TRUSTED;
		} else {
			verbose(env, "arg#%u has unsupported set of tags\n", arg);
			return -EOPNOTSUPP;
		}
	}
	return 0;
}

/* One argument of global function @sp (btf_prepare_func_args's loop). */
static int prepare_arg(struct bh_verifier_env *env, struct bh_subprog *sp, uint32_t i,
		       const struct btf_param *param)
{
	const struct bh_btf *btf = env->in->btf;
	const struct btf_type *t, *ref;
	uint32_t tags, ref_id;
	int err = arg_tags(env, sp->func_id, i, &tags);

	if (err)
		return err;
	btf_skip_mods_typedefs(btf, param->type, &t);
	if (btf_kind(t) != BTF_KIND_PTR) {
		if (tags) {
			verbose(env, "arg#%u has pointer tag, but is not a pointer type\n", i);
			return -EINVAL;
		}
		if (is_scalar_type(t)) {
			sp->arg[i] = GARG_SCALAR;
			return 0;
		}
		verbose(env, "Arg#%u type %s in %s() is not supported yet.\n", i,
			bh_btf__kind_str(btf_kind(t)), sp->name);
		return -EINVAL;
	}
	if ((tags & ARG_TAG_CTX) || is_prog_ctx_type(btf, t, env->in->prog_type)) {
		if (tags & ~ARG_TAG_CTX) {
			verbose(env, "arg#%u has invalid combination of tags\n", i);
			return -EINVAL;
		}
		if ((tags & ARG_TAG_CTX) && validate_ctx_arg(env, t, i))
			return -EINVAL;
		sp->arg[i] = GARG_CTX;
		return 0;
	}
	ref_id = btf_skip_mods_typedefs(btf, t->type, &ref);
	if (tags & ARG_TAG_TRUSTED) {
		/* a pointer to the kernel's type of that name: bpfhost has no
		 * kernel types, so none matches (btf_get_ptr_to_btf_id()) */
		if (tags & ARG_TAG_NONNULL) {
			verbose(env, "arg#%u has invalid combination of tags\n", i);
			return -EINVAL;
		}
		verbose(env, "arg#%u reference type('%s %s') has no matches\n", i,
			bh_btf__kind_str(btf_kind(ref)), btf_str(btf, ref->name_off));
		return -ENOENT;
	}
	if (tags & ARG_TAG_NULLABLE) {
		verbose(env, "arg#%u has invalid combination of tags\n", i);
		return -EINVAL;
	}
	if (!ref_id || btf->sizes[ref_id] < 0 || btf->sizes[ref_id] > BH_MAX_VAR_SIZ) {
		verbose(env, "arg#%u reference type('%s %s') size cannot be determined: %d\n",
			i, bh_btf__kind_str(btf_kind(ref)), btf_str(btf, ref->name_off),
			-EINVAL);
		return -EINVAL;
	}
	sp->arg[i] = tags & ARG_TAG_NONNULL ? GARG_MEM_NONNULL : GARG_MEM;
	sp->mem_size[i] = (uint32_t)btf->sizes[ref_id];
	return 0;
}

/*
 * btf_prepare_func_args() for global function @sp: its argument types from
 * its BTF prototype and the "arg:" decl tags on its parameters.  As in the
 * kernel this runs at the first call a path reaches (check_global_call),
 * not when the program loads: a function no feasible path calls may have
 * any prototype.
 */
static int prepare_args(struct bh_verifier_env *env, struct bh_subprog *sp)
{
	const struct bh_btf *btf = env->in->btf;
	const struct btf_type *func = btf_type(btf, sp->func_id);
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
	for (uint32_t i = 0; i < nargs; i++) {
		int err = prepare_arg(env, sp, i, &args[i]);

		if (err)
			return err;
	}
	sp->arg_cnt = (uint8_t)nargs;
	sp->args_cached = true;
	return 0;
}

/*
 * check_btf_info(): with func_info, one record per subprogram at its first
 * instruction, each a FUNC; the global ones are marked (their arguments are
 * typed at their first call).
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
		sp->func_id = fi->type_id;
		/* the main program is verified as the entry, whatever its linkage */
		sp->global = i && btf_vlen(func) == BTF_FUNC_GLOBAL;
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
		default: { /* GARG_MEM, GARG_MEM_NONNULL */
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
			/* the kernel lets a NULL constant through here (it
			 * checks only PTR_MAYBE_NULL), and the function then
			 * dereferences it unchecked: bpfhost refuses it */
			if (sp->arg[i] == GARG_MEM_NONNULL &&
			    ((reg->type & PTR_MAYBE_NULL) || register_is_null(reg))) {
				verbose(env, "arg#%d is expected to be non-NULL\n", i);
				return -EINVAL;
			}
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

	/* btf_check_subprog_call(), then the lock, as the kernel orders them */
	err = sp->args_cached ? 0 : prepare_args(env, sp);
	if (err == -EFAULT)
		return err;
	if (!err)
		err = check_args(env, sub);
	if (env->cur->active_lock_map) {
		verbose(env, "global function calls are not allowed while holding a lock,\n"
			     "use static function instead\n");
		return -EINVAL;
	}
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
		case GARG_MEM_NONNULL:
			mark_reg_pointer(r, PTR_TO_MEM);
			r->mem_size = sp->mem_size[i];
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
