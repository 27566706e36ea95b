/* SPDX-License-Identifier: MIT */
/* tools/bpfhost/cmd_asm.c - `bpfhost asm` and `bpfhost disasm`. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* bpfhost asm FILE [-o OUT]: raw little-endian instructions to OUT (or the
 * count with --json / a hex dump to stdout). */
int cmd_asm(int argc, char **argv)
{
	const char *in = NULL, *out = NULL;
	struct bpf_insn *insns;
	size_t cnt;
	FILE *f;

	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out = argv[++i];
		else if (!strcmp(argv[i], "--json") || !strcmp(argv[i], "-j"))
			continue;
		else if (!strcmp(argv[i], "help") || !strcmp(argv[i], "--help"))
			return printf("Usage: bpfhost asm FILE [-o OUT.bin]\n"), 0;
		else if (!in)
			in = argv[i];
		else
			return cli_error("unexpected argument '%s'", argv[i]);
	}
	if (!in)
		return cli_error("asm needs a FILE (try 'bpfhost asm help')");
	if (cli_load_insns(in, &insns, &cnt))
		return 255;
	if (out) {
		f = fopen(out, "wb");
		if (!f || fwrite(insns, sizeof(*insns), cnt, f) != cnt) {
			free(insns);
			if (f)
				fclose(f);
			return cli_error("cannot write '%s'", out);
		}
		fclose(f);
	}
	if (cli_json) {
		json_begin_object();
		json_uint("insn_cnt", cnt);
		json_hex("insns", insns, cnt * sizeof(*insns));
		json_end_object();
		json_newline();
	} else if (!out) {
		for (size_t i = 0; i < cnt; i++) {
			const uint8_t *b = (const uint8_t *)&insns[i];

			printf("%4zu: %02x %02x %02x %02x %02x %02x %02x %02x\n", i,
			       b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]);
		}
	}
	free(insns);
	return 0;
}

/* Print @insns in @syntax; with --json as an array of {pc, code, text}. */
int cli_print_insns(const struct bpf_insn *insns, size_t cnt, int syntax)
{
	char text[256];

	if (!cli_json)
		return bh_disasm__prog(insns, cnt, syntax, stdout) ? 255 : 0;
	json_begin_array(NULL);
	for (size_t pc = 0; pc < cnt;) {
		int n = bh_disasm__insn(insns, cnt, pc, syntax, text, sizeof(text));

		json_begin_object();
		json_uint("pc", pc);
		json_uint("code", insns[pc].code);
		json_string("text", text);
		json_end_object();
		pc += n > 0 ? (size_t)n : 1;
	}
	json_end_array();
	json_newline();
	return 0;
}

int cmd_disasm(int argc, char **argv)
{
	int syntax = BH_DISASM_KERNEL, ret;
	const char *in = NULL;
	struct bpf_insn *insns;
	size_t cnt;

	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--syntax") && i + 1 < argc) {
			const char *s = argv[++i];

			if (!strcmp(s, "kernel"))
				syntax = BH_DISASM_KERNEL;
			else if (!strcmp(s, "asm"))
				syntax = BH_DISASM_ASM;
			else
				return cli_error("unknown syntax '%s' (kernel or asm)", s);
		} else if (!strcmp(argv[i], "--json") || !strcmp(argv[i], "-j")) {
			continue;
		} else if (!strcmp(argv[i], "help") || !strcmp(argv[i], "--help")) {
			return printf("Usage: bpfhost disasm FILE [--syntax kernel|asm]\n"), 0;
		} else if (!in) {
			in = argv[i];
		} else {
			return cli_error("unexpected argument '%s'", argv[i]);
		}
	}
	if (!in)
		return cli_error("disasm needs a FILE (try 'bpfhost disasm help')");
	if (cli_load_insns(in, &insns, &cnt))
		return 255;
	ret = cli_print_insns(insns, cnt, syntax);
	free(insns);
	return ret;
}
