/* SPDX-License-Identifier: MIT */
/*
 * loader/maps.c - map definitions of an object and their creation.
 *
 * BTF-defined maps (".maps") follow libbpf's bpf_helpers.h macros: each map
 * is a global variable of an anonymous struct whose members carry the
 * attributes in their types, not their values:
 *
 *   __uint(type, BPF_MAP_TYPE_HASH)  ->  int (*type)[BPF_MAP_TYPE_HASH]
 *   __type(key, struct k)            ->  struct k *key
 *   __array(values, struct inner)    ->  struct inner *values[]
 *   __ulong(map_extra, X)            ->  enum { ... = X } map_extra
 *
 * so an attribute's number is the element count of the array the member
 * points to.  __array initial values (map-in-map, program arrays) are
 * relocations in ".rel.maps" against the slots of the `values` array.
 *
 * Legacy maps ("maps"): struct bpf_map_def { type, key_size, value_size,
 * max_entries, map_flags }, one per symbol, all the same size.
 *
 * Global data: each non-empty .data*, .rodata* and .bss* section is a
 * one-element ARRAY (BPF_F_MMAPABLE; .rodata* also BPF_F_RDONLY_PROG and
 * frozen after its contents are written) whose value BTF is the section's
 * DATASEC, which may place a struct bpf_spin_lock or bpf_timer in it.  The
 * kernel never maps a value holding one (bpf_map_mmap: -ENOTSUPP), so such
 * a section's map is not BPF_F_MMAPABLE: the host reads it with
 * bh_map__lookup_elem() (libbpf decides by the variables' linkage instead,
 * and fails the load where its re-mmap is refused).
 *
 * As libbpf does, a map whose creation with BTF fails is created again
 * without BTF (bpf_object__create_map's "Retrying without BTF").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "loader/internal.h"

static struct bh_object_map *new_map(struct bh_object *obj, const char *name,
				     enum map_kind kind, int *err)
{
	struct bh_object_map *m = calloc(1, sizeof(*m)), **maps;

	*err = -ENOMEM;
	if (!m)
		return NULL;
	m->obj = obj;
	m->kind = kind;
	m->name = strdup(name);
	if (!m->name) {
		free(m);
		return NULL;
	}
	snprintf(m->kname, sizeof(m->kname), "%s", name);
	if (kind == MAP_INNER)
		return m;
	maps = realloc(obj->maps, (obj->map_cnt + 1) * sizeof(*maps));
	if (!maps) {
		ldr_map_free(m);
		return NULL;
	}
	obj->maps = maps;
	maps[obj->map_cnt++] = m;
	return m;
}

void ldr_map_free(struct bh_object_map *m)
{
	if (!m)
		return;
	ldr_map_free(m->inner);
	bh_map__free(m->map);
	free(m->init_slots);
	free(m->initial);
	free(m->name);
	free(m);
}

int ldr_maps_find_by_sec_off(const struct bh_object *obj, uint32_t shndx,
			 uint64_t off)
{
	for (size_t i = 0; i < obj->map_cnt; i++)
		if (obj->maps[i]->kind != MAP_DATA && obj->maps[i]->sec_idx == shndx &&
		    obj->maps[i]->sec_off == off)
			return (int)i;
	return -1;
}

/* ---- BTF-defined maps ------------------------------------------------------- */

/* The number an __uint()/__ulong() attribute carries. */
static int attr_number(struct bh_object *obj, const char *map, const char *attr,
		       uint32_t type_id, uint64_t *val)
{
	const struct bh_btf *btf = obj->btf;
	const struct btf_type *t, *arr;

	btf_skip_mods_typedefs(btf, type_id, &t);
	if (btf_kind(t) == BTF_KIND_PTR) {
		btf_skip_mods_typedefs(btf, t->type, &arr);
		if (btf_kind(arr) == BTF_KIND_ARRAY) {
			*val = btf_array(arr)->nelems;
			return 0;
		}
	} else if (btf_kind(t) == BTF_KIND_ENUM && btf_vlen(t) == 1) {
		*val = (uint32_t)((const struct btf_enum *)(t + 1))->val;
		return 0;
	} else if (btf_kind(t) == BTF_KIND_ENUM64 && btf_vlen(t) == 1) {
		const struct btf_enum64 *e = (const struct btf_enum64 *)(t + 1);

		*val = (uint64_t)e->val_hi32 << 32 | e->val_lo32;
		return 0;
	}
	return ldr_err(obj, -EINVAL, "map '%s': attribute '%s' is a %s, not a pointer to an array (__uint)",
		       map, attr, bh_btf__kind_str(btf_kind(t)));
}

static int attr_u32(struct bh_object *obj, const char *map, const char *attr,
		    uint32_t type_id, uint32_t *val)
{
	uint64_t v;
	int ret = attr_number(obj, map, attr, type_id, &v);

	if (!ret && v > UINT32_MAX)
		return ldr_err(obj, -EINVAL, "map '%s': attribute '%s' value %llu too large",
			       map, attr, (unsigned long long)v);
	if (!ret)
		*val = (uint32_t)v;
	return ret;
}

/* __type(key/value, T): a pointer to T; sets the size and type id. */
static int attr_type(struct bh_object *obj, const char *map, const char *attr,
		     uint32_t type_id, uint32_t *size, uint32_t *tid)
{
	const struct bh_btf *btf = obj->btf;
	const struct btf_type *t;
	int64_t sz;

	btf_skip_mods_typedefs(btf, type_id, &t);
	if (btf_kind(t) != BTF_KIND_PTR)
		return ldr_err(obj, -EINVAL, "map '%s': attribute '%s' is a %s, not a pointer (__type)",
			       map, attr, bh_btf__kind_str(btf_kind(t)));
	sz = btf->sizes[t->type];
	if (sz < 0 || sz > UINT32_MAX)
		return ldr_err(obj, -EINVAL, "map '%s': attribute '%s' points to a type without a size",
			       map, attr);
	if (*size && *size != (uint32_t)sz)
		return ldr_err(obj, -EINVAL, "map '%s': %s size %u conflicts with its type's size %lld",
			       map, attr, *size, (long long)sz);
	*size = (uint32_t)sz;
	*tid = t->type;
	return 0;
}

static int parse_map_def(struct bh_object *obj, struct bh_object_map *m,
			 uint32_t def_id, bool inner);

/* __array(values, T): a flexible array of pointers to an inner map or functions. */
static int attr_values(struct bh_object *obj, struct bh_object_map *m,
		       uint32_t type_id, bool inner)
{
	const struct bh_btf *btf = obj->btf;
	const struct btf_type *t, *pt, *target;
	uint32_t target_id;
	int err;

	btf_skip_mods_typedefs(btf, type_id, &t);
	if (inner)
		return ldr_err(obj, -EINVAL, "map '%s': an inner map cannot have 'values'", m->name);
	if (btf_kind(t) != BTF_KIND_ARRAY || btf_array(t)->nelems)
		return ldr_err(obj, -EINVAL, "map '%s': 'values' must be a zero-length array (__array)",
			       m->name);
	btf_skip_mods_typedefs(btf, btf_array(t)->type, &pt);
	if (btf_kind(pt) != BTF_KIND_PTR)
		return ldr_err(obj, -EINVAL, "map '%s': 'values' elements must be pointers", m->name);
	target_id = btf_skip_mods_typedefs(btf, pt->type, &target);
	if (m->value_size && m->value_size != 4)
		return ldr_err(obj, -EINVAL, "map '%s': value size must be 4 with 'values'", m->name);
	if (btf_kind(target) == BTF_KIND_FUNC_PROTO) {
		if (m->type != BPF_MAP_TYPE_PROG_ARRAY)
			return ldr_err(obj, -EINVAL, "map '%s': 'values' of functions needs a PROG_ARRAY",
				       m->name);
		m->value_size = 4; /* a program id */
		return 0;
	}
	if (btf_kind(target) != BTF_KIND_STRUCT)
		return ldr_err(obj, -EINVAL, "map '%s': 'values' must point to an inner map definition",
			       m->name);
	if (m->type != BPF_MAP_TYPE_ARRAY_OF_MAPS && m->type != BPF_MAP_TYPE_HASH_OF_MAPS)
		return ldr_err(obj, -EINVAL, "map '%s': an inner map definition needs a map-in-map type",
			       m->name);
	if (m->inner)
		return ldr_err(obj, -EINVAL, "map '%s': 'values' given twice", m->name);
	m->value_size = 4;
	m->inner = new_map(obj, m->name, MAP_INNER, &err);
	if (!m->inner)
		return err;
	snprintf(m->inner->kname, sizeof(m->inner->kname), "%.9s.inner", m->name);
	return parse_map_def(obj, m->inner, target_id, true);
}

static int parse_member(struct bh_object *obj, struct bh_object_map *m,
			const char *attr, uint32_t type_id, bool inner)
{
	int ret = 0;

	if (!strcmp(attr, "type"))
		ret = attr_u32(obj, m->name, attr, type_id, &m->type);
	else if (!strcmp(attr, "max_entries"))
		ret = attr_u32(obj, m->name, attr, type_id, &m->max_entries);
	else if (!strcmp(attr, "map_flags"))
		ret = attr_u32(obj, m->name, attr, type_id, &m->map_flags);
	else if (!strcmp(attr, "numa_node"))
		ret = attr_u32(obj, m->name, attr, type_id, &m->numa_node);
	else if (!strcmp(attr, "key_size") || !strcmp(attr, "value_size")) {
		uint32_t v = 0, *dst = attr[0] == 'k' ? &m->key_size : &m->value_size;

		ret = attr_u32(obj, m->name, attr, type_id, &v);
		if (!ret && *dst && *dst != v)
			ret = ldr_err(obj, -EINVAL, "map '%s': %s %u conflicts with its type's size %u",
				      m->name, attr, v, *dst);
		if (!ret)
			*dst = v;
	} else if (!strcmp(attr, "key"))
		ret = attr_type(obj, m->name, attr, type_id, &m->key_size, &m->key_type_id);
	else if (!strcmp(attr, "value"))
		ret = attr_type(obj, m->name, attr, type_id, &m->value_size, &m->value_type_id);
	else if (!strcmp(attr, "map_extra"))
		ret = attr_number(obj, m->name, attr, type_id, &m->map_extra);
	else if (!strcmp(attr, "pinning")) {
		ret = attr_u32(obj, m->name, attr, type_id, &m->pinning);
		if (!ret && m->pinning != BH_PIN_NONE && m->pinning != BH_PIN_BY_NAME)
			ret = ldr_err(obj, -EINVAL, "map '%s': pinning %u is not LIBBPF_PIN_NONE or LIBBPF_PIN_BY_NAME",
				      m->name, m->pinning);
	} else if (!strcmp(attr, "values"))
		ret = attr_values(obj, m, type_id, inner);
	else
		ret = ldr_err(obj, -EINVAL, "map '%s': unknown attribute '%s'", m->name,
			      attr[0] ? attr : "(unnamed)");
	return ret;
}

static int parse_map_def(struct bh_object *obj, struct bh_object_map *m,
			 uint32_t def_id, bool inner)
{
	const struct bh_btf *btf = obj->btf;
	const struct btf_type *def;
	bool have_type = false;

	btf_skip_mods_typedefs(btf, def_id, &def);
	if (btf_kind(def) != BTF_KIND_STRUCT)
		return ldr_err(obj, -EINVAL, "map '%s': definition is a %s, not a struct",
			       m->name, bh_btf__kind_str(btf_kind(def)));
	for (uint32_t i = 0; i < btf_vlen(def); i++) {
		const struct btf_member *mb = &btf_members(def)[i];
		const char *attr = btf_str(btf, mb->name_off);
		int ret;

		if (!strcmp(attr, "values") && i + 1 != btf_vlen(def))
			return ldr_err(obj, -EINVAL, "map '%s': 'values' must be the last attribute",
				       m->name);
		ret = parse_member(obj, m, attr, mb->type, inner);
		if (ret)
			return ret;
		have_type |= !strcmp(attr, "type");
	}
	if (!have_type)
		return ldr_err(obj, -EINVAL, "map '%s': definition has no 'type'", m->name);
	return 0;
}

/* Byte offset of the 'values' member of @m's definition, or -1. */
static int64_t values_offset(const struct bh_object *obj, uint32_t def_id)
{
	const struct btf_type *def;

	btf_skip_mods_typedefs(obj->btf, def_id, &def);
	for (uint32_t i = 0; i < btf_vlen(def); i++)
		if (!strcmp(btf_str(obj->btf, btf_members(def)[i].name_off), "values"))
			return btf_members(def)[i].offset / 8;
	return -1;
}

static int collect_btf_maps(struct bh_object *obj)
{
	const struct elf_sec *s = &obj->secs[obj->btf_maps_shndx];
	const struct bh_btf *btf = obj->btf;
	int sec_id;

	if (!btf)
		return ldr_err(obj, -EINVAL, "section '.maps' needs BTF, and the object has none");
	sec_id = bh_btf__find_by_name_kind(btf, ".maps", BTF_KIND_DATASEC);
	if (sec_id < 0)
		return ldr_err(obj, -EINVAL, "BTF has no DATASEC '.maps'");
	for (uint32_t i = 0; i < btf_vlen(btf_type(btf, sec_id)); i++) {
		const struct btf_var_secinfo *vi = &btf_secinfos(btf_type(btf, sec_id))[i];
		const struct btf_type *var = btf_type(btf, vi->type);
		const char *name = btf_str(btf, var->name_off);
		struct bh_object_map *m;
		int ret;

		if (btf_kind(var) != BTF_KIND_VAR)
			return ldr_err(obj, -EINVAL, "'.maps' entry %u is a %s, not a variable",
				       i, bh_btf__kind_str(btf_kind(var)));
		if ((uint64_t)vi->offset + vi->size > s->size ||
		    btf->sizes[var->type] > (int64_t)vi->size)
			return ldr_err(obj, -EINVAL, "map '%s': [%u, +%u) does not match section '.maps' (%zu bytes) or its type",
				       name, vi->offset, vi->size, s->size);
		m = new_map(obj, name, MAP_BTF, &ret);
		if (!m)
			return ret;
		m->sec_idx = obj->btf_maps_shndx;
		m->sec_off = vi->offset;
		m->def_size = vi->size;
		m->def_type_id = var->type;
		ret = parse_map_def(obj, m, var->type, false);
		if (ret)
			return ret;
	}
	return 0;
}

/* ".rel.maps": __array initial values. */
static int map_slot_relo(struct bh_object *obj, const Elf64_Rel *rel)
{
	uint32_t sym_idx = ELF64_R_SYM(rel->r_info);
	const struct elf_sym *sym;
	struct bh_object_map *m = NULL;
	struct map_init_slot *slots, *slot;
	int64_t voff;
	uint64_t rel_off;

	if (!sym_idx || sym_idx >= obj->sym_cnt)
		return ldr_err(obj, -EINVAL, ".rel.maps: symbol index %u out of range", sym_idx);
	sym = &obj->syms[sym_idx];
	for (size_t i = 0; i < obj->map_cnt; i++) {
		struct bh_object_map *c = obj->maps[i];

		if (c->kind == MAP_BTF && rel->r_offset >= c->sec_off &&
		    rel->r_offset < c->sec_off + c->def_size)
			m = c;
	}
	if (!m)
		return ldr_err(obj, -EINVAL, ".rel.maps: offset %llu is in no map",
			       (unsigned long long)rel->r_offset);
	voff = values_offset(obj, m->def_type_id);
	rel_off = rel->r_offset - m->sec_off;
	if (voff < 0 || rel_off < (uint64_t)voff || (rel_off - voff) % 8)
		return ldr_err(obj, -EINVAL, "map '%s': relocation at offset %llu is not a slot of 'values'",
			       m->name, (unsigned long long)rel_off);
	slots = realloc(m->init_slots, (m->init_slot_cnt + 1) * sizeof(*slots));
	if (!slots)
		return -ENOMEM;
	m->init_slots = slots;
	slot = &slots[m->init_slot_cnt++];
	slot->slot = (uint32_t)((rel_off - voff) / 8);
	slot->map_idx = slot->prog_idx = -1;
	if (slot->slot >= m->max_entries)
		return ldr_err(obj, -EINVAL, "map '%s': initial value for slot %u beyond max_entries %u",
			       m->name, slot->slot, m->max_entries);
	if (m->type == BPF_MAP_TYPE_PROG_ARRAY) {
		struct bh_program *p = NULL;

		if (sym->type == STT_FUNC && sym->shndx < obj->sec_cnt &&
		    sym->value % LOADER_INSN_SZ == 0)
			p = ldr_find_prog_by_sec_insn(obj, sym->shndx, sym->value / LOADER_INSN_SZ);
		if (!p || p->is_subprog || p->sec_insn_off * LOADER_INSN_SZ != sym->value)
			return ldr_err(obj, -EINVAL, "map '%s': slot %u refers to '%s', which is not a program",
				       m->name, slot->slot, sym->name);
		slot->prog_idx = (int)(p - obj->progs);
		return 0;
	}
	slot->map_idx = sym->shndx == obj->btf_maps_shndx
				? ldr_maps_find_by_sec_off(obj, sym->shndx, sym->value) : -1;
	if (slot->map_idx < 0)
		return ldr_err(obj, -EINVAL, "map '%s': slot %u refers to '%s', which is not a map",
			       m->name, slot->slot, sym->name);
	return 0;
}

static int collect_map_slots(struct bh_object *obj)
{
	for (size_t i = 1; i < obj->sec_cnt; i++) {
		const struct elf_sec *rs = &obj->secs[i];

		if (rs->type != SHT_REL || rs->info != obj->btf_maps_shndx)
			continue;
		if (rs->size % sizeof(Elf64_Rel) || rs->link != obj->symtab_idx)
			return ldr_err(obj, -EINVAL, "relocation section '%s' malformed", rs->name);
		for (size_t j = 0; j < rs->size / sizeof(Elf64_Rel); j++) {
			Elf64_Rel rel;
			int ret;

			memcpy(&rel, rs->data + j * sizeof(rel), sizeof(rel));
			ret = map_slot_relo(obj, &rel);
			if (ret)
				return ret;
		}
	}
	return 0;
}

/* ---- Legacy maps ------------------------------------------------------------ */

#define LEGACY_DEF_SZ 20 /* struct bpf_map_def: five u32 */

static int collect_legacy_maps(struct bh_object *obj)
{
	const struct elf_sec *s = &obj->secs[obj->maps_shndx];
	size_t nr = 0, def_sz;

	for (size_t i = 0; i < obj->sym_cnt; i++)
		if (obj->syms[i].shndx == obj->maps_shndx && obj->syms[i].type != STT_SECTION)
			nr++;
	if (!nr || s->size % nr || s->size / nr < LEGACY_DEF_SZ || (s->size / nr) % 4)
		return ldr_err(obj, -EINVAL, "section 'maps': %zu bytes for %zu map symbols is not an array of struct bpf_map_def",
			       s->size, nr);
	def_sz = s->size / nr;
	for (size_t i = 0; i < obj->sym_cnt; i++) {
		const struct elf_sym *sym = &obj->syms[i];
		uint32_t f[LEGACY_DEF_SZ / 4];
		struct bh_object_map *m;
		int ret;

		if (sym->shndx != obj->maps_shndx || sym->type == STT_SECTION)
			continue;
		if (sym->value % def_sz || sym->value > s->size - def_sz)
			return ldr_err(obj, -EINVAL, "legacy map '%s' at offset %llu is not a whole definition",
				       sym->name, (unsigned long long)sym->value);
		if (ldr_maps_find_by_sec_off(obj, obj->maps_shndx, sym->value) >= 0)
			return ldr_err(obj, -EINVAL, "legacy map '%s' shares its definition", sym->name);
		memcpy(f, s->data + sym->value, sizeof(f));
		for (size_t b = LEGACY_DEF_SZ; b < def_sz; b++)
			if (s->data[sym->value + b])
				return ldr_err(obj, -EINVAL, "legacy map '%s': unknown non-zero field at byte %zu",
					       sym->name, b);
		m = new_map(obj, sym->name, MAP_LEGACY, &ret);
		if (!m)
			return ret;
		m->sec_idx = obj->maps_shndx;
		m->sec_off = sym->value;
		m->def_size = def_sz;
		m->type = f[0];
		m->key_size = f[1];
		m->value_size = f[2];
		m->max_entries = f[3];
		m->map_flags = f[4];
	}
	return 0;
}

/* ---- Global data ------------------------------------------------------------ */

/* Does the DATASEC @id hold one bpf_spin_lock or bpf_timer (a btf_record
 * the kernel will build, so that it refuses to mmap the map)? */
static bool datasec_has_special_field(const struct bh_btf *btf, uint32_t id)
{
	uint32_t off;
	int n = btf_find_special_field(btf, id, "bpf_spin_lock", 4, 4, &off);
	int tn = btf_find_special_field(btf, id, "bpf_timer", 16, 8, &off);

	/* two of a kind (or an error) leave the map without any (map.c) */
	return n >= 0 && n <= 1 && tn >= 0 && tn <= 1 && (n || tn);
}

static int collect_data_maps(struct bh_object *obj)
{
	for (size_t i = 1; i < obj->sec_cnt; i++) {
		struct elf_sec *s = &obj->secs[i];
		struct bh_object_map *m;
		size_t pfx;
		int ret;

		if (s->kind != SEC_DATA)
			continue;
		if (s->size > UINT32_MAX / 2)
			return ldr_err(obj, -E2BIG, "section '%s' is too large for a map", s->name);
		m = new_map(obj, s->name, MAP_DATA, &ret);
		if (!m)
			return ret;
		s->map_idx = (int)(obj->map_cnt - 1);
		m->sec_idx = (uint32_t)i;
		m->type = BPF_MAP_TYPE_ARRAY;
		m->key_size = 4;
		m->value_size = (uint32_t)s->size;
		m->max_entries = 1;
		m->rodata = !strncmp(s->name, ".rodata", 7);
		m->map_flags = BPF_F_MMAPABLE | (m->rodata ? BPF_F_RDONLY_PROG : 0);
		if (obj->btf) {
			int id = bh_btf__find_by_name_kind(obj->btf, s->name, BTF_KIND_DATASEC);

			m->value_type_id = id > 0 ? (uint32_t)id : 0;
			if (m->value_type_id && datasec_has_special_field(obj->btf, m->value_type_id))
				m->map_flags &= ~(uint32_t)BPF_F_MMAPABLE;
		}
		m->initial = calloc(1, s->size);
		if (!m->initial)
			return -ENOMEM;
		if (s->data)
			memcpy(m->initial, s->data, s->size);
		/* libbpf's internal name: object prefix + section name. */
		pfx = BH_MIN(strlen(obj->name), (size_t)(strchr(s->name + 1, '.') ? 0 : 8));
		snprintf(m->kname, sizeof(m->kname), "%.*s%s", (int)pfx, obj->name, s->name);
		for (char *c = m->kname; *c; c++)
			if (!(*c == '_' || *c == '.' || (*c >= '0' && *c <= '9') ||
			      (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z')))
				*c = '_';
	}
	return 0;
}

/* ---- .kconfig externs -------------------------------------------------------- */

/* The values bpfhost gives, as libbpf does for its own "kconfig" names. */
static bool kconfig_value(const char *name, uint64_t *val)
{
	struct utsname u;
	unsigned int a = 0, b = 0, c = 0;

	if (!strcmp(name, "LINUX_KERNEL_VERSION")) {
		if (uname(&u) || sscanf(u.release, "%u.%u.%u", &a, &b, &c) < 2)
			return false;
		*val = (uint64_t)a << 16 | (uint64_t)b << 8 | BH_MIN(c, 255u);
		return true;
	}
	if (!strcmp(name, "LINUX_HAS_BPF_COOKIE") || !strcmp(name, "LINUX_HAS_SYSCALL_WRAPPER")) {
		*val = 1;
		return true;
	}
	return false;
}

/* libbpf's cmp_externs() order for kconfig externs: alignment descending,
 * then size ascending, then name; host code reading the map as a skeleton
 * sees the layout libbpf would give. */
static int kcfg_cmp(const void *pa, const void *pb)
{
	const struct extern_desc *a = *(const struct extern_desc *const *)pa;
	const struct extern_desc *b = *(const struct extern_desc *const *)pb;

	if (a->kcfg_align != b->kcfg_align)
		return a->kcfg_align > b->kcfg_align ? -1 : 1;
	if (a->kcfg_sz != b->kcfg_sz)
		return a->kcfg_sz < b->kcfg_sz ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* Size and alignment of every kconfig extern; their count in *cnt. */
static int kcfg_measure(struct bh_object *obj, size_t *cnt)
{
	*cnt = 0;
	for (size_t i = 0; i < obj->extern_cnt; i++) {
		struct extern_desc *e = &obj->externs[i];
		int64_t sz;
		int align;

		if (e->kind != EXT_KCONFIG)
			continue;
		if (btf_kind(btf_type(obj->btf, e->btf_id)) != BTF_KIND_VAR)
			return ldr_err(obj, -EINVAL, "kconfig extern '%s' is not a variable", e->name);
		sz = bh_btf__resolve_size(obj->btf, e->btf_id);
		align = bh_btf__align_of(obj->btf, btf_type(obj->btf, e->btf_id)->type);
		if (sz <= 0 || sz > 4096 || align <= 0)
			return ldr_err(obj, -EINVAL, "kconfig extern '%s' has no usable type", e->name);
		e->kcfg_sz = (uint32_t)sz;
		e->kcfg_align = (uint32_t)align;
		(*cnt)++;
	}
	return 0;
}

/*
 * Lay the .kconfig externs out in one read-only data map (clang leaves
 * their DATASEC without offsets, as libbpf's bpf_object__init_kconfig_map
 * expects): in libbpf's order, each at its type's alignment, known values
 * filled in, unknown ones 0 (a strong unknown one fails the load of a
 * program using it).
 */
static int collect_kconfig_map(struct bh_object *obj)
{
	struct extern_desc **order;
	struct bh_object_map *m;
	uint64_t off = 0;
	size_t cnt, n = 0;
	int ret;

	obj->kconfig_map_idx = -1;
	ret = kcfg_measure(obj, &cnt);
	if (ret || !cnt)
		return ret;
	order = calloc(cnt, sizeof(*order));
	if (!order)
		return -ENOMEM;
	for (size_t i = 0; i < obj->extern_cnt; i++)
		if (obj->externs[i].kind == EXT_KCONFIG)
			order[n++] = &obj->externs[i];
	qsort(order, cnt, sizeof(*order), kcfg_cmp);
	for (size_t i = 0; i < cnt; i++) {
		off = BH_ROUND_UP(off, (uint64_t)order[i]->kcfg_align);
		order[i]->kcfg_off = (uint32_t)off;
		off += order[i]->kcfg_sz;
	}
	free(order);
	if (!off)
		return 0;
	m = new_map(obj, ".kconfig", MAP_DATA, &ret);
	if (!m)
		return ret;
	obj->kconfig_map_idx = (int)(obj->map_cnt - 1);
	m->type = BPF_MAP_TYPE_ARRAY;
	m->key_size = 4;
	m->value_size = (uint32_t)BH_ROUND_UP(off, 8);
	m->max_entries = 1;
	m->rodata = true;
	m->map_flags = BPF_F_MMAPABLE | BPF_F_RDONLY_PROG;
	m->initial = calloc(1, m->value_size);
	if (!m->initial)
		return -ENOMEM;
	for (size_t i = 0; i < obj->extern_cnt; i++) {
		struct extern_desc *e = &obj->externs[i];
		uint64_t v;

		if (e->kind != EXT_KCONFIG || !kconfig_value(e->name, &v))
			continue;
		e->kcfg_known = true;
		memcpy((uint8_t *)m->initial + e->kcfg_off, &v, BH_MIN(e->kcfg_sz, 8u));
	}
	return 0;
}

int ldr_maps_collect(struct bh_object *obj)
{
	int ret = 0;

	if (obj->maps_shndx)
		ret = collect_legacy_maps(obj);
	if (!ret && obj->btf_maps_shndx)
		ret = collect_btf_maps(obj);
	if (!ret && obj->btf_maps_shndx)
		ret = collect_map_slots(obj);
	if (!ret)
		ret = collect_data_maps(obj);
	if (!ret)
		ret = collect_kconfig_map(obj);
	return ret;
}

/* ---- Creation ----------------------------------------------------------------- */

static struct bh_map *create_one(struct bh_object *obj, struct bh_object_map *m,
				 struct bh_map *inner)
{
	BH_OPTS(bh_map_create_opts, opts, .map_flags = m->map_flags,
		.numa_node = m->numa_node, .inner_map = inner,
		.map_extra = m->map_extra);
	struct bh_map *map;

	/* BTF-defined maps and global data (key type 0, the DATASEC) pass
	 * their value's BTF, which places a bpf_spin_lock or bpf_timer */
	if (m->kind != MAP_LEGACY && obj->btf && m->value_type_id) {
		opts.btf = obj->btf;
		opts.btf_key_type_id = m->key_type_id;
		opts.btf_value_type_id = m->value_type_id;
	}
	map = bh_map__create(m->type, m->kname, m->key_size, m->value_size,
			     m->max_entries, &opts);
	if (!map && opts.btf) {
		ldr_err(obj, -errno, "map '%s': creation with BTF failed (%s): retrying without BTF",
			m->name, strerror(errno));
		opts.btf = NULL;
		opts.btf_key_type_id = opts.btf_value_type_id = 0;
		m->key_type_id = m->value_type_id = 0;
		map = bh_map__create(m->type, m->kname, m->key_size, m->value_size,
				     m->max_entries, &opts);
	}

	if (!map)
		ldr_err(obj, -errno, "map '%s': creation failed: %s (type %u, key %u, value %u, max_entries %u, flags 0x%x)",
			m->name, strerror(errno), m->type, m->key_size, m->value_size,
			m->max_entries, m->map_flags);
	return map;
}

static int fill_data_map(struct bh_object *obj, struct bh_object_map *m)
{
	uint32_t key = 0;
	size_t sz;
	int ret = bh_map__update_elem(m->map, &key, m->initial, BPF_ANY);

	if (!ret && m->rodata)
		ret = bh_map__freeze(m->map);
	if (ret)
		return ldr_err(obj, ret, "map '%s': setting its contents failed: %s",
			       m->name, strerror(-ret));
	if (!(m->map_flags & BPF_F_MMAPABLE))
		return 0; /* a lock or timer in it: read it with lookups */
	m->mmaped = bh_map__mmap(m->map, &sz);
	if (!m->mmaped)
		return ldr_err(obj, -errno, "map '%s': mapping its memory failed", m->name);
	return 0;
}

int ldr_maps_create(struct bh_object *obj)
{
	for (size_t i = 0; i < obj->map_cnt; i++) {
		struct bh_object_map *m = obj->maps[i];
		struct bh_map *inner = NULL;
		int ret;

		if (m->inner) {
			inner = create_one(obj, m->inner, NULL);
			if (!inner)
				return -errno;
		}
		m->map = create_one(obj, m, inner);
		ret = m->map ? 0 : -errno;
		bh_map__free(inner); /* the outer map keeps a template */
		if (ret)
			return ret;
		if (m->kind == MAP_DATA) {
			ret = fill_data_map(obj, m);
			if (ret)
				return ret;
		}
	}
	return 0;
}

/* Map-in-map slots now (maps exist); program array slots after programs. */
int ldr_maps_init_slots(struct bh_object *obj)
{
	for (size_t i = 0; i < obj->map_cnt; i++) {
		struct bh_object_map *m = obj->maps[i];

		for (size_t j = 0; j < m->init_slot_cnt; j++) {
			const struct map_init_slot *s = &m->init_slots[j];
			uint32_t id;
			int ret;

			if (s->map_idx >= 0) {
				id = bh_map__id(obj->maps[s->map_idx]->map);
			} else {
				struct bh_program *p = &obj->progs[s->prog_idx];

				if (!p->prog)
					return ldr_err(obj, -EINVAL, "map '%s': slot %u needs program '%s', which was not loaded",
						       m->name, s->slot, p->name);
				id = bh_prog__id(p->prog);
			}
			ret = bh_map__update_elem(m->map, &s->slot, &id, BPF_ANY);
			if (ret)
				return ldr_err(obj, ret, "map '%s': setting slot %u failed: %s",
					       m->name, s->slot, strerror(-ret));
		}
	}
	return 0;
}
