/* SPDX-License-Identifier: MIT */
/*
 * btf/btf.c - parse and validate a .BTF blob; type queries.
 *
 * Validation runs in three passes so queries never need to check again:
 *
 *   1. header and section bounds, the string section's shape;
 *   2. one walk over the type section: each record fits, its kind is known,
 *      its fixed fields are sane, every name offset is a string and every
 *      referenced type id exists;
 *   3. resolve: for every type, follow what it contains by value (modifier
 *      and typedef targets, array elements, members, variables) depth first
 *      with a depth limit of 32, as the kernel's btf_resolve() does; a type
 *      met again while it is being resolved is a loop.  Sizes are cached.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "btf/internal.h"

#define BTF_RESOLVE_DEPTH 32

struct btf_parser {
	struct bh_btf *btf;
	struct bh_log *log;
	uint8_t *state; /* pass 3: 0 new, 1 resolving, 2 done */
};

__attribute__((format(printf, 3, 4)))
static int refuse(struct bh_log *log, int err, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	bh_log(log, "BTF: %s\n", msg);
	return err;
}

static const char *const kind_names[NR_BTF_KINDS] = {
	[BTF_KIND_UNKN] = "UNKNOWN",	 [BTF_KIND_INT] = "INT",
	[BTF_KIND_PTR] = "PTR",		 [BTF_KIND_ARRAY] = "ARRAY",
	[BTF_KIND_STRUCT] = "STRUCT",	 [BTF_KIND_UNION] = "UNION",
	[BTF_KIND_ENUM] = "ENUM",	 [BTF_KIND_FWD] = "FWD",
	[BTF_KIND_TYPEDEF] = "TYPEDEF",	 [BTF_KIND_VOLATILE] = "VOLATILE",
	[BTF_KIND_CONST] = "CONST",	 [BTF_KIND_RESTRICT] = "RESTRICT",
	[BTF_KIND_FUNC] = "FUNC",	 [BTF_KIND_FUNC_PROTO] = "FUNC_PROTO",
	[BTF_KIND_VAR] = "VAR",		 [BTF_KIND_DATASEC] = "DATASEC",
	[BTF_KIND_FLOAT] = "FLOAT",	 [BTF_KIND_DECL_TAG] = "DECL_TAG",
	[BTF_KIND_TYPE_TAG] = "TYPE_TAG", [BTF_KIND_ENUM64] = "ENUM64",
};

BH_API const char *bh_btf__kind_str(uint32_t kind)
{
	return kind < NR_BTF_KINDS ? kind_names[kind] : "UNKNOWN";
}

/* ---- Pass 1: header and sections ----------------------------------------- */

static int check_header(struct bh_btf *btf, struct bh_log *log,
			const struct btf_header **hdrp)
{
	const struct btf_header *hdr = btf->data;
	uint64_t type_end, str_end, body;

	if (btf->size < sizeof(*hdr))
		return refuse(log, -EINVAL, "blob of %zu bytes is smaller than the header",
			      btf->size);
	if (hdr->magic != BTF_MAGIC)
		return refuse(log, -EINVAL, "bad magic 0x%04x (want 0x%04x%s)",
			      hdr->magic, BTF_MAGIC,
			      hdr->magic == 0x9FeB ? ": other byte order" : "");
	if (hdr->version != BTF_VERSION)
		return refuse(log, -EINVAL, "unsupported version %u", hdr->version);
	if (hdr->flags)
		return refuse(log, -EINVAL, "unsupported flags 0x%x", hdr->flags);
	if (hdr->hdr_len < sizeof(*hdr) || hdr->hdr_len > btf->size)
		return refuse(log, -EINVAL, "header length %u out of bounds",
			      hdr->hdr_len);
	/* A longer header than ours must be zero past what we know. */
	for (size_t i = sizeof(*hdr); i < hdr->hdr_len; i++)
		if (((const uint8_t *)btf->data)[i])
			return refuse(log, -EINVAL, "unknown non-zero header field at byte %zu", i);
	body = btf->size - hdr->hdr_len;
	type_end = (uint64_t)hdr->type_off + hdr->type_len;
	str_end = (uint64_t)hdr->str_off + hdr->str_len;
	if (hdr->type_off % 4)
		return refuse(log, -EINVAL, "type section offset %u is not 4-byte aligned",
			      hdr->type_off);
	if (type_end > body)
		return refuse(log, -EINVAL, "type section [%u, +%u) out of bounds (%llu bytes after the header)",
			      hdr->type_off, hdr->type_len, (unsigned long long)body);
	if (str_end > body)
		return refuse(log, -EINVAL, "string section [%u, +%u) out of bounds (%llu bytes after the header)",
			      hdr->str_off, hdr->str_len, (unsigned long long)body);
	if (hdr->type_off < str_end && hdr->str_off < type_end)
		return refuse(log, -EINVAL, "type and string sections overlap");
	if (!hdr->str_len || hdr->str_len > BTF_MAX_NAME_OFFSET + 1)
		return refuse(log, -EINVAL, "string section length %u invalid", hdr->str_len);
	btf->strs = (const char *)btf->data + hdr->hdr_len + hdr->str_off;
	btf->str_len = hdr->str_len;
	if (btf->strs[0] || btf->strs[btf->str_len - 1])
		return refuse(log, -EINVAL, "string section must start and end with a NUL");
	*hdrp = hdr;
	return 0;
}

/* ---- Pass 2: records ------------------------------------------------------ */

static bool name_ok(const struct bh_btf *btf, uint32_t off)
{
	return off < btf->str_len;
}

/* Bytes of extra data after the struct btf_type of @t, or -1. */
static long extra_size(const struct btf_type *t)
{
	uint32_t vlen = btf_vlen(t);

	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		return 4;
	case BTF_KIND_PTR: case BTF_KIND_FWD: case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE: case BTF_KIND_CONST: case BTF_KIND_RESTRICT:
	case BTF_KIND_FUNC: case BTF_KIND_FLOAT: case BTF_KIND_TYPE_TAG:
		return 0;
	case BTF_KIND_ARRAY:
		return sizeof(struct btf_array);
	case BTF_KIND_STRUCT: case BTF_KIND_UNION:
		return (long)vlen * sizeof(struct btf_member);
	case BTF_KIND_ENUM:
		return (long)vlen * sizeof(struct btf_enum);
	case BTF_KIND_ENUM64:
		return (long)vlen * sizeof(struct btf_enum64);
	case BTF_KIND_FUNC_PROTO:
		return (long)vlen * sizeof(struct btf_param);
	case BTF_KIND_VAR:
		return sizeof(struct btf_var);
	case BTF_KIND_DATASEC:
		return (long)vlen * sizeof(struct btf_var_secinfo);
	case BTF_KIND_DECL_TAG:
		return sizeof(struct btf_decl_tag);
	default:
		return -1;
	}
}

#define BAD(...) refuse(p->log, -EINVAL, __VA_ARGS__)
#define TNAME(t) btf_str(p->btf, (t)->name_off)

static int check_ref(struct btf_parser *p, uint32_t id,
		     const struct btf_type *t, uint32_t ref, const char *what,
		     bool void_ok)
{
	if (ref >= p->btf->nr_types)
		return BAD("type [%u] %s '%s': %s type id %u out of range (%u types)",
			   id, bh_btf__kind_str(btf_kind(t)), TNAME(t), what, ref,
			   p->btf->nr_types - 1);
	if (!ref && !void_ok)
		return BAD("type [%u] %s '%s': %s is void", id,
			   bh_btf__kind_str(btf_kind(t)), TNAME(t), what);
	return 0;
}

static int check_int(struct btf_parser *p, uint32_t id, const struct btf_type *t)
{
	uint32_t v = *(const uint32_t *)(t + 1);
	uint32_t enc = BTF_INT_ENCODING(v);

	if (t->size != 1 && t->size != 2 && t->size != 4 && t->size != 8 &&
	    t->size != 16)
		return BAD("type [%u] INT '%s': size %u invalid", id, TNAME(t), t->size);
	if (BTF_INT_BITS(v) > 128 || !BTF_INT_BITS(v) ||
	    BTF_INT_OFFSET(v) + BTF_INT_BITS(v) > t->size * 8)
		return BAD("type [%u] INT '%s': %u bits at offset %u do not fit %u bytes",
			   id, TNAME(t), BTF_INT_BITS(v), BTF_INT_OFFSET(v), t->size);
	if (v & 0xf0ff0000u & ~0x00ff0000u) /* reserved bits */
		return BAD("type [%u] INT '%s': reserved bits set", id, TNAME(t));
	if (enc && enc != BTF_INT_SIGNED && enc != BTF_INT_CHAR && enc != BTF_INT_BOOL)
		return BAD("type [%u] INT '%s': encoding 0x%x invalid", id, TNAME(t), enc);
	return 0;
}

static int check_members(struct btf_parser *p, uint32_t id,
			 const struct btf_type *t)
{
	const struct btf_member *m = btf_members(t);

	for (uint32_t i = 0; i < btf_vlen(t); i++, m++) {
		int ret;

		if (!name_ok(p->btf, m->name_off))
			return BAD("type [%u] %s '%s': member %u name offset %u out of bounds",
				   id, bh_btf__kind_str(btf_kind(t)), TNAME(t), i, m->name_off);
		ret = check_ref(p, id, t, m->type, "member", false);
		if (ret)
			return ret;
		if (btf_kflag(t) && BTF_MEMBER_BITFIELD_SIZE(m->offset) > 128)
			return BAD("type [%u] %s '%s': member '%s' bitfield too wide",
				   id, bh_btf__kind_str(btf_kind(t)), TNAME(t),
				   btf_str(p->btf, m->name_off));
	}
	return 0;
}

static int check_enum(struct btf_parser *p, uint32_t id, const struct btf_type *t)
{
	bool is64 = btf_kind(t) == BTF_KIND_ENUM64;
	size_t rec = is64 ? sizeof(struct btf_enum64) : sizeof(struct btf_enum);

	if (t->size != 1 && t->size != 2 && t->size != 4 && t->size != 8)
		return BAD("type [%u] %s '%s': size %u invalid", id,
			   bh_btf__kind_str(btf_kind(t)), TNAME(t), t->size);
	for (uint32_t i = 0; i < btf_vlen(t); i++) {
		uint32_t off = *(const uint32_t *)((const char *)(t + 1) + i * rec);

		if (!name_ok(p->btf, off) || !btf_str(p->btf, off)[0])
			return BAD("type [%u] %s '%s': enumerator %u has a bad name offset %u",
				   id, bh_btf__kind_str(btf_kind(t)), TNAME(t), i, off);
	}
	return 0;
}

static int check_proto(struct btf_parser *p, uint32_t id, const struct btf_type *t)
{
	const struct btf_param *pa = (const struct btf_param *)(t + 1);
	int ret = check_ref(p, id, t, t->type, "return", true);

	for (uint32_t i = 0; !ret && i < btf_vlen(t); i++) {
		if (!name_ok(p->btf, pa[i].name_off))
			return BAD("type [%u] FUNC_PROTO: parameter %u name offset out of bounds",
				   id, i);
		/* void only as the last one: "..." */
		ret = check_ref(p, id, t, pa[i].type, "parameter",
				i + 1 == btf_vlen(t) && !pa[i].name_off);
	}
	return ret;
}

/* Checks that need only the record itself and the type count. */
static int check_record(struct btf_parser *p, uint32_t id, const struct btf_type *t)
{
	uint32_t kind = btf_kind(t), vlen = btf_vlen(t);
	bool vlen0 = kind != BTF_KIND_STRUCT && kind != BTF_KIND_UNION &&
		     kind != BTF_KIND_ENUM && kind != BTF_KIND_ENUM64 &&
		     kind != BTF_KIND_FUNC_PROTO && kind != BTF_KIND_DATASEC &&
		     kind != BTF_KIND_FUNC;
	bool named = kind == BTF_KIND_TYPEDEF || kind == BTF_KIND_FUNC ||
		     kind == BTF_KIND_VAR || kind == BTF_KIND_DATASEC ||
		     kind == BTF_KIND_FLOAT || kind == BTF_KIND_DECL_TAG ||
		     kind == BTF_KIND_TYPE_TAG || kind == BTF_KIND_FWD ||
		     kind == BTF_KIND_INT;

	if (!name_ok(p->btf, t->name_off))
		return BAD("type [%u] %s: name offset %u out of bounds (string section is %u bytes)",
			   id, bh_btf__kind_str(kind), t->name_off, p->btf->str_len);
	if (named && !TNAME(t)[0])
		return BAD("type [%u] %s: needs a name", id, bh_btf__kind_str(kind));
	if (vlen0 && vlen)
		return BAD("type [%u] %s '%s': vlen %u must be 0", id,
			   bh_btf__kind_str(kind), TNAME(t), vlen);
	switch (kind) {
	case BTF_KIND_INT:
		return check_int(p, id, t);
	case BTF_KIND_PTR:
	case BTF_KIND_TYPEDEF: case BTF_KIND_VOLATILE: case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT: case BTF_KIND_TYPE_TAG:
		if (kind == BTF_KIND_PTR && t->name_off)
			return BAD("type [%u] PTR: must not have a name", id);
		return check_ref(p, id, t, t->type, "target", true);
	case BTF_KIND_ARRAY: {
		const struct btf_array *a = btf_array(t);
		int ret = check_ref(p, id, t, a->type, "element", false);

		return ret ? ret : check_ref(p, id, t, a->index_type, "index", false);
	}
	case BTF_KIND_STRUCT: case BTF_KIND_UNION:
		return check_members(p, id, t);
	case BTF_KIND_ENUM: case BTF_KIND_ENUM64:
		return check_enum(p, id, t);
	case BTF_KIND_FWD:
		return t->type ? BAD("type [%u] FWD '%s': type must be 0", id, TNAME(t)) : 0;
	case BTF_KIND_FUNC:
		if (vlen > BTF_FUNC_EXTERN)
			return BAD("type [%u] FUNC '%s': linkage %u invalid", id, TNAME(t), vlen);
		return check_ref(p, id, t, t->type, "prototype", false);
	case BTF_KIND_FUNC_PROTO:
		return t->name_off ? BAD("type [%u] FUNC_PROTO: must not have a name", id)
				   : check_proto(p, id, t);
	case BTF_KIND_VAR:
		if (((const struct btf_var *)(t + 1))->linkage > BTF_VAR_GLOBAL_EXTERN)
			return BAD("type [%u] VAR '%s': linkage invalid", id, TNAME(t));
		return check_ref(p, id, t, t->type, "variable", false);
	case BTF_KIND_DATASEC:
		for (uint32_t i = 0; i < vlen; i++) {
			const struct btf_var_secinfo *s = &btf_secinfos(t)[i];
			int ret = check_ref(p, id, t, s->type, "variable", false);

			if (ret)
				return ret;
			if ((uint64_t)s->offset + s->size > t->size && t->size)
				return BAD("type [%u] DATASEC '%s': variable %u [%u, +%u) beyond its size %u",
					   id, TNAME(t), i, s->offset, s->size, t->size);
		}
		return 0;
	case BTF_KIND_FLOAT:
		if (t->size != 2 && t->size != 4 && t->size != 8 && t->size != 12 &&
		    t->size != 16)
			return BAD("type [%u] FLOAT '%s': size %u invalid", id, TNAME(t), t->size);
		return 0;
	case BTF_KIND_DECL_TAG:
		if (((const struct btf_decl_tag *)(t + 1))->component_idx < -1)
			return BAD("type [%u] DECL_TAG '%s': component index invalid", id, TNAME(t));
		return check_ref(p, id, t, t->type, "tagged", false);
	default:
		return BAD("type [%u]: unknown kind %u", id, kind);
	}
}

static int parse_types(struct btf_parser *p, const struct btf_header *hdr)
{
	struct bh_btf *btf = p->btf;
	const char *start = (const char *)btf->data + hdr->hdr_len + hdr->type_off;
	const char *end = start + hdr->type_len;
	uint32_t cap = 0, n;
	const char *cur;

	/* Count first (ids must be known to check references). */
	for (n = 1, cur = start; cur < end; n++) {
		const struct btf_type *t = (const struct btf_type *)cur;
		long extra;

		if ((size_t)(end - cur) < sizeof(*t))
			return BAD("type [%u]: record truncated at the end of the type section", n);
		extra = extra_size(t);
		if (extra < 0)
			return BAD("type [%u]: unknown kind %u", n, btf_kind(t));
		if ((size_t)(end - cur) - sizeof(*t) < (size_t)extra)
			return BAD("type [%u] %s: %ld bytes of data run past the type section",
				   n, bh_btf__kind_str(btf_kind(t)), extra);
		if (n > BTF_MAX_TYPE)
			return refuse(p->log, -E2BIG, "more than %u types", BTF_MAX_TYPE);
		cur += sizeof(*t) + extra;
	}
	cap = n;
	btf->types = calloc(cap, sizeof(*btf->types));
	btf->sizes = calloc(cap, sizeof(*btf->sizes));
	if (!btf->types || !btf->sizes)
		return -ENOMEM;
	btf->nr_types = n;
	for (n = 1, cur = start; cur < end; n++) {
		btf->types[n] = (const struct btf_type *)cur;
		cur += sizeof(struct btf_type) + extra_size(btf->types[n]);
	}
	for (uint32_t id = 1; id < btf->nr_types; id++) {
		int ret = check_record(p, id, btf->types[id]);

		if (ret)
			return ret;
	}
	return 0;
}

/* ---- Pass 3: resolve ------------------------------------------------------ */

static int resolve(struct btf_parser *p, uint32_t id, int depth);

/*
 * Types may refer to variables, sections, functions and tags only where
 * the format says so (DATASEC entries, FUNC's prototype, DECL_TAG's
 * target): anything else would let a value contain a section.
 */
static int check_target(struct btf_parser *p, uint32_t id, uint32_t ref)
{
	const struct btf_type *t = btf_type(p->btf, id), *rt = btf_type(p->btf, ref);
	uint32_t k = btf_kind(rt);

	if (k == BTF_KIND_VAR || k == BTF_KIND_DATASEC || k == BTF_KIND_FUNC ||
	    k == BTF_KIND_DECL_TAG)
		return BAD("type [%u] %s '%s': cannot refer to type [%u] %s", id,
			   bh_btf__kind_str(btf_kind(t)), TNAME(t), ref, bh_btf__kind_str(k));
	return 0;
}

/* Size of member/element type @ref, resolving it first. */
static int resolve_ref(struct btf_parser *p, uint32_t id, uint32_t ref,
		       int depth, int64_t *size)
{
	int ret = check_target(p, id, ref);

	if (!ret)
		ret = resolve(p, ref, depth + 1);

	if (ret)
		return ret;
	*size = p->btf->sizes[ref];
	if (*size < 0)
		return BAD("type [%u] %s '%s': contains type [%u] %s, which has no size",
			   id, bh_btf__kind_str(btf_kind(btf_type(p->btf, id))),
			   TNAME(btf_type(p->btf, id)), ref,
			   bh_btf__kind_str(btf_kind(btf_type(p->btf, ref))));
	return 0;
}

static int resolve_composite(struct btf_parser *p, uint32_t id,
			     const struct btf_type *t, int depth)
{
	const struct btf_member *m = btf_members(t);

	for (uint32_t i = 0; i < btf_vlen(t); i++, m++) {
		uint32_t bit = btf_kflag(t) ? BTF_MEMBER_BIT_OFFSET(m->offset) : m->offset;
		uint32_t bits = btf_kflag(t) ? BTF_MEMBER_BITFIELD_SIZE(m->offset) : 0;
		const struct btf_type *mt;
		int64_t msize;
		int ret = resolve_ref(p, id, m->type, depth, &msize);

		if (ret)
			return ret;
		btf_skip_mods_typedefs(p->btf, m->type, &mt);
		if (bits && btf_kind(mt) != BTF_KIND_INT && btf_kind(mt) != BTF_KIND_ENUM &&
		    btf_kind(mt) != BTF_KIND_ENUM64)
			return BAD("type [%u] %s '%s': bitfield member '%s' is not an integer",
				   id, bh_btf__kind_str(btf_kind(t)), TNAME(t),
				   btf_str(p->btf, m->name_off));
		if (!bits && bit % 8 && btf_kind(mt) != BTF_KIND_INT)
			return BAD("type [%u] %s '%s': member '%s' is not byte aligned",
				   id, bh_btf__kind_str(btf_kind(t)), TNAME(t),
				   btf_str(p->btf, m->name_off));
		if ((uint64_t)bit + (bits ? bits : (uint64_t)msize * 8) > (uint64_t)t->size * 8)
			return BAD("type [%u] %s '%s': member '%s' ends past the size %u",
				   id, bh_btf__kind_str(btf_kind(t)), TNAME(t),
				   btf_str(p->btf, m->name_off), t->size);
	}
	return 0;
}

static int resolve_body(struct btf_parser *p, uint32_t id,
			const struct btf_type *t, int depth)
{
	struct bh_btf *btf = p->btf;
	int64_t size = -1;
	int ret = 0;

	switch (btf_kind(t)) {
	case BTF_KIND_INT: case BTF_KIND_ENUM: case BTF_KIND_ENUM64:
	case BTF_KIND_FLOAT:
		size = t->size;
		break;
	case BTF_KIND_DATASEC:
		for (uint32_t i = 0; !ret && i < btf_vlen(t); i++) {
			uint32_t k = btf_kind(btf_type(btf, btf_secinfos(t)[i].type));

			if (k != BTF_KIND_VAR && k != BTF_KIND_FUNC)
				ret = BAD("type [%u] DATASEC '%s': entry %u is a %s, not a VAR or FUNC",
					  id, TNAME(t), i, bh_btf__kind_str(k));
		}
		size = t->size;
		break;
	case BTF_KIND_PTR: {
		/*
		 * The pointee need not be complete (struct list { struct list
		 * *next; }): only the chain of pointers, typedefs and modifiers
		 * must end.
		 */
		uint32_t cur = t->type;

		ret = check_target(p, id, cur);
		for (int steps = 0; !ret; steps++) {
			const struct btf_type *ct = btf_type(btf, cur);
			uint32_t k = btf_kind(ct);

			if (!btf_is_modifier(k) && k != BTF_KIND_TYPEDEF &&
			    k != BTF_KIND_PTR)
				break;
			if (cur == id || steps > BTF_RESOLVE_DEPTH) {
				ret = BAD("type [%u] PTR: loop in its chain of pointers and modifiers", id);
				break;
			}
			cur = ct->type;
		}
		size = 8;
		break;
	}
	case BTF_KIND_TYPEDEF: case BTF_KIND_VOLATILE: case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT: case BTF_KIND_TYPE_TAG:
		ret = check_target(p, id, t->type);
		if (!ret)
			ret = resolve(p, t->type, depth + 1);
		size = ret ? -1 : btf->sizes[t->type];
		break;
	case BTF_KIND_ARRAY: {
		int64_t esize;

		ret = check_target(p, id, btf_array(t)->index_type);
		if (!ret)
			ret = resolve_ref(p, id, btf_array(t)->type, depth, &esize);
		if (!ret && (uint64_t)esize * btf_array(t)->nelems > UINT32_MAX)
			ret = BAD("type [%u] ARRAY: size overflows 32 bits", id);
		size = esize * btf_array(t)->nelems;
		break;
	}
	case BTF_KIND_STRUCT: case BTF_KIND_UNION:
		ret = resolve_composite(p, id, t, depth);
		size = t->size;
		break;
	case BTF_KIND_VAR:
		ret = resolve_ref(p, id, t->type, depth, &size);
		break;
	case BTF_KIND_FUNC: {
		const struct btf_type *proto = btf_type(btf, t->type);

		if (btf_kind(proto) != BTF_KIND_FUNC_PROTO)
			ret = BAD("type [%u] FUNC '%s': type [%u] is %s, not FUNC_PROTO",
				  id, TNAME(t), t->type, bh_btf__kind_str(btf_kind(proto)));
		break;
	}
	case BTF_KIND_FUNC_PROTO: {
		const struct btf_param *pa = (const struct btf_param *)(t + 1);

		ret = check_target(p, id, t->type);
		if (!ret)
			ret = resolve(p, t->type, depth + 1);
		for (uint32_t i = 0; !ret && i < btf_vlen(t); i++) {
			ret = check_target(p, id, pa[i].type);
			if (!ret)
				ret = resolve(p, pa[i].type, depth + 1);
		}
		break;
	}
	case BTF_KIND_DECL_TAG: {
		const struct btf_type *tt = btf_type(btf, t->type);
		int32_t idx = ((const struct btf_decl_tag *)(t + 1))->component_idx;
		uint32_t k = btf_kind(tt);

		if (idx >= 0 && !(btf_is_composite(k) && (uint32_t)idx < btf_vlen(tt)) &&
		    !(k == BTF_KIND_FUNC &&
		      (uint32_t)idx < btf_vlen(btf_type(btf, tt->type))))
			ret = BAD("type [%u] DECL_TAG '%s': component %d of type [%u] does not exist",
				  id, TNAME(t), idx, t->type);
		else if (idx == -1 && k != BTF_KIND_STRUCT && k != BTF_KIND_UNION &&
			 k != BTF_KIND_FUNC && k != BTF_KIND_VAR && k != BTF_KIND_TYPEDEF)
			ret = BAD("type [%u] DECL_TAG '%s': cannot tag a %s", id, TNAME(t),
				  bh_btf__kind_str(k));
		break;
	}
	default: /* FWD, void */
		break;
	}
	btf->sizes[id] = size;
	return ret;
}

static int resolve(struct btf_parser *p, uint32_t id, int depth)
{
	const struct btf_type *t = btf_type(p->btf, id);
	int ret;

	if (p->state[id] == 2)
		return 0;
	if (p->state[id] == 1)
		return BAD("type [%u] %s '%s': loop in the type graph", id,
			   bh_btf__kind_str(btf_kind(t)), TNAME(t));
	if (depth > BTF_RESOLVE_DEPTH)
		return BAD("type [%u] %s '%s': types nest deeper than %d", id,
			   bh_btf__kind_str(btf_kind(t)), TNAME(t), BTF_RESOLVE_DEPTH);
	p->state[id] = 1;
	ret = resolve_body(p, id, t, depth);
	if (!ret)
		p->state[id] = 2;
	return ret;
}

static int resolve_all(struct btf_parser *p)
{
	int ret = 0;

	p->state = calloc(p->btf->nr_types, 1);
	if (!p->state)
		return -ENOMEM;
	p->state[0] = 2;
	p->btf->sizes[0] = -1;
	for (uint32_t id = 1; !ret && id < p->btf->nr_types; id++)
		ret = resolve(p, id, 0);
	free(p->state);
	return ret;
}

static const struct btf_type void_type;

struct bh_btf *btf_new_log(const void *data, size_t size, struct bh_log *log,
			   int *err)
{
	struct btf_parser p = { .log = log };
	const struct btf_header *hdr = NULL;
	struct bh_btf *btf;
	int ret = -ENOMEM;

	if (!data && size) {
		ret = -EINVAL;
		goto err;
	}
	btf = calloc(1, sizeof(*btf));
	if (!btf)
		goto err;
	/* A copy aligned for the records (malloc aligns to 16). */
	btf->data = malloc(size ? size : 1);
	if (!btf->data)
		goto err_free;
	if (size)
		memcpy(btf->data, data, size);
	btf->size = size;
	p.btf = btf;
	ret = check_header(btf, log, &hdr);
	if (!ret)
		ret = parse_types(&p, hdr);
	if (!ret) {
		btf->types[0] = &void_type;
		ret = resolve_all(&p);
	}
	if (ret)
		goto err_free;
	return btf;

err_free:
	bh_btf__free(btf);
err:
	*err = ret;
	return NULL;
}

BH_API struct bh_btf *bh_btf__new_opts(const void *data, size_t size,
				       const struct bh_btf_opts *opts)
{
	struct bh_log log;
	struct bh_btf *btf;
	int err;

	if (!BH_OPTS_VALID(opts, bh_btf_opts))
		return bh_err_ptr(-EINVAL);
	bh_log_init(&log, BH_OPTS_GET(opts, log_buf, NULL),
		    BH_OPTS_GET(opts, log_size, 0), 1);
	btf = btf_new_log(data, size, &log, &err);
	return btf ? btf : bh_err_ptr(err);
}

BH_API struct bh_btf *bh_btf__new(const void *data, size_t size)
{
	return bh_btf__new_opts(data, size, NULL);
}

BH_API void bh_btf__free(struct bh_btf *btf)
{
	if (!btf)
		return;
	free(btf->types);
	free(btf->sizes);
	free(btf->data);
	free(btf);
}

/* ---- Queries --------------------------------------------------------------- */

BH_API uint32_t bh_btf__type_cnt(const struct bh_btf *btf)
{
	return btf->nr_types;
}

BH_API const struct btf_type *bh_btf__type_by_id(const struct bh_btf *btf,
						 uint32_t id)
{
	if (id >= btf->nr_types)
		return bh_err_ptr(-EINVAL);
	return btf->types[id];
}

BH_API const char *bh_btf__name_by_offset(const struct bh_btf *btf,
					  uint32_t offset)
{
	if (offset >= btf->str_len)
		return bh_err_ptr(-EINVAL);
	return btf->strs + offset;
}

BH_API int bh_btf__find_by_name_kind(const struct bh_btf *btf,
				     const char *name, uint32_t kind)
{
	if (!name)
		return bh_err(-EINVAL);
	if (kind == BTF_KIND_UNKN && !strcmp(name, "void"))
		return 0;
	for (uint32_t id = 1; id < btf->nr_types; id++) {
		const struct btf_type *t = btf->types[id];

		if (btf_kind(t) == kind && !strcmp(btf_str(btf, t->name_off), name))
			return (int)id;
	}
	return bh_err(-ENOENT);
}

BH_API int bh_btf__find_by_name(const struct bh_btf *btf, const char *name)
{
	if (!name)
		return bh_err(-EINVAL);
	if (!strcmp(name, "void"))
		return 0;
	for (uint32_t id = 1; id < btf->nr_types; id++)
		if (!strcmp(btf_str(btf, btf->types[id]->name_off), name))
			return (int)id;
	return bh_err(-ENOENT);
}

BH_API int64_t bh_btf__resolve_size(const struct bh_btf *btf, uint32_t id)
{
	if (id >= btf->nr_types || btf->sizes[id] < 0)
		return bh_err(-EINVAL);
	return btf->sizes[id];
}

/* Chains are loop-free and at most BTF_RESOLVE_DEPTH long (validated). */
uint32_t btf_skip_mods_typedefs(const struct bh_btf *btf, uint32_t id,
				const struct btf_type **tp)
{
	const struct btf_type *t = btf->types[id];

	while (btf_is_modifier(btf_kind(t)) || btf_kind(t) == BTF_KIND_TYPEDEF) {
		id = t->type;
		t = btf->types[id];
	}
	if (tp)
		*tp = t;
	return id;
}

uint32_t btf_skip_mods(const struct bh_btf *btf, uint32_t id,
		       const struct btf_type **tp)
{
	const struct btf_type *t = btf->types[id];

	while (btf_is_modifier(btf_kind(t))) {
		id = t->type;
		t = btf->types[id];
	}
	if (tp)
		*tp = t;
	return id;
}

BH_API int bh_btf__resolve_type(const struct bh_btf *btf, uint32_t id)
{
	if (id >= btf->nr_types)
		return bh_err(-EINVAL);
	return (int)btf_skip_mods_typedefs(btf, id, NULL);
}

static int align_of(const struct bh_btf *btf, uint32_t id, int depth)
{
	const struct btf_type *t;
	int max = 1;

	id = btf_skip_mods_typedefs(btf, id, &t);
	if (depth > BTF_RESOLVE_DEPTH)
		return -EINVAL;
	switch (btf_kind(t)) {
	case BTF_KIND_INT: case BTF_KIND_ENUM: case BTF_KIND_ENUM64:
	case BTF_KIND_FLOAT:
		return (int)BH_MIN(t->size, 8u);
	case BTF_KIND_PTR:
		return 8;
	case BTF_KIND_ARRAY:
		return align_of(btf, btf_array(t)->type, depth + 1);
	case BTF_KIND_STRUCT: case BTF_KIND_UNION:
		for (uint32_t i = 0; i < btf_vlen(t); i++) {
			int a = align_of(btf, btf_members(t)[i].type, depth + 1);

			if (a < 0)
				return a;
			max = BH_MAX(max, a);
		}
		return max;
	default:
		return -EINVAL;
	}
}

BH_API int bh_btf__align_of(const struct bh_btf *btf, uint32_t id)
{
	if (id >= btf->nr_types)
		return bh_err(-EINVAL);
	return bh_err(align_of(btf, id, 0));
}

BH_API int64_t bh_btf__member_bit_offset(const struct bh_btf *btf, uint32_t id,
					 uint32_t idx, uint32_t *bitfield_size)
{
	const struct btf_type *t;
	const struct btf_member *m;

	if (id >= btf->nr_types)
		return bh_err(-EINVAL);
	t = btf->types[id];
	if (!btf_is_composite(btf_kind(t)) || idx >= btf_vlen(t))
		return bh_err(-EINVAL);
	m = &btf_members(t)[idx];
	if (bitfield_size)
		*bitfield_size = btf_kflag(t) ? BTF_MEMBER_BITFIELD_SIZE(m->offset) : 0;
	return btf_kflag(t) ? BTF_MEMBER_BIT_OFFSET(m->offset) : m->offset;
}

/* ---- DATASEC fix-up (loader) ------------------------------------------------ */

/*
 * clang leaves DATASEC sizes and variable offsets at 0 (libbpf's
 * btf_fixup_datasec() fills them from the ELF file); fill them from @fn,
 * then check every variable lies inside its section.
 */
int btf_fixup_datasecs(struct bh_btf *btf, btf_datasec_fn fn, void *ctx,
		       struct bh_log *log)
{
	for (uint32_t id = 1; id < btf->nr_types; id++) {
		struct btf_type *t = (struct btf_type *)btf->types[id];
		struct btf_var_secinfo *vi = (struct btf_var_secinfo *)(t + 1);
		const char *sec = btf_str(btf, t->name_off);
		uint32_t val;

		if (btf_kind(t) != BTF_KIND_DATASEC)
			continue;
		if (!t->size && !fn(ctx, sec, NULL, &val)) {
			t->size = val;
			btf->sizes[id] = val;
		}
		for (uint32_t i = 0; i < btf_vlen(t); i++, vi++) {
			const struct btf_type *v = btf->types[vi->type];

			if (btf_kind(v) == BTF_KIND_VAR &&
			    !fn(ctx, sec, btf_str(btf, v->name_off), &val))
				vi->offset = val;
			if (t->size && (uint64_t)vi->offset + vi->size > t->size) {
				bh_log(log, "BTF: DATASEC '%s': variable %u [%u, +%u) beyond its size %u\n",
				       sec, i, vi->offset, vi->size, t->size);
				return -EINVAL;
			}
		}
	}
	return 0;
}

/*
 * Special fields of a map value, as the kernel's btf_parse_fields() finds
 * bpf_spin_lock and bpf_timer: members of the value's struct, members of
 * nested structs, or variables of a DATASEC, whose type is exactly `struct
 * @name` of @size bytes at an @align-aligned offset.  The type is taken as
 * it is (btf_find_field_one): a modifier or typedef hides a field, and a
 * struct behind a typedef (or a union) is not searched.  Errors (the
 * record fails, the map gets no field): a member at a bit offset
 * (btf_find_struct_field), an array of fields or of structs holding one
 * (btf_repeat_fields).
 */
static int find_field_in(const struct bh_btf *btf, const struct btf_type *t,
			 const char *name, uint32_t size, uint32_t align,
			 uint32_t base, uint32_t *off, int depth);

/* One member or variable of type @id at byte @at (@expect: a DATASEC
 * variable's size, 0 for a member): how many fields it holds, or -errno. */
static int find_field_one(const struct bh_btf *btf, uint32_t id, const char *name,
			  uint32_t size, uint32_t align, uint32_t at, uint32_t expect,
			  uint32_t *off, int depth)
{
	const struct btf_type *t = btf_type(btf, id);
	uint64_t nelems = 1;
	int n;

	for (int i = 0; btf_kind(t) == BTF_KIND_ARRAY; i++) {
		if (i == 32) /* MAX_RESOLVE_DEPTH */
			return -E2BIG;
		nelems *= btf_array(t)->nelems;
		t = btf_type(btf, btf_array(t)->type);
	}
	if (!nelems)
		return 0;
	if (btf_kind(t) == BTF_KIND_STRUCT && !strcmp(btf_str(btf, t->name_off), name)) {
		if (t->size != size || (expect && expect != size * nelems) || at % align)
			return 0; /* as the kernel: not the real thing */
		if (nelems > 1)
			return -EINVAL;
		*off = at;
		return 1;
	}
	if (btf_kind(t) != BTF_KIND_STRUCT || /* __btf_type_is_struct: no union */
	    (expect && expect != (uint64_t)t->size * nelems))
		return 0;
	n = find_field_in(btf, t, name, size, align, at, off, depth + 1);
	return n > 0 && nelems > 1 ? -EINVAL : n;
}

static int find_field_in(const struct bh_btf *btf, const struct btf_type *t,
			 const char *name, uint32_t size, uint32_t align,
			 uint32_t base, uint32_t *off, int depth)
{
	bool sec = btf_kind(t) == BTF_KIND_DATASEC;
	int cnt = 0;

	if (depth > 8)
		return 0;
	for (uint32_t i = 0; i < btf_vlen(t); i++) {
		uint32_t id, at, expect = 0;
		int n;

		if (sec) {
			const struct btf_var_secinfo *vi = &btf_secinfos(t)[i];
			const struct btf_type *var = btf_type(btf, vi->type);

			if (btf_kind(var) != BTF_KIND_VAR)
				continue; /* a .ksyms FUNC */
			id = var->type;
			at = vi->offset;
			expect = vi->size;
		} else {
			const struct btf_member *m = &btf_members(t)[i];
			uint32_t bit = btf_kflag(t) ? BTF_MEMBER_BIT_OFFSET(m->offset)
						    : m->offset;

			if (bit % 8) /* "valid C code cannot generate such BTF" */
				return -EINVAL;
			id = m->type;
			at = base + bit / 8;
		}
		n = find_field_one(btf, id, name, size, align, at, expect, off, depth);
		if (n < 0)
			return n;
		cnt += n;
	}
	return cnt;
}

int btf_find_special_field(const struct bh_btf *btf, uint32_t id, const char *name,
			   uint32_t size, uint32_t align, uint32_t *off)
{
	const struct btf_type *t;

	/* the value type itself is resolved (btf_type_id_size) */
	btf_skip_mods_typedefs(btf, id, &t);
	if (btf_kind(t) != BTF_KIND_STRUCT && btf_kind(t) != BTF_KIND_DATASEC)
		return 0;
	return find_field_in(btf, t, name, size, align, 0, off, 0);
}
