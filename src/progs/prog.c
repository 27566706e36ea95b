/* SPDX-License-Identifier: MIT */
/*
 * progs/prog.c - program objects: load, reference, look up, run.
 */
#include <stdlib.h>
#include <string.h>

#include "core/rcu.h"
#include "exec/callback.h"
#include "helpers/internal.h"
#include "isa/internal.h"
#include "maps/internal.h"
#include "progs/internal.h"
#include "verifier/load.h"

#define BH_PROG(NAME, num, short_name, ops) extern const struct bh_prog_ops ops;
#include "core/bpf_types.def"

static const struct bh_prog_ops *const prog_ops_table[__MAX_BPF_PROG_TYPE] = {
#define BH_PROG(NAME, num, short_name, ops) [num] = &ops,
#include "core/bpf_types.def"
};

#define BH_PROG(NAME, num, short_name, ops) \
	_Static_assert(num == BPF_PROG_TYPE_##NAME, "registry number of " #NAME);
#include "core/bpf_types.def"

const struct bh_prog_ops *prog_type_ops(uint32_t type)
{
	return type < __MAX_BPF_PROG_TYPE ? prog_ops_table[type] : NULL;
}

static void prog_release(struct bh_obj *obj)
{
	struct bh_prog *prog = bh_container_of(obj, struct bh_prog, obj);

	/* Runs that still hold the program hold a reference: free now. */
	prog_maps_release(&prog->maps);
	free(prog->insns);
	free(prog->orig_idx);
	free(prog);
}

static bool license_is_gpl(const char *license)
{
	static const char *const gpl[] = {
		"GPL", "GPL v2", "GPL and additional rights",
		"Dual BSD/GPL", "Dual MIT/GPL", "Dual MPL/GPL",
	};

	for (size_t i = 0; license && i < BH_ARRAY_SIZE(gpl); i++)
		if (!strcmp(license, gpl[i]))
			return true;
	return false;
}

/* A program without a GPL-compatible licence may not call GPL-only helpers. */
static int check_gpl_only(const struct bpf_insn *insns, size_t insn_cnt,
			  struct bh_log *log)
{
	for (size_t pc = 0; pc < insn_cnt; pc++) {
		const struct bh_helper_proto *proto;

		if (insns[pc].code != (BPF_JMP | BPF_CALL))
			continue;
		/* the kernel's add_kfunc_call: every kfunc is GPL-only */
		if (insns[pc].src_reg == BPF_PSEUDO_KFUNC_CALL) {
			bh_log(log, "cannot call kernel function from non-GPL compatible program\n");
			return -EINVAL;
		}
		if (insns[pc].src_reg)
			continue;
		proto = helper_proto((uint32_t)insns[pc].imm);
		if (proto && proto->gpl_only) {
			bh_log(log, "%zu: cannot call GPL-restricted function from non-GPL compatible program\n",
			       pc);
			return -EINVAL;
		}
	}
	return 0;
}

/*
 * bpf_prog_load() for a loader without CAP_BPF: BPF_MAXINSNS instructions,
 * then only the two types such a loader may load (the kernel answers
 * without a log message; bpfhost says why).
 */
static int check_unpriv_load(uint32_t prog_type, size_t insn_cnt, struct bh_log *log)
{
	if (insn_cnt > BH_MAX_INSNS_UNPRIV) {
		bh_log(log, "an unprivileged program has at most %u instructions, not %zu\n",
		       BH_MAX_INSNS_UNPRIV, insn_cnt);
		return -E2BIG;
	}
	if (prog_type != BPF_PROG_TYPE_SOCKET_FILTER &&
	    prog_type != BPF_PROG_TYPE_CGROUP_SKB) {
		bh_log(log, "an unprivileged loader may load only socket filter and cgroup skb programs\n");
		return -EPERM;
	}
	return 0;
}

/* Options and type checks before any instruction is looked at. */
static int load_check_args(uint32_t prog_type, const struct bpf_insn *insns,
			   size_t insn_cnt, const struct bh_prog_load_opts *opts,
			   struct bh_log *log)
{
	const char *name = BH_OPTS_GET(opts, name, NULL);

	if (!BH_OPTS_VALID(opts, bh_prog_load_opts))
		return -EINVAL;
	uint32_t bh_flags = BH_OPTS_GET(opts, bh_flags, 0);

	if (bh_flags & ~(BH_PROG_LOAD_F_UNCHECKED | BH_PROG_LOAD_F_NO_VERIFY |
			 BH_PROG_LOAD_F_UNPRIV))
		return -EINVAL;
	if ((bh_flags & BH_PROG_LOAD_F_UNPRIV) && (bh_flags & BH_PROG_LOAD_F_NO_VERIFY)) {
		bh_log(log, "an unprivileged load is always verified\n");
		return -EINVAL;
	}
	if (BH_OPTS_GET(opts, prog_flags, 0) &
	    ~(BPF_F_STRICT_ALIGNMENT | BPF_F_ANY_ALIGNMENT | BPF_F_TEST_RND_HI32 |
	      BPF_F_TEST_STATE_FREQ | BPF_F_SLEEPABLE | BPF_F_XDP_HAS_FRAGS |
	      BPF_F_XDP_DEV_BOUND_ONLY | BPF_F_TEST_REG_INVARIANTS))
		return -EINVAL;
	if (name && strlen(name) >= BPF_OBJ_NAME_LEN) {
		bh_log(log, "program name '%s' is longer than %u characters\n",
		       name, BPF_OBJ_NAME_LEN - 1);
		return -EINVAL;
	}
	if (!prog_type_ops(prog_type)) {
		bh_log(log, "unknown program type %u\n", prog_type);
		return -EINVAL;
	}
	if (!insns && insn_cnt)
		return -EINVAL;
	if (insn_cnt > BH_MAX_INSNS)
		return -E2BIG;
	if (bh_flags & BH_PROG_LOAD_F_UNPRIV)
		return check_unpriv_load(prog_type, insn_cnt, log);
	return 0;
}

/*
 * verifier_fixup() on @insns, and give checked runs the value areas that
 * inlined lookups may return pointers into (the helper would have added
 * each value it returns to the run's regions).
 */
static int load_fixup(const struct bpf_insn *insns, size_t insn_cnt,
		      const struct bh_insn_aux *aux, struct prog_maps *pm,
		      struct bh_xlated *x, struct bh_log *log)
{
	int ret = verifier_fixup(insns, insn_cnt, aux, pm->maps, pm->map_cnt,
				 x, log);

	for (size_t i = 0; !ret && i < x->inlined_cnt; i++) {
		struct bh_map *map = x->inlined[i];
		size_t size = 0;
		void *area = map->ops->gen_lookup_area(map, &size);

		ret = prog_maps_add_area(pm, area, size,
					 !(map->map_flags & BPF_F_RDONLY_PROG));
	}
	return ret;
}

BH_API struct bh_prog *bh_prog__load(uint32_t prog_type,
				     const struct bpf_insn *insns,
				     size_t insn_cnt,
				     const struct bh_prog_load_opts *opts)
{
	struct prog_maps pm = { 0 };
	struct bh_verifier_output vout = { .want_aux = true };
	struct bh_xlated x = { 0 };
	/* Every program is verified unless the caller opts out explicitly
	 * (BH_PROG_LOAD_F_NO_VERIFY, for tests of the interpreter alone). */
	bool verify = !(BH_OPTS_GET(opts, bh_flags, 0) & BH_PROG_LOAD_F_NO_VERIFY);
	bool unpriv = BH_OPTS_GET(opts, bh_flags, 0) & BH_PROG_LOAD_F_UNPRIV;
	bool verified;
	struct bh_log log;
	struct bh_prog *prog;
	const char *name;
	int ret;

	bh_log_init(&log, BH_OPTS_GET(opts, log_buf, NULL),
		    BH_OPTS_GET(opts, log_size, 0),
		    BH_OPTS_GET(opts, log_level, 0));
	ret = load_check_args(prog_type, insns, insn_cnt, opts, &log);
	if (!ret) /* map references become pointers before the checks */
		ret = prog_maps_resolve(&pm, insns, insn_cnt,
					BH_OPTS_GET(opts, maps, NULL),
					BH_OPTS_GET(opts, map_cnt, 0), &log);
	if (!ret && pm.insns)
		insns = pm.insns;
	/* Unverified, the encoding check also proves every register written
	 * before it is read on every path; verified, the verifier does that
	 * (on the paths that can be taken, with the kernel's -EACCES). */
	if (!ret && verify)
		ret = isa_check_encoding(insns, insn_cnt, &log);
	else if (!ret)
		ret = isa_check_prog(insns, insn_cnt,
				     BH_MAX(BH_OPTS_GET(opts, entry_args, 1), 1u),
				     &log);
	if (ret) {
		/* As the kernel's bpf_check(): a cut log turns any error into -ENOSPC. */
		int log_ret = bh_log_finish(&log);

		prog_maps_release(&pm);
		return bh_err_ptr(log_ret ? log_ret : ret);
	}
	if (!ret) /* progs/type_check.c: attach type, allowed helpers */
		ret = prog_check_type(prog_type, insns, insn_cnt, opts, &log);
	if (!ret && !license_is_gpl(BH_OPTS_GET(opts, license, NULL)))
		ret = check_gpl_only(insns, insn_cnt, &log);
	verified = !ret && verify;
	if (verified) {
		const struct bh_verifier_btf vbtf = {
			.btf = BH_OPTS_GET(opts, prog_btf, NULL),
			.func_info = BH_OPTS_GET(opts, func_info, NULL),
			.func_info_cnt = BH_OPTS_GET(opts, func_info_cnt, 0),
		};

		ret = verifier_check_prog_btf(prog_type,
					      BH_OPTS_GET(opts, expected_attach_type, 0),
					      BH_OPTS_GET(opts, prog_flags, 0),
					      BH_OPTS_GET(opts, entry_args, 1), unpriv, insns,
					      insn_cnt, &pm, &vbtf, &vout, &log);
	}
	if (ret) {
		int log_ret = bh_log_finish(&log);

		prog_maps_release(&pm);
		return bh_err_ptr(log_ret ? log_ret : ret);
	}
	/* the rewrites after verification (every program: see fixup.c) */
	ret = load_fixup(insns, insn_cnt, vout.aux, &pm, &x, &log);
	free(vout.aux);
	if (ret)
		goto err;
	ret = -ENOMEM;
	prog = calloc(1, sizeof(*prog));
	if (!prog)
		goto err;
	prog->insns = x.insns;
	prog->orig_idx = x.orig_idx;
	prog->insn_cnt = x.insn_cnt;
	prog->orig_cnt = insn_cnt;
	x.insns = NULL;
	x.orig_idx = NULL;
	fixup_free(&x);
	exec_resolve_callbacks(prog->insns, prog->insn_cnt);
	free(pm.insns);
	pm.insns = NULL;
	prog->maps = pm;
	prog->type = prog_type;
	prog->ops = prog_type_ops(prog_type);
	prog->prog_flags = BH_OPTS_GET(opts, prog_flags, 0);
	prog->expected_attach_type = BH_OPTS_GET(opts, expected_attach_type, 0);
	/* a verified program needs no run-time checks: the payoff */
	prog->verified = verified;
	prog->max_ctx_offset = vout.max_ctx_offset;
	for (size_t pc = 0; pc < prog->insn_cnt; pc++)
		if (prog->insns[pc].code == (BPF_JMP | BPF_CALL) &&
		    !prog->insns[pc].src_reg &&
		    prog->insns[pc].imm == BPF_FUNC_tail_call)
			prog->tail_calls = true;
	prog->unchecked = verified ||
			  (BH_OPTS_GET(opts, bh_flags, 0) & BH_PROG_LOAD_F_UNCHECKED);
	prog->gpl = license_is_gpl(BH_OPTS_GET(opts, license, NULL));
	prog->unpriv = unpriv;
	prog->origin = prog;
	name = BH_OPTS_GET(opts, name, NULL);
	if (name)
		strcpy(prog->name, name); /* length checked above */
	obj_init(&prog->obj, BH_OBJ_PROG, prog_release);
	ret = bh_log_finish(&log);
	if (!ret)
		ret = obj_publish(&prog->obj);
	if (ret)
		goto err_free_insns;
	return prog;

err_free_insns:
	free(prog->insns);
	free(prog->orig_idx);
	free(prog);
err:
	fixup_free(&x);
	prog_maps_release(&pm);
	return bh_err_ptr(ret);
}

BH_API void bh_prog__free(struct bh_prog *prog)
{
	if (prog)
		obj_put(&prog->obj);
}

BH_API struct bh_prog *bh_prog__get(struct bh_prog *prog)
{
	obj_get(&prog->obj);
	return prog;
}

BH_API struct bh_prog *bh_prog__by_id(uint32_t id)
{
	struct bh_obj *obj = obj_by_id(BH_OBJ_PROG, id);

	return obj ? bh_container_of(obj, struct bh_prog, obj) : NULL;
}

BH_API int bh_prog__next_id(uint32_t start_id, uint32_t *next_id)
{
	return bh_err(obj_next_id(BH_OBJ_PROG, start_id, next_id));
}

BH_API uint32_t bh_prog__id(const struct bh_prog *prog)
{
	return prog->obj.id;
}

BH_API uint32_t bh_prog__type(const struct bh_prog *prog)
{
	return prog->type;
}

BH_API const char *bh_prog__name(const struct bh_prog *prog)
{
	return prog->name;
}

BH_API const struct bpf_insn *bh_prog__insns(const struct bh_prog *prog,
					     size_t *insn_cnt)
{
	if (insn_cnt)
		*insn_cnt = prog->insn_cnt;
	return prog->insns;
}

BH_API long bh_prog__orig_insn_idx(const struct bh_prog *prog, size_t pc)
{
	if (!prog || pc >= prog->insn_cnt)
		return bh_err(-ENOENT);
	return prog->orig_idx[pc];
}

/*
 * One run of @prog with @env.  A checked run may also touch the program's
 * direct values and inlined arrays: they are added to the caller's regions
 * for the run, and the run's regions (those, values looked up, samples)
 * dropped after it, so that runs repeated on one env do not pile them up.
 * An unchecked run looks at no region: nothing to add.
 */
int prog_run_held(struct bh_prog *prog, struct bh_exec_env *env, uint64_t *r0)
{
	unsigned int regions = env->region_cnt;
	int ret;

	env->prog = prog;
	env->tail_call_cnt = 0;
	if (env->force_checked || !prog->unchecked)
		prog_maps_add_regions(&prog->maps, env);
	ret = exec_run(env, r0);
	env->region_cnt = regions;
	return ret;
}

int prog_run(struct bh_prog *prog, struct bh_exec_env *env, uint64_t *r0)
{
	int ret;

	bh_cpu_enter(-1);
	bh_rcu_read_lock();
	ret = prog_run_held(prog, env, r0);
	bh_rcu_read_unlock();
	bh_cpu_exit();
	return ret;
}

BH_API int bh_prog__exec(struct bh_prog *prog, const uint64_t *args,
			 unsigned int nargs, void *mem, size_t mem_sz,
			 uint64_t *ret)
{
	struct bh_exec_env env = { 0 };
	uint64_t r0 = 0;
	int err;

	if (!prog || !ret || (nargs && !args) || nargs > 5)
		return bh_err(-EINVAL);
	if (prog->verified && prog->max_ctx_offset) {
		/* unchecked: only the context the verifier assumed */
		if (prog->type != BPF_PROG_TYPE_SYSCALL ||
		    (nargs && args[0] != (uintptr_t)mem) ||
		    (mem ? mem_sz : 0) < prog->max_ctx_offset)
			return bh_err(-EINVAL);
		env.args[0] = (uintptr_t)mem;
	}
	for (unsigned int i = 0; i < nargs; i++)
		env.args[i] = args[i];
	if (mem && mem_sz)
		exec_add_region(&env, mem, mem_sz, true);
	err = prog_run(prog, &env, &r0);
	if (err)
		return bh_err(err);
	*ret = r0;
	return 0;
}
