/* SPDX-License-Identifier: MIT */
/*
 * tests/isa/test_conformance.c - the bpf_conformance suite.
 *
 * Usage: test_conformance DIR   (DIR holds tests/ and negative/)
 *
 * Every tests/NAME.data program is assembled (or taken from its `-- raw`
 * words), loaded as a SYSCALL program with R1 = its memory and R2 = the
 * memory's length, run in both interpreter modes (checked and unchecked),
 * and R0 compared with `-- result`.  Every negative/NAME.data file must be
 * refused: by the assembler, by the loader, or, for the one file whose
 * expected result is wrong on purpose, by the result check.  One ok/not ok
 * line per file; the last line is "N passed, N failed".
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpfhost/bpfhost.h>

#include "lib/conformance_data.h"

struct outcome {
	int stage;      /* 0 ran, 1 no program, 2 assembler, 3 loader, 4 run */
	char msg[512];  /* why it was refused or failed; empty when it passed */
	uint64_t r0[2]; /* checked, unchecked */
};

static int program_of(struct bh_cdata *d, struct bpf_insn **insns,
		      size_t *cnt, struct outcome *o)
{
	if (d->has_raw) {
		*insns = malloc(d->raw_cnt * sizeof(**insns));
		if (!*insns)
			return -ENOMEM;
		memcpy(*insns, d->raw, d->raw_cnt * sizeof(**insns));
		*cnt = d->raw_cnt;
		return 0;
	}
	if (!d->has_asm || !d->asm_text) {
		o->stage = 1;
		snprintf(o->msg, sizeof(o->msg), "no program in the file");
		return -EINVAL;
	}
	if (bh_asm__parse(d->asm_text, insns, cnt, o->msg, sizeof(o->msg))) {
		o->stage = 2;
		return -EINVAL;
	}
	return 0;
}

/* Load and run in one mode (0 checked, 1 unchecked); 0 with r0 set. */
static int run_mode(struct bh_cdata *d, const struct bpf_insn *insns,
		    size_t cnt, int mode, struct outcome *o)
{
	char log[512] = "";
	uint8_t *mem = d->mem_sz ? malloc(d->mem_sz) : NULL;
	uint64_t args[2] = { 0, d->mem_sz };
	struct bh_prog *prog;
	int ret;

	if (mem)
		memcpy(mem, d->mem, d->mem_sz);
	args[0] = (uintptr_t)mem;
	BH_OPTS(bh_prog_load_opts, opts, .entry_args = 2, .log_buf = log,
		.log_size = sizeof(log),
		/* the suite tests the interpreter: its programs are not all
		 * verifiable (reads of memory without bounds, shifts by 48) */
		.bh_flags = BH_PROG_LOAD_F_NO_VERIFY |
			    (mode ? BH_PROG_LOAD_F_UNCHECKED : 0));
	prog = bh_prog__load(BPF_PROG_TYPE_SYSCALL, insns, cnt, &opts);
	if (!prog) {
		o->stage = 3;
		snprintf(o->msg, sizeof(o->msg), "loader: %s", log);
		o->msg[strcspn(o->msg, "\n")] = '\0';
		free(mem);
		return -EINVAL;
	}
	ret = bh_prog__exec(prog, args, 2, mem, d->mem_sz, &o->r0[mode]);
	if (ret) {
		o->stage = 4;
		snprintf(o->msg, sizeof(o->msg), "run failed: %s", strerror(errno));
	}
	bh_prog__free(prog);
	free(mem);
	return ret;
}

static void compare(const struct bh_cdata *d, struct outcome *o)
{
	if (o->r0[0] != o->r0[1])
		snprintf(o->msg, sizeof(o->msg),
			 "modes disagree: checked 0x%llx, unchecked 0x%llx",
			 (unsigned long long)o->r0[0], (unsigned long long)o->r0[1]);
	else if (!d->has_result)
		snprintf(o->msg, sizeof(o->msg), "no expected result");
	else if (o->r0[0] != d->result)
		snprintf(o->msg, sizeof(o->msg), "r0 0x%llx, expected 0x%llx",
			 (unsigned long long)o->r0[0],
			 (unsigned long long)d->result);
}

static void evaluate(const char *path, struct outcome *o)
{
	struct bpf_insn *insns = NULL;
	struct bh_cdata d;
	size_t cnt = 0;

	memset(o, 0, sizeof(*o));
	if (bh_cdata_load(path, &d)) {
		o->stage = 1;
		snprintf(o->msg, sizeof(o->msg), "unreadable: %s", d.why);
		return;
	}
	if (!program_of(&d, &insns, &cnt, o) &&
	    !run_mode(&d, insns, cnt, 0, o) && !run_mode(&d, insns, cnt, 1, o))
		compare(&d, o);
	free(insns);
	bh_cdata_free(&d);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_dir(const char *dir, char ***names)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	size_t n = 0, cap = 0;

	*names = NULL;
	if (!dp)
		return -1;
	while ((e = readdir(dp))) {
		size_t len = strlen(e->d_name);

		if (len < 6 || strcmp(e->d_name + len - 5, ".data"))
			continue;
		if (n == cap) {
			char **tmp;

			cap = cap ? cap * 2 : 512;
			tmp = realloc(*names, cap * sizeof(**names));
			if (!tmp)
				break;
			*names = tmp;
		}
		(*names)[n++] = strdup(e->d_name);
	}
	closedir(dp);
	qsort(*names, n, sizeof(**names), cmp_names);
	return (int)n;
}

static void run_folder(const char *root, const char *sub, bool negative,
		       int *passed, int *failed)
{
	char dir[4096], path[8192];
	char **names;
	int n;

	snprintf(dir, sizeof(dir), "%s/%s", root, sub);
	n = list_dir(dir, &names);
	if (n <= 0) {
		printf("not ok %s: no .data files in %s\n", sub, dir);
		(*failed)++;
		free(names);
		return;
	}
	for (int i = 0; i < n; i++) {
		struct outcome o;
		bool ok;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		evaluate(path, &o);
		ok = negative == (o.stage != 0 || o.msg[0] != '\0');
		printf("%s %s/%s%s%s\n", ok ? "ok" : "not ok", sub, names[i],
		       o.msg[0] ? ": " : "", o.msg);
		*(ok ? passed : failed) += 1;
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	const char *root = argc > 1 ? argv[1] : "../shared/bpf_conformance";
	int passed = 0, failed = 0, neg_passed = 0, neg_failed = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	run_folder(root, "tests", false, &passed, &failed);
	run_folder(root, "negative", true, &neg_passed, &neg_failed);
	printf("conformance: tests %d passed, %d failed; negative %d refused, %d accepted\n",
	       passed, failed, neg_passed, neg_failed);
	printf("%d passed, %d failed\n", passed + neg_passed, failed + neg_failed);
	return failed + neg_failed ? 1 : 0;
}
