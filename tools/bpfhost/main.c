/* SPDX-License-Identifier: MIT */
/*
 * tools/bpfhost/main.c - the bpfhost command: bpftool's shape,
 * `bpfhost [OPTIONS] OBJECT VERB ARGS`, run inside this process (maps and
 * programs live in the process that hosts them).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

bool cli_json;
bool cli_pretty;

static int cmd_version(int argc, char **argv);

static const struct cli_cmd objects[] = {
	{ "prog", cmd_prog, "{ load | show | dump | verify | run | help } ...",
	  "load, verify and run programs (ELF objects, assembly, raw instructions)" },
	{ "map", cmd_map,
	  "{ create | show | dump | lookup | update | delete | getnext | freeze | help } ...",
	  "create and manage maps (they live in this process: see batch)" },
	{ "batch", cmd_batch, "FILE",
	  "run one command per line of FILE in this process, stop at the first failure" },
	{ "link", cmd_link, "{ show [id ID] | detach id ID | help }",
	  "show or detach this process's links" },
	{ "asm", cmd_asm, "FILE [-o OUT]",
	  "assemble bpf_conformance-syntax text into raw instructions" },
	{ "disasm", cmd_disasm, "FILE [--syntax kernel|asm]",
	  "print the instructions of a raw or assembly file" },
	{ "trace", cmd_trace, "",
	  "how to see bpf_trace_printk output (prog run ... --trace)" },
	{ "version", cmd_version, "", "print the version" },
	{ NULL, NULL, NULL, NULL },
};

static int cmd_version(int argc, char **argv)
{
	if (cli_json) {
		json_begin_object();
		json_string("version", bh_version());
		json_end_object();
		json_newline();
	} else {
		printf("bpfhost v%s\n", bh_version());
	}
	return 0;
}

void cli_usage(FILE *out, const char *object, const struct cli_cmd *cmds)
{
	if (!object) {
		fprintf(out,
			"Usage: bpfhost [OPTIONS] OBJECT { COMMAND | help }\n"
			"       bpfhost --version\n\n"
			"OBJECT := { prog | map | batch | link | asm | disasm | trace | version }\n"
			"OPTIONS := { -j|--json [-p|--pretty] | -h|--help | -V|--version }\n\n");
	} else {
		fprintf(out, "Usage:\n");
	}
	for (const struct cli_cmd *c = cmds; c->name; c++)
		fprintf(out, "  bpfhost %s%s%s %s\n      %s\n", object ? object : "",
			object ? " " : "", c->name, c->usage, c->help);
}

static bool is_prefix(const char *arg, const char *name)
{
	return *arg && !strncmp(arg, name, strlen(arg));
}

int cli_dispatch(const char *object, const struct cli_cmd *cmds, int argc,
		 char **argv)
{
	if (argc < 1 || !strcmp(argv[0], "help") || !strcmp(argv[0], "--help") ||
	    !strcmp(argv[0], "-h")) {
		cli_usage(argc < 1 ? stderr : stdout, object, cmds);
		return argc < 1 ? 255 : 0;
	}
	for (const struct cli_cmd *c = cmds; c->name; c++)
		if (is_prefix(argv[0], c->name))
			return c->fn(argc - 1, argv + 1);
	return cli_error("unknown %s command '%s' (try 'bpfhost %s%shelp')",
			 object ? "verb" : "object", argv[0], object ? object : "",
			 object ? " " : "");
}

int cli_error(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (cli_json) {
		json_begin_object();
		json_string("error", msg);
		json_end_object();
		json_newline();
	} else {
		fprintf(stderr, "Error: %s\n", msg);
	}
	return 255;
}

int cli_run_command(int argc, char **argv)
{
	return cli_dispatch(NULL, objects, argc, argv);
}

int main(int argc, char **argv)
{
	int i = 1;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-j") || !strcmp(argv[i], "--json")) {
			cli_json = true;
		} else if (!strcmp(argv[i], "-p") || !strcmp(argv[i], "--pretty")) {
			cli_json = cli_pretty = true;
		} else if (!strcmp(argv[i], "-V") || !strcmp(argv[i], "--version")) {
			return cmd_version(0, NULL);
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			cli_usage(stdout, NULL, objects);
			return 0;
		} else {
			return cli_error("unknown option '%s'", argv[i]);
		}
	}
	/* --json may also follow the verb's arguments, as in bpftool */
	for (int k = i; k < argc; k++)
		if (!strcmp(argv[k], "--json") || !strcmp(argv[k], "-j"))
			cli_json = true;
	return cli_dispatch(NULL, objects, argc - i, argv + i);
}
