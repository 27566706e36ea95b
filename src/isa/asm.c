/* SPDX-License-Identifier: MIT */
/*
 * isa/asm.c - bh_asm__parse: text in the bpf_conformance syntax to
 * instructions.
 *
 * One pass over the lines encodes every instruction; a jump or call naming
 * a label records a fixup, resolved once all labels are known.  The text is
 * copied once and cut in place, so labels and fixups point into the copy
 * rather than owning strings.
 *
 * Numbers are decimal or 0x-hex with an optional sign.  An immediate must
 * fit 32 bits: decimal in [-2^31, 2^31 - 1], hex up to 0xffffffff (the bit
 * pattern, so 0xffffffff is -1, as the suite's tests expect).  Offsets are
 * s16 values whatever the base: 0xffff is out of range, not -1, since no
 * test needs the bit-pattern reading and it would make [%r1+0xffff] mean
 * [%r1-1].
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpfhost/isa.h>
#include <bpfhost/uapi.h>

#include "core/internal.h"
#include "isa/mnemonics.h"

#define ASM_MAX_OPERANDS 4
#define ASM_TOKEN_MAX 64 /* longest memory operand, blanks removed */

struct asm_label {
	const char *name;
	size_t pc;
	unsigned int line;
};

/* A reference to a label, resolved after the last line. */
struct asm_fixup {
	const char *label;
	size_t pc; /* the referring instruction */
	unsigned int line;
	bool in_imm; /* target goes in imm (ja32, call local), else in off */
};

struct asm_ctx {
	struct bpf_insn *insns;
	size_t cnt, cap;
	struct asm_label *labels;
	size_t label_cnt, label_cap;
	struct asm_fixup *fixups;
	size_t fixup_cnt, fixup_cap;
	size_t first_exit; /* pc of the first exit, SIZE_MAX before one */
	unsigned int line; /* 1-based line being read */
	char *err;
	size_t err_sz;
};

/* A number as written: sign, magnitude and base. */
struct asm_num {
	uint64_t mag;
	bool neg;
	bool hex;
};

__attribute__((format(printf, 3, 4)))
static int fail_at(struct asm_ctx *c, unsigned int line, const char *fmt, ...)
{
	va_list ap;
	int n = 0;

	if (!c->err || !c->err_sz)
		return -EINVAL;
	if (line)
		n = snprintf(c->err, c->err_sz, "line %u: ", line);
	if (n >= 0 && (size_t)n < c->err_sz) {
		va_start(ap, fmt);
		vsnprintf(c->err + n, c->err_sz - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

#define fail(c, ...) fail_at(c, (c)->line, __VA_ARGS__)

/* Make room for @need elements in *@arr; doubles, checking for overflow. */
static int grow(void **arr, size_t *cap, size_t need, size_t elem_sz)
{
	size_t ncap = *cap ? *cap : 16;
	void *p;

	if (need <= *cap)
		return 0;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2 / elem_sz)
			return -ENOMEM;
		ncap *= 2;
	}
	p = realloc(*arr, ncap * elem_sz);
	if (!p)
		return -ENOMEM;
	*arr = p;
	*cap = ncap;
	return 0;
}

static int emit(struct asm_ctx *c, const struct bpf_insn *insn)
{
	if (grow((void **)&c->insns, &c->cap, c->cnt + 1, sizeof(*insn)))
		return -ENOMEM;
	c->insns[c->cnt++] = *insn;
	return 0;
}

static char *trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

/* Copy @tok without blanks ("[%r1 + 2]" reads as "[%r1+2]"). */
static bool squeeze(const char *tok, char *out, size_t out_sz)
{
	size_t n = 0;

	for (; *tok; tok++) {
		if (isspace((unsigned char)*tok))
			continue;
		if (n + 1 >= out_sz)
			return false;
		out[n++] = *tok;
	}
	out[n] = '\0';
	return true;
}

/* ---- Numbers, registers, operands ---------------------------------------- */

/* 0, -EINVAL when @s is not a number, -ERANGE when it exceeds 64 bits. */
static int parse_num(const char *s, struct asm_num *n)
{
	int base = 10;
	char *end;

	n->neg = *s == '-';
	if (*s == '-' || *s == '+')
		s++;
	n->hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
	if (n->hex) {
		s += 2;
		base = 16;
	}
	/* strtoull would take blanks and a second sign: refuse them here. */
	if (n->hex ? !isxdigit((unsigned char)*s) : !isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	n->mag = strtoull(s, &end, base);
	if (*end)
		return -EINVAL;
	return errno == ERANGE ? -ERANGE : 0;
}

/* The s32 with bit pattern @v (a plain cast is implementation-defined). */
static int32_t s32_of(uint32_t v)
{
	if (v > INT32_MAX)
		return (int32_t)((int64_t)v - 0x100000000LL);
	return (int32_t)v;
}

static bool num_to_s32(const struct asm_num *n, int32_t *out)
{
	if (n->neg) {
		if (n->mag > 0x80000000ULL)
			return false;
		*out = (int32_t)-(int64_t)n->mag;
		return true;
	}
	if (n->mag > (n->hex ? 0xffffffffULL : (uint64_t)INT32_MAX))
		return false;
	/* Hex gives the bit pattern: 0xffffffff is -1. */
	*out = s32_of((uint32_t)n->mag);
	return true;
}

static bool num_to_s16(const struct asm_num *n, int16_t *out)
{
	if (n->mag > (n->neg ? 0x8000ULL : 0x7fffULL))
		return false;
	*out = (int16_t)(n->neg ? -(int32_t)n->mag : (int32_t)n->mag);
	return true;
}

static int parse_imm32(struct asm_ctx *c, const char *tok, int32_t *imm)
{
	struct asm_num n;
	int ret = parse_num(tok, &n);

	if (ret == -EINVAL)
		return fail(c, "Invalid immediate '%s'", tok);
	if (ret || !num_to_s32(&n, imm))
		return fail(c, "Immediate out of range '%s'", tok);
	return 0;
}

/* lddw takes any 64-bit value, signed or not. */
static int parse_imm64(struct asm_ctx *c, const char *tok, uint64_t *imm)
{
	struct asm_num n;
	int ret = parse_num(tok, &n);

	if (ret == -EINVAL)
		return fail(c, "Invalid immediate '%s'", tok);
	if (ret || (n.neg && n.mag > (1ULL << 63)))
		return fail(c, "Immediate out of range '%s'", tok);
	*imm = n.neg ? 0 - n.mag : n.mag;
	return 0;
}

static int parse_off(struct asm_ctx *c, const char *tok, int16_t *off)
{
	struct asm_num n;
	int ret = parse_num(tok, &n);

	if (ret == -EINVAL)
		return fail(c, "Invalid offset '%s'", tok);
	if (ret || !num_to_s16(&n, off))
		return fail(c, "Offset out of range '%s'", tok);
	return 0;
}

/* %r0 .. %r10 */
static int parse_reg(struct asm_ctx *c, const char *tok, uint8_t *reg)
{
	char *end;
	unsigned long v;

	if (tok[0] == '%' && tok[1] == 'r' && isdigit((unsigned char)tok[2])) {
		v = strtoul(tok + 2, &end, 10);
		if (!*end && v <= BPF_REG_10) {
			*reg = (uint8_t)v;
			return 0;
		}
	}
	return fail(c, "Invalid register '%s'", tok);
}

/* [%rN], [%rN+off], [%rN-off] */
static int parse_mem(struct asm_ctx *c, const char *tok, uint8_t *reg,
		     int16_t *off)
{
	char buf[ASM_TOKEN_MAX];
	size_t len;
	char *sign;
	int ret;

	if (!squeeze(tok, buf, sizeof(buf)) || buf[0] != '[' ||
	    (len = strlen(buf)) < 3 || buf[len - 1] != ']')
		return fail(c, "Invalid memory operand '%s', want [%%rN+off]",
			    tok);
	buf[len - 1] = '\0';
	sign = strpbrk(buf + 1, "+-");
	*off = 0;
	if (sign) {
		ret = parse_off(c, sign, off);
		if (ret)
			return ret;
		*sign = '\0';
	}
	return parse_reg(c, buf + 1, reg);
}

static bool label_name_ok(const char *s)
{
	if (!isalpha((unsigned char)*s) && *s != '_' && *s != '.')
		return false;
	for (s++; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_' && *s != '.')
			return false;
	return true;
}

/*
 * A jump or call target: "+N" / "-N" instructions from the next one, or a
 * label, left as a fixup for asm_resolve().  @in_imm: the target lives in
 * imm (32 bits) rather than off (16 bits).
 */
static int parse_target(struct asm_ctx *c, const char *tok, bool in_imm,
			int32_t *val)
{
	struct asm_fixup *f;
	struct asm_num n;
	int16_t off;
	int ret;

	if (tok[0] == '+' || tok[0] == '-') {
		ret = parse_num(tok, &n);
		if (ret == -EINVAL)
			return fail(c, "Invalid offset '%s'", tok);
		if (!ret && !(in_imm ? num_to_s32(&n, val)
				     : num_to_s16(&n, &off)))
			ret = -ERANGE;
		if (ret)
			return fail(c, "Offset out of range '%s'", tok);
		if (!in_imm)
			*val = off;
		return 0;
	}
	if (!label_name_ok(tok))
		return fail(c, "Invalid label '%s'", tok);
	if (grow((void **)&c->fixups, &c->fixup_cap, c->fixup_cnt + 1,
		 sizeof(*f)))
		return -ENOMEM;
	f = &c->fixups[c->fixup_cnt++];
	*f = (struct asm_fixup){ tok, c->cnt, c->line, in_imm };
	*val = 0;
	return 0;
}

/* The second operand of ALU and jump instructions: register or immediate. */
static int parse_src(struct asm_ctx *c, const char *tok, struct bpf_insn *insn)
{
	uint8_t reg = 0;
	int ret;

	if (tok[0] != '%')
		return parse_imm32(c, tok, &insn->imm);
	ret = parse_reg(c, tok, &reg);
	insn->code |= BPF_X;
	insn->src_reg = reg;
	return ret;
}

/* Write a register operand into dst_reg or src_reg (bit-fields). */
static int reg_dst(struct asm_ctx *c, const char *tok, struct bpf_insn *insn)
{
	uint8_t reg = 0;
	int ret = parse_reg(c, tok, &reg);

	insn->dst_reg = reg;
	return ret;
}

static int reg_src(struct asm_ctx *c, const char *tok, struct bpf_insn *insn)
{
	uint8_t reg = 0;
	int ret = parse_reg(c, tok, &reg);

	insn->src_reg = reg;
	return ret;
}

/* Memory operand whose register is the destination (stores). */
static int mem_dst(struct asm_ctx *c, const char *tok, struct bpf_insn *insn)
{
	uint8_t reg = 0;
	int ret = parse_mem(c, tok, &reg, &insn->off);

	insn->dst_reg = reg;
	return ret;
}

/* Memory operand whose register is the source (loads). */
static int mem_src(struct asm_ctx *c, const char *tok, struct bpf_insn *insn)
{
	uint8_t reg = 0;
	int ret = parse_mem(c, tok, &reg, &insn->off);

	insn->src_reg = reg;
	return ret;
}

/* ---- ld_imm64 ------------------------------------------------------------ */

/*
 * "map[fd:3]", "map[fd:3][0]+16", "subprog[func1]"...: see isa_pseudo_table.
 * Parsed in place: a subprog label must outlive this line.
 */
static int parse_pseudo(struct asm_ctx *c, char *tok, struct bpf_insn *insn)
{
	const struct isa_pseudo *p;
	char *close = strchr(tok, ']');
	char *rest = close ? close + 1 : NULL;
	int ret = 0;

	for (p = isa_pseudo_table; close && p->prefix; p++) {
		size_t len = strlen(p->prefix);
		size_t sep_len = p->sep ? strlen(p->sep) : 0;

		if (strncmp(tok, p->prefix, len) != 0 ||
		    (p->sep ? strncmp(rest, p->sep, sep_len) != 0 : *rest))
			continue;
		if (p->sep)
			ret = parse_imm32(c, rest + sep_len, &insn[1].imm);
		*close = '\0';
		insn[0].src_reg = p->src;
		if (!ret && p->src == BPF_PSEUDO_FUNC)
			ret = parse_target(c, tok + len, true, &insn[0].imm);
		else if (!ret)
			ret = parse_imm32(c, tok + len, &insn[0].imm);
		return ret;
	}
	return fail(c, "Invalid lddw operand '%s'", tok);
}

static int enc_lddw(struct asm_ctx *c, char **ops, struct bpf_insn *insn)
{
	uint64_t imm = 0;
	int ret = reg_dst(c, ops[0], insn);

	insn[1] = (struct bpf_insn){ 0 };
	if (ret)
		return ret;
	if (isalpha((unsigned char)ops[1][0]))
		return parse_pseudo(c, ops[1], insn);
	ret = parse_imm64(c, ops[1], &imm);
	insn[0].imm = s32_of((uint32_t)imm);
	insn[1].imm = s32_of((uint32_t)(imm >> 32));
	return ret;
}

/* ---- Encoders, one per form ---------------------------------------------- */

/*
 * Each fills @insn (two slots for lddw) from the operands, whose count the
 * caller checked; the opcode and key fields are already set.
 */
typedef int (*asm_enc_fn)(struct asm_ctx *c, char **ops,
			  struct bpf_insn *insn);

static int enc_dst(struct asm_ctx *c, char **ops, struct bpf_insn *insn)
{
	return reg_dst(c, ops[0], insn);
}

static int enc_alu(struct asm_ctx *c, char **ops, struct bpf_insn *insn)
{
	int ret = reg_dst(c, ops[0], insn);

	return ret ? ret : parse_src(c, ops[1], insn);
}

static int enc_movsx(struct asm_ctx *c, char **ops, struct bpf_insn *insn)
{
	int ret = reg_dst(c, ops[0], insn);

	return ret ? ret : reg_src(c, ops[1], insn);
}

static int enc_imm(struct asm_ctx *c, char **ops, struct bpf_insn *insn)
{
	return parse_imm32(c, ops[0], &insn->imm);
}

static int enc_ldind(struct asm_ctx *c, char **ops, struct bpf_insn *insn)
{
	int ret = reg_src(c, ops[0], insn);

	return ret ? ret : parse_imm32(c, ops[1], &insn->imm);
}

static int enc_ldx(struct asm_ctx *c, char **ops, struct bpf_insn *insn)
{
	int ret = reg_dst(c, ops[0], insn);

	return ret ? ret : mem_src(c, ops[1], insn);
}

static int enc_st(struct asm_ctx *c, char **ops, struct bpf_insn *insn)
{
	int ret = mem_dst(c, ops[0], insn);

	return ret ? ret : parse_imm32(c, ops[1], &insn->imm);
}

/* stx and the atomics */
static int enc_stx(struct asm_ctx *c, char **ops, struct bpf_insn *insn)
{
	int ret = mem_dst(c, ops[0], insn);

	return ret ? ret : reg_src(c, ops[1], insn);
}

static int enc_ja(struct asm_ctx *c, char **ops, struct bpf_insn *insn)
{
	int32_t off = 0;
	int ret = parse_target(c, ops[0], false, &off);

	insn->off = (int16_t)off;
	return ret;
}

/* ja32 and call local: the target lives in imm */
static int enc_far(struct asm_ctx *c, char **ops, struct bpf_insn *insn)
{
	return parse_target(c, ops[0], true, &insn->imm);
}

static int enc_jcond(struct asm_ctx *c, char **ops, struct bpf_insn *insn)
{
	int32_t off = 0;
	int ret = reg_dst(c, ops[0], insn);

	if (!ret)
		ret = parse_src(c, ops[1], insn);
	if (!ret)
		ret = parse_target(c, ops[2], false, &off);
	insn->off = (int16_t)off;
	return ret;
}

static int enc_none(struct asm_ctx *c, char **ops, struct bpf_insn *insn)
{
	return 0;
}

static const asm_enc_fn asm_encoders[ISA_FORM_CNT] = {
	[ISA_ALU] = enc_alu,        [ISA_NEG] = enc_dst,
	[ISA_MOVSX] = enc_movsx,    [ISA_END] = enc_dst,
	[ISA_LDDW] = enc_lddw,      [ISA_LDABS] = enc_imm,
	[ISA_LDIND] = enc_ldind,    [ISA_LDX] = enc_ldx,
	[ISA_ST] = enc_st,          [ISA_STX] = enc_stx,
	[ISA_ATOMIC] = enc_stx,     [ISA_JA] = enc_ja,
	[ISA_JA32] = enc_far,       [ISA_JCOND] = enc_jcond,
	[ISA_CALL] = enc_imm,       [ISA_CALL_LOCAL] = enc_far,
	[ISA_CALL_KFUNC] = enc_imm, [ISA_CALLX] = enc_dst,
	[ISA_EXIT] = enc_none,
};

/* ---- Lines --------------------------------------------------------------- */

static bool word_is(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && !strncmp(s, word, len);
}

/* Does @word continue mnemonic @name ("lock" + "fetch", "call" + "local")? */
static bool continues(const char *name, const char *word, size_t len)
{
	if (!strcmp(name, "lock") || !strcmp(name, "lock fetch"))
		return isalpha((unsigned char)*word);
	if (!strcmp(name, "call"))
		return word_is(word, len, "local") ||
		       word_is(word, len, "kfunc");
	return false;
}

/* Read the mnemonic's words into @name; leave *@text at the operands. */
static int read_mnemonic(struct asm_ctx *c, char **text, char *name,
			 size_t name_sz)
{
	const char *s = *text;
	size_t len, used = 0;

	name[0] = '\0';
	for (;;) {
		while (isspace((unsigned char)*s))
			s++;
		len = strcspn(s, " \t\r\v\f");
		if (!len || (used && !continues(name, s, len)))
			break;
		if (used + len + 2 > name_sz)
			return fail(c, "Invalid mnemonic '%.*s'", (int)len, s);
		if (used)
			name[used++] = ' ';
		memcpy(name + used, s, len);
		used += len;
		name[used] = '\0';
		s += len;
	}
	*text += s - *text;
	return 0;
}

/* Split "a, b, c" in place; returns the count, which may exceed the max. */
static int split_operands(char *s, char **ops)
{
	char *comma;
	int n = 0;

	s = trim(s);
	if (!*s)
		return 0;
	for (;;) {
		comma = strchr(s, ',');
		if (comma)
			*comma = '\0';
		if (n < ASM_MAX_OPERANDS)
			ops[n] = trim(s);
		n++;
		if (!comma)
			return n;
		s = comma + 1;
	}
}

static int bad_mnemonic(struct asm_ctx *c, const char *name)
{
	/* The suite's wording for a lock with no operation (invalid_lock2). */
	if (!strcmp(name, "lock") || !strcmp(name, "lock fetch"))
		return fail(c, "Invalid number of operands for lock");
	return fail(c, "Invalid mnemonic '%s'", name);
}

static int asm_insn(struct asm_ctx *c, char *text)
{
	char *ops[ASM_MAX_OPERANDS] = { NULL };
	const struct isa_mnemonic *m;
	struct bpf_insn insn[2];
	char name[32];
	int n, ret;

	ret = read_mnemonic(c, &text, name, sizeof(name));
	if (ret)
		return ret;
	n = split_operands(text, ops);
	m = isa_mnemonic_by_name(name, n > 0 && ops[0][0] == '%');
	if (!m)
		return bad_mnemonic(c, name);
	if (n != isa_form_operands[m->form])
		return fail(c,
			    "Invalid number of operands for %s: expected %u, got %d",
			    name, isa_form_operands[m->form], n);
	insn[0] = (struct bpf_insn){
		.code = m->code,
		.src_reg = (m->flags & ISA_KEY_SRC) ? m->src : 0,
		.off = (m->flags & ISA_KEY_OFF) ? m->off : 0,
		.imm = (m->flags & ISA_KEY_IMM) ? m->imm : 0,
	};
	ret = asm_encoders[m->form](c, ops, insn);
	if (ret)
		return ret;
	if (m->form == ISA_EXIT && c->first_exit == SIZE_MAX)
		c->first_exit = c->cnt;
	ret = emit(c, &insn[0]);
	if (!ret && m->form == ISA_LDDW)
		ret = emit(c, &insn[1]);
	return ret;
}

static int add_label(struct asm_ctx *c, const char *name)
{
	if (!label_name_ok(name))
		return fail(c, "Invalid label name '%s'", name);
	if (grow((void **)&c->labels, &c->label_cap, c->label_cnt + 1,
		 sizeof(*c->labels)))
		return -ENOMEM;
	c->labels[c->label_cnt++] = (struct asm_label){ name, c->cnt, c->line };
	return 0;
}

/* One line: optional "label:", optional instruction, optional comment. */
static int asm_line(struct asm_ctx *c, char *line)
{
	char *hash = strchr(line, '#');
	size_t len;
	int ret;

	if (hash)
		*hash = '\0';
	line = trim(line);
	len = strcspn(line, " \t\r\v\f");
	if (len && line[len - 1] == ':') {
		line[len - 1] = '\0';
		ret = add_label(c, line);
		if (ret)
			return ret;
		line = trim(line + len);
	}
	return *line ? asm_insn(c, line) : 0;
}

/* ---- Labels -------------------------------------------------------------- */

static int label_cmp(const void *a, const void *b)
{
	const struct asm_label *x = a, *y = b;
	int r = strcmp(x->name, y->name);

	return r ? r : (x->line > y->line) - (x->line < y->line);
}

/* Sort the labels for lookup and refuse names defined twice. */
static int sort_labels(struct asm_ctx *c)
{
	const struct asm_label *l = c->labels;

	if (c->label_cnt)
		qsort(c->labels, c->label_cnt, sizeof(*l), label_cmp);
	for (size_t i = 1; i < c->label_cnt; i++)
		if (!strcmp(l[i].name, l[i - 1].name))
			return fail_at(c, l[i].line,
				       "Duplicate label '%s' (first defined on line %u)",
				       l[i].name, l[i - 1].line);
	return 0;
}

static const struct asm_label *find_label(const struct asm_ctx *c,
					  const char *name)
{
	size_t lo = 0, hi = c->label_cnt;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = strcmp(name, c->labels[mid].name);

		if (!r)
			return &c->labels[mid];
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static int resolve(struct asm_ctx *c, const struct asm_fixup *f)
{
	const struct asm_label *l = find_label(c, f->label);
	int64_t delta, lim = f->in_imm ? INT32_MAX : INT16_MAX;
	size_t target = l ? l->pc : c->first_exit;

	/* The suite's assembler names the first exit "exit" (prime.data). */
	if (!l && (strcmp(f->label, "exit") || c->first_exit == SIZE_MAX))
		return fail_at(c, f->line, "Invalid label '%s'", f->label);
	delta = (int64_t)target - (int64_t)f->pc - 1;
	if (delta > lim || delta < -lim - 1)
		return fail_at(c, f->line,
			       "Offset out of range: label '%s' is %lld instructions away",
			       f->label, (long long)delta);
	if (f->in_imm)
		c->insns[f->pc].imm = (int32_t)delta;
	else
		c->insns[f->pc].off = (int16_t)delta;
	return 0;
}

static int asm_finish(struct asm_ctx *c)
{
	int ret;

	if (!c->cnt)
		return fail_at(c, 0, "No instructions");
	ret = sort_labels(c);
	for (size_t i = 0; !ret && i < c->fixup_cnt; i++)
		ret = resolve(c, &c->fixups[i]);
	return ret;
}

int bh_asm__parse(const char *text, struct bpf_insn **insns,
		  size_t *insn_cnt, char *err, size_t err_sz)
{
	struct asm_ctx c = {
		.first_exit = SIZE_MAX,
		.err = err,
		.err_sz = err_sz,
	};
	char *copy, *line, *next;
	int ret = 0;

	if (err && err_sz)
		err[0] = '\0';
	if (!text || !insns || !insn_cnt)
		return bh_err(fail_at(&c, 0, "No program text"));
	copy = strdup(text);
	if (!copy) {
		ret = -ENOMEM;
		goto out;
	}
	for (line = copy; line && !ret; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		c.line++;
		ret = asm_line(&c, line);
	}
	if (!ret)
		ret = asm_finish(&c);
	if (!ret) {
		*insns = c.insns;
		*insn_cnt = c.cnt;
		c.insns = NULL;
	}
out:
	if (ret == -ENOMEM && err && err_sz)
		snprintf(err, err_sz, "Out of memory");
	free(c.insns);
	free(c.labels);
	free(c.fixups);
	free(copy);
	return bh_err(ret);
}
