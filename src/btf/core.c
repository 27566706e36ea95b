/* SPDX-License-Identifier: MIT */
/*
 * btf/core.c - CO-RE relocation values computed against the object's own
 * BTF (the local and target types are the same), as libbpf's relo_core.c
 * does once it has matched a target type.
 *
 * The access string of a field relocation is "i:m1:m2:...": i indexes the
 * root type as an array, each following number is a member index (struct,
 * union) or an element index (array).  Type relocations use "0"; enum value
 * relocations "n", the enumerator's index.
 */
#include <stdlib.h>
#include <string.h>

#include "btf/internal.h"

#define CORE_MAX_SPEC 64

static int parse_access(const char *s, uint32_t *idx, int *cnt,
			struct bh_log *log)
{
	int n = 0;

	while (*s) {
		char *end;
		unsigned long v;

		if (n == CORE_MAX_SPEC || *s < '0' || *s > '9')
			goto bad;
		v = strtoul(s, &end, 10);
		if (v > UINT32_MAX || (*end && *end != ':'))
			goto bad;
		idx[n++] = (uint32_t)v;
		s = *end ? end + 1 : end;
		if (*end && !*s)
			goto bad;
	}
	if (!n)
		goto bad;
	*cnt = n;
	return 0;
bad:
	bh_log(log, "CO-RE: access string invalid\n");
	return -EINVAL;
}

struct core_field {
	uint64_t bit_off;
	uint32_t bit_sz;  /* bitfield width, 0 if not one */
	uint32_t type_id; /* the field's type */
};

static int walk_field(const struct bh_btf *btf, uint32_t root,
		      const uint32_t *idx, int cnt, struct core_field *f,
		      struct bh_log *log)
{
	uint32_t id = root;
	int64_t size = btf->sizes[root];

	if (!root || size < 0) {
		bh_log(log, "CO-RE: field relocation on type [%u] without a size\n", root);
		return -EINVAL;
	}
	f->bit_off = (uint64_t)idx[0] * size * 8;
	f->bit_sz = 0;
	for (int i = 1; i < cnt; i++) {
		const struct btf_type *t;

		id = btf_skip_mods_typedefs(btf, id, &t);
		if (btf_is_composite(btf_kind(t))) {
			const struct btf_member *m;

			if (idx[i] >= btf_vlen(t))
				goto bad;
			m = &btf_members(t)[idx[i]];
			f->bit_off += btf_kflag(t) ? BTF_MEMBER_BIT_OFFSET(m->offset)
						   : m->offset;
			f->bit_sz = btf_kflag(t) ? BTF_MEMBER_BITFIELD_SIZE(m->offset) : 0;
			id = m->type;
		} else if (btf_kind(t) == BTF_KIND_ARRAY) {
			const struct btf_array *a = btf_array(t);

			if (idx[i] >= a->nelems && a->nelems)
				goto bad;
			f->bit_off += (uint64_t)idx[i] * btf->sizes[a->type] * 8;
			f->bit_sz = 0;
			id = a->type;
		} else {
			goto bad;
		}
	}
	f->type_id = id;
	return 0;
bad:
	bh_log(log, "CO-RE: access index %u does not exist in type [%u]\n",
	       idx[cnt - 1], id);
	return -EINVAL;
}

static int field_value(const struct bh_btf *btf, uint32_t kind,
		       const struct core_field *f, uint64_t *val,
		       struct bh_log *log)
{
	const struct btf_type *mt;
	int64_t size = btf->sizes[f->type_id];
	uint64_t byte_off, byte_sz, bit_sz;

	btf_skip_mods_typedefs(btf, f->type_id, &mt);
	if (size < 0) {
		bh_log(log, "CO-RE: field of type [%u] has no size\n", f->type_id);
		return -EINVAL;
	}
	if (f->bit_sz) {
		/* The smallest aligned load that covers the bitfield. */
		byte_sz = (uint64_t)size;
		for (;;) {
			byte_off = f->bit_off / 8 / byte_sz * byte_sz;
			if (f->bit_off + f->bit_sz - byte_off * 8 <= byte_sz * 8)
				break;
			if (byte_sz >= 8) {
				bh_log(log, "CO-RE: bitfield too wide to load\n");
				return -EINVAL;
			}
			byte_sz *= 2;
		}
		bit_sz = f->bit_sz;
	} else {
		byte_sz = (uint64_t)size;
		byte_off = f->bit_off / 8;
		bit_sz = byte_sz * 8;
	}
	switch (kind) {
	case BH_CORE_FIELD_BYTE_OFFSET:
		*val = byte_off;
		return 0;
	case BH_CORE_FIELD_BYTE_SIZE:
		*val = byte_sz;
		return 0;
	case BH_CORE_FIELD_EXISTS:
		*val = 1;
		return 0;
	case BH_CORE_FIELD_SIGNED:
		*val = ((btf_kind(mt) == BTF_KIND_ENUM || btf_kind(mt) == BTF_KIND_ENUM64) &&
			btf_kflag(mt)) ||
		       (btf_kind(mt) == BTF_KIND_INT &&
			(BTF_INT_ENCODING(*(const uint32_t *)(mt + 1)) & BTF_INT_SIGNED));
		return 0;
	case BH_CORE_FIELD_LSHIFT_U64:
		*val = 64 - (f->bit_off + bit_sz - byte_off * 8);
		return 0;
	default: /* BH_CORE_FIELD_RSHIFT_U64 */
		*val = 64 - bit_sz;
		return 0;
	}
}

static int enumval_value(const struct bh_btf *btf, uint32_t kind, uint32_t id,
			 uint32_t idx, uint64_t *val, struct bh_log *log)
{
	const struct btf_type *t;

	btf_skip_mods_typedefs(btf, id, &t);
	if ((btf_kind(t) != BTF_KIND_ENUM && btf_kind(t) != BTF_KIND_ENUM64) ||
	    idx >= btf_vlen(t)) {
		bh_log(log, "CO-RE: enumerator %u of type [%u] does not exist\n", idx, id);
		return -EINVAL;
	}
	if (kind == BH_CORE_ENUMVAL_EXISTS)
		*val = 1;
	else if (btf_kind(t) == BTF_KIND_ENUM)
		*val = btf_kflag(t) ? (uint64_t)(int64_t)((const struct btf_enum *)(t + 1))[idx].val
				    : (uint32_t)((const struct btf_enum *)(t + 1))[idx].val;
	else
		*val = (uint64_t)((const struct btf_enum64 *)(t + 1))[idx].val_hi32 << 32 |
		       ((const struct btf_enum64 *)(t + 1))[idx].val_lo32;
	return 0;
}

int btf_core_calc(const struct bh_btf *btf, uint32_t kind, uint32_t type_id,
		  const char *access, uint64_t *val, bool *is_bitfield,
		  struct bh_log *log)
{
	uint32_t idx[CORE_MAX_SPEC];
	struct core_field f;
	int cnt, ret;

	if (type_id >= btf->nr_types)
		return -EINVAL;
	ret = parse_access(access, idx, &cnt, log);
	if (ret)
		return ret;
	*is_bitfield = false;
	switch (kind) {
	case BH_CORE_FIELD_BYTE_OFFSET: case BH_CORE_FIELD_BYTE_SIZE:
	case BH_CORE_FIELD_EXISTS: case BH_CORE_FIELD_SIGNED:
	case BH_CORE_FIELD_LSHIFT_U64: case BH_CORE_FIELD_RSHIFT_U64:
		ret = walk_field(btf, type_id, idx, cnt, &f, log);
		if (ret)
			return ret;
		*is_bitfield = f.bit_sz != 0;
		return field_value(btf, kind, &f, val, log);
	case BH_CORE_TYPE_ID_LOCAL: case BH_CORE_TYPE_ID_TARGET:
		*val = type_id;
		return 0;
	case BH_CORE_TYPE_EXISTS: case BH_CORE_TYPE_MATCHES:
		*val = 1;
		return 0;
	case BH_CORE_TYPE_SIZE:
		if (btf->sizes[type_id] < 0) {
			bh_log(log, "CO-RE: type [%u] has no size\n", type_id);
			return -EINVAL;
		}
		*val = (uint64_t)btf->sizes[type_id];
		return 0;
	case BH_CORE_ENUMVAL_EXISTS: case BH_CORE_ENUMVAL_VALUE:
		return enumval_value(btf, kind, type_id, idx[0], val, log);
	default:
		bh_log(log, "CO-RE: relocation kind %u unknown\n", kind);
		return -EINVAL;
	}
}
