/* SPDX-License-Identifier: MIT */
/*
 * examples/hello.c - the smallest host: assemble a program that adds its two
 * arguments, load it, call it, print the result.
 *
 *   cc hello.c $(pkg-config --cflags --libs bpfhost) -o hello && ./hello
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpfhost/bpfhost.h>

int main(void)
{
	const char *text = "mov %r0, %r1\n"
			   "add %r0, %r2\n"
			   "exit\n";
	uint64_t args[2] = { 40, 2 }, r0;
	struct bpf_insn *insns;
	struct bh_prog *prog;
	char err[256], log[256];
	size_t cnt;

	if (bh_asm__parse(text, &insns, &cnt, err, sizeof(err))) {
		fprintf(stderr, "assembly failed: %s\n", err);
		return 1;
	}
	BH_OPTS(bh_prog_load_opts, opts, .name = "add", .entry_args = 2,
		.log_buf = log, .log_size = sizeof(log));
	prog = bh_prog__load(BPF_PROG_TYPE_SYSCALL, insns, cnt, &opts);
	free(insns);
	if (!prog) {
		fprintf(stderr, "load failed: %s: %s\n", strerror(errno), log);
		return 1;
	}
	if (bh_prog__exec(prog, args, 2, NULL, 0, &r0)) {
		fprintf(stderr, "run failed: %s\n", strerror(errno));
		return 1;
	}
	printf("program %u (%s) says %llu + %llu = %llu\n", bh_prog__id(prog),
	       bh_prog__name(prog), (unsigned long long)args[0],
	       (unsigned long long)args[1], (unsigned long long)r0);
	bh_prog__free(prog);
	return 0;
}
