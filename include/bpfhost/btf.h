/* SPDX-License-Identifier: MIT */
/*
 * bpfhost/btf.h - BTF: parse, query and pretty-print the BPF Type Format.
 *
 * A struct bh_btf holds one validated .BTF blob (the format of Linux's
 * include/uapi/linux/btf.h): a header, a type section and a string section.
 * bh_btf__new() checks everything a later query relies on (bounds of every
 * section and record, string offsets, type ids, the shape of each kind,
 * modifier chains without loops), so the query functions never read outside
 * the blob.  Type id 0 is "void"; real types are 1 .. bh_btf__type_cnt() - 1.
 *
 * Names mirror libbpf's btf.h (btf__new, btf__type_cnt,
 * btf__find_by_name_kind, btf__resolve_size, ...) with the bh_ prefix.
 *
 * Errors: pointer calls return NULL with errno set; int calls return a
 * negative errno (also left in errno).
 *
 * Thread-safety: a struct bh_btf is immutable after bh_btf__new(); any
 * number of threads may query it at once.
 */
#ifndef BPFHOST_BTF_H
#define BPFHOST_BTF_H

#include <stdio.h>

#include "common.h"

/*
 * The BTF UAPI (Linux include/uapi/linux/btf.h), same names and layout,
 * unless the kernel's header was included first.
 */
#ifndef __LINUX_BTF_H__
#define __LINUX_BTF_H__

#define BTF_MAGIC 0xeB9F
#define BTF_VERSION 1

struct btf_header {
	uint16_t magic;
	uint8_t version;
	uint8_t flags;
	uint32_t hdr_len;
	/* Offsets are relative to the end of the header. */
	uint32_t type_off;
	uint32_t type_len;
	uint32_t str_off;
	uint32_t str_len;
};

#define BTF_MAX_TYPE 0x000fffff
#define BTF_MAX_NAME_OFFSET 0x00ffffff
#define BTF_MAX_VLEN 0xffff

struct btf_type {
	uint32_t name_off;
	/* bits 0-15 vlen, 24-28 kind, 31 kind_flag */
	uint32_t info;
	union {
		uint32_t size; /* INT, ENUM, STRUCT, UNION, DATASEC, FLOAT, ENUM64 */
		uint32_t type; /* PTR, TYPEDEF, modifiers, FUNC, FUNC_PROTO, VAR, tags */
	};
};

#define BTF_INFO_KIND(info) (((info) >> 24) & 0x1f)
#define BTF_INFO_VLEN(info) ((info) & 0xffff)
#define BTF_INFO_KFLAG(info) ((info) >> 31)

enum {
	BTF_KIND_UNKN = 0,
	BTF_KIND_INT = 1,
	BTF_KIND_PTR = 2,
	BTF_KIND_ARRAY = 3,
	BTF_KIND_STRUCT = 4,
	BTF_KIND_UNION = 5,
	BTF_KIND_ENUM = 6,
	BTF_KIND_FWD = 7,
	BTF_KIND_TYPEDEF = 8,
	BTF_KIND_VOLATILE = 9,
	BTF_KIND_CONST = 10,
	BTF_KIND_RESTRICT = 11,
	BTF_KIND_FUNC = 12,
	BTF_KIND_FUNC_PROTO = 13,
	BTF_KIND_VAR = 14,
	BTF_KIND_DATASEC = 15,
	BTF_KIND_FLOAT = 16,
	BTF_KIND_DECL_TAG = 17,
	BTF_KIND_TYPE_TAG = 18,
	BTF_KIND_ENUM64 = 19,
	NR_BTF_KINDS,
	BTF_KIND_MAX = NR_BTF_KINDS - 1,
};

/* INT: a u32 after struct btf_type. */
#define BTF_INT_ENCODING(VAL) (((VAL) & 0x0f000000) >> 24)
#define BTF_INT_OFFSET(VAL) (((VAL) & 0x00ff0000) >> 16)
#define BTF_INT_BITS(VAL) ((VAL) & 0x000000ff)
#define BTF_INT_SIGNED (1 << 0)
#define BTF_INT_CHAR (1 << 1)
#define BTF_INT_BOOL (1 << 2)

struct btf_enum {
	uint32_t name_off;
	int32_t val;
};

struct btf_array {
	uint32_t type;
	uint32_t index_type;
	uint32_t nelems;
};

struct btf_member {
	uint32_t name_off;
	uint32_t type;
	/* kind_flag 0: bit offset; 1: bitfield size << 24 | bit offset */
	uint32_t offset;
};

#define BTF_MEMBER_BITFIELD_SIZE(val) ((val) >> 24)
#define BTF_MEMBER_BIT_OFFSET(val) ((val) & 0xffffff)

struct btf_param {
	uint32_t name_off;
	uint32_t type;
};

enum {
	BTF_VAR_STATIC = 0,
	BTF_VAR_GLOBAL_ALLOCATED = 1,
	BTF_VAR_GLOBAL_EXTERN = 2,
};

enum btf_func_linkage {
	BTF_FUNC_STATIC = 0,
	BTF_FUNC_GLOBAL = 1,
	BTF_FUNC_EXTERN = 2,
};

struct btf_var {
	uint32_t linkage;
};

struct btf_var_secinfo {
	uint32_t type;
	uint32_t offset;
	uint32_t size;
};

struct btf_decl_tag {
	int32_t component_idx;
};

struct btf_enum64 {
	uint32_t name_off;
	uint32_t val_lo32;
	uint32_t val_hi32;
};

#endif /* __LINUX_BTF_H__ */

struct bh_btf;

/** Options of bh_btf__new_opts(). */
struct bh_btf_opts {
	size_t sz;
	/*
	 * Buffer for the reason a blob was refused (one line, NUL-terminated,
	 * cut to fit), or NULL.
	 */
	char *log_buf;
	size_t log_size;
	size_t :0;
};
#define bh_btf_opts__last_field log_size

/**
 * Parse and validate a raw .BTF blob (libbpf's btf__new).
 *
 * @param data Blob in host byte order; copied, the caller keeps ownership.
 * @param size Its size in bytes.
 * @return a new BTF object, or NULL with errno: EINVAL for malformed input
 *         (bad magic or version, a header or section out of bounds, a bad
 *         string offset, an unknown kind, a type id out of range, a loop in
 *         a modifier chain or a type that contains itself, ...); E2BIG for
 *         more than BTF_MAX_TYPE types; ENOMEM.
 */
BH_API struct bh_btf *bh_btf__new(const void *data, size_t size);

/**
 * bh_btf__new() with options: the reason of a refusal is written to
 * opts->log_buf ("BTF: type [12] STRUCT 'foo': member 'b' type id 99 out of
 * range").  Same return values, plus EINVAL for bad opts.
 */
BH_API struct bh_btf *bh_btf__new_opts(const void *data, size_t size,
				       const struct bh_btf_opts *opts);

/** Free @btf (NULL is ignored).  Pointers it returned become invalid. */
BH_API void bh_btf__free(struct bh_btf *btf);

/** Number of types including void (id 0): valid ids are 0 .. cnt - 1. */
BH_API uint32_t bh_btf__type_cnt(const struct bh_btf *btf);

/**
 * The type record of @id, followed in memory by its kind's extra data
 * (struct btf_member[vlen], struct btf_array, ...), valid while @btf lives.
 * @return the record (id 0 gives a zeroed "void" record), or NULL with errno
 *         EINVAL when @id is out of range.
 */
BH_API const struct btf_type *bh_btf__type_by_id(const struct bh_btf *btf,
						 uint32_t id);

/**
 * String at @offset of the string section ("" for offset 0).
 * @return the string, valid while @btf lives, or NULL with errno EINVAL.
 */
BH_API const char *bh_btf__name_by_offset(const struct bh_btf *btf,
					  uint32_t offset);

/**
 * First type named @name of kind @kind (BTF_KIND_*).
 * @return its id (> 0), or -ENOENT.  "void" with BTF_KIND_UNKN gives 0.
 */
BH_API int bh_btf__find_by_name_kind(const struct bh_btf *btf,
				     const char *name, uint32_t kind);

/** First type named @name, any kind.  @return its id, or -ENOENT. */
BH_API int bh_btf__find_by_name(const struct bh_btf *btf, const char *name);

/**
 * Size in bytes of a value of type @id, through typedefs, modifiers, arrays
 * (element size times count) and VARs.
 * @return the size; -EINVAL for types without a size (void, FUNC,
 *         FUNC_PROTO, FWD, DECL_TAG) or an id out of range; -E2BIG if an
 *         array's size overflows 32 bits.
 */
BH_API int64_t bh_btf__resolve_size(const struct bh_btf *btf, uint32_t id);

/**
 * Id reached from @id by skipping typedefs, const, volatile, restrict and
 * type tags (libbpf's btf__resolve_type without stopping at VARs).
 * @return the id (may be 0 for void), or -EINVAL for an id out of range.
 */
BH_API int bh_btf__resolve_type(const struct bh_btf *btf, uint32_t id);

/**
 * Alignment in bytes of type @id (libbpf's btf__align_of).
 * @return the alignment; -EINVAL for types without one.
 */
BH_API int bh_btf__align_of(const struct bh_btf *btf, uint32_t id);

/**
 * Bit offset of member @idx of STRUCT/UNION @id (from the start of the
 * structure), and in *@bitfield_size its bitfield width (0: not a
 * bitfield), which may be NULL.
 * @return the bit offset, or -EINVAL when @id is not a STRUCT or UNION or
 *         @idx is not one of its members.
 */
BH_API int64_t bh_btf__member_bit_offset(const struct bh_btf *btf, uint32_t id,
					 uint32_t idx,
					 uint32_t *bitfield_size);

/**
 * Name of a BTF kind ("STRUCT", "ENUM64", ...; "UNKNOWN" beyond the last).
 */
BH_API const char *bh_btf__kind_str(uint32_t kind);

/**
 * Print @size bytes at @data as a value of type @id in C-like text, the way
 * bpftool prints map values with BTF:
 *
 *     { .a = 1, .b = { 2, 3 }, .name = "x", .f = 1.5, .p = 0x7f00 }
 *
 * Structures and unions print their named members (anonymous ones inline),
 * bitfields their value, char arrays that hold a NUL-terminated printable
 * string as a string, enums the enumerator's name (the number when none
 * matches), pointers in hex, bools as true/false, DATASECs each variable.
 *
 * @return 0; -EINVAL for an id out of range or a type without a size;
 *         -E2BIG when @size is smaller than the type (nothing is printed);
 *         -EIO when writing to @out failed.
 */
BH_API int bh_btf__dump_value(const struct bh_btf *btf, uint32_t id,
			      const void *data, size_t size, FILE *out);

/**
 * As bh_btf__dump_value(), into @buf (NUL-terminated, cut to @buf_size).
 * @return the length of the full text (as snprintf), or a negative errno
 *         as bh_btf__dump_value().
 */
BH_API int bh_btf__snprint_value(const struct bh_btf *btf, uint32_t id,
				 const void *data, size_t size, char *buf,
				 size_t buf_size);

#endif /* BPFHOST_BTF_H */
