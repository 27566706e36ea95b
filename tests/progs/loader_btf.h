/* SPDX-License-Identifier: MIT */
/* loader_btf.h: types shared by loader_btf.bpf.c and tests/btf/test_btf.c. */
#ifndef LOADER_BTF_H
#define LOADER_BTF_H

enum color { RED, GREEN = 5, BLUE };
enum big64 { BIG_A = 0x100000000ULL, BIG_B };

struct inner_pt {
	short x, y;
};

typedef unsigned int btf_td_t;

struct btf_all {
	int x;
	unsigned char flag : 1;
	signed char small : 4;
	enum color col;
	char name[8];
	struct inner_pt pts[2];
	void *ptr;
	_Bool ok;
	double d;
	enum big64 b64;
	const volatile btf_td_t cv;
	union {
		int ui;
		float uf;
	};
	long long neg;
	unsigned char raw[3];
};

union btf_u {
	int i;
	char c[4];
};

#endif
