/* SPDX-License-Identifier: MIT */
/*
 * verifier/log.c - the verifier's log: register-type names, instruction
 * lines and register-state dumps worded as the kernel's
 * (kernel/bpf/log.c), and the rewinding of the log at level 1 so that it
 * shows the path that failed.
 */
#include <stdio.h>
#include <string.h>

#include <bpfhost/isa.h>

#include "maps/internal.h"
#include "verifier/internal.h"

const char *reg_type_str(uint32_t type, char *buf, size_t size)
{
	static const char *const names[BH_REG_TYPE_CNT] = {
		[NOT_INIT] = "?",
		[SCALAR_VALUE] = "scalar",
		[PTR_TO_CTX] = "ctx",
		[CONST_PTR_TO_MAP] = "map_ptr",
		[PTR_TO_MAP_VALUE] = "map_value",
		[PTR_TO_MAP_KEY] = "map_key",
		[PTR_TO_STACK] = "fp",
		[PTR_TO_PACKET_META] = "pkt_meta",
		[PTR_TO_PACKET] = "pkt",
		[PTR_TO_PACKET_END] = "pkt_end",
		[PTR_TO_MEM] = "mem",
		[PTR_TO_FUNC] = "func",
		[CONST_PTR_TO_DYNPTR] = "dynptr_ptr",
	};
	uint32_t base = BASE_TYPE(type);

	snprintf(buf, size, "%s%s%s",
		 (type & MEM_RDONLY) ? "rdonly_" : (type & MEM_RINGBUF) ? "ringbuf_" : "",
		 base < BH_REG_TYPE_CNT ? names[base] : "?",
		 (type & PTR_MAYBE_NULL) ? "_or_null" : "");
	return buf;
}

size_t log_pos(const struct bh_verifier_env *env)
{
	return env->log ? env->log->total : 0;
}

/* Forget what was logged after @pos (the kernel's bpf_vlog_reset). */
void log_reset(struct bh_verifier_env *env, size_t pos)
{
	struct bh_log *log = env->log;

	if (!log || pos > log->total)
		return;
	log->total = pos;
	if (log->len > pos)
		log->len = pos;
	if (log->buf && log->size)
		log->buf[BH_MIN(log->len, log->size - 1)] = 0;
}

static void log_snum(struct bh_verifier_env *env, int64_t v)
{
	if (v >= -65535 && v <= 65535)
		verbose(env, "%lld", (long long)v);
	else
		verbose(env, "%#llx", (unsigned long long)v);
}

static void log_unum(struct bh_verifier_env *env, uint64_t v)
{
	if (v <= 65535)
		verbose(env, "%llu", (unsigned long long)v);
	else
		verbose(env, "%#llx", (unsigned long long)v);
}

/* The eight bounds, omitting defaults and naming equal ones together
 * ("smin=umin=0"), as the kernel's print_scalar_ranges(). */
static void print_scalar_ranges(struct bh_verifier_env *env, const struct bh_reg *r,
				const char **sep)
{
	struct { const char *name; uint64_t v; bool omit; } m[] = {
		{ "smin", (uint64_t)r->smin, r->smin == INT64_MIN },
		{ "smax", (uint64_t)r->smax, r->smax == INT64_MAX },
		{ "umin", r->umin, r->umin == 0 },
		{ "umax", r->umax, r->umax == UINT64_MAX },
		{ "smin32", (uint64_t)(int64_t)r->s32_min, r->s32_min == INT32_MIN },
		{ "smax32", (uint64_t)(int64_t)r->s32_max, r->s32_max == INT32_MAX },
		{ "umin32", r->u32_min, r->u32_min == 0 },
		{ "umax32", r->u32_max, r->u32_max == UINT32_MAX },
	};
	size_t n = BH_ARRAY_SIZE(m);

	for (size_t i = 0; i < n; i++) {
		bool neg1 = m[i].name[0] == 's' && (int64_t)m[i].v < 0;

		if (m[i].omit)
			continue;
		verbose(env, "%s%s=", *sep, m[i].name);
		*sep = ",";
		for (size_t j = i + 2; j < n; j += 2) {
			bool neg2 = m[j].name[0] == 's' && (int64_t)m[j].v < 0;

			if (m[j].omit || neg1 != neg2 || m[i].v != m[j].v)
				continue;
			verbose(env, "%s=", m[j].name);
			m[j].omit = true;
		}
		if (m[i].name[0] == 's')
			log_snum(env, (int64_t)m[i].v);
		else
			log_unum(env, m[i].v);
	}
}

static void print_reg(struct bh_verifier_env *env, const struct bh_func_state *f,
		      const struct bh_reg *r)
{
	uint32_t t = r->type;
	const char *sep = "";
	char tb[48];

	if (t == SCALAR_VALUE && r->precise)
		verbose(env, "P");
	if (t == SCALAR_VALUE && tnum_is_const(r->var_off)) {
		log_snum(env, (int64_t)r->var_off.value);
		return;
	}
	verbose(env, "%s", reg_type_str(t, tb, sizeof(tb)));
	if (t == PTR_TO_STACK) {
		if (f->frameno != r->frameno)
			verbose(env, "[%u]", r->frameno);
		if (tnum_is_const(r->var_off)) {
			log_snum(env, (int64_t)r->var_off.value + r->off);
			return;
		}
	}
	verbose(env, "(");
	if (r->id) {
		verbose(env, "%sid=%u", sep, r->id);
		sep = ",";
	}
	if (r->ref_obj_id) {
		verbose(env, "%sref_obj_id=%u", sep, r->ref_obj_id);
		sep = ",";
	}
	if (r->map_ptr && (BASE_TYPE(t) == CONST_PTR_TO_MAP ||
			   BASE_TYPE(t) == PTR_TO_MAP_VALUE ||
			   BASE_TYPE(t) == PTR_TO_MAP_KEY)) {
		if (r->map_ptr->name[0]) {
			verbose(env, "%smap=%s", sep, r->map_ptr->name);
			sep = ",";
		}
		verbose(env, "%sks=%u,vs=%u", sep, r->map_ptr->key_size,
			r->map_ptr->value_size);
		sep = ",";
	}
	if (t != SCALAR_VALUE && r->off) {
		verbose(env, "%soff=", sep);
		log_snum(env, r->off);
		sep = ",";
	}
	if (reg_is_pkt_pointer_any(r)) {
		verbose(env, "%sr=", sep);
		log_unum(env, r->range);
		sep = ",";
	}
	if (BASE_TYPE(t) == PTR_TO_MEM) {
		verbose(env, "%ssz=", sep);
		log_unum(env, r->mem_size);
		sep = ",";
	}
	if (tnum_is_const(r->var_off)) {
		if (r->var_off.value) {
			verbose(env, "%simm=", sep);
			log_snum(env, (int64_t)r->var_off.value);
		}
	} else {
		print_scalar_ranges(env, r, &sep);
		if (!tnum_is_unknown(r->var_off)) {
			char tn[48];

			tnum_strn(tn, sizeof(tn), r->var_off);
			verbose(env, "%svar_off=%s", sep, tn);
		}
	}
	verbose(env, ")");
}

static void print_stack(struct bh_verifier_env *env, const struct bh_func_state *f)
{
	static const char chars[] = { [STACK_INVALID] = '?', [STACK_SPILL] = 'r',
				      [STACK_MISC] = 'm', [STACK_ZERO] = '0',
				      [STACK_DYNPTR] = 'd', [STACK_ITER] = 'i' };

	for (int spi = 0; spi < f->allocated_stack / BH_REG_SIZE; spi++) {
		const struct bh_stack_slot *s = &f->stack[spi];
		char types[BH_REG_SIZE + 1];
		bool any = false;

		if (s->type[0] == STACK_SPILL) {
			verbose(env, " fp%d=", -(spi + 1) * BH_REG_SIZE);
			print_reg(env, f, &s->spilled);
			continue;
		}
		if (s->type[0] == STACK_ITER) {
			verbose(env, " fp%d=iter_num(ref_id=%u,state=%s,depth=%u)",
				-(spi + 1) * BH_REG_SIZE, s->spilled.ref_obj_id,
				s->spilled.iter_state == BH_ITER_ACTIVE ? "active" : "drained",
				s->spilled.iter_depth);
			continue;
		}
		if (s->type[0] == STACK_DYNPTR) {
			/* once, at its first (lower) slot, as the kernel */
			if (!s->spilled.dynptr_first)
				continue;
			verbose(env, " fp%d=dynptr_%s(", -(spi + 1) * BH_REG_SIZE,
				s->spilled.dynptr_type == BH_DYNPTR_RINGBUF ? "ringbuf" : "local");
			verbose(env, "id=%u", s->spilled.id);
			if (s->spilled.ref_obj_id)
				verbose(env, ",ref_id=%u", s->spilled.ref_obj_id);
			verbose(env, ")");
			continue;
		}
		/* highest address first, as the kernel prints */
		for (int i = 0; i < BH_REG_SIZE; i++) {
			types[i] = chars[s->type[BH_REG_SIZE - 1 - i]];
			any |= s->type[BH_REG_SIZE - 1 - i] != STACK_INVALID;
		}
		types[BH_REG_SIZE] = 0;
		if (any)
			verbose(env, " fp%d=%s", -(spi + 1) * BH_REG_SIZE, types);
	}
}

/* The registers (all of them, or those written by the last instruction). */
void print_verifier_state(struct bh_verifier_env *env, bool all)
{
	print_frame_state(env, env->cur, env->cur->curframe, all);
}

void print_frame_state(struct bh_verifier_env *env, const struct bh_vstate *st,
		       uint32_t frameno, bool all)
{
	const struct bh_func_state *f = st->frame[frameno];

	if (frameno && all)
		verbose(env, " frame%u:", frameno);
	for (int i = 0; i < BH_MAX_REGS; i++) {
		const struct bh_reg *r = &f->regs[i];

		if (r->type == NOT_INIT || (!all && !r->written))
			continue;
		verbose(env, " R%d=", i);
		print_reg(env, f, r);
	}
	if (all)
		print_stack(env, f);
	verbose(env, "\n");
}

void print_insn(struct bh_verifier_env *env, int insn_idx)
{
	char text[128];

	bh_disasm__insn(env->insns, env->insn_cnt, (size_t)insn_idx,
			BH_DISASM_KERNEL, text, sizeof(text));
	verbose(env, "%d: (%02x) %s", insn_idx, env->insns[insn_idx].code, text);
}
