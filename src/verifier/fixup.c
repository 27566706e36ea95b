/* SPDX-License-Identifier: MIT */
/*
 * verifier/fixup.c - the rewrites after verification, as the kernel's
 * do_misc_fixups() makes them, and the patching they rest on (the kernel's
 * bpf_patch_insn_data()).
 *
 * A rewrite replaces one loaded instruction by a sequence.  Rewrites are
 * collected first and the program is rebuilt once, so a program with many
 * of them costs one pass, not one pass per patch as in the kernel:
 *
 *	loaded:   0: a     1: b     2: c            (b replaced by b1 b2 b3)
 *	xlated:   0: a     1: b1    2: b2   3: b3   4: c
 *	start[]:  0        1                        4      (start[3] = 5: the end)
 *
 * Every jump, BPF-to-BPF call and BPF_PSEUDO_FUNC ld_imm64 keeps its
 * target: its offset becomes start[target] - (start[self] + 1), so a jump
 * to a replaced instruction lands on the first instruction of its
 * sequence, as in the kernel.  Offsets inside a sequence are the
 * sequence's own.  orig_idx[] maps each xlated instruction back to the
 * loaded one (line info, traces).  Subprograms need no table of their
 * own: their starts are call targets, adjusted like jumps.
 *
 * The rewrites:
 * - Division and modulo (kernel: "Make divide-by-zero and
 *   divide-by-minus-one exceptions impossible"): by a register, a guard
 *   gives x / 0 = 0, x % 0 = x (w % 0 = w zero-extended), and for signed
 *   forms x s/ -1 = -x, x s% -1 = 0; by the constant -1 (signed) the
 *   operation becomes neg or "w = 0".  The fast interpreter then divides
 *   without a check of its own.  This rewrite does not depend on the
 *   verifier and runs on every program (an unverified one may divide by
 *   the constant 0 too: it becomes "= 0" or a move of the register onto
 *   itself).  BH_REG_AX is the kernel's hidden scratch register.
 * - Dead code (verified programs; the kernel does it for privileged
 *   loaders, which bpfhost's verifier models): instructions no path
 *   reached are removed, conditional jumps that always go one way become
 *   "goto" or disappear, and so does every "goto +0".
 * - bpf_map_lookup_elem on a map whose type can generate its lookup
 *   (ARRAY: bounds check, scale, add the value area's address), when the
 *   verifier saw the same map in R1 on every path to the call (the
 *   kernel's map_ptr_state; several maps "poison" the call site) and the
 *   map is one the program references by ld_imm64 (a map from a
 *   map-in-map lookup is a template, not the map that runs).
 */
#include <stdlib.h>
#include <string.h>

#include "helpers/internal.h"
#include "isa/internal.h"
#include "maps/internal.h"
#include "verifier/internal.h"

#define PATCH_MAX BH_MAP_GEN_LOOKUP_MAX

/* One loaded instruction's replacement. */
struct patch {
	size_t at;
	uint32_t cnt;             /* 0: the instruction is removed */
	bool keep_target;         /* one jump whose offset is the loaded one's */
	struct bpf_insn buf[PATCH_MAX];
};

struct rewriter {
	const struct bpf_insn *insns;
	size_t insn_cnt;
	struct patch *patches; /* by increasing @at */
	size_t patch_cnt, patch_cap;
};

static struct patch *new_patch(struct rewriter *rw, size_t at)
{
	if (rw->patch_cnt == rw->patch_cap) {
		size_t cap = rw->patch_cap ? rw->patch_cap * 2 : 16;
		struct patch *p = realloc(rw->patches, cap * sizeof(*p));

		if (!p)
			return NULL;
		rw->patches = p;
		rw->patch_cap = cap;
	}
	memset(&rw->patches[rw->patch_cnt], 0, sizeof(*rw->patches));
	rw->patches[rw->patch_cnt].at = at;
	return &rw->patches[rw->patch_cnt++];
}

#define INSN(c, d, s, o, i) \
	((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })

/* ---- division and modulo ---- */

static uint32_t div_by_reg(const struct bpf_insn *insn, struct bpf_insn *p)
{
	bool is64 = BPF_CLASS(insn->code) == BPF_ALU64;
	bool isdiv = BPF_OP(insn->code) == BPF_DIV;
	uint8_t alu = is64 ? BPF_ALU64 : BPF_ALU, jmp = is64 ? BPF_JMP : BPF_JMP32;
	uint8_t dst = insn->dst_reg, src = insn->src_reg;
	uint32_t n = 0;

	if (insn->off == 1) {
		/* AX = src + 1: 0 for -1, 1 for 0, above 1 for the others */
		p[n++] = INSN(BPF_ALU64 | BPF_MOV | BPF_X, BH_REG_AX, src, 0, 0);
		p[n++] = INSN(alu | BPF_ADD | BPF_K, BH_REG_AX, 0, 0, 1);
		if (isdiv) {
			/* x s/ 0 = 0; x s/ -1 = -x (INT_MIN stays INT_MIN) */
			p[n++] = INSN(jmp | BPF_JGT | BPF_K, BH_REG_AX, 0, 4, 1);
			p[n++] = INSN(jmp | BPF_JEQ | BPF_K, BH_REG_AX, 0, 1, 0);
			p[n++] = INSN(alu | BPF_MOV | BPF_K, dst, 0, 0, 0);
			p[n++] = INSN(alu | BPF_NEG | BPF_K, dst, 0, 0, 0);
			p[n++] = INSN(BPF_JMP | BPF_JA, 0, 0, 1, 0);
			p[n++] = *insn;
		} else {
			/* x s% 0 = x; x s% -1 = 0 */
			p[n++] = INSN(jmp | BPF_JGT | BPF_K, BH_REG_AX, 0, 3, 1);
			p[n++] = INSN(jmp | BPF_JEQ | BPF_K, BH_REG_AX, 0, is64 ? 3 : 4, 1);
			p[n++] = INSN(BPF_ALU | BPF_MOV | BPF_K, dst, 0, 0, 0);
			p[n++] = INSN(BPF_JMP | BPF_JA, 0, 0, 1, 0);
			p[n++] = *insn;
			if (!is64) {
				p[n++] = INSN(BPF_JMP | BPF_JA, 0, 0, 1, 0);
				p[n++] = INSN(BPF_ALU | BPF_MOV | BPF_X, dst, dst, 0, 0);
			}
		}
	} else if (isdiv) {
		/* x / 0 = 0 */
		p[n++] = INSN(jmp | BPF_JNE | BPF_K, src, 0, 2, 0);
		p[n++] = INSN(BPF_ALU | BPF_XOR | BPF_X, dst, dst, 0, 0);
		p[n++] = INSN(BPF_JMP | BPF_JA, 0, 0, 1, 0);
		p[n++] = *insn;
	} else {
		/* x % 0 = x; w % 0 = w zero-extended */
		p[n++] = INSN(jmp | BPF_JEQ | BPF_K, src, 0, is64 ? 1 : 2, 0);
		p[n++] = *insn;
		if (!is64) {
			p[n++] = INSN(BPF_JMP | BPF_JA, 0, 0, 1, 0);
			p[n++] = INSN(BPF_ALU | BPF_MOV | BPF_X, dst, dst, 0, 0);
		}
	}
	return n;
}

/* By a constant: -1 (signed) and 0 (only unverified programs get there). */
static uint32_t div_by_imm(const struct bpf_insn *insn, struct bpf_insn *p)
{
	bool isdiv = BPF_OP(insn->code) == BPF_DIV;
	uint8_t alu = BPF_CLASS(insn->code), dst = insn->dst_reg;

	if (insn->imm == -1 && insn->off == 1) {
		/* x s/ -1 = -x; x s% -1 = 0 */
		p[0] = isdiv ? INSN(alu | BPF_NEG | BPF_K, dst, 0, 0, 0)
			     : INSN(BPF_ALU | BPF_MOV | BPF_K, dst, 0, 0, 0);
		return 1;
	}
	if (insn->imm)
		return 0;
	/* x / 0 = 0; x % 0 = x (a 32-bit move zero-extends w) */
	p[0] = isdiv ? INSN(BPF_ALU | BPF_MOV | BPF_K, dst, 0, 0, 0)
		     : INSN(alu | BPF_MOV | BPF_X, dst, dst, 0, 0);
	return 1;
}

static int fixup_div(struct rewriter *rw, size_t pc)
{
	const struct bpf_insn *insn = &rw->insns[pc];
	struct bpf_insn buf[PATCH_MAX];
	uint32_t n;
	struct patch *p;

	if (BPF_SRC(insn->code) == BPF_X)
		n = div_by_reg(insn, buf);
	else
		n = div_by_imm(insn, buf);
	if (!n)
		return 0;
	p = new_patch(rw, pc);
	if (!p)
		return -ENOMEM;
	memcpy(p->buf, buf, n * sizeof(*buf));
	p->cnt = n;
	return 0;
}

/* ---- map lookups ---- */

static bool references_map(struct bh_map *const *maps, size_t map_cnt,
			   const struct bh_map *map)
{
	for (size_t i = 0; i < map_cnt; i++)
		if (maps[i] == map)
			return true;
	return false;
}

static int add_inlined(struct bh_xlated *out, struct bh_map *map)
{
	struct bh_map **m;

	if (references_map(out->inlined, out->inlined_cnt, map))
		return 0;
	m = realloc(out->inlined, (out->inlined_cnt + 1) * sizeof(*m));
	if (!m)
		return -ENOMEM;
	out->inlined = m;
	out->inlined[out->inlined_cnt++] = map;
	return 0;
}

static int fixup_lookup(struct rewriter *rw, size_t pc,
			const struct bh_insn_aux *aux,
			struct bh_map *const *maps, size_t map_cnt,
			struct bh_xlated *out)
{
	struct bh_map *map = aux->map_ptr;
	struct bpf_insn buf[PATCH_MAX];
	struct patch *p;
	int n;

	if (!aux->seen || aux->map_poisoned || !map || !map->ops->gen_lookup ||
	    !map->ops->gen_lookup_area || !references_map(maps, map_cnt, map))
		return 0;
	n = map->ops->gen_lookup(map, buf);
	if (n == -EOPNOTSUPP)
		return 0;
	if (n <= 0 || n > PATCH_MAX)
		return -EFAULT;
	p = new_patch(rw, pc);
	if (!p)
		return -ENOMEM;
	memcpy(p->buf, buf, (size_t)n * sizeof(*buf));
	p->cnt = (uint32_t)n;
	return add_inlined(out, map);
}

/* ---- dead code (privileged programs, as the kernel) ---- */

static int remove_insn(struct rewriter *rw, size_t pc)
{
	return new_patch(rw, pc) ? 0 : -ENOMEM; /* cnt 0 */
}

static bool is_cond_jump(const struct bpf_insn *insn)
{
	uint8_t cls = BPF_CLASS(insn->code), op = BPF_OP(insn->code);

	return (cls == BPF_JMP || cls == BPF_JMP32) && op != BPF_JA &&
	       op != BPF_CALL && op != BPF_EXIT;
}

/*
 * The kernel's opt_hard_wire_dead_code_branches(), opt_remove_dead_code()
 * and opt_remove_nops() in one step: an instruction no path reached goes;
 * a conditional jump whose fall-through no path reached becomes "goto"
 * (same target); one whose target no path reached falls through, so it
 * goes, as does every "goto +0".  Returns 1 when @pc was handled.
 */
static int fixup_dead(struct rewriter *rw, size_t pc, const struct bh_insn_aux *aux)
{
	const struct bpf_insn *insn = &rw->insns[pc];
	static const struct bpf_insn nop = { .code = BPF_JMP | BPF_JA };
	struct patch *p;
	int err;

	if (!aux[pc].seen) {
		err = remove_insn(rw, pc);
		if (!err && isa_is_ld_imm64(insn) && pc + 1 < rw->insn_cnt)
			err = remove_insn(rw, pc + 1);
		return err ? err : 1;
	}
	if (!memcmp(insn, &nop, sizeof(nop)))
		return remove_insn(rw, pc) ? -ENOMEM : 1;
	if (!is_cond_jump(insn))
		return 0;
	if (!aux[pc + 1].seen) {
		p = new_patch(rw, pc);
		if (!p)
			return -ENOMEM;
		p->buf[0] = INSN(BPF_JMP | BPF_JA, 0, 0, insn->off, 0);
		p->cnt = 1;
		p->keep_target = true;
		return 1;
	}
	if (!aux[pc + 1 + insn->off].seen)
		return remove_insn(rw, pc) ? -ENOMEM : 1;
	return 0;
}

/* ---- rebuilding the program ---- */

/* Where an instruction's relative target is: off, imm, or none. */
enum rel { REL_NONE, REL_OFF, REL_IMM };

static enum rel insn_rel(const struct bpf_insn *insn)
{
	uint8_t cls = BPF_CLASS(insn->code), op = BPF_OP(insn->code);

	if (isa_is_ld_imm64(insn))
		return insn->src_reg == BPF_PSEUDO_FUNC ? REL_IMM : REL_NONE;
	if (cls != BPF_JMP && cls != BPF_JMP32)
		return REL_NONE;
	if (op == BPF_EXIT)
		return REL_NONE;
	if (op == BPF_CALL)
		return insn->src_reg == BPF_PSEUDO_CALL && BPF_SRC(insn->code) == BPF_K
			       ? REL_IMM : REL_NONE;
	if (op == BPF_JA && cls == BPF_JMP32)
		return REL_IMM;
	return REL_OFF;
}

/* Give @dst (copied from loaded instruction @pc) its new offset. */
static int retarget(struct bpf_insn *dst, size_t pc, const size_t *start,
		    size_t insn_cnt, struct bh_log *log)
{
	enum rel rel = insn_rel(dst);
	int64_t target, off;

	if (rel == REL_NONE)
		return 0;
	target = (int64_t)pc + 1 + (rel == REL_OFF ? dst->off : dst->imm);
	if (target < 0 || (size_t)target > insn_cnt)
		return -EFAULT; /* the encoding check keeps targets inside */
	off = (int64_t)start[target] - ((int64_t)start[pc] + 1);
	if (rel == REL_OFF) {
		if (off < INT16_MIN || off > INT16_MAX) {
			/* the kernel's message, and its -ENOMEM (the patch
			 * function fails and its callers say "no memory") */
			bh_log(log, "insn %zu cannot be patched due to 16-bit range\n", pc);
			return -ENOMEM;
		}
		dst->off = (int16_t)off;
	} else {
		if (off < INT32_MIN || off > INT32_MAX) {
			bh_log(log, "insn %zu cannot be patched due to 32-bit range\n", pc);
			return -ENOMEM;
		}
		dst->imm = (int32_t)off;
	}
	return 0;
}

static int rebuild(const struct rewriter *rw, struct bh_xlated *out,
		   struct bh_log *log)
{
	size_t n = rw->insn_cnt, total = n, k = 0, at = 0;
	size_t *start = NULL;
	int err = -ENOMEM;

	for (size_t i = 0; i < rw->patch_cnt; i++)
		total = total + rw->patches[i].cnt - 1;
	start = malloc((n + 1) * sizeof(*start));
	out->insns = malloc((total ? total : 1) * sizeof(*out->insns));
	out->orig_idx = malloc((total ? total : 1) * sizeof(*out->orig_idx));
	if (!start || !out->insns || !out->orig_idx)
		goto out;
	for (size_t pc = 0, pos = 0; pc <= n; pc++) {
		start[pc] = pos;
		if (pc < n)
			pos += k < rw->patch_cnt && rw->patches[k].at == pc
				       ? rw->patches[k++].cnt : 1;
	}
	k = 0;
	for (size_t pc = 0; pc < n; pc++) {
		if (k < rw->patch_cnt && rw->patches[k].at == pc) {
			const struct patch *p = &rw->patches[k++];

			memcpy(&out->insns[at], p->buf, p->cnt * sizeof(*p->buf));
			if (p->keep_target) {
				err = retarget(&out->insns[at], pc, start, n, log);
				if (err)
					goto out;
			}
			for (uint32_t j = 0; j < p->cnt; j++)
				out->orig_idx[at++] = (uint32_t)pc;
			continue;
		}
		out->insns[at] = rw->insns[pc];
		out->orig_idx[at] = (uint32_t)pc;
		err = retarget(&out->insns[at++], pc, start, n, log);
		if (err)
			goto out;
		if (isa_is_ld_imm64(&rw->insns[pc]) && pc + 1 < n) {
			/* the second half: no opcode, never patched */
			out->insns[at] = rw->insns[++pc];
			out->orig_idx[at++] = (uint32_t)pc;
		}
	}
	out->insn_cnt = total;
	err = 0;
out:
	free(start);
	return err;
}

int verifier_fixup(const struct bpf_insn *insns, size_t insn_cnt,
		   const struct bh_insn_aux *aux, struct bh_map *const *maps,
		   size_t map_cnt, struct bh_xlated *out, struct bh_log *log)
{
	struct rewriter rw = { .insns = insns, .insn_cnt = insn_cnt };
	int err = 0;

	memset(out, 0, sizeof(*out));
	for (size_t pc = 0; pc < insn_cnt && !err; pc++) {
		const struct bpf_insn *insn = &insns[pc];
		uint8_t cls = BPF_CLASS(insn->code), op = BPF_OP(insn->code);

		if (aux) {
			int done = fixup_dead(&rw, pc, aux);

			if (done < 0)
				err = done;
			if (done) {
				pc += isa_is_ld_imm64(insn);
				continue;
			}
		}
		if (isa_is_ld_imm64(insn)) {
			pc++;
			continue;
		}
		if ((cls == BPF_ALU || cls == BPF_ALU64) &&
		    (op == BPF_DIV || op == BPF_MOD))
			err = fixup_div(&rw, pc);
		else if (aux && insn->code == (BPF_JMP | BPF_CALL) && !insn->src_reg &&
			 insn->imm == BPF_FUNC_map_lookup_elem)
			err = fixup_lookup(&rw, pc, &aux[pc], maps, map_cnt, out);
	}
	if (!err)
		err = rebuild(&rw, out, log);
	free(rw.patches);
	if (err)
		fixup_free(out);
	return err;
}

void fixup_free(struct bh_xlated *x)
{
	free(x->insns);
	free(x->orig_idx);
	free(x->inlined);
	memset(x, 0, sizeof(*x));
}

/* ---- recorded during verification ---- */

void fixup_record_map(struct bh_verifier_env *env, int insn_idx,
		      struct bh_map *map)
{
	struct bh_insn_aux *aux = &env->aux[insn_idx];

	if (aux->map_poisoned)
		return;
	if (!map || (aux->map_ptr && aux->map_ptr != map)) {
		aux->map_ptr = NULL;
		aux->map_poisoned = true;
		return;
	}
	aux->map_ptr = map;
}
