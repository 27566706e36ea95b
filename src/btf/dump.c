/* SPDX-License-Identifier: MIT */
/*
 * btf/dump.c - print a value as C-like text from its BTF type, the way
 * bpftool prints map contents:
 *
 *     { .a = 1, .b = { 2, 3 }, .name = "x", .e = RED, .p = 0x1000 }
 *
 * The text is built in memory first (so a failure prints nothing) and then
 * written out or copied.  Types are validated by bh_btf__new(): sizes,
 * member offsets and chains are sane, so walking them cannot leave @data
 * as long as the value is at least the type's size (checked on entry).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "btf/internal.h"

struct sbuf {
	char *buf;
	size_t len, cap;
	bool oom;
};

__attribute__((format(printf, 2, 3)))
static void sb_printf(struct sbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (sb->oom)
		return;
	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(sb->buf ? sb->buf + sb->len : NULL, sb->cap - sb->len, fmt, ap);
		va_end(ap);
		if (n < 0) {
			sb->oom = true;
			return;
		}
		if ((size_t)n < sb->cap - sb->len) {
			sb->len += (size_t)n;
			return;
		}
		size_t cap = (sb->cap + (size_t)n + 1) * 2;
		char *nb = realloc(sb->buf, cap);

		if (!nb) {
			sb->oom = true;
			return;
		}
		sb->buf = nb;
		sb->cap = cap;
	}
}

struct dumper {
	const struct bh_btf *btf;
	struct sbuf sb;
};

static void dump(struct dumper *d, uint32_t id, const uint8_t *data,
		 uint32_t bit_off, uint32_t bits, int depth);

/* Little-endian (host order) unsigned read of @size (<= 8) bytes. */
static uint64_t read_uint(const uint8_t *p, uint32_t size)
{
	uint64_t v = 0;

	memcpy(&v, p, BH_MIN(size, 8u));
	return v;
}

/* Bits [bit_off, bit_off + bits) of the bytes at @p (bits <= 64). */
static uint64_t read_bits(const uint8_t *p, uint32_t bit_off, uint32_t bits)
{
	uint64_t v = 0;

	for (uint32_t i = 0; i < bits; i++) {
		uint32_t b = bit_off + i;

		if (p[b / 8] >> (b % 8) & 1)
			v |= 1ULL << i;
	}
	return v;
}

static void dump_int(struct dumper *d, const struct btf_type *t,
		     const uint8_t *data, uint32_t bit_off, uint32_t bits)
{
	uint32_t enc = *(const uint32_t *)(t + 1);
	bool sign = BTF_INT_ENCODING(enc) & BTF_INT_SIGNED;
	uint64_t v;

	if (!bits) {
		bit_off += BTF_INT_OFFSET(enc);
		bits = BTF_INT_BITS(enc);
	} else if (bits > 64) {
		sb_printf(&d->sb, "<bitfield:%u>", bits);
		return;
	}
	if (bits > 64) { /* __int128: hex, most significant byte first */
		sb_printf(&d->sb, "0x");
		for (int i = (int)t->size - 1; i >= 0; i--)
			sb_printf(&d->sb, "%02x", data[i]);
		return;
	}
	v = bit_off || bits % 8 ? read_bits(data, bit_off, bits)
				: read_uint(data, bits / 8);
	if (BTF_INT_ENCODING(enc) & BTF_INT_BOOL) {
		sb_printf(&d->sb, v ? "true" : "false");
		return;
	}
	if (sign && bits < 64 && (v >> (bits - 1) & 1))
		v |= ~0ULL << bits; /* sign-extend */
	if (sign)
		sb_printf(&d->sb, "%lld", (long long)v);
	else
		sb_printf(&d->sb, "%llu", (unsigned long long)v);
}

static void dump_enum(struct dumper *d, const struct btf_type *t,
		      const uint8_t *data, uint32_t bit_off, uint32_t bits)
{
	bool is64 = btf_kind(t) == BTF_KIND_ENUM64;
	uint32_t nbits = bits ? bits : t->size * 8;
	uint64_t v = read_bits(data, bit_off, nbits);
	bool sign = btf_kflag(t);

	if (sign && nbits < 64 && (v >> (nbits - 1) & 1))
		v |= ~0ULL << nbits;
	for (uint32_t i = 0; i < btf_vlen(t); i++) {
		uint64_t ev;
		uint32_t name;

		if (is64) {
			const struct btf_enum64 *e = (const struct btf_enum64 *)(t + 1) + i;

			ev = (uint64_t)e->val_hi32 << 32 | e->val_lo32;
			name = e->name_off;
		} else {
			const struct btf_enum *e = (const struct btf_enum *)(t + 1) + i;

			ev = sign ? (uint64_t)(int64_t)e->val : (uint32_t)e->val;
			name = e->name_off;
		}
		if (nbits < 64 && !sign)
			ev &= (1ULL << nbits) - 1;
		if (ev == v) {
			sb_printf(&d->sb, "%s", btf_str(d->btf, name));
			return;
		}
	}
	if (sign)
		sb_printf(&d->sb, "%lld", (long long)v);
	else
		sb_printf(&d->sb, "%llu", (unsigned long long)v);
}

static void dump_float(struct dumper *d, const struct btf_type *t,
		       const uint8_t *data)
{
	if (t->size == 4) {
		float f;

		memcpy(&f, data, 4);
		sb_printf(&d->sb, "%g", (double)f);
	} else if (t->size == 8) {
		double f;

		memcpy(&f, data, 8);
		sb_printf(&d->sb, "%g", f);
	} else {
		sb_printf(&d->sb, "0x");
		for (int i = (int)t->size - 1; i >= 0; i--)
			sb_printf(&d->sb, "%02x", data[i]);
	}
}

/* A char array holding a NUL-terminated printable string prints as one. */
static bool dump_string(struct dumper *d, const struct btf_type *elem,
			const uint8_t *data, uint32_t n)
{
	uint32_t len;

	if (btf_kind(elem) != BTF_KIND_INT || elem->size != 1 || !n)
		return false;
	if (!(BTF_INT_ENCODING(*(const uint32_t *)(elem + 1)) & BTF_INT_CHAR) &&
	    strcmp(btf_str(d->btf, elem->name_off), "char"))
		return false;
	for (len = 0; len < n && data[len]; len++)
		if (!isprint(data[len]))
			return false;
	if (len == n)
		return false;
	for (uint32_t i = len; i < n; i++) /* junk after the NUL: an array */
		if (data[i])
			return false;
	sb_printf(&d->sb, "\"");
	for (uint32_t i = 0; i < len; i++)
		sb_printf(&d->sb, data[i] == '"' || data[i] == '\\' ? "\\%c" : "%c",
			  data[i]);
	sb_printf(&d->sb, "\"");
	return true;
}

static void dump_array(struct dumper *d, const struct btf_type *t,
		       const uint8_t *data, int depth)
{
	const struct btf_array *a = btf_array(t);
	const struct btf_type *elem;
	int64_t esize = d->btf->sizes[a->type];

	btf_skip_mods_typedefs(d->btf, a->type, &elem);
	if (dump_string(d, elem, data, a->nelems))
		return;
	if (!a->nelems) {
		sb_printf(&d->sb, "{}");
		return;
	}
	sb_printf(&d->sb, "{ ");
	for (uint32_t i = 0; i < a->nelems; i++) {
		if (i)
			sb_printf(&d->sb, ", ");
		dump(d, a->type, data + (uint64_t)i * esize, 0, 0, depth + 1);
	}
	sb_printf(&d->sb, " }");
}

static void dump_composite(struct dumper *d, const struct btf_type *t,
			   const uint8_t *data, int depth)
{
	const struct btf_member *m = btf_members(t);

	if (!btf_vlen(t)) {
		sb_printf(&d->sb, "{}");
		return;
	}
	sb_printf(&d->sb, "{ ");
	for (uint32_t i = 0; i < btf_vlen(t); i++, m++) {
		uint32_t off = btf_kflag(t) ? BTF_MEMBER_BIT_OFFSET(m->offset) : m->offset;
		uint32_t bits = btf_kflag(t) ? BTF_MEMBER_BITFIELD_SIZE(m->offset) : 0;
		const char *name = btf_str(d->btf, m->name_off);

		if (i)
			sb_printf(&d->sb, ", ");
		if (name[0])
			sb_printf(&d->sb, ".%s = ", name);
		if (bits || off % 8)
			dump(d, m->type, data + off / 8, off % 8, bits, depth + 1);
		else
			dump(d, m->type, data + off / 8, 0, 0, depth + 1);
	}
	sb_printf(&d->sb, " }");
}

static void dump_datasec(struct dumper *d, const struct btf_type *t,
			 const uint8_t *data, int depth)
{
	const struct btf_var_secinfo *s = btf_secinfos(t);

	sb_printf(&d->sb, "{ ");
	for (uint32_t i = 0; i < btf_vlen(t); i++, s++) {
		const struct btf_type *v = btf_type(d->btf, s->type);

		if (i)
			sb_printf(&d->sb, ", ");
		sb_printf(&d->sb, ".%s = ", btf_str(d->btf, v->name_off));
		if (btf_kind(v) != BTF_KIND_VAR ||
		    (uint64_t)s->offset + d->btf->sizes[s->type] > t->size)
			sb_printf(&d->sb, "<?>");
		else
			dump(d, s->type, data + s->offset, 0, 0, depth + 1);
	}
	sb_printf(&d->sb, btf_vlen(t) ? " }" : "}");
}

/*
 * Print the value of type @id at @data; for bitfields (@bits != 0) or
 * members at a bit offset, @bit_off is within the first byte.
 */
static void dump(struct dumper *d, uint32_t id, const uint8_t *data,
		 uint32_t bit_off, uint32_t bits, int depth)
{
	const struct btf_type *t;

	btf_skip_mods_typedefs(d->btf, id, &t);
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		dump_int(d, t, data, bit_off, bits);
		break;
	case BTF_KIND_ENUM: case BTF_KIND_ENUM64:
		dump_enum(d, t, data, bit_off, bits);
		break;
	case BTF_KIND_PTR:
		sb_printf(&d->sb, "0x%llx", (unsigned long long)read_uint(data, 8));
		break;
	case BTF_KIND_FLOAT:
		dump_float(d, t, data);
		break;
	case BTF_KIND_ARRAY:
		dump_array(d, t, data, depth);
		break;
	case BTF_KIND_STRUCT: case BTF_KIND_UNION:
		dump_composite(d, t, data, depth);
		break;
	case BTF_KIND_VAR:
		dump(d, t->type, data, 0, 0, depth + 1);
		break;
	case BTF_KIND_DATASEC:
		dump_datasec(d, t, data, depth);
		break;
	default:
		sb_printf(&d->sb, "<%s>", bh_btf__kind_str(btf_kind(t)));
	}
}

static int dump_to_sb(const struct bh_btf *btf, uint32_t id, const void *data,
		      size_t size, struct dumper *d)
{
	int64_t need;

	if (!btf || id >= btf->nr_types || (!data && size))
		return -EINVAL;
	need = btf->sizes[id];
	if (need < 0)
		return -EINVAL;
	if ((uint64_t)need > size)
		return -E2BIG;
	d->btf = btf;
	dump(d, id, data, 0, 0, 0);
	sb_printf(&d->sb, "%s", "");
	return d->sb.oom ? -ENOMEM : 0;
}

BH_API int bh_btf__dump_value(const struct bh_btf *btf, uint32_t id,
			      const void *data, size_t size, FILE *out)
{
	struct dumper d = { 0 };
	int ret = dump_to_sb(btf, id, data, size, &d);

	if (!ret && fwrite(d.sb.buf, 1, d.sb.len, out) != d.sb.len)
		ret = -EIO;
	free(d.sb.buf);
	return bh_err(ret);
}

BH_API int bh_btf__snprint_value(const struct bh_btf *btf, uint32_t id,
				 const void *data, size_t size, char *buf,
				 size_t buf_size)
{
	struct dumper d = { 0 };
	int ret = dump_to_sb(btf, id, data, size, &d);

	if (!ret) {
		if (buf_size) {
			size_t n = BH_MIN(d.sb.len, buf_size - 1);

			memcpy(buf, d.sb.buf, n);
			buf[n] = '\0';
		}
		ret = (int)BH_MIN(d.sb.len, (size_t)INT32_MAX);
	}
	free(d.sb.buf);
	return bh_err(ret);
}
