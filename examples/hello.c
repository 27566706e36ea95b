/* SPDX-License-Identifier: MIT */
/*
 * examples/hello.c - the smallest host: assemble a program that adds two
 * numbers, load it (the verifier checks it), call it, print the result.
 *
 * The numbers are in memory the program gets as its context (R1), the way a
 * BPF_PROG_TYPE_SYSCALL program gets its arguments: the verifier knows R1 is
 * a pointer to that many bytes and lets the program read them.
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
	const char *text = "ldxdw %r0, [%r1+0]\n"
			   "ldxdw %r2, [%r1+8]\n"
			   "add %r0, %r2\n"
			   "exit\n";
	uint64_t nums[2] = { 40, 2 }, args[1] = { (uintptr_t)nums }, r0;
	struct bpf_insn *insns;
	struct bh_prog *prog;
	char err[256], log[256];
	size_t cnt;

	if (bh_asm__parse(text, &insns, &cnt, err, sizeof(err))) {
		fprintf(stderr, "assembly failed: %s\n", err);
		return 1;
	}
	BH_OPTS(bh_prog_load_opts, opts, .name = "add",
		.log_buf = log, .log_size = sizeof(log));
	prog = bh_prog__load(BPF_PROG_TYPE_SYSCALL, insns, cnt, &opts);
	free(insns);
	if (!prog) {
		fprintf(stderr, "load failed: %s: %s\n", strerror(errno), log);
		return 1;
	}
	if (bh_prog__exec(prog, args, 1, nums, sizeof(nums), &r0)) {
		fprintf(stderr, "run failed: %s\n", strerror(errno));
		return 1;
	}
	printf("program %u (%s) says %llu + %llu = %llu\n", bh_prog__id(prog),
	       bh_prog__name(prog), (unsigned long long)nums[0],
	       (unsigned long long)nums[1], (unsigned long long)r0);
	bh_prog__free(prog);
	return 0;
}
