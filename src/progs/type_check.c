/* SPDX-License-Identifier: MIT */
/*
 * progs/type_check.c - load-time rules that depend on the program type:
 * the type's own check (bpf_prog_load_check_attach: e.g. a sockopt
 * program must name its hook) and the helpers it may call (the verifier's
 * check_helper_call: get_func_proto answers NULL for a helper the type may
 * not use).  Runs before the GPL check, as in the kernel.
 */
#include "helpers/internal.h"
#include "progs/internal.h"

int prog_check_type(uint32_t prog_type, const struct bpf_insn *insns,
		    size_t insn_cnt, const struct bh_prog_load_opts *opts,
		    struct bh_log *log)
{
	const struct bh_prog_ops *ops = prog_type_ops(prog_type);
	struct bh_prog tmp = {
		.type = prog_type,
		.expected_attach_type = BH_OPTS_GET(opts, expected_attach_type, 0),
		.prog_flags = BH_OPTS_GET(opts, prog_flags, 0),
		.unpriv = BH_OPTS_GET(opts, bh_flags, 0) & BH_PROG_LOAD_F_UNPRIV,
	};
	int ret;

	if (!ops)
		return -EINVAL;
	if (ops->check_load) {
		ret = ops->check_load(&tmp, log);
		if (ret)
			return ret;
	}
	if (!ops->get_func_proto)
		return 0;
	for (size_t pc = 0; pc < insn_cnt; pc++) {
		const struct bh_helper_proto *proto;
		uint32_t id = (uint32_t)insns[pc].imm;

		if (insns[pc].code != (BPF_JMP | BPF_CALL) || insns[pc].src_reg)
			continue;
		proto = helper_proto(id);
		if (!proto) /* the encoding check reports unknown ids */
			continue;
		if (!ops->get_func_proto(id, &tmp)) {
			bh_log(log, "program of this type cannot use helper bpf_%s#%u\n",
			       proto->name, id);
			return -EINVAL;
		}
	}
	return 0;
}
