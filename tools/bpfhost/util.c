/* SPDX-License-Identifier: MIT */
/* tools/bpfhost/util.c - files, instruction input and names for the CLI. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void *cli_read_file(const char *path, size_t *size)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	size_t cap = 4096, len = 0, n;
	char *buf = NULL, *tmp;

	if (!f) {
		cli_error("cannot open '%s': %s", path, strerror(errno));
		return NULL;
	}
	do {
		tmp = realloc(buf, cap + 1);
		if (!tmp) {
			free(buf);
			buf = NULL;
			cli_error("out of memory reading '%s'", path);
			goto out;
		}
		buf = tmp;
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (len == cap)
			cap *= 2;
	} while (n);
	if (ferror(f)) {
		cli_error("cannot read '%s': %s", path, strerror(errno));
		free(buf);
		buf = NULL;
		goto out;
	}
	buf[len] = '\0';
	*size = len;
out:
	if (f != stdin)
		fclose(f);
	return buf;
}

static bool looks_like_text(const char *buf, size_t size, const char *path)
{
	const char *dot = strrchr(path, '.');

	if (dot && (!strcmp(dot, ".s") || !strcmp(dot, ".asm") ||
		    !strcmp(dot, ".data")))
		return true;
	if (dot && !strcmp(dot, ".bin"))
		return false;
	if (size % 8)
		return true;
	for (size_t i = 0; i < size; i++)
		if (!buf[i])
			return false;
	return true;
}

/* A bpf_conformance .data file: the program is its "-- asm" section. */
static char *conformance_asm(char *text)
{
	char *start = strstr(text, "-- asm\n"), *end;

	if (!start)
		return text;
	start += strlen("-- asm\n");
	end = strstr(start, "\n-- ");
	if (end)
		end[1] = '\0';
	return start;
}

int cli_load_insns(const char *path, struct bpf_insn **insns, size_t *cnt)
{
	char err[512] = "";
	size_t size;
	char *buf = cli_read_file(path, &size);
	int ret;

	if (!buf)
		return -1;
	if (!looks_like_text(buf, size, path)) {
		*insns = (struct bpf_insn *)buf;
		*cnt = size / 8;
		if (!*cnt) {
			free(buf);
			return cli_error("'%s' holds no instructions", path), -1;
		}
		return 0;
	}
	ret = bh_asm__parse(conformance_asm(buf), insns, cnt, err, sizeof(err));
	free(buf);
	if (ret)
		return cli_error("%s: %s", path, err[0] ? err : strerror(-ret)), -1;
	return 0;
}

int cli_prog_type(const char *name)
{
	static const struct {
		const char *name;
		int type;
	} types[] = {
		{ "xdp", BPF_PROG_TYPE_XDP },
		{ "syscall", BPF_PROG_TYPE_SYSCALL },
		{ "socket", BPF_PROG_TYPE_SOCKET_FILTER },
		{ "tc", BPF_PROG_TYPE_SCHED_CLS },
		{ "raw_tp", BPF_PROG_TYPE_RAW_TRACEPOINT },
		{ "kprobe", BPF_PROG_TYPE_KPROBE },
		{ "tracepoint", BPF_PROG_TYPE_TRACEPOINT },
		{ "perf_event", BPF_PROG_TYPE_PERF_EVENT },
	};

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(name, types[i].name))
			return types[i].type;
	return -1;
}
