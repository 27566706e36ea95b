/* SPDX-License-Identifier: MIT */
/*
 * btf/internal.h - the BTF object and the .BTF.ext parser, shared with the
 * ELF loader.
 */
#ifndef BH_BTF_INTERNAL_H
#define BH_BTF_INTERNAL_H

#include <bpfhost/btf.h>

#include "core/internal.h"

struct bh_btf {
	/* Immutable after bh_btf__new(). */
	void *data;           /* own copy of the blob */
	size_t size;
	const char *strs;     /* string section */
	uint32_t str_len;
	uint32_t nr_types;    /* including void */
	const struct btf_type **types; /* [nr_types]; [0] is void */
	int64_t *sizes;       /* [nr_types]: resolved size, -1 when none */
};

/* Helpers over validated records. */
static inline uint32_t btf_kind(const struct btf_type *t)
{
	return BTF_INFO_KIND(t->info);
}

static inline uint32_t btf_vlen(const struct btf_type *t)
{
	return BTF_INFO_VLEN(t->info);
}

static inline bool btf_kflag(const struct btf_type *t)
{
	return BTF_INFO_KFLAG(t->info);
}

static inline const struct btf_member *btf_members(const struct btf_type *t)
{
	return (const struct btf_member *)(t + 1);
}

static inline const struct btf_array *btf_array(const struct btf_type *t)
{
	return (const struct btf_array *)(t + 1);
}

static inline const struct btf_var_secinfo *btf_secinfos(const struct btf_type *t)
{
	return (const struct btf_var_secinfo *)(t + 1);
}

static inline bool btf_is_modifier(uint32_t kind)
{
	return kind == BTF_KIND_VOLATILE || kind == BTF_KIND_CONST ||
	       kind == BTF_KIND_RESTRICT || kind == BTF_KIND_TYPE_TAG;
}

static inline bool btf_is_composite(uint32_t kind)
{
	return kind == BTF_KIND_STRUCT || kind == BTF_KIND_UNION;
}

/* Record of a valid id (caller checked the range). */
static inline const struct btf_type *btf_type(const struct bh_btf *btf,
					      uint32_t id)
{
	return btf->types[id];
}

static inline const char *btf_str(const struct bh_btf *btf, uint32_t off)
{
	return off < btf->str_len ? btf->strs + off : "";
}

/* Skip typedefs and modifiers; returns the id and sets *@t (may be void). */
uint32_t btf_skip_mods_typedefs(const struct bh_btf *btf, uint32_t id,
				const struct btf_type **t);
/* Skip modifiers only (not typedefs). */
uint32_t btf_skip_mods(const struct bh_btf *btf, uint32_t id,
		       const struct btf_type **t);

/* ---- .BTF.ext ------------------------------------------------------------ */

/* CO-RE relocation kinds (enum bpf_core_relo_kind). */
enum bh_core_relo_kind {
	BH_CORE_FIELD_BYTE_OFFSET = 0,
	BH_CORE_FIELD_BYTE_SIZE = 1,
	BH_CORE_FIELD_EXISTS = 2,
	BH_CORE_FIELD_SIGNED = 3,
	BH_CORE_FIELD_LSHIFT_U64 = 4,
	BH_CORE_FIELD_RSHIFT_U64 = 5,
	BH_CORE_TYPE_ID_LOCAL = 6,
	BH_CORE_TYPE_ID_TARGET = 7,
	BH_CORE_TYPE_EXISTS = 8,
	BH_CORE_TYPE_SIZE = 9,
	BH_CORE_ENUMVAL_EXISTS = 10,
	BH_CORE_ENUMVAL_VALUE = 11,
	BH_CORE_TYPE_MATCHES = 12,
};

/* One record of any of the three tables; insn_off in bytes (as on disk). */
struct btf_ext_func_info {
	uint32_t insn_off;
	uint32_t type_id;
};

struct btf_ext_line_info {
	uint32_t insn_off;
	uint32_t file_name_off;
	uint32_t line_off;
	uint32_t line_col; /* line << 10 | column */
};

struct btf_ext_core_relo {
	uint32_t insn_off;
	uint32_t type_id;
	uint32_t access_str_off;
	uint32_t kind;
};

/* The records of one ELF section, copied to the fixed layouts above. */
struct btf_ext_sec {
	const char *sec_name; /* in the BTF string section */
	uint32_t cnt;
	void *recs;           /* struct btf_ext_*[cnt] */
};

struct btf_ext_table {
	uint32_t sec_cnt;
	struct btf_ext_sec *secs;
};

struct bh_btf_ext {
	struct btf_ext_table func_info;
	struct btf_ext_table line_info;
	struct btf_ext_table core_relo;
};

/*
 * Parse a .BTF.ext blob against @btf (for its strings and type ids).
 * Returns 0 and *@out, or -EINVAL with the reason in @log.
 */
int btf_ext_parse(const struct bh_btf *btf, const void *data, size_t size,
		  struct bh_btf_ext **out, struct bh_log *log);
void btf_ext_free(struct bh_btf_ext *ext);
/* Records of section @name in @table, or NULL. */
const struct btf_ext_sec *btf_ext_find(const struct btf_ext_table *table,
				       const char *name);

/*
 * Members of type `struct @name` (exactly: no modifier or typedef) of @size
 * bytes, @align-aligned, in the struct @id, also inside nested structs
 * (bpf_spin_lock, bpf_timer in a map value), or variables of a DATASEC @id
 * (global data): how many, the last one's byte offset in *@off; a negative
 * errno where the kernel's btf_parse_fields() fails (an array of them, a
 * member at a bit offset).
 */
int btf_find_special_field(const struct bh_btf *btf, uint32_t id, const char *name,
			   uint32_t size, uint32_t align, uint32_t *off);

/* Validation with the reason in @log (for the loader). */
struct bh_btf *btf_new_log(const void *data, size_t size, struct bh_log *log,
			   int *err);

/*
 * Fill DATASEC sizes (when 0) and variable offsets from the ELF file: @fn
 * returns 0 and *@val, the size of section @sec (@var NULL) or the offset
 * of variable @var in it, or non-zero when it does not know.
 */
typedef int (*btf_datasec_fn)(void *ctx, const char *sec, const char *var,
			      uint32_t *val);
int btf_fixup_datasecs(struct bh_btf *btf, btf_datasec_fn fn, void *ctx,
		       struct bh_log *log);

/*
 * Compute a CO-RE relocation against @btf itself (local == target):
 * @type_id and the access string ("0:1:2") as in the record.  On success
 * sets *@val (and *@bitfield for field kinds on bitfields).
 * Returns 0 or -EINVAL with the reason in @log.
 */
int btf_core_calc(const struct bh_btf *btf, uint32_t kind, uint32_t type_id,
		  const char *access, uint64_t *val, bool *is_bitfield,
		  struct bh_log *log);

#endif /* BH_BTF_INTERNAL_H */
