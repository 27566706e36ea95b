/* SPDX-License-Identifier: MIT */
/*
 * tools/bpfhost/record.c - ring buffer records printed as a BTF type
 * (`map consume --type NAME --btf FILE`, `prog run --ringbuf-type
 * MAP=NAME`).  Rings carry no value type, so the user names one, as
 * bpftool-like tools do: a struct, union or typedef of the object's BTF.
 *
 * Text: bh_btf__snprint_value()'s C-like form, `{ .pid = 7, .comm = "sh" }`.
 * JSON: the same value as JSON: structs and unions as objects of their
 * named members (anonymous ones inline), integers and bitfields as
 * numbers, bools as true/false, char arrays holding a printable
 * NUL-terminated string as a string, other arrays as arrays, enums as the
 * enumerator's name (the number when none matches), pointers as "0x..."
 * strings, floats and anything else as hex bytes.
 *
 * A record longer than the type prints the type, then the bytes after it
 * ("tail", hex); a shorter one cannot hold the type and prints as hex with
 * a note.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <linux/btf.h>

#include "cli.h"

#define RECORD_MAX_DEPTH 16

static const unsigned char elf_magic[4] = { 0x7f, 'E', 'L', 'F' };

/* The BTF of @path: an ELF object's .BTF, or a raw BTF file. */
static int load_btf(const char *path, struct cli_record_type *rt)
{
	size_t size;
	uint8_t *data = cli_read_file(path, &size);

	if (!data)
		return 255;
	if (size >= 4 && !memcmp(data, elf_magic, 4)) {
		free(data);
		rt->obj = bh_object__open_file(path, NULL);
		if (!rt->obj)
			return cli_error("cannot open object '%s': %s", path,
					 strerror(errno));
		rt->btf = bh_object__btf(rt->obj);
		if (!rt->btf)
			return cli_error("object '%s' has no BTF (.BTF section): build "
					 "it with -g", path);
		return 0;
	}
	rt->own_btf = bh_btf__new(data, size);
	free(data);
	if (!rt->own_btf)
		return cli_error("'%s' is neither an ELF object nor BTF: %s", path,
				 strerror(errno));
	rt->btf = rt->own_btf;
	return 0;
}

int cli_record_type_find(struct cli_record_type *rt, const struct bh_btf *btf,
			 const char *name, const char *where)
{
	static const uint32_t kinds[] = { BTF_KIND_STRUCT, BTF_KIND_UNION,
					  BTF_KIND_TYPEDEF };
	const char *bare = name;
	int64_t size;
	int id = -1;

	if (!strncmp(name, "struct ", 7))
		bare = name + 7;
	else if (!strncmp(name, "union ", 6))
		bare = name + 6;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]) && id <= 0; i++) {
		if (bare != name && kinds[i] != (name[0] == 's' ? BTF_KIND_STRUCT
							       : BTF_KIND_UNION))
			continue;
		id = bh_btf__find_by_name_kind(btf, bare, kinds[i]);
	}
	if (id <= 0)
		return cli_error("no struct, union or typedef '%s' in the BTF of %s",
				 name, where);
	size = bh_btf__resolve_size(btf, (uint32_t)id);
	if (size <= 0)
		return cli_error("type '%s' of %s has no size", name, where);
	rt->btf = btf;
	rt->id = (uint32_t)id;
	rt->size = (size_t)size;
	rt->name = name;
	return 0;
}

int cli_record_type_load(struct cli_record_type *rt, const char *btf_path,
			 const char *name)
{
	memset(rt, 0, sizeof(*rt));
	if (load_btf(btf_path, rt) ||
	    cli_record_type_find(rt, rt->btf, name, btf_path)) {
		cli_record_type_free(rt);
		return 255;
	}
	return 0;
}

void cli_record_type_free(struct cli_record_type *rt)
{
	bh_object__close(rt->obj);
	bh_btf__free(rt->own_btf);
	memset(rt, 0, sizeof(*rt));
}

/* ---- JSON ----------------------------------------------------------------------- */

static void json_value(const struct bh_btf *btf, const char *key, uint32_t id,
		       const uint8_t *p, size_t avail, int depth);

static const struct btf_type *skip_mods(const struct bh_btf *btf, uint32_t *id)
{
	for (int i = 0; i < 32; i++) {
		const struct btf_type *t = bh_btf__type_by_id(btf, *id);

		if (!t)
			return NULL;
		switch (BTF_INFO_KIND(t->info)) {
		case BTF_KIND_TYPEDEF:
		case BTF_KIND_VOLATILE:
		case BTF_KIND_CONST:
		case BTF_KIND_RESTRICT:
		case BTF_KIND_TYPE_TAG:
			*id = t->type;
			continue;
		default:
			return t;
		}
	}
	return NULL;
}

static uint64_t load_le(const uint8_t *p, size_t n)
{
	uint64_t v = 0;

	memcpy(&v, p, n < 8 ? n : 8); /* little-endian host */
	return v;
}

static void json_num(const char *key, uint64_t v, unsigned int bits, bool sign)
{
	if (bits < 64)
		v &= (1ULL << bits) - 1;
	if (sign && bits < 64 && (v >> (bits - 1)) & 1)
		v |= ~0ULL << bits;
	if (sign)
		json_int(key, (int64_t)v);
	else
		json_uint(key, v);
}

/* An integer of @t at @p (shifted by @bit_off, @bits wide; 0: the type's). */
static void json_intval(const char *key, const struct btf_type *t, const uint8_t *p,
			uint32_t bit_off, uint32_t bits)
{
	uint32_t enc = *(const uint32_t *)(t + 1);
	bool sign = BTF_INT_ENCODING(enc) & BTF_INT_SIGNED;
	uint64_t v;

	if (t->size > 8) { /* __int128 */
		json_hex(key, p, t->size);
		return;
	}
	if (!bits)
		bits = BTF_INT_BITS(enc);
	bit_off += BTF_INT_OFFSET(enc);
	v = load_le(p + bit_off / 8, (bit_off % 8 + bits + 7) / 8) >> (bit_off % 8);
	if (BTF_INT_ENCODING(enc) & BTF_INT_BOOL)
		json_bool(key, v & 1);
	else
		json_num(key, v, bits, sign);
}

static void json_enum(const struct bh_btf *btf, const char *key,
		      const struct btf_type *t, const uint8_t *p)
{
	uint32_t kind = BTF_INFO_KIND(t->info), n = BTF_INFO_VLEN(t->info);
	bool sign = BTF_INFO_KFLAG(t->info);
	uint64_t v = load_le(p, t->size);
	unsigned int bits = t->size * 8;

	if (bits < 64)
		v &= (1ULL << bits) - 1;
	for (uint32_t i = 0; i < n; i++) {
		uint64_t ev;
		uint32_t name_off;

		if (kind == BTF_KIND_ENUM) {
			const struct btf_enum *e = (const struct btf_enum *)(t + 1) + i;

			ev = (uint64_t)(int64_t)e->val;
			name_off = e->name_off;
		} else {
			const struct btf_enum64 *e = (const struct btf_enum64 *)(t + 1) + i;

			ev = ((uint64_t)e->val_hi32 << 32) | e->val_lo32;
			name_off = e->name_off;
		}
		if (bits < 64)
			ev &= (1ULL << bits) - 1;
		if (ev == v) {
			json_string(key, bh_btf__name_by_offset(btf, name_off) ?: "");
			return;
		}
	}
	json_num(key, v, bits, sign);
}

/* A char array holding a NUL-terminated printable string: its length. */
static bool char_string(const struct bh_btf *btf, uint32_t elem, const uint8_t *p,
			uint32_t n, size_t *len)
{
	const struct btf_type *e = skip_mods(btf, &elem);
	const char *name;
	uint32_t i;

	if (!e || BTF_INFO_KIND(e->info) != BTF_KIND_INT || e->size != 1)
		return false;
	name = bh_btf__name_by_offset(btf, e->name_off);
	if (!name || (strcmp(name, "char") && strcmp(name, "signed char") &&
		      strcmp(name, "unsigned char")))
		return false;
	for (i = 0; i < n && p[i]; i++)
		if (p[i] < 0x20 || p[i] > 0x7e)
			return false;
	if (i == n && n)
		return false; /* no NUL */
	for (uint32_t j = i; j < n; j++)
		if (p[j])
			return false; /* junk after the NUL: bytes */
	*len = i;
	return true;
}

static void json_array(const struct bh_btf *btf, const char *key,
		       const struct btf_type *t, const uint8_t *p, size_t avail,
		       int depth)
{
	const struct btf_array *a = (const struct btf_array *)(t + 1);
	int64_t esz = bh_btf__resolve_size(btf, a->type);
	size_t len;

	if (esz <= 0 || (uint64_t)esz * a->nelems > avail) {
		json_hex(key, p, 0);
		return;
	}
	if (char_string(btf, a->type, p, a->nelems, &len)) {
		char *s = strndup((const char *)p, len);

		json_string(key, s ? s : "");
		free(s);
		return;
	}
	json_begin_array(key);
	for (uint32_t i = 0; i < a->nelems; i++)
		json_value(btf, NULL, a->type, p + (size_t)esz * i, (size_t)esz, depth + 1);
	json_end_array();
}

/* Members of struct/union @id at @p into the current JSON object. */
static void json_members(const struct bh_btf *btf, uint32_t id,
			 const struct btf_type *t, const uint8_t *p, size_t avail,
			 int depth)
{
	for (uint32_t i = 0; i < BTF_INFO_VLEN(t->info); i++) {
		const struct btf_member *m = (const struct btf_member *)(t + 1) + i;
		const char *name = bh_btf__name_by_offset(btf, m->name_off);
		uint32_t bits = 0, mid = m->type;
		int64_t off = bh_btf__member_bit_offset(btf, id, i, &bits);
		const struct btf_type *mt = skip_mods(btf, &mid);

		if (off < 0 || !mt || (uint64_t)off / 8 >= avail)
			continue;
		if (bits) { /* a bitfield: an integer (or enum) read bit by bit */
			uint64_t v = load_le(p + off / 8, ((size_t)(off % 8) + bits + 7) / 8) >>
				     (off % 8);
			bool sign = BTF_INFO_KIND(mt->info) == BTF_KIND_INT &&
				    (BTF_INT_ENCODING(*(const uint32_t *)(mt + 1)) &
				     BTF_INT_SIGNED);

			json_num(name, v, bits, sign);
			continue;
		}
		if (off % 8)
			continue;
		if (!name || !name[0]) { /* anonymous struct/union: inline */
			if (BTF_INFO_KIND(mt->info) == BTF_KIND_STRUCT ||
			    BTF_INFO_KIND(mt->info) == BTF_KIND_UNION)
				json_members(btf, mid, mt, p + off / 8,
					     avail - (size_t)off / 8, depth + 1);
			continue;
		}
		json_value(btf, name, m->type, p + off / 8, avail - (size_t)off / 8,
			   depth + 1);
	}
}

static void json_value(const struct bh_btf *btf, const char *key, uint32_t id,
		       const uint8_t *p, size_t avail, int depth)
{
	const struct btf_type *t = skip_mods(btf, &id);
	int64_t size = bh_btf__resolve_size(btf, id);

	if (!t || size < 0 || (size_t)size > avail || depth > RECORD_MAX_DEPTH) {
		json_hex(key, p, size > 0 && (size_t)size <= avail ? (size_t)size : 0);
		return;
	}
	switch (BTF_INFO_KIND(t->info)) {
	case BTF_KIND_INT:
		json_intval(key, t, p, 0, 0);
		return;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		json_enum(btf, key, t, p);
		return;
	case BTF_KIND_PTR: {
		char buf[24];

		snprintf(buf, sizeof(buf), "0x%" PRIx64, load_le(p, 8));
		json_string(key, buf);
		return;
	}
	case BTF_KIND_ARRAY:
		json_array(btf, key, t, p, avail, depth);
		return;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		json_key_object(key);
		json_members(btf, id, t, p, (size_t)size, depth);
		json_end_object();
		return;
	default: /* floats and the rest: the bytes */
		json_hex(key, p, (size_t)size);
		return;
	}
}

/* ---- Printing a record ---------------------------------------------------------------- */

void cli_record_json(const struct cli_record_type *rt, const void *data, size_t size)
{
	const uint8_t *p = data;

	if (size < rt->size) {
		json_string("type_error", "record shorter than its type");
		return;
	}
	json_value(rt->btf, "value", rt->id, p, rt->size, 0);
	if (size > rt->size)
		json_hex("tail", p + rt->size, size - rt->size);
}

void cli_record_text(const struct cli_record_type *rt, const void *data, size_t size)
{
	const uint8_t *p = data;
	char small[1024], *buf = small;
	int n;

	if (size < rt->size) {
		printf(" (shorter than %s, %zu bytes):", rt->name, rt->size);
		for (size_t i = 0; i < size; i++)
			printf(" %02x", p[i]);
		return;
	}
	n = bh_btf__snprint_value(rt->btf, rt->id, p, rt->size, small, sizeof(small));
	if (n >= (int)sizeof(small)) {
		buf = malloc((size_t)n + 1);
		if (buf)
			bh_btf__snprint_value(rt->btf, rt->id, p, rt->size, buf,
					      (size_t)n + 1);
		else
			buf = small; /* cut */
	}
	if (n < 0)
		printf(" (cannot print as %s: %s)", rt->name, strerror(-n));
	else
		printf(" %s", buf);
	if (buf != small)
		free(buf);
	if (size > rt->size) {
		printf(" +");
		for (size_t i = rt->size; i < size; i++)
			printf(" %02x", p[i]);
	}
}
