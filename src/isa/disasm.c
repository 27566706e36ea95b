/* SPDX-License-Identifier: MIT */
/*
 * isa/disasm.c - instructions to text, in the kernel's style (the text of
 * kernel/bpf/disasm.c as `bpftool prog dump xlated` shows it) or in the
 * assembler's syntax.
 *
 * Both look the instruction up in the mnemonic table first: an encoding
 * without a row is not a BPF instruction and fails with -EINVAL.  Fields an
 * operation does not use (src_reg of `add %r0, 1`) are not printed; the
 * loader is the one that refuses them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <bpfhost/isa.h>
#include <bpfhost/uapi.h>

#include "core/internal.h"
#include "isa/internal.h"
#include "isa/mnemonics.h"

#define DIS_LINE_MAX 160

/* Marks of bh_disasm__prog's first pass, one byte per slot (+1: the end). */
enum {
	DIS_START = 1 << 0, /* an instruction starts here (not in an lddw) */
	DIS_LABEL = 1 << 1, /* some jump or call lands here */
};

struct dis {
	const struct bpf_insn *insns;
	size_t cnt;
	size_t pc;
	int syntax;
	const uint8_t *marks; /* assembler syntax in a program: labels */
	char *buf;
	size_t sz;
};

__attribute__((format(printf, 2, 3)))
static void out(const struct dis *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(d->buf, d->sz, fmt, ap);
	va_end(ap);
}

static const char *const size_unsigned[4] = {
	[BPF_W >> 3] = "u32", [BPF_H >> 3] = "u16",
	[BPF_B >> 3] = "u8",  [BPF_DW >> 3] = "u64",
};

static const char *const size_signed[4] = {
	[BPF_W >> 3] = "s32", [BPF_H >> 3] = "s16", [BPF_B >> 3] = "s8",
};

static const char *ldst_size(uint8_t code)
{
	return size_unsigned[BPF_SIZE(code) >> 3];
}

/* Kernel operators of ALU, atomic and jump operations, by BPF_OP >> 4. */
static const char *const alu_ops[16] = {
	[BPF_ADD >> 4] = "+=",  [BPF_SUB >> 4] = "-=",  [BPF_MUL >> 4] = "*=",
	[BPF_DIV >> 4] = "/=",  [BPF_OR >> 4] = "|=",   [BPF_AND >> 4] = "&=",
	[BPF_LSH >> 4] = "<<=", [BPF_RSH >> 4] = ">>=", [BPF_MOD >> 4] = "%=",
	[BPF_XOR >> 4] = "^=",  [BPF_MOV >> 4] = "=",
	[BPF_ARSH >> 4] = "s>>=",
};

static const char *const atomic_ops[16] = {
	[BPF_ADD >> 4] = "add", [BPF_AND >> 4] = "and",
	[BPF_OR >> 4] = "or",   [BPF_XOR >> 4] = "xor",
};

static const char *const jmp_ops[16] = {
	[BPF_JEQ >> 4] = "==",  [BPF_JGT >> 4] = ">",   [BPF_JGE >> 4] = ">=",
	[BPF_JSET >> 4] = "&",  [BPF_JNE >> 4] = "!=",  [BPF_JSGT >> 4] = "s>",
	[BPF_JSGE >> 4] = "s>=", [BPF_JLT >> 4] = "<",  [BPF_JLE >> 4] = "<=",
	[BPF_JSLT >> 4] = "s<", [BPF_JSLE >> 4] = "s<=",
};

/* ---- Jump targets -------------------------------------------------------- */

/*
 * Where a jump, a local call or a subprog address points, as a pc.  False
 * for instructions without a target.
 */
static bool insn_target(const struct bpf_insn *insn,
			const struct isa_mnemonic *m, size_t pc,
			int64_t *target)
{
	int64_t delta;

	switch (m->form) {
	case ISA_JA:
	case ISA_JCOND:
		delta = insn->off;
		break;
	case ISA_JA32:
	case ISA_CALL_LOCAL:
		delta = insn->imm;
		break;
	case ISA_LDDW:
		if (insn->src_reg != BPF_PSEUDO_FUNC)
			return false;
		delta = insn->imm;
		break;
	default:
		return false;
	}
	*target = (int64_t)pc + 1 + delta;
	return true;
}

/* A target as the assembler reads it: "L12" in a program, else "+3". */
static const char *target_text(const struct dis *d,
			       const struct isa_mnemonic *m,
			       const struct bpf_insn *insn, char *tmp,
			       size_t tmp_sz)
{
	int64_t t = 0;

	insn_target(insn, m, d->pc, &t);
	if (d->marks && t >= 0 && (uint64_t)t <= d->cnt &&
	    (d->marks[t] & DIS_LABEL))
		snprintf(tmp, tmp_sz, "L%lld", (long long)t);
	else
		snprintf(tmp, tmp_sz, "%+lld",
			 (long long)(t - (int64_t)d->pc - 1));
	return tmp;
}

/* ---- ld_imm64 ----------------------------------------------------------- */

static int check_lddw(const struct dis *d)
{
	const struct bpf_insn *lo = &d->insns[d->pc], *hi = lo + 1;

	if (d->pc + 1 >= d->cnt) {
		out(d, "ld_imm64 at %zu cut short by the end of the program",
		    d->pc);
		return -EINVAL;
	}
	if (hi->code || hi->dst_reg || hi->src_reg || hi->off) {
		out(d, "invalid second slot of ld_imm64 (opcode 0x%02x)",
		    hi->code);
		return -EINVAL;
	}
	if (lo->src_reg && !isa_pseudo_of(lo->src_reg)) {
		out(d, "invalid ld_imm64 source %u", lo->src_reg);
		return -EINVAL;
	}
	return 0;
}

/* "0x1122334455667788", "map[fd:3][0]+16", "subprog[L7]" into @tmp. */
static const char *lddw_value(const struct dis *d, const struct isa_mnemonic *m,
			      char *tmp, size_t tmp_sz)
{
	const struct bpf_insn *lo = &d->insns[d->pc], *hi = lo + 1;
	const struct isa_pseudo *p = isa_pseudo_of(lo->src_reg);
	char target[32];

	if (!lo->src_reg) {
		snprintf(tmp, tmp_sz, "0x%llx",
			 (unsigned long long)(uint32_t)hi->imm << 32 |
				 (uint32_t)lo->imm);
	} else if (lo->src_reg == BPF_PSEUDO_FUNC) {
		/* Kernel syntax has no labels: d->marks is NULL, "+N". */
		snprintf(tmp, tmp_sz, "%s%s]", p->prefix,
			 target_text(d, m, lo, target, sizeof(target)));
	} else if (p->sep) {
		snprintf(tmp, tmp_sz, "%s%d]%s%d", p->prefix, lo->imm, p->sep,
			 hi->imm);
	} else {
		snprintf(tmp, tmp_sz, "%s%d]", p->prefix, lo->imm);
	}
	return tmp;
}

/* ---- Kernel syntax ------------------------------------------------------ */

static void kernel_alu(const struct dis *d, const struct isa_mnemonic *m,
		       const struct bpf_insn *in)
{
	char r = BPF_CLASS(in->code) == BPF_ALU ? 'w' : 'r';
	const char *op = alu_ops[BPF_OP(in->code) >> 4];

	/* sdiv and smod: the rows keyed on off 1 */
	if ((m->flags & ISA_KEY_OFF) && m->off == 1)
		op = BPF_OP(in->code) == BPF_DIV ? "s/=" : "s%=";
	if (m->form == ISA_NEG)
		out(d, "%c%d = -%c%d", r, in->dst_reg, r, in->dst_reg);
	else if (m->form == ISA_MOVSX)
		out(d, "%c%d = (s%d)%c%d", r, in->dst_reg, in->off, r,
		    in->src_reg);
	else if (m->form == ISA_END && BPF_CLASS(in->code) == BPF_ALU64)
		out(d, "r%d = bswap%d r%d", in->dst_reg, in->imm, in->dst_reg);
	else if (m->form == ISA_END)
		out(d, "r%d = %s%d r%d", in->dst_reg,
		    BPF_SRC(in->code) == BPF_TO_BE ? "be" : "le", in->imm,
		    in->dst_reg);
	else if (BPF_SRC(in->code) == BPF_X)
		out(d, "%c%d %s %c%d", r, in->dst_reg, op, r, in->src_reg);
	else
		out(d, "%c%d %s %d", r, in->dst_reg, op, in->imm);
}

static void kernel_atomic(const struct dis *d, const struct bpf_insn *in)
{
	const char *w = BPF_SIZE(in->code) == BPF_DW ? "64" : "";
	const char *sz = ldst_size(in->code);
	int op = BPF_OP(in->imm) >> 4;

	if (in->imm == BPF_XCHG)
		out(d, "r%d = atomic%s_xchg((%s *)(r%d %+d), r%d)", in->src_reg,
		    w, sz, in->dst_reg, in->off, in->src_reg);
	else if (in->imm == BPF_CMPXCHG)
		out(d, "r0 = atomic%s_cmpxchg((%s *)(r%d %+d), r0, r%d)", w, sz,
		    in->dst_reg, in->off, in->src_reg);
	else if (in->imm & BPF_FETCH)
		out(d, "r%d = atomic%s_fetch_%s((%s *)(r%d %+d), r%d)",
		    in->src_reg, w, atomic_ops[op], sz, in->dst_reg, in->off,
		    in->src_reg);
	else
		out(d, "lock *(%s *)(r%d %+d) %s r%d", sz, in->dst_reg, in->off,
		    alu_ops[op], in->src_reg);
}

static void kernel_mem(const struct dis *d, const struct isa_mnemonic *m,
		       const struct bpf_insn *in)
{
	const char *sz = ldst_size(in->code);
	char tmp[64];

	if (m->form == ISA_LDDW)
		out(d, "r%d = %s", in->dst_reg,
		    lddw_value(d, m, tmp, sizeof(tmp)));
	else if (m->form == ISA_LDABS)
		out(d, "r0 = *(%s *)skb[%d]", sz, in->imm);
	else if (m->form == ISA_LDIND)
		out(d, "r0 = *(%s *)skb[r%d + %d]", sz, in->src_reg, in->imm);
	else if (m->form == ISA_LDX)
		out(d, "r%d = *(%s *)(r%d %+d)", in->dst_reg,
		    BPF_MODE(in->code) == BPF_MEMSX ?
			    size_signed[BPF_SIZE(in->code) >> 3] : sz,
		    in->src_reg, in->off);
	else if (m->form == ISA_ST)
		out(d, "*(%s *)(r%d %+d) = %d", sz, in->dst_reg, in->off,
		    in->imm);
	else if (m->form == ISA_STX)
		out(d, "*(%s *)(r%d %+d) = r%d", sz, in->dst_reg, in->off,
		    in->src_reg);
	else
		kernel_atomic(d, in);
}

static void kernel_call(const struct dis *d, const struct isa_mnemonic *m,
			const struct bpf_insn *in)
{
	const char *name = isa_helper_name(in->imm);

	if (m->form == ISA_CALL_LOCAL)
		out(d, "call pc%+d", in->imm);
	else if (m->form == ISA_CALL_KFUNC)
		/* the kernel names the kfunc by its BTF; bpfhost by its id */
		out(d, "call %s#%d", isa_kfunc_name(in->imm) ? isa_kfunc_name(in->imm)
							   : "kernel-function", in->imm);
	else if (m->form == ISA_CALLX)
		out(d, "callx r%d", in->dst_reg); /* LLVM's: kernel has none */
	else
		out(d, "call %s#%d", name ? name : "unknown", in->imm);
}

static void kernel_jmp(const struct dis *d, const struct isa_mnemonic *m,
		       const struct bpf_insn *in)
{
	char r = BPF_CLASS(in->code) == BPF_JMP32 ? 'w' : 'r';
	const char *op = jmp_ops[BPF_OP(in->code) >> 4];

	if (m->form == ISA_JA)
		out(d, "goto pc%+d", in->off);
	else if (m->form == ISA_JA32)
		out(d, "gotol pc%+d", in->imm);
	else if (m->form == ISA_EXIT)
		out(d, "exit");
	else if (m->form != ISA_JCOND)
		kernel_call(d, m, in);
	else if (BPF_SRC(in->code) == BPF_X)
		out(d, "if %c%d %s %c%d goto pc%+d", r, in->dst_reg, op, r,
		    in->src_reg, in->off);
	else
		out(d, "if %c%d %s 0x%x goto pc%+d", r, in->dst_reg, op,
		    (uint32_t)in->imm, in->off);
}

static void print_kernel(const struct dis *d, const struct isa_mnemonic *m,
			 const struct bpf_insn *in)
{
	switch (BPF_CLASS(in->code)) {
	case BPF_ALU:
	case BPF_ALU64:
		kernel_alu(d, m, in);
		break;
	case BPF_JMP:
	case BPF_JMP32:
		kernel_jmp(d, m, in);
		break;
	default:
		kernel_mem(d, m, in);
		break;
	}
}

/* ---- Assembler syntax --------------------------------------------------- */

/* "[%r10-8]", "[%r1]" */
static const char *mem_text(int reg, int16_t off, char *tmp, size_t tmp_sz)
{
	if (off)
		snprintf(tmp, tmp_sz, "[%%r%d%+d]", reg, off);
	else
		snprintf(tmp, tmp_sz, "[%%r%d]", reg);
	return tmp;
}

/* The second operand of ALU and conditional jumps. */
static const char *src_text(const struct bpf_insn *in, char *tmp,
			    size_t tmp_sz)
{
	if (BPF_SRC(in->code) == BPF_X)
		snprintf(tmp, tmp_sz, "%%r%d", in->src_reg);
	else
		snprintf(tmp, tmp_sz, "%d", in->imm);
	return tmp;
}

static void asm_data(const struct dis *d, const struct isa_mnemonic *m,
		     const struct bpf_insn *in)
{
	const char *n = m->name;
	char tmp[64];

	if (m->form == ISA_LDDW)
		out(d, "%s %%r%d, %s", n, in->dst_reg,
		    lddw_value(d, m, tmp, sizeof(tmp)));
	else if (m->form == ISA_LDABS)
		out(d, "%s %d", n, in->imm);
	else if (m->form == ISA_LDIND)
		out(d, "%s %%r%d, %d", n, in->src_reg, in->imm);
	else if (m->form == ISA_LDX)
		out(d, "%s %%r%d, %s", n, in->dst_reg,
		    mem_text(in->src_reg, in->off, tmp, sizeof(tmp)));
	else if (m->form == ISA_ST)
		out(d, "%s %s, %d", n,
		    mem_text(in->dst_reg, in->off, tmp, sizeof(tmp)), in->imm);
	else /* ISA_STX, ISA_ATOMIC */
		out(d, "%s %s, %%r%d", n,
		    mem_text(in->dst_reg, in->off, tmp, sizeof(tmp)),
		    in->src_reg);
}

static void print_asm(const struct dis *d, const struct isa_mnemonic *m,
		      const struct bpf_insn *in)
{
	const char *n = m->name;
	char tmp[32], tgt[32];

	switch (m->form) {
	case ISA_ALU:
	case ISA_MOVSX:
		out(d, "%s %%r%d, %s", n, in->dst_reg,
		    src_text(in, tmp, sizeof(tmp)));
		break;
	case ISA_NEG:
	case ISA_END:
	case ISA_CALLX:
		out(d, "%s %%r%d", n, in->dst_reg);
		break;
	case ISA_JA:
	case ISA_JA32:
	case ISA_CALL_LOCAL:
		out(d, "%s %s", n, target_text(d, m, in, tgt, sizeof(tgt)));
		break;
	case ISA_JCOND:
		out(d, "%s %%r%d, %s, %s", n, in->dst_reg,
		    src_text(in, tmp, sizeof(tmp)),
		    target_text(d, m, in, tgt, sizeof(tgt)));
		break;
	case ISA_CALL:
	case ISA_CALL_KFUNC:
		out(d, "%s %d", n, in->imm);
		break;
	case ISA_EXIT:
		out(d, "%s", n);
		break;
	default:
		asm_data(d, m, in);
		break;
	}
}

/* ---- Entry points ------------------------------------------------------- */

static int invalid(const struct dis *d, const struct bpf_insn *in)
{
	if (isa_opcode_known(in->code))
		out(d,
		    "invalid instruction: opcode 0x%02x with src_reg %u, off %d, imm %d",
		    in->code, in->src_reg, in->off, in->imm);
	else
		out(d, "invalid opcode 0x%02x", in->code);
	return -EINVAL;
}

/* r11..r15 fit the 4-bit fields but do not exist (RFC 9669 section 2.4). */
static int check_regs(const struct dis *d, const struct isa_mnemonic *m,
		      const struct bpf_insn *in)
{
	uint8_t uses = isa_form_regs[m->form];

	if (BPF_SRC(in->code) == BPF_X && (uses & ISA_USES_SRC_X))
		uses |= ISA_USES_SRC;
	if (((uses & ISA_USES_DST) && in->dst_reg > BPF_REG_10) ||
	    ((uses & ISA_USES_SRC) && in->src_reg > BPF_REG_10)) {
		out(d, "invalid register r%d in opcode 0x%02x",
		    (uses & ISA_USES_DST) && in->dst_reg > BPF_REG_10 ?
			    in->dst_reg : in->src_reg,
		    in->code);
		return -EINVAL;
	}
	return 0;
}

/* Print d->pc; returns the slots it takes or -EINVAL. */
static int disasm_one(const struct dis *d)
{
	const struct bpf_insn *in = &d->insns[d->pc];
	const struct isa_mnemonic *m = isa_mnemonic_of(in);
	int ret;

	/* the rewrites' internal per-CPU move (isa/internal.h) */
	if (in->code == (BPF_ALU64 | BPF_MOV | BPF_X) && in->off == BH_ADDR_PERCPU &&
	    in->dst_reg < MAX_BPF_REG && in->src_reg < MAX_BPF_REG) {
		if (d->syntax == BH_DISASM_KERNEL)
			out(d, "r%d = &(void __percpu *)(r%d)", in->dst_reg, in->src_reg);
		else
			out(d, "movpcpu %%r%d, %%r%d, %u", in->dst_reg, in->src_reg,
			    (uint32_t)in->imm);
		return 1;
	}
	if (!m)
		return invalid(d, in);
	ret = check_regs(d, m, in);
	if (!ret && m->form == ISA_LDDW)
		ret = check_lddw(d);
	if (ret)
		return ret;
	if (d->syntax == BH_DISASM_KERNEL)
		print_kernel(d, m, in);
	else
		print_asm(d, m, in);
	return m->form == ISA_LDDW ? 2 : 1;
}

int bh_disasm__insn(const struct bpf_insn *insns, size_t insn_cnt, size_t pc,
		    int syntax, char *buf, size_t buf_sz)
{
	struct dis d = { insns, insn_cnt, pc, syntax, NULL, buf, buf_sz };

	if (buf && buf_sz)
		buf[0] = '\0';
	if (!buf && buf_sz)
		return bh_err(-EINVAL);
	if (!insns || pc >= insn_cnt ||
	    (syntax != BH_DISASM_KERNEL && syntax != BH_DISASM_ASM)) {
		out(&d, "invalid argument");
		return bh_err(-EINVAL);
	}
	return bh_err(disasm_one(&d));
}

/*
 * First pass of the assembler syntax: where instructions start, and which
 * of those starts (or the end) a jump or call lands on.
 */
static void mark_targets(const struct bpf_insn *insns, size_t cnt,
			 uint8_t *marks)
{
	const uint8_t ld_imm64 = BPF_LD | BPF_IMM | BPF_DW;
	const struct isa_mnemonic *m;
	int64_t t;
	size_t pc;

	for (pc = 0; pc < cnt; pc += insns[pc].code == ld_imm64 ? 2 : 1)
		marks[pc] |= DIS_START;
	marks[cnt] |= DIS_START;
	for (pc = 0; pc < cnt; pc++) {
		if (!(marks[pc] & DIS_START))
			continue;
		m = isa_mnemonic_of(&insns[pc]);
		if (m && insn_target(&insns[pc], m, pc, &t) && t >= 0 &&
		    (uint64_t)t <= cnt && (marks[t] & DIS_START))
			marks[t] |= DIS_LABEL;
	}
}

static int print_line(const struct dis *d, FILE *f)
{
	if (d->syntax == BH_DISASM_KERNEL)
		return fprintf(f, "%4zu: (%02x) %s\n", d->pc,
			       d->insns[d->pc].code, d->buf);
	if ((d->marks[d->pc] & DIS_LABEL) && fprintf(f, "L%zu:\n", d->pc) < 0)
		return -1;
	return fprintf(f, "%s\n", d->buf);
}

int bh_disasm__prog(const struct bpf_insn *insns, size_t insn_cnt,
		    int syntax, FILE *f)
{
	char line[DIS_LINE_MAX];
	struct dis d = { insns, insn_cnt, 0, syntax, NULL, line, sizeof(line) };
	uint8_t *marks = NULL;
	int n = 0;

	/* insn_cnt + 1 marks below: no real array comes near SIZE_MAX. */
	if ((!insns && insn_cnt) || !f ||
	    insn_cnt >= SIZE_MAX / sizeof(*insns) ||
	    (syntax != BH_DISASM_KERNEL && syntax != BH_DISASM_ASM))
		return bh_err(-EINVAL);
	if (syntax == BH_DISASM_ASM) {
		marks = calloc(insn_cnt + 1, 1);
		if (!marks)
			return bh_err(-ENOMEM);
		mark_targets(insns, insn_cnt, marks);
		d.marks = marks;
	}
	for (d.pc = 0; d.pc < insn_cnt && n >= 0; d.pc += (size_t)n) {
		n = disasm_one(&d);
		if (n >= 0 && print_line(&d, f) < 0)
			n = -EIO;
	}
	/* A label past the last instruction: a jump to the end. */
	if (n >= 0 && marks && (marks[insn_cnt] & DIS_LABEL) &&
	    fprintf(f, "L%zu:\n", insn_cnt) < 0)
		n = -EIO;
	free(marks);
	return bh_err(n < 0 ? n : 0);
}
