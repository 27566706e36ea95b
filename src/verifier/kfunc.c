/* SPDX-License-Identifier: MIT */
/*
 * verifier/kfunc.c - kfunc calls (BPF_PSEUDO_KFUNC_CALL), as the kernel's
 * add_kfunc_call() and check_kfunc_call() check them.
 *
 * The call's imm is bpfhost's id of the kfunc (kfunc_ids.def; the loader
 * resolves an extern kfunc by name into it), off 0.  Arguments are checked
 * by the kfunc's prototype with the helpers' argument checks (calls.c),
 * which gives the kernel's rules for the kinds bpfhost's kfuncs take:
 * dynptrs (initialised, or uninitialised slots a clone fills), scalars,
 * an optional buffer sized by a constant.  Then the kfunc's own rules:
 *
 *   - bpf_rcu_read_lock / _unlock pair up on every path: no nesting, no
 *     unlock without a lock, no exit of the main program (nor tail call)
 *     inside the section, no sleepable kfunc inside it;
 *   - the dynptr slices return NULL or @buffer__szk bytes of the dynptr,
 *     read-only for bpf_dynptr_slice, and gone when the dynptr is (as
 *     bpf_dynptr_data's);
 *   - while a bpf_spin_lock is held no kfunc may be called but the
 *     number iterator's;
 *   - iterators: iter.c.
 */
#include <stdio.h>

#include "helpers/internal.h"
#include "verifier/internal.h"

static const char *kfunc_name(const struct bh_kfunc *k)
{
	static _Thread_local char buf[64];

	snprintf(buf, sizeof(buf), "bpf_%s", k->proto.name);
	return buf;
}

int check_kfunc_insn(struct bh_verifier_env *env, const struct bpf_insn *insn)
{
	const struct bh_kfunc *k = kfunc_proto((uint32_t)insn->imm);

	if (insn->off) {
		/* the kernel's index into fd_array for a module's BTF */
		verbose(env, "kfunc offset > 0 without fd_array is invalid\n");
		return -EINVAL;
	}
	/* imm 0: a weak extern bpfhost lacks; refused when reached */
	if (!insn->imm)
		return 0;
	if (!k) {
		verbose(env, "kernel btf_id %d is not a function\n", insn->imm);
		return -EINVAL;
	}
	if (!kfunc_allowed(k, env->in->prog_type)) {
		verbose(env, "calling kernel function %s is not allowed\n", kfunc_name(k));
		return -EACCES;
	}
	return 0;
}

/* The kernel's may_access_direct_pkt_data(env, NULL, BPF_WRITE): program
 * types that may write packet data, hence a writable dynptr slice. */
static bool may_write_pkt_data(uint32_t prog_type)
{
	switch (prog_type) {
	case BPF_PROG_TYPE_SCHED_CLS:
	case BPF_PROG_TYPE_SCHED_ACT:
	case BPF_PROG_TYPE_XDP:
	case BPF_PROG_TYPE_LWT_XMIT:
	case BPF_PROG_TYPE_SK_SKB:
	case BPF_PROG_TYPE_SK_MSG:
	case BPF_PROG_TYPE_CGROUP_SOCKOPT:
		return true;
	default:
		return false;
	}
}

/* bpf_rcu_read_lock / _unlock, and what the section forbids. */
static int check_rcu(struct bh_verifier_env *env, const struct bh_kfunc *k, uint32_t id)
{
	struct bh_vstate *st = env->cur;

	if (st->active_rcu_lock) {
		if (id == BH_KFUNC_rcu_read_lock) {
			verbose(env, "nested rcu read lock (kernel function %s)\n",
				kfunc_name(k));
			return -EINVAL;
		}
		if (id == BH_KFUNC_rcu_read_unlock)
			st->active_rcu_lock = false;
		else if (k->flags & BH_KF_SLEEPABLE) {
			verbose(env, "kernel func %s is sleepable within rcu_read_lock region\n",
				kfunc_name(k));
			return -EACCES;
		}
	} else if (id == BH_KFUNC_rcu_read_lock) {
		st->active_rcu_lock = true;
	} else if (id == BH_KFUNC_rcu_read_unlock) {
		verbose(env, "unmatched rcu read unlock (kernel function %s)\n",
			kfunc_name(k));
		return -EINVAL;
	}
	return 0;
}

/* R0 of a kfunc returning memory: a slice of the dynptr argument. */
static int kfunc_ret_mem(struct bh_verifier_env *env, const struct bh_kfunc *k,
			 uint32_t id, const struct call_meta *meta)
{
	struct bh_reg *r0 = &cur_regs(env)[0];
	bool rdwr = id == BH_KFUNC_dynptr_slice_rdwr;

	if ((id != BH_KFUNC_dynptr_slice && !rdwr) || meta->mem_size < 0 ||
	    meta->mem_size > UINT32_MAX || !meta->dynptr.id) {
		verbose(env, "verifier internal error: kfunc %s returns memory it does not size\n",
			kfunc_name(k));
		return -EFAULT;
	}
	if (rdwr && !may_write_pkt_data(env->in->prog_type)) {
		verbose(env, "the prog does not allow writes to packet data\n");
		return -EINVAL;
	}
	mark_reg_pointer(r0, PTR_TO_MEM | (rdwr ? 0 : MEM_RDONLY) |
			     (k->flags & BH_KF_RET_NULL ? PTR_MAYBE_NULL : 0));
	r0->mem_size = (uint32_t)meta->mem_size;
	r0->id = ++env->id_gen;
	/* gone when the dynptr is destroyed (dynptr_id) or its ring buffer
	 * record released (ref_obj_id: bpfhost's, for the slices of every
	 * dynptr that holds one) */
	r0->dynptr_id = meta->dynptr.id;
	r0->ref_obj_id = meta->dynptr.ref_obj_id;
	return 0;
}

/* An iterator argument: the check that touches memory first reads R@regno */
static int check_iter_arg(struct bh_verifier_env *env, int regno, int insn_idx,
			  const struct bh_kfunc *k)
{
	int err = check_reg_read(env, regno);

	return err ? err : process_iter_arg(env, regno, insn_idx, k);
}

int check_kfunc_call(struct bh_verifier_env *env, const struct bpf_insn *insn,
		     int insn_idx)
{
	uint32_t id = (uint32_t)insn->imm;
	const struct bh_kfunc *k = kfunc_proto(id);
	struct call_meta meta = { .mem_regno = -1, .const_key = -1, .callback = -1,
				  .mem_size = -1, .func_id = id, .kfunc = true };
	struct bh_reg *regs = cur_regs(env);
	int err;

	if (!k) {
		/* a weak extern the loader left unresolved (imm 0): the
		 * kernel refuses it in fixup_kfunc_call unless dead */
		verbose(env, "invalid kernel function call not eliminated in verifier pass\n");
		return -EINVAL;
	}
	/* the kernel's kfunc_spin_allowed(): the number iterators only */
	if (env->cur->active_lock_map &&
	    !(k->flags & (BH_KF_ITER_NEW | BH_KF_ITER_NEXT | BH_KF_ITER_DESTROY))) {
		verbose(env, "function calls are not allowed while holding a lock\n");
		return -EINVAL;
	}
	for (int i = 0; i < k->arg_cnt; i++) {
		uint8_t t = k->proto.arg_type[i];

		err = t == BH_ARG_PTR_TO_ITER_NUM ? check_iter_arg(env, i + 1, insn_idx, k)
						  : check_func_arg(env, i, t, &meta);
		if (err)
			return err;
	}
	err = check_rcu(env, k, id);
	if (err)
		return err;
	/* next(): R0 NULL here, an element on the pushed path */
	if (k->flags & BH_KF_ITER_NEXT) {
		err = process_iter_next_call(env, insn_idx);
		if (err)
			return err;
	}
	for (int i = 1; i <= 5; i++) {
		mark_reg_not_init(&regs[i]);
		regs[i].written = true;
	}
	switch (k->proto.ret_type) {
	case BH_RET_VOID:
		mark_reg_not_init(&regs[0]);
		break;
	case BH_RET_INTEGER:
		mark_reg_unknown(&regs[0]);
		break;
	case BH_RET_PTR_TO_DYNPTR_MEM_OR_NULL:
		err = kfunc_ret_mem(env, k, id, &meta);
		if (err)
			return err;
		break;
	case BH_RET_PTR_TO_RDONLY_INT:
		if (!(k->flags & BH_KF_ITER_NEXT))
			goto bad_ret;
		break; /* process_iter_next_call() set it */
	default:
bad_ret:
		verbose(env, "verifier internal error: kfunc %s has return type %u\n",
			kfunc_name(k), k->proto.ret_type);
		return -EFAULT;
	}
	regs[0].written = true;
	return 0;
}
