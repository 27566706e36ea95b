/* SPDX-License-Identifier: MIT */
/*
 * verifier/load.c - what the loader calls: builds the verifier's input from
 * the program type's registry entry (context rules, allowed helpers) and the
 * program's resolved map references, then verifies.
 */
#include <string.h>

#include "helpers/internal.h"
#include "maps/internal.h"
#include "progs/ctx_access.h"
#include "progs/internal.h"
#include "verifier/internal.h"
#include "verifier/load.h"

struct load_ctx {
	const struct bh_prog_ops *ops;
	struct bh_prog tmp;           /* the type, attach type and flags only */
	const struct prog_maps *pm;
	const struct bpf_insn *insns;
};

static bool desc_access(const void *rules, int off, int size, bool write,
			struct bh_ctx_access *info)
{
	uint8_t t = BH_CTX_SCALAR;

	if (off < 0 || !ctx_access_check(rules, (uint32_t)off, (uint32_t)size, write, &t))
		return false;
	switch (t) {
	case BH_CTX_SCALAR:
		info->reg_type = SCALAR_VALUE;
		return true;
	case BH_CTX_PKT:
		info->reg_type = PTR_TO_PACKET;
		return !write;
	case BH_CTX_PKT_END:
		info->reg_type = PTR_TO_PACKET_END;
		return !write;
	case BH_CTX_PKT_META:
		info->reg_type = PTR_TO_PACKET_META;
		return !write;
	default:
		return false; /* socket pointers: not tracked yet, refuse */
	}
}

/* BPF_PROG_TYPE_SYSCALL: the context is caller memory; the kernel lets a
 * program touch any aligned offset below U16_MAX and test_run checks the
 * caller's buffer covers the largest one the program uses. */
static bool syscall_access(const void *rules, int off, int size, bool write,
			   struct bh_ctx_access *info)
{
	(void)rules;
	(void)write;
	if (off < 0 || off >= 65535 || off % size)
		return false;
	info->reg_type = SCALAR_VALUE;
	return true;
}

static const struct bh_helper_proto *load_proto(void *ctx, uint32_t id)
{
	struct load_ctx *lc = ctx;

	if (!helper_proto(id))
		return NULL;
	if (lc->ops->get_func_proto)
		return lc->ops->get_func_proto(id, &lc->tmp);
	return helper_proto(id);
}

/* The map an ld_imm64 names: the pointer itself, or for a direct value the
 * one-element array whose value holds the address. */
static struct bh_map *load_insn_map(void *ctx, size_t pc, uint32_t *value_off)
{
	struct load_ctx *lc = ctx;
	const struct bpf_insn *insn = &lc->insns[pc];
	uintptr_t v = (uintptr_t)(((uint64_t)(uint32_t)insn[1].imm << 32) |
				  (uint32_t)insn->imm);
	uint32_t zero = 0;

	*value_off = 0;
	if (insn->src_reg == BPF_PSEUDO_MAP_FD || insn->src_reg == BPF_PSEUDO_MAP_IDX)
		return (struct bh_map *)v;
	for (size_t i = 0; lc->pm && i < lc->pm->map_cnt; i++) {
		struct bh_map *map = lc->pm->maps[i];
		uintptr_t base;

		if (map->type != BPF_MAP_TYPE_ARRAY || map->max_entries != 1)
			continue;
		base = (uintptr_t)map->ops->lookup(map, &zero);
		if (base && v >= base && v < base + map->value_size) {
			*value_off = (uint32_t)(v - base);
			return map;
		}
	}
	return NULL;
}

int verifier_check_prog_btf(uint32_t prog_type, uint32_t expected_attach_type,
			    uint32_t prog_flags, uint32_t entry_args, bool unpriv,
			    const struct bpf_insn *insns, size_t insn_cnt,
			    const struct prog_maps *pm, const struct bh_verifier_btf *vbtf,
			    struct bh_verifier_output *out, struct bh_log *log)
{
	struct load_ctx lc = {
		.ops = prog_type_ops(prog_type),
		.tmp = { .type = prog_type,
			 .expected_attach_type = expected_attach_type,
			 .prog_flags = prog_flags,
			 .unpriv = unpriv },
		.pm = pm,
		.insns = insns,
	};
	struct bh_verifier_input in = {
		.insns = insns,
		.insn_cnt = insn_cnt,
		.prog_type = prog_type,
		.expected_attach_type = expected_attach_type,
		.prog_flags = prog_flags,
		.entry_args = entry_args,
		.unpriv = unpriv,
		.proto = load_proto,
		.proto_ctx = &lc,
		.insn_map = load_insn_map,
		.insn_map_ctx = &lc,
	};

	if (!lc.ops)
		return -EINVAL;
	if (vbtf && vbtf->btf && vbtf->func_info_cnt) {
		in.btf = vbtf->btf;
		in.func_info = vbtf->func_info;
		in.func_info_cnt = vbtf->func_info_cnt;
	}
	lc.tmp.ops = lc.ops;
	if (prog_type == BPF_PROG_TYPE_SYSCALL) {
		in.is_valid_access = syscall_access;
		in.ctx_as_mem = true;
	} else if (lc.ops->ctx_desc) {
		in.is_valid_access = desc_access;
		in.ctx_rules = lc.ops->ctx_desc(expected_attach_type);
	}
	in.may_access_skb = prog_type == BPF_PROG_TYPE_SOCKET_FILTER ||
			    prog_type == BPF_PROG_TYPE_SCHED_CLS ||
			    prog_type == BPF_PROG_TYPE_SCHED_ACT;
	if (lc.ops->ret_range) {
		int32_t lo, hi;

		if (lc.ops->ret_range(expected_attach_type, &lo, &hi)) {
			in.ret_range_check = true;
			in.ret_min = lo;
			in.ret_max = hi;
		}
	}
	return verifier_check(&in, out, log);
}

int verifier_check_prog(uint32_t prog_type, uint32_t expected_attach_type,
			uint32_t prog_flags, uint32_t entry_args,
			const struct bpf_insn *insns,
			size_t insn_cnt, const struct prog_maps *pm,
			struct bh_verifier_output *out, struct bh_log *log)
{
	return verifier_check_prog_btf(prog_type, expected_attach_type, prog_flags,
				       entry_args, false, insns, insn_cnt, pm, NULL, out, log);
}

int verifier_check_prog_unpriv(uint32_t prog_type, uint32_t expected_attach_type,
			       uint32_t prog_flags, uint32_t entry_args,
			       const struct bpf_insn *insns, size_t insn_cnt,
			       const struct prog_maps *pm,
			       struct bh_verifier_output *out, struct bh_log *log)
{
	return verifier_check_prog_btf(prog_type, expected_attach_type, prog_flags,
				       entry_args, true, insns, insn_cnt, pm, NULL, out, log);
}
