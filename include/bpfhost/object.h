/* SPDX-License-Identifier: MIT */
/*
 * bpfhost/object.h - BPF ELF objects built by clang (`clang -O2 -g -target
 * bpf`), opened and loaded with libbpf's conventions (bpf_object__open,
 * bpf_object__load, ...).  See docs/loader.md.
 *
 * Life cycle, as in libbpf:
 *
 *   obj = bh_object__open_file("prog.bpf.o", &opts);   parse, validate
 *   ... look at programs and maps, set autoload, write initial values of
 *   ... .data / .bss / .rodata through bh_object_map__initial_value()
 *   bh_object__load(obj);                               create maps, link,
 *                                                       relocate, load
 *   bh_prog__test_run(bh_program__prog(p), ...);
 *   bh_object__close(obj);                              drops everything
 *
 * What is understood: programs by SEC() name (libbpf's table: "xdp", "tc",
 * "socket", "raw_tp/NAME", "fentry/NAME", "cgroup/sysctl", "syscall",
 * ...; a leading '?' means not loaded by default); BTF-defined maps in
 * ".maps" (type, key/value by size or by type, max_entries, map_flags,
 * numa_node, map_extra, pinning, inner maps and initial values through
 * __array); the legacy "maps" section (struct bpf_map_def); global data
 * (.data, .bss, .rodata, .rodata.*, .data.*) as one-element ARRAY maps;
 * static and global subprograms in .text appended to each program that
 * calls them; ld_imm64 map and map-value relocations; kfunc and ksym
 * externs (recorded; bpfhost provides none yet, so a program using one
 * fails to load naming it); the licence; .BTF and .BTF.ext (function and
 * line info kept per program; CO-RE relocations against the object's own
 * types).
 *
 * Messages: every refusal (open or load) writes one line naming the
 * problem to opts->log_buf when given, and the error is returned as a
 * negative errno (or NULL with errno).  The same buffer also receives the
 * program loader's log of a program that fails to load.
 *
 * Thread-safety: one object must not be used by two threads at once; the
 * maps and programs it created are ordinary bpfhost objects and follow
 * their own rules.
 */
#ifndef BPFHOST_OBJECT_H
#define BPFHOST_OBJECT_H

#include <stdbool.h>

#include "common.h"

struct bh_object;
struct bh_program;
struct bh_object_map;
struct bh_btf;
struct bh_prog;
struct bh_map;
struct bpf_insn;

/** Options of bh_object__open_file() and bh_object__open_mem(). */
struct bh_object_open_opts {
	size_t sz;
	/* Object name (map name prefixes); default: the file's base name
	 * without extension, or "obj" for memory. */
	const char *object_name;
	/*
	 * Log buffer, kept by the object for bh_object__load() too: messages
	 * of the open and of the load, one line each, NUL-terminated, cut to
	 * fit.  NULL: no messages.
	 */
	char *log_buf;
	size_t log_size;
	/* Log level given to bh_prog__load() for each program. */
	uint32_t log_level;
	/* BH_PROG_LOAD_F_* flags given to bh_prog__load() for each program. */
	uint32_t prog_bh_flags;
	size_t :0;
};
#define bh_object_open_opts__last_field prog_bh_flags

/**
 * Open and validate the ELF object file @path.
 *
 * @return a new object (not loaded), or NULL with errno: ENOENT/EACCES/...
 *         when the file cannot be read; EINVAL for malformed input (not an
 *         ELF file, not EM_BPF or not 64-bit little-endian, a section or
 *         symbol out of bounds, a bad relocation, a bad map definition, an
 *         unknown map attribute, malformed BTF, ...; the log says which);
 *         ENOTSUP for valid constructs bpfhost does not handle (static
 *         entry programs, relocations of unknown types); ENOMEM.
 */
BH_API struct bh_object *bh_object__open_file(const char *path,
					      const struct bh_object_open_opts *opts);

/**
 * As bh_object__open_file() on @size bytes at @buf (copied; the caller
 * keeps ownership).
 */
BH_API struct bh_object *bh_object__open_mem(const void *buf, size_t size,
					     const struct bh_object_open_opts *opts);

/**
 * Create the maps (filling global data and map-in-map / program array
 * initial values), link and relocate each program with autoload set and
 * load it with bh_prog__load(); freeze .rodata maps.
 *
 * @return 0; -EBUSY when already loaded; -EOPNOTSUPP for a program type
 *         bpfhost has not registered yet ("program type X is not supported
 *         yet"); -ESRCH for a kfunc or ksym extern bpfhost cannot resolve;
 *         -EINVAL for bad relocations found while linking; a map's or a
 *         program's creation errno (the log names which and why).  On
 *         failure everything created is released and the object may only
 *         be closed.
 */
BH_API int bh_object__load(struct bh_object *obj);

/** Free @obj and drop its references on maps and programs (NULL ignored). */
BH_API void bh_object__close(struct bh_object *obj);

/** Name of the object (see bh_object_open_opts.object_name). */
BH_API const char *bh_object__name(const struct bh_object *obj);
/** License string from SEC("license"), "" when none. */
BH_API const char *bh_object__license(const struct bh_object *obj);
/** The object's .BTF, or NULL when it has none; valid until close. */
BH_API const struct bh_btf *bh_object__btf(const struct bh_object *obj);

/* ---- Programs ------------------------------------------------------------ */

/**
 * Program after @prev in section order (NULL: the first), or NULL at the
 * end.  Subprograms (functions in .text) are not programs.
 */
BH_API struct bh_program *bh_object__next_program(const struct bh_object *obj,
						  const struct bh_program *prev);
/** Program whose function is named @name, or NULL with errno ENOENT. */
BH_API struct bh_program *bh_object__find_program_by_name(const struct bh_object *obj,
							  const char *name);

/** Function name of the program. */
BH_API const char *bh_program__name(const struct bh_program *prog);
/** ELF section name, e.g. "xdp" or "fentry/do_unlinkat" (without '?'). */
BH_API const char *bh_program__section_name(const struct bh_program *prog);
/** enum bpf_prog_type from the section name (0 when unknown). */
BH_API uint32_t bh_program__type(const struct bh_program *prog);
/** enum bpf_attach_type expected by the program type, from the section. */
BH_API uint32_t bh_program__expected_attach_type(const struct bh_program *prog);
/**
 * What follows the section's prefix ("do_unlinkat" for "fentry/do_unlinkat"),
 * or NULL when nothing does.
 */
BH_API const char *bh_program__attach_target(const struct bh_program *prog);
/** Whether bh_object__load() loads the program (false for SEC("?...")). */
BH_API bool bh_program__autoload(const struct bh_program *prog);
/**
 * Choose whether bh_object__load() loads the program.
 * @return 0; -EBUSY after load.
 */
BH_API int bh_program__set_autoload(struct bh_program *prog, bool autoload);
/**
 * The loaded program (borrowed: valid until bh_object__close(); take
 * bh_prog__get() to keep it longer), or NULL with errno ENOENT before load
 * or when the program was not loaded.
 */
BH_API struct bh_prog *bh_program__prog(const struct bh_program *prog);
/**
 * Instructions: before load, the program's own function as in the ELF file
 * (with CO-RE relocations applied); after load, the linked program
 * (subprograms appended, relocations resolved) as given to bh_prog__load().
 * Valid until close.
 */
BH_API const struct bpf_insn *bh_program__insns(const struct bh_program *prog,
						size_t *insn_cnt);

/** Source line of an instruction (from .BTF.ext line_info). */
struct bh_line_info {
	uint32_t insn_off;     /* instruction index in the linked program */
	const char *file_name; /* valid until close */
	const char *line;      /* the source text of the line */
	uint32_t line_num;
	uint32_t line_col;
};

/** Function of the linked program (from .BTF.ext func_info). */
struct bh_func_info {
	uint32_t insn_off;     /* first instruction of the function */
	uint32_t type_id;      /* its BTF_KIND_FUNC in bh_object__btf() */
	const char *name;
};

/**
 * Line info of the linked program, sorted by instruction (after load;
 * before load, of the program's own function with its section offsets).
 * @return the array (valid until close) and *@cnt, or NULL with *@cnt 0.
 */
BH_API const struct bh_line_info *bh_program__line_info(const struct bh_program *prog,
							size_t *cnt);
/** Function info of the linked program, as bh_program__line_info(). */
BH_API const struct bh_func_info *bh_program__func_info(const struct bh_program *prog,
							size_t *cnt);

/* ---- Maps ----------------------------------------------------------------- */

/** Pinning modes of BTF-defined maps (libbpf's LIBBPF_PIN_*). */
enum {
	BH_PIN_NONE = 0,
	BH_PIN_BY_NAME = 1,
};

/** Map after @prev in definition order (NULL: the first), or NULL. */
BH_API struct bh_object_map *bh_object__next_map(const struct bh_object *obj,
						 const struct bh_object_map *prev);
/**
 * Map named @name: the variable name of a BTF-defined or legacy map, or
 * the section name of a global data map (".data", ".rodata", ".bss", ...).
 * @return the map, or NULL with errno ENOENT.
 */
BH_API struct bh_object_map *bh_object__find_map_by_name(const struct bh_object *obj,
							 const char *name);

/** Name (see bh_object__find_map_by_name). */
BH_API const char *bh_object_map__name(const struct bh_object_map *map);
/** Definition: enum bpf_map_type, sizes, capacity, flags, pinning. */
BH_API uint32_t bh_object_map__type(const struct bh_object_map *map);
BH_API uint32_t bh_object_map__key_size(const struct bh_object_map *map);
BH_API uint32_t bh_object_map__value_size(const struct bh_object_map *map);
BH_API uint32_t bh_object_map__max_entries(const struct bh_object_map *map);
BH_API uint32_t bh_object_map__map_flags(const struct bh_object_map *map);
/** BH_PIN_NONE or BH_PIN_BY_NAME (recorded; bpfhost has no bpffs). */
BH_API uint32_t bh_object_map__pinning(const struct bh_object_map *map);
/** BTF type ids of key and value (0 when the map gave sizes only). */
BH_API uint32_t bh_object_map__btf_key_type_id(const struct bh_object_map *map);
BH_API uint32_t bh_object_map__btf_value_type_id(const struct bh_object_map *map);
/**
 * The created map (borrowed: valid until close; bh_map__get() to keep
 * it), or NULL with errno ENOENT before load.
 */
BH_API struct bh_map *bh_object_map__map(const struct bh_object_map *map);

/**
 * Contents of a global data map (skeleton style).  Before load: the
 * object's copy, which the host may change and which load copies into the
 * map.  After load: the map's own memory (programs see writes at once);
 * for .rodata it is frozen and must only be read.  A section holding a
 * struct bpf_spin_lock or bpf_timer is not mapped (the kernel refuses to):
 * after load, use bh_map__lookup_elem_flags() on bh_object_map__map().
 *
 * @return the memory and *@size (its value size), or NULL with errno
 *         EINVAL for maps that are not global data, ENOTSUPP (524) after
 *         load for a section holding a lock or timer.
 */
BH_API void *bh_object_map__initial_value(const struct bh_object_map *map,
					  size_t *size);
/**
 * Replace the initial contents of a global data map before load.
 * @return 0; -EINVAL not global data or @size is not the value size;
 *         -EBUSY after load.
 */
BH_API int bh_object_map__set_initial_value(struct bh_object_map *map,
					    const void *data, size_t size);

#endif /* BPFHOST_OBJECT_H */
