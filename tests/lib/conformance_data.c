/* SPDX-License-Identifier: MIT */
/* tests/lib/conformance_data.c - see conformance_data.h. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpfhost/uapi.h>

#include "conformance_data.h"

enum cdata_section {
	SEC_NONE, /* before the first section, or a skipped one */
	SEC_ASM,
	SEC_RAW,
	SEC_MEM,
	SEC_RESULT,
	SEC_ERROR,
};

static const struct {
	const char *name;
	enum cdata_section sec;
} sections[] = {
	{ "asm", SEC_ASM },       { "raw", SEC_RAW },
	{ "mem", SEC_MEM },       { "result", SEC_RESULT },
	{ "error", SEC_ERROR },   { "c", SEC_NONE },
	{ "no register offset", SEC_NONE },
};

/* A growable string (asm and error text). */
struct text {
	char *s;
	size_t len, cap;
};

__attribute__((format(printf, 3, 4)))
static int bad(struct bh_cdata *d, unsigned int line, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(d->why, sizeof(d->why), "line %u: ", line);

	va_start(ap, fmt);
	vsnprintf(d->why + n, sizeof(d->why) - (size_t)n, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static int grow(void **p, size_t *cap, size_t need, size_t elem_sz)
{
	size_t ncap = *cap ? *cap : 64;
	void *np;

	if (need <= *cap)
		return 0;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2 / elem_sz)
			return -ENOMEM;
		ncap *= 2;
	}
	np = realloc(*p, ncap * elem_sz);
	if (!np)
		return -ENOMEM;
	*p = np;
	*cap = ncap;
	return 0;
}

static int text_add(struct text *t, const char *str)
{
	size_t n = strlen(str);

	if (grow((void **)&t->s, &t->cap, t->len + n + 1, 1))
		return -ENOMEM;
	memcpy(t->s + t->len, str, n + 1);
	t->len += n;
	return 0;
}

/* Read the whole file, NUL-terminated. */
static int slurp(const char *path, char **buf)
{
	size_t len = 0, cap = 0;
	FILE *f = fopen(path, "rb");
	int ret = 0;

	*buf = NULL;
	if (!f)
		return -errno;
	do {
		if (grow((void **)buf, &cap, len + 4096, 1)) {
			ret = -ENOMEM;
			break;
		}
		len += fread(*buf + len, 1, cap - len - 1, f);
	} while (!feof(f) && !ferror(f));
	if (!ret && ferror(f))
		ret = -EIO;
	if (!ret)
		(*buf)[len] = '\0';
	fclose(f);
	return ret;
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

static char *strip_comment(char *line)
{
	char *hash = strchr(line, '#');

	if (hash)
		*hash = '\0';
	return trim(line);
}

/* A 64-bit word as the instruction it encodes, little-endian. */
static struct bpf_insn insn_of_word(uint64_t v)
{
	struct bpf_insn insn = {
		.code = (uint8_t)v,
		.dst_reg = (uint8_t)(v >> 8) & 0xf,
		.src_reg = (uint8_t)(v >> 12) & 0xf,
	};
	uint16_t off = (uint16_t)(v >> 16);
	uint32_t imm = (uint32_t)(v >> 32);

	memcpy(&insn.off, &off, sizeof(off));
	memcpy(&insn.imm, &imm, sizeof(imm));
	return insn;
}

static int add_insn(struct bh_cdata *d, size_t *cap, uint64_t word)
{
	if (grow((void **)&d->raw, cap, d->raw_cnt + 1, sizeof(*d->raw)))
		return -ENOMEM;
	d->raw[d->raw_cnt++] = insn_of_word(word);
	return 0;
}

/* A hex byte "07" or "a"; false for anything else. */
static bool hex_byte(const char *tok, uint8_t *out)
{
	char *end;
	unsigned long v;

	if (!isxdigit((unsigned char)tok[0]) || strlen(tok) > 2)
		return false;
	v = strtoul(tok, &end, 16);
	*out = (uint8_t)v;
	return !*end;
}

/* "0x..." words, or one instruction as eight bytes in memory order. */
static int raw_line(struct bh_cdata *d, size_t *cap, char *line,
		    unsigned int no)
{
	uint64_t word = 0;
	char *tok, *save = NULL, *end;
	uint8_t byte;
	int n = 0;

	for (tok = strtok_r(line, " \t", &save); tok;
	     tok = strtok_r(NULL, " \t", &save), n++) {
		if (!strncmp(tok, "0x", 2) || !strncmp(tok, "0X", 2)) {
			errno = 0;
			word = strtoull(tok + 2, &end, 16);
			if (*end || errno || end == tok + 2)
				return bad(d, no, "bad raw word '%s'", tok);
			if (add_insn(d, cap, word))
				return -ENOMEM;
			n = -1; /* words do not count toward a byte line */
			continue;
		}
		if (n < 0 || n >= 8 || !hex_byte(tok, &byte))
			return bad(d, no, "bad raw byte '%s'", tok);
		word |= (uint64_t)byte << (8 * n);
	}
	if (n > 0 && n != 8)
		return bad(d, no, "raw line has %d bytes, want 8", n);
	return n == 8 ? add_insn(d, cap, word) : 0;
}

static int mem_line(struct bh_cdata *d, size_t *cap, char *line,
		    unsigned int no)
{
	char *tok, *save = NULL;
	uint8_t byte;

	for (tok = strtok_r(line, " \t", &save); tok;
	     tok = strtok_r(NULL, " \t", &save)) {
		if (!hex_byte(tok, &byte))
			return bad(d, no, "bad mem byte '%s'", tok);
		if (grow((void **)&d->mem, cap, d->mem_sz + 1, 1))
			return -ENOMEM;
		d->mem[d->mem_sz++] = byte;
	}
	return 0;
}

static int result_line(struct bh_cdata *d, const char *line, unsigned int no)
{
	bool hex = strstr(line, "0x") || strstr(line, "0X");
	char *end;

	if (!isdigit((unsigned char)*line))
		return bad(d, no, "bad result '%s'", line);
	errno = 0;
	d->result = strtoull(line, &end, hex ? 16 : 10);
	if (*end || errno)
		return bad(d, no, "bad result '%s'", line);
	return 0;
}

struct cdata_state {
	enum cdata_section sec;
	struct text asm_text, error;
	size_t raw_cap, mem_cap;
};

static int open_section(struct bh_cdata *d, struct cdata_state *st,
			const char *name, unsigned int no)
{
	for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
		if (strcmp(name, sections[i].name) != 0)
			continue;
		st->sec = sections[i].sec;
		d->has_asm |= st->sec == SEC_ASM;
		d->has_raw |= st->sec == SEC_RAW;
		d->has_mem |= st->sec == SEC_MEM;
		d->has_result |= st->sec == SEC_RESULT;
		d->has_error |= st->sec == SEC_ERROR;
		return 0;
	}
	return bad(d, no, "unknown section '-- %s'", name);
}

static int body_line(struct bh_cdata *d, struct cdata_state *st, char *line,
		     unsigned int no)
{
	switch (st->sec) {
	case SEC_NONE:
		return 0;
	case SEC_ASM: /* verbatim, so assembler line numbers stay useful */
		if (text_add(&st->asm_text, line))
			return -ENOMEM;
		return text_add(&st->asm_text, "\n");
	case SEC_ERROR:
		line = trim(line);
		if (!*line)
			return 0;
		if (st->error.len && text_add(&st->error, "\n"))
			return -ENOMEM;
		return text_add(&st->error, line);
	default:
		break;
	}
	line = strip_comment(line);
	if (!*line)
		return 0;
	if (st->sec == SEC_RAW)
		return raw_line(d, &st->raw_cap, line, no);
	if (st->sec == SEC_MEM)
		return mem_line(d, &st->mem_cap, line, no);
	return result_line(d, line, no);
}

/* Sections that were present but empty still get a string. */
static int finish(struct bh_cdata *d, struct cdata_state *st)
{
	if ((d->has_asm && text_add(&st->asm_text, "")) ||
	    (d->has_error && text_add(&st->error, "")))
		return -ENOMEM;
	d->asm_text = st->asm_text.s;
	d->error = st->error.s;
	st->asm_text.s = st->error.s = NULL;
	return 0;
}

int bh_cdata_load(const char *path, struct bh_cdata *out)
{
	struct cdata_state st = { .sec = SEC_NONE };
	char *buf, *line, *next;
	unsigned int no = 0;
	size_t len;
	int ret;

	memset(out, 0, sizeof(*out));
	ret = slurp(path, &buf);
	for (line = buf; !ret && line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		len = strlen(line);
		if (len && line[len - 1] == '\r')
			line[len - 1] = '\0';
		no++;
		if (!strncmp(line, "--", 2))
			ret = open_section(out, &st, trim(line + 2), no);
		else
			ret = body_line(out, &st, line, no);
	}
	if (!ret)
		ret = finish(out, &st);
	if (ret && !out->why[0])
		snprintf(out->why, sizeof(out->why), "%s: %s", path,
			 strerror(-ret));
	free(st.asm_text.s);
	free(st.error.s);
	free(buf);
	return ret;
}

void bh_cdata_free(struct bh_cdata *d)
{
	if (!d)
		return;
	free(d->asm_text);
	free(d->raw);
	free(d->mem);
	free(d->error);
	d->asm_text = d->error = NULL;
	d->raw = NULL;
	d->mem = NULL;
}
