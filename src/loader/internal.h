/* SPDX-License-Identifier: MIT */
/*
 * loader/internal.h - the ELF object loader's state, shared by its files:
 *
 *   elf.c      open: ELF header, sections, symbols, relocations, licence
 *   sec_def.c  SEC() names to program types (libbpf's table)
 *   maps.c     map definitions (.maps, maps, global data) and their creation
 *   link.c     CO-RE, subprogram linking, relocations, func/line info
 *   object.c   the public API and the load sequence
 */
#ifndef BH_LOADER_INTERNAL_H
#define BH_LOADER_INTERNAL_H

#include <gelf.h>

#include <bpfhost/btf.h>
#include <bpfhost/object.h>

#include "btf/internal.h"
#include "core/internal.h"

#define LOADER_INSN_SZ 8
/* Instructions of one linked program (bh_prog__load's limit). */
#define BH_MAX_INSNS_LINK 1000000u

enum sec_kind {
	SEC_OTHER,	/* ignored (debug info, symbol tables, ...) */
	SEC_CODE,	/* executable: programs or .text subprograms */
	SEC_DATA,	/* .data*, .rodata*, .bss*: a global data map */
	SEC_MAPS,	/* .maps: BTF-defined maps */
	SEC_LEGACY_MAPS,/* maps: struct bpf_map_def */
};

/* One relocation of a code section, classified at open. */
enum relo_kind {
	RELO_CALL,	  /* call to a subprogram: target in .text */
	RELO_SUBPROG_ADDR,/* ld_imm64 of a function's address (callbacks) */
	RELO_MAP,	  /* ld_imm64 of a map */
	RELO_DATA,	  /* ld_imm64 of an address in global data */
	RELO_EXTERN_FUNC, /* call of a kfunc */
	RELO_EXTERN_VAR,  /* ld_imm64 of a ksym or kconfig variable */
};

struct relo {
	uint32_t insn_idx;  /* in the section */
	enum relo_kind kind;
	int map_idx;	    /* RELO_MAP, RELO_DATA */
	int ext_idx;	    /* RELO_EXTERN_* */
	uint32_t sym_sec;   /* RELO_CALL / SUBPROG_ADDR: section of the target */
	uint64_t sym_off;   /* bytes: symbol value (calls, data) */
};

struct elf_sec {
	const char *name;
	uint32_t type;	   /* SHT_* */
	uint64_t flags;	   /* SHF_* */
	const uint8_t *data; /* NULL for NOBITS */
	size_t size;
	uint32_t link, info;
	enum sec_kind kind;
	int map_idx;	   /* SEC_DATA: its map */
	/* SEC_CODE: a writable copy of the instructions (CO-RE patches it) */
	struct bpf_insn *insns;
	size_t insn_cnt;
	struct relo *relos;
	size_t relo_cnt;
	int32_t *relo_at;  /* [insn_cnt]: index into relos, -1 none */
};

struct elf_sym {
	const char *name;
	uint64_t value;
	uint64_t size;
	uint32_t shndx;
	uint8_t bind, type, visibility;
};

enum ext_kind { EXT_KFUNC, EXT_KSYM, EXT_KCONFIG };

struct extern_desc {
	const char *name;
	enum ext_kind kind;
	bool weak;
	uint32_t btf_id; /* its VAR or FUNC in the object's BTF, 0 if none */
	/* EXT_KCONFIG: place in the .kconfig map, and whether bpfhost knows it */
	uint32_t kcfg_off, kcfg_sz, kcfg_align;
	bool kcfg_known;
};

struct bh_program {
	struct bh_object *obj;
	char *name;
	char *sec_name;	  /* without a leading '?' */
	uint32_t sec_idx;
	size_t sec_insn_off;  /* first instruction within the section */
	size_t insn_cnt;
	bool is_subprog;  /* a function of .text */
	bool autoload;
	bool type_known;  /* the section name matched the table */
	uint32_t type, expected_attach_type, prog_flags;
	const char *attach_target; /* inside sec_name, or NULL */
	/* After load: */
	struct bh_prog *prog;
	struct bpf_insn *linked;
	size_t linked_cnt;
	struct bh_func_info *func_info;
	size_t func_info_cnt;
	struct bh_line_info *line_info;
	size_t line_info_cnt;
};

enum map_kind { MAP_BTF, MAP_LEGACY, MAP_DATA, MAP_INNER };

/* A slot of a map-in-map or program array filled at load (__array). */
struct map_init_slot {
	uint32_t slot;
	int map_idx;  /* target map, or -1 */
	int prog_idx; /* target program, or -1 */
};

struct bh_object_map {
	struct bh_object *obj;
	char *name;
	char kname[BPF_OBJ_NAME_LEN]; /* name given to bh_map__create */
	enum map_kind kind;
	uint32_t type, key_size, value_size, max_entries, map_flags, numa_node;
	uint64_t map_extra;
	uint32_t pinning;
	uint32_t key_type_id, value_type_id;
	uint32_t sec_idx;	/* defining section */
	uint64_t sec_off, def_size; /* the definition's place in it */
	uint32_t def_type_id;	/* MAP_BTF: the variable's type */
	struct bh_object_map *inner; /* map-in-map: template definition */
	struct map_init_slot *init_slots;
	size_t init_slot_cnt;
	/* MAP_DATA: the object's copy of the contents (value_size bytes) */
	void *initial;
	bool rodata;
	/* After load: */
	struct bh_map *map;
	void *mmaped;
};

struct bh_object {
	char name[64];
	uint8_t *buf;	      /* own copy of the file */
	size_t size;
	Elf *elf;
	struct elf_sec *secs;
	size_t sec_cnt;
	struct elf_sym *syms;
	size_t sym_cnt;
	uint32_t symtab_idx, strtab_idx, maps_shndx, btf_maps_shndx, text_shndx;
	struct bh_program *progs; /* entry programs and subprograms */
	size_t prog_cnt;
	struct bh_object_map **maps;
	size_t map_cnt;
	struct extern_desc *externs;
	size_t extern_cnt;
	int kconfig_map_idx;	/* the .kconfig map, or -1 */
	struct bh_btf *btf;
	struct bh_btf_ext *btf_ext;
	char license[128];
	struct bh_log log;
	uint32_t log_level, prog_bh_flags;
	bool loaded, load_failed;
};

/* Log a message naming the object; returns @err. */
__attribute__((format(printf, 3, 4)))
int ldr_err(struct bh_object *obj, int err, const char *fmt, ...);

/* elf.c */
int ldr_elf_open(struct bh_object *obj);
void ldr_elf_close(struct bh_object *obj);

/* sec_def.c: fill type, expected_attach_type, prog_flags, attach_target. */
bool ldr_sec_def_resolve(struct bh_program *prog);
const char *ldr_sec_def_prog_type_name(uint32_t type);

/* maps.c */
int ldr_maps_collect(struct bh_object *obj);
int ldr_maps_create(struct bh_object *obj);
int ldr_maps_init_slots(struct bh_object *obj);
/* Index of the map defined at @off in section @shndx, or -1. */
int ldr_maps_find_by_sec_off(const struct bh_object *obj, uint32_t shndx,
			 uint64_t off);
void ldr_map_free(struct bh_object_map *map);

/* link.c */
int ldr_core_apply(struct bh_object *obj);
int ldr_prog_link(struct bh_object *obj, struct bh_program *prog);
void ldr_prog_link_free(struct bh_program *prog);
/* Program (or subprogram) whose code contains instruction @insn of @shndx. */
struct bh_program *ldr_find_prog_by_sec_insn(const struct bh_object *obj,
					 uint32_t shndx, size_t insn);

#endif /* BH_LOADER_INTERNAL_H */
