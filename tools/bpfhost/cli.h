/* SPDX-License-Identifier: MIT */
/*
 * tools/bpfhost/cli.h - shared pieces of the bpfhost command-line tool:
 * the command tables, argument helpers and a small JSON writer.
 */
#ifndef BH_CLI_H
#define BH_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <bpfhost/bpfhost.h>

extern bool cli_json;   /* --json */
extern bool cli_pretty; /* --pretty */

/* One verb of an object ("prog run"), or one object of the top level. */
struct cli_cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *usage; /* one line: arguments after the verb */
	const char *help;  /* one sentence */
};

/* Run the command of @cmds named by argv[0]; "help" or no verb prints
 * usage for @object.  Prefix matching as bpftool does ("p" for "prog"). */
int cli_dispatch(const char *object, const struct cli_cmd *cmds, int argc,
		 char **argv);
void cli_usage(FILE *out, const char *object, const struct cli_cmd *cmds);

/* Errors: printed as text, or as {"error": "..."} with --json; return 255
 * (bpftool's exit code for failures). */
__attribute__((format(printf, 1, 2))) int cli_error(const char *fmt, ...);

/* Whole file into memory (NUL-terminated); NULL and an error printed. */
void *cli_read_file(const char *path, size_t *size);

/* Instructions from a file: assembly text (*.s, *.asm, or anything that is
 * not a multiple of 8 bytes / looks like text) or raw 8-byte instructions. */
int cli_load_insns(const char *path, struct bpf_insn **insns, size_t *cnt);

/* Program type by name ("xdp", "syscall", ...); -1 when unknown. */
int cli_prog_type(const char *name);

/*
 * A BTF type that ring buffer records are printed as (record.c): a struct,
 * union or typedef named by the user, from an object's BTF or a raw BTF
 * file.
 */
struct cli_record_type {
	const struct bh_btf *btf;
	uint32_t id;
	size_t size;
	const char *name;
	struct bh_object *obj;   /* owned: the BTF's object, if loaded here */
	struct bh_btf *own_btf;  /* owned: raw BTF loaded here */
};

/* @name ("NAME", "struct NAME", "union NAME") in the BTF of @btf_path (an
 * ELF object or raw BTF); 0, or 255 with the error printed. */
int cli_record_type_load(struct cli_record_type *rt, const char *btf_path,
			 const char *name);
/* @name in @btf (borrowed; @where names it in errors); 0 or 255. */
int cli_record_type_find(struct cli_record_type *rt, const struct bh_btf *btf,
			 const char *name, const char *where);
void cli_record_type_free(struct cli_record_type *rt);
/* A record as text (after its header: " { .a = 1 } + tail bytes"). */
void cli_record_text(const struct cli_record_type *rt, const void *data, size_t size);
/* A record's "value" (and "tail") keys in the current JSON object. */
void cli_record_json(const struct cli_record_type *rt, const void *data, size_t size);

/* Minimal streaming JSON writer (commas and nesting handled). */
void json_begin_object(void);
void json_end_object(void);
void json_begin_array(const char *key);
void json_end_array(void);
void json_key_object(const char *key);
void json_string(const char *key, const char *val);
void json_uint(const char *key, uint64_t val);
void json_int(const char *key, int64_t val);
void json_bool(const char *key, bool val);
void json_hex(const char *key, const void *data, size_t len);
void json_newline(void);

int cmd_prog(int argc, char **argv);
int cmd_map(int argc, char **argv);
int cmd_batch(int argc, char **argv);
/* Run one top-level command (OBJECT VERB ARGS) in this process (batch). */
int cli_run_command(int argc, char **argv);
int cmd_link(int argc, char **argv);
int cmd_asm(int argc, char **argv);
int cmd_disasm(int argc, char **argv);
int cmd_trace(int argc, char **argv);

/* Disassembly to stdout (text or JSON); 0 or 255. */
int cli_print_insns(const struct bpf_insn *insns, size_t cnt, int syntax);

#endif /* BH_CLI_H */
