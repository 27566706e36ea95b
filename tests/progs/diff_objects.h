/* SPDX-License-Identifier: MIT */
/*
 * diff_objects.h - the context of the SYSCALL programs of
 * tests/progs/diffp_*.bpf.c, shared by the programs and the harness
 * (tests/progs/diff_objects.c), which fills a, b and str per input.
 */
#ifndef DIFF_OBJECTS_H
#define DIFF_OBJECTS_H

struct diffp_sys_ctx {
	__u64 a, b;
	char str[48];
	__s64 out[4];
	char buf[32];
};

#endif
