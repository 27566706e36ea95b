/* SPDX-License-Identifier: MIT */
/*
 * isa/check.c - the loader's check of instruction encodings and of register
 * initialisation (see isa_check_prog() in internal.h).
 */
#include <limits.h>
#include <stdlib.h>

#include "helpers/internal.h"
#include "isa/internal.h"
#include "isa/mnemonics.h"

static const bool opcode_valid[256] = {
#define BH_OP(code, label) [code] = true,
#include "exec/opcodes.def"
#undef BH_OP
};

bool isa_opcode_valid(uint8_t code)
{
	return opcode_valid[code];
}

#define REG_BIT(r) (1u << (r))
#define ARG_REGS (REG_BIT(1) | REG_BIT(2) | REG_BIT(3) | REG_BIT(4) | REG_BIT(5))
#define UNVISITED 0xffffffffu
#define F_SUBPROG 1 /* first instruction of a subprogram */
#define F_IMM_HI 2  /* second slot of an ld_imm64 */
#define F_QUEUED 4  /* on the work list of check_init() */

struct checker {
	const struct bpf_insn *insns;
	size_t cnt;
	struct bh_log *log;
	uint8_t *flags;         /* F_* per instruction */
	uint32_t *sub;          /* subprogram index per instruction */
	uint32_t *in;           /* registers surely written before insn i */
};

#define FAIL(c, ...) (bh_log((c)->log, __VA_ARGS__), -EINVAL)

static bool alu_fields_ok(const struct bpf_insn *insn)
{
	uint8_t op = BPF_OP(insn->code);
	bool x = BPF_SRC(insn->code) == BPF_X;
	bool alu64 = BPF_CLASS(insn->code) == BPF_ALU64;

	switch (op) {
	case BPF_NEG:
		return !insn->src_reg && !insn->off && !insn->imm;
	case BPF_END:
		return !insn->src_reg && !insn->off &&
		       (insn->imm == 16 || insn->imm == 32 || insn->imm == 64);
	case BPF_MOV:
		if (!x)
			return !insn->src_reg && !insn->off;
		return !insn->imm &&
		       (!insn->off || insn->off == 8 || insn->off == 16 ||
			(alu64 && insn->off == 32));
	case BPF_DIV:
	case BPF_MOD:
		if (insn->off != 0 && insn->off != 1)
			return false;
		return x ? !insn->imm : !insn->src_reg;
	default:
		return !insn->off && (x ? !insn->imm : !insn->src_reg);
	}
}

static bool jmp_fields_ok(const struct bpf_insn *insn)
{
	uint8_t op = BPF_OP(insn->code);
	bool jmp32 = BPF_CLASS(insn->code) == BPF_JMP32;

	switch (op) {
	case BPF_JA:
		return !insn->dst_reg && !insn->src_reg &&
		       (jmp32 ? !insn->off : !insn->imm);
	case BPF_EXIT:
		return !insn->dst_reg && !insn->src_reg && !insn->off &&
		       !insn->imm;
	case BPF_CALL:
		if (BPF_SRC(insn->code) == BPF_X) /* callx: register in dst */
			return !insn->src_reg && !insn->off && !insn->imm;
		return !insn->dst_reg && !insn->off &&
		       insn->src_reg <= BPF_PSEUDO_KFUNC_CALL;
	default:
		return BPF_SRC(insn->code) == BPF_X ? !insn->imm
						    : !insn->src_reg;
	}
}

static bool atomic_imm_ok(int32_t imm)
{
	switch (imm) {
	case BPF_ADD: case BPF_ADD | BPF_FETCH:
	case BPF_OR: case BPF_OR | BPF_FETCH:
	case BPF_AND: case BPF_AND | BPF_FETCH:
	case BPF_XOR: case BPF_XOR | BPF_FETCH:
	case BPF_XCHG: case BPF_CMPXCHG:
		return true;
	default:
		return false;
	}
}

/* Reserved fields of one instruction; 0 or a logged -EINVAL. */
static int check_fields(struct checker *c, size_t pc)
{
	const struct bpf_insn *insn = &c->insns[pc];
	bool ok;

	switch (BPF_CLASS(insn->code)) {
	case BPF_ALU:
	case BPF_ALU64:
		ok = alu_fields_ok(insn);
		break;
	case BPF_JMP:
	case BPF_JMP32:
		ok = jmp_fields_ok(insn);
		break;
	case BPF_LDX:
		ok = !insn->imm;
		break;
	case BPF_ST:
		ok = !insn->src_reg;
		break;
	case BPF_STX:
		ok = BPF_MODE(insn->code) == BPF_ATOMIC ? atomic_imm_ok(insn->imm)
							: !insn->imm;
		break;
	default: /* BPF_LD */
		if (BPF_MODE(insn->code) == BPF_IMM)
			ok = !insn->off;
		else
			ok = !insn->dst_reg && !insn->off &&
			     (BPF_MODE(insn->code) == BPF_IND || !insn->src_reg);
	}
	if (!ok)
		return FAIL(c, "%zu: (%02x) uses reserved fields\n", pc,
			    insn->code);
	if (insn->dst_reg > BPF_REG_10 || insn->src_reg > BPF_REG_10)
		return FAIL(c, "%zu: R%d is invalid\n", pc,
			    BH_MAX(insn->dst_reg, insn->src_reg));
	return 0;
}

/*
 * Target of a jump or local call at @pc, or NO_TARGET if @pc has none.  Not
 * -1: a jump can compute -1 (e.g. `ja -2` at pc 0) and must be refused.
 */
#define NO_TARGET LONG_MIN
static long branch_target(const struct bpf_insn *insn, size_t pc)
{
	uint8_t cls = BPF_CLASS(insn->code), op = BPF_OP(insn->code);

	if (cls != BPF_JMP && cls != BPF_JMP32)
		return NO_TARGET;
	if (op == BPF_EXIT || (op == BPF_CALL && insn->src_reg != BPF_PSEUDO_CALL))
		return NO_TARGET;
	if (op == BPF_CALL && BPF_SRC(insn->code) == BPF_X)
		return NO_TARGET;
	if (cls == BPF_JMP32 && op == BPF_JA)
		return (long)pc + insn->imm + 1;
	if (op == BPF_CALL)
		return (long)pc + insn->imm + 1;
	return (long)pc + insn->off + 1;
}

/* Pass 1: opcodes, fields, ld_imm64 pairs, targets, helpers; marks subprograms. */
static int check_insns(struct checker *c)
{
	for (size_t pc = 0; pc < c->cnt; pc++) {
		const struct bpf_insn *insn = &c->insns[pc];
		long target;
		int ret;

		if (!isa_opcode_valid(insn->code))
			return FAIL(c, "%zu: unknown opcode %02x\n", pc, insn->code);
		ret = check_fields(c, pc);
		if (ret)
			return ret;
		if (isa_is_ld_imm64(insn)) {
			const struct bpf_insn *hi = insn + 1;

			if (pc + 1 >= c->cnt || hi->code || hi->dst_reg ||
			    hi->src_reg || hi->off)
				return FAIL(c, "%zu: invalid bpf_ld_imm64 insn\n", pc);
			if (insn->src_reg == BPF_PSEUDO_FUNC) {
				/* A callback for a helper (bpf_user_ringbuf_drain):
				 * its target starts a subprogram; the load rewrites
				 * the immediate to the target's address. */
				target = (long)pc + insn->imm + 1;
				if (target < 0 || (size_t)target >= c->cnt)
					return FAIL(c, "%zu: callback target %ld out of range\n",
						    pc, target);
				c->flags[target] |= F_SUBPROG;
				c->flags[++pc] |= F_IMM_HI;
				continue;
			}
			/* map sources are resolved by the loader (progs/map_refs.c) */
			if (insn->src_reg && insn->src_reg != BPF_PSEUDO_MAP_FD &&
			    insn->src_reg != BPF_PSEUDO_MAP_IDX &&
			    insn->src_reg != BPF_PSEUDO_MAP_VALUE &&
			    insn->src_reg != BPF_PSEUDO_MAP_IDX_VALUE)
				return FAIL(c,
					    "%zu: ld_imm64 source %d refers to a map; no map with fd %d exists\n",
					    pc, insn->src_reg, insn->imm);
			c->flags[++pc] |= F_IMM_HI;
			continue;
		}
		if (insn->code == (BPF_JMP | BPF_CALL) && insn->src_reg == 0 &&
		    !helper_proto((uint32_t)insn->imm)) {
			const char *kname = insn->imm ? isa_helper_name(insn->imm) : NULL;

			/* a helper the kernel has and bpfhost does not: say so */
			if (kname)
				return FAIL(c, "%zu: helper %s#%d is not implemented by bpfhost\n",
					    pc, kname, insn->imm);
			return FAIL(c, "%zu: invalid func unknown#%d\n", pc, insn->imm);
		}
		/* imm 0: a weak extern kfunc bpfhost lacks (the verifier
		 * refuses it where reached) */
		if (insn->code == (BPF_JMP | BPF_CALL) &&
		    insn->src_reg == BPF_PSEUDO_KFUNC_CALL && insn->imm &&
		    !kfunc_proto((uint32_t)insn->imm))
			return FAIL(c, "%zu: kernel function call #%d: bpfhost has no such kfunc (kfunc_ids.def)\n",
				    pc, insn->imm);
		target = branch_target(insn, pc);
		if (target >= 0 && insn->code == (BPF_JMP | BPF_CALL) &&
		    (size_t)target < c->cnt)
			c->flags[target] |= F_SUBPROG;
		if (target != NO_TARGET && (target < 0 || (size_t)target >= c->cnt))
			return FAIL(c, "jump out of range from insn %zu to %ld\n",
				    pc, target);
	}
	return 0;
}

/* Pass 2: no jump into an ld_imm64 or across subprograms; ends are exits. */
static int check_layout(struct checker *c)
{
	uint32_t sub = 0;

	c->flags[0] |= F_SUBPROG;
	for (size_t pc = 0; pc < c->cnt; pc++) {
		if (pc && (c->flags[pc] & F_SUBPROG))
			sub++;
		c->sub[pc] = sub;
	}
	for (size_t pc = 0; pc < c->cnt; pc++) {
		const struct bpf_insn *insn = &c->insns[pc];
		long target = branch_target(insn, pc);
		size_t next = pc + (isa_is_ld_imm64(insn) ? 2 : 1);

		/* a callback's target (in range: pass 1) is no ld_imm64 half */
		if (isa_is_ld_imm64(insn) && insn->src_reg == BPF_PSEUDO_FUNC &&
		    (c->flags[pc + insn->imm + 1] & F_IMM_HI))
			return FAIL(c, "%zu: callback target is the middle of an ldimm64 insn\n",
				    pc);
		if (target >= 0 && (c->flags[target] & F_IMM_HI))
			return FAIL(c, "jump into the middle of ldimm64 insn %ld\n",
				    target - 1);
		if (target >= 0 && insn->code != (BPF_JMP | BPF_CALL) &&
		    c->sub[target] != c->sub[pc])
			return FAIL(c, "jump out of range from insn %zu to %ld\n",
				    pc, target);
		if (next >= c->cnt || (c->flags[next] & F_SUBPROG)) {
			uint8_t op = BPF_OP(insn->code), cls = BPF_CLASS(insn->code);

			if (!((cls == BPF_JMP || cls == BPF_JMP32) &&
			      (op == BPF_EXIT || op == BPF_JA)))
				return FAIL(c, "last insn is not an exit or jmp\n");
		}
		pc = next - 1;
	}
	return 0;
}

/* Registers @insn reads (R0 for exit and cmpxchg). */
static uint32_t insn_reads(const struct bpf_insn *insn)
{
	uint8_t cls = BPF_CLASS(insn->code), op = BPF_OP(insn->code);
	uint32_t src = REG_BIT(insn->src_reg), dst = REG_BIT(insn->dst_reg);
	bool x = BPF_SRC(insn->code) == BPF_X;

	switch (cls) {
	case BPF_ALU:
	case BPF_ALU64:
		if (op == BPF_MOV)
			return x ? src : 0;
		return dst | (x && op != BPF_END && op != BPF_NEG ? src : 0);
	case BPF_JMP:
	case BPF_JMP32:
		if (op == BPF_EXIT)
			return REG_BIT(0);
		if (op == BPF_CALL)
			return x ? dst : 0;
		if (op == BPF_JA)
			return 0;
		return dst | (x ? src : 0);
	case BPF_LDX:
		return src;
	case BPF_ST:
		return dst;
	case BPF_STX:
		if (BPF_MODE(insn->code) == BPF_ATOMIC && insn->imm == BPF_CMPXCHG)
			return dst | src | REG_BIT(0);
		return dst | src;
	default: /* BPF_LD */
		if (BPF_MODE(insn->code) == BPF_IMM)
			return 0;
		return REG_BIT(6) | (BPF_MODE(insn->code) == BPF_IND ? src : 0);
	}
}

/* Registers defined after @insn, given @in defined before it. */
static uint32_t insn_defines(const struct bpf_insn *insn, uint32_t in)
{
	uint8_t cls = BPF_CLASS(insn->code), op = BPF_OP(insn->code);

	switch (cls) {
	case BPF_ALU:
	case BPF_ALU64:
	case BPF_LDX:
		return in | REG_BIT(insn->dst_reg);
	case BPF_JMP:
	case BPF_JMP32:
		if (op == BPF_CALL) /* R0 set, R1-R5 clobbered */
			return (in & ~ARG_REGS) | REG_BIT(0);
		return in;
	case BPF_STX:
		if (BPF_MODE(insn->code) == BPF_ATOMIC && insn->imm == BPF_CMPXCHG)
			return in | REG_BIT(0);
		return in;
	case BPF_ST:
		return in;
	default: /* BPF_LD */
		if (BPF_MODE(insn->code) == BPF_IMM)
			return in | REG_BIT(insn->dst_reg);
		return (in & ~ARG_REGS) | REG_BIT(0);
	}
}

/* Pass 3: forward "surely written" analysis; meet is intersection. */
static int check_init(struct checker *c, uint32_t entry_args)
{
	size_t *work = malloc(c->cnt * sizeof(*work)), top = 0;
	int ret = 0;

	if (!work)
		return -ENOMEM;
	for (size_t pc = 0; pc < c->cnt; pc++)
		c->in[pc] = UNVISITED;
	for (size_t pc = 0; pc < c->cnt; pc++) {
		if (!(c->flags[pc] & F_SUBPROG))
			continue;
		c->in[pc] = REG_BIT(10) | (pc ? ARG_REGS
					  : (ARG_REGS & ((1u << (entry_args + 1)) - 2)));
		c->flags[pc] |= F_QUEUED;
		work[top++] = pc;
	}
	while (top) {
		size_t pc = work[--top];
		const struct bpf_insn *insn = &c->insns[pc];
		uint32_t missing;

		c->flags[pc] &= ~F_QUEUED;
		missing = insn_reads(insn) & ~c->in[pc];
		uint32_t out = insn_defines(insn, c->in[pc]);
		long succ[2] = { -1, -1 };

		if (missing) {
			ret = FAIL(c, "%zu: R%d !read_ok\n", pc,
				   __builtin_ctz(missing));
			break;
		}
		if (BPF_OP(insn->code) != BPF_EXIT ||
		    (BPF_CLASS(insn->code) != BPF_JMP &&
		     BPF_CLASS(insn->code) != BPF_JMP32)) {
			long t = branch_target(insn, pc);
			bool is_call = insn->code == (BPF_JMP | BPF_CALL);
			bool is_ja = (BPF_CLASS(insn->code) == BPF_JMP ||
				      BPF_CLASS(insn->code) == BPF_JMP32) &&
				     BPF_OP(insn->code) == BPF_JA;

			if (!is_ja)
				succ[0] = (long)pc + (isa_is_ld_imm64(insn) ? 2 : 1);
			if (t >= 0 && !is_call)
				succ[1] = t;
		}
		for (int i = 0; i < 2; i++) {
			uint32_t meet;

			if (succ[i] < 0 || (size_t)succ[i] >= c->cnt)
				continue;
			meet = c->in[succ[i]] & out;
			if (meet != c->in[succ[i]]) {
				c->in[succ[i]] = meet;
				if (!(c->flags[succ[i]] & F_QUEUED)) {
					c->flags[succ[i]] |= F_QUEUED;
					work[top++] = (size_t)succ[i];
				}
			}
		}
	}
	free(work);
	return ret;
}

/* Writes to R10 are refused wherever they hide. */
static int check_fp_writes(struct checker *c)
{
	for (size_t pc = 0; pc < c->cnt; pc++) {
		const struct bpf_insn *insn = &c->insns[pc];
		uint8_t cls = BPF_CLASS(insn->code);
		bool writes_dst = cls == BPF_ALU || cls == BPF_ALU64 ||
				  cls == BPF_LDX || isa_is_ld_imm64(insn);
		bool writes_src = cls == BPF_STX &&
				  BPF_MODE(insn->code) == BPF_ATOMIC &&
				  (insn->imm & BPF_FETCH) && insn->imm != BPF_CMPXCHG;

		if ((writes_dst && insn->dst_reg == BPF_REG_10) ||
		    (writes_src && insn->src_reg == BPF_REG_10))
			return FAIL(c, "%zu: frame pointer is read only\n", pc);
		if (isa_is_ld_imm64(insn))
			pc++;
	}
	return 0;
}

static int isa_check(const struct bpf_insn *insns, size_t insn_cnt,
		     uint32_t entry_args, bool check_regs, struct bh_log *log)
{
	struct checker c = { .insns = insns, .cnt = insn_cnt, .log = log };
	int ret;

	if (!insn_cnt) {
		bh_log(log, "program has no instructions\n");
		return -EINVAL;
	}
	if (insn_cnt > BH_MAX_INSNS) {
		bh_log(log, "program of %zu insns is too large (limit %d)\n",
		       insn_cnt, BH_MAX_INSNS);
		return -E2BIG;
	}
	c.flags = calloc(insn_cnt, sizeof(*c.flags));
	c.sub = calloc(insn_cnt, sizeof(*c.sub));
	c.in = calloc(insn_cnt, sizeof(*c.in));
	if (!c.flags || !c.sub || !c.in) {
		ret = -ENOMEM;
		goto out;
	}
	ret = check_insns(&c);
	if (!ret)
		ret = check_layout(&c);
	if (!ret)
		ret = check_fp_writes(&c);
	if (!ret && check_regs)
		ret = check_init(&c, BH_MIN(entry_args, 5));
out:
	free(c.flags);
	free(c.sub);
	free(c.in);
	return ret;
}

int isa_check_prog(const struct bpf_insn *insns, size_t insn_cnt,
		   uint32_t entry_args, struct bh_log *log)
{
	return isa_check(insns, insn_cnt, entry_args, true, log);
}

int isa_check_encoding(const struct bpf_insn *insns, size_t insn_cnt,
		       struct bh_log *log)
{
	return isa_check(insns, insn_cnt, 1, false, log);
}
