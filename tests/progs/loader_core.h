/* SPDX-License-Identifier: MIT */
/* loader_core.h: types shared by loader_core.bpf.c and its host test. */
#ifndef LOADER_CORE_H
#define LOADER_CORE_H

#define CORE_OUT_CNT 12

enum core_e { CORE_ONE = 1, CORE_TWO = 22 };

struct core_s {
	int a;
	char b;
	unsigned int bf1 : 3;
	int bf2 : 5;
	long long c;
	int arr[4];
#ifdef __bpf__
} __attribute__((preserve_access_index));
#else
};
#endif

struct core_data {
	unsigned long long out[CORE_OUT_CNT];
	struct core_s in;
};

#endif
