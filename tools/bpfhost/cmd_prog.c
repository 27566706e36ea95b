/* SPDX-License-Identifier: MIT */
/*
 * tools/bpfhost/cmd_prog.c - `bpfhost prog`: load a program from raw
 * instructions or assembly and run it the way BPF_PROG_TEST_RUN does, or
 * dump its instructions.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct run_args {
	const char *file, *data_in, *ctx_in, *type;
	int repeat;
	bool unchecked;
};

static int parse_run_args(int argc, char **argv, struct run_args *a)
{
	for (int i = 0; i < argc; i++) {
		const char *arg = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(arg, "--json") || !strcmp(arg, "-j"))
			continue;
		if (!strcmp(arg, "--unchecked")) {
			a->unchecked = true;
			continue;
		}
		if (arg[0] != '-') {
			if (a->file)
				return cli_error("unexpected argument '%s'", arg);
			a->file = arg;
			continue;
		}
		if (!val)
			return cli_error("option '%s' needs a value", arg);
		if (!strcmp(arg, "--data-in"))
			a->data_in = val;
		else if (!strcmp(arg, "--ctx-in"))
			a->ctx_in = val;
		else if (!strcmp(arg, "--type"))
			a->type = val;
		else if (!strcmp(arg, "--repeat"))
			a->repeat = atoi(val);
		else
			return cli_error("unknown option '%s'", arg);
		i++;
	}
	if (!a->file)
		return cli_error("prog run needs a FILE (try 'bpfhost prog help')");
	return 0;
}

static void print_result(const struct bh_test_run_opts *o, const void *data,
			 const void *ctx, size_t ctx_sz)
{
	if (cli_json) {
		json_begin_object();
		json_uint("retval", o->retval);
		json_hex("data_out", data, data ? o->data_size_out : 0);
		json_hex("ctx_out", ctx, ctx ? ctx_sz : 0);
		json_uint("duration_ns", o->duration);
		json_end_object();
		json_newline();
		return;
	}
	printf("retval: %u (0x%x)\n", o->retval, o->retval);
	if (data && o->data_size_out) {
		printf("data_out (%u bytes):", o->data_size_out);
		for (uint32_t i = 0; i < o->data_size_out; i++)
			printf("%s%02x", i % 16 ? " " : "\n  ", ((const uint8_t *)data)[i]);
		printf("\n");
	}
	if (ctx && ctx_sz) {
		printf("context after the run (%zu bytes):", ctx_sz);
		for (size_t i = 0; i < ctx_sz; i++)
			printf("%s%02x", i % 16 ? " " : "\n  ", ((const uint8_t *)ctx)[i]);
		printf("\n");
	}
	/* SYSCALL programs report no duration, as in the kernel. */
	if (o->duration)
		printf("duration: %u ns per run\n", o->duration);
}

static int prog_run(int argc, char **argv)
{
	struct run_args a = { .type = "syscall" };
	void *data = NULL, *ctx = NULL, *data_out = NULL;
	size_t data_sz = 0, ctx_sz = 0, cnt;
	struct bpf_insn *insns = NULL;
	struct bh_prog *prog = NULL;
	char log[4096] = "";
	int type, ret = 255;

	if (parse_run_args(argc, argv, &a))
		return 255;
	type = cli_prog_type(a.type);
	if (type < 0)
		return cli_error("unknown program type '%s'", a.type);
	if (cli_load_insns(a.file, &insns, &cnt))
		return 255;
	if ((a.data_in && !(data = cli_read_file(a.data_in, &data_sz))) ||
	    (a.ctx_in && !(ctx = cli_read_file(a.ctx_in, &ctx_sz))))
		goto out;
	BH_OPTS(bh_prog_load_opts, lopts, .log_buf = log, .log_size = sizeof(log),
		.license = "GPL",
		.bh_flags = a.unchecked ? BH_PROG_LOAD_F_UNCHECKED : 0);
	prog = bh_prog__load((uint32_t)type, insns, cnt, &lopts);
	if (!prog) {
		ret = cli_error("loading '%s' failed (%s): %s", a.file,
				strerror(errno), log);
		goto out;
	}
	data_out = data_sz ? malloc(data_sz + 4096) : NULL;
	BH_OPTS(bh_test_run_opts, o, .data_in = data, .data_size_in = (uint32_t)data_sz,
		.data_out = data_out, .data_size_out = data_out ? (uint32_t)data_sz + 4096 : 0,
		.ctx_in = ctx, .ctx_size_in = (uint32_t)ctx_sz, .repeat = a.repeat);
	if (bh_prog__test_run(prog, &o)) {
		ret = cli_error("test run failed: %s", strerror(errno));
		goto out;
	}
	/* SYSCALL programs write their context back over ctx_in. */
	print_result(&o, data_out, ctx, ctx_sz);
	ret = 0;
out:
	bh_prog__free(prog);
	free(insns);
	free(data);
	free(ctx);
	free(data_out);
	return ret;
}

static int prog_dump(int argc, char **argv)
{
	int syntax = BH_DISASM_KERNEL, ret;
	const char *file = NULL;
	struct bpf_insn *insns;
	size_t cnt;

	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "xlated") || !strcmp(argv[i], "--json") ||
		    !strcmp(argv[i], "-j"))
			continue;
		if (!strcmp(argv[i], "--asm"))
			syntax = BH_DISASM_ASM;
		else if (!file)
			file = argv[i];
		else
			return cli_error("unexpected argument '%s'", argv[i]);
	}
	if (!file)
		return cli_error("prog dump needs a FILE");
	if (cli_load_insns(file, &insns, &cnt))
		return 255;
	ret = cli_print_insns(insns, cnt, syntax);
	free(insns);
	return ret;
}

static const struct cli_cmd prog_cmds[] = {
	{ "run", prog_run,
	  "FILE [--type syscall|xdp] [--data-in FILE] [--ctx-in FILE] [--repeat N] [--unchecked] [--json]",
	  "load FILE (assembly or raw instructions) and run it as BPF_PROG_TEST_RUN does" },
	{ "dump", prog_dump, "xlated FILE [--asm] [--json]",
	  "print the program's instructions as bpftool prints xlated code" },
	{ NULL, NULL, NULL, NULL },
};

int cmd_prog(int argc, char **argv)
{
	return cli_dispatch("prog", prog_cmds, argc, argv);
}
