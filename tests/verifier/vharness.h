/* SPDX-License-Identifier: MIT */
/*
 * tests/verifier/vharness.h - load one assembly program through bpfhost's
 * verifier (a verified load's path: map references, encoding check,
 * verifier)
 * and, for differential tests, through the kernel's bpf(BPF_PROG_LOAD).
 */
#ifndef BH_TESTS_VHARNESS_H
#define BH_TESTS_VHARNESS_H

#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/capability.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bpfhost/bpfhost.h>

#include "isa/internal.h"
#include "maps/internal.h"
#include "progs/internal.h"
#include "verifier/load.h"

#define VH_MAPS 14
#define VH_LOG_SZ (1 << 20)

struct vh_maps {
	struct bh_map *bh[VH_MAPS];
	int kfd[VH_MAPS]; /* -1: no kernel */
	struct bh_btf *btf;
	int btf_fd;
};

static const struct {
	uint32_t type, key, value, max, flags;
	uint32_t btf_value; /* type id in vh_btf (key: 1, int), 0: no BTF */
} vh_map_defs[VH_MAPS] = {
	{ BPF_MAP_TYPE_HASH, 4, 8, 16, 0, 0 },
	{ BPF_MAP_TYPE_ARRAY, 4, 8, 4, 0, 0 },
	{ BPF_MAP_TYPE_ARRAY, 4, 16, 1, 0, 0 },
	{ BPF_MAP_TYPE_ARRAY, 4, 8, 1, BPF_F_RDONLY_PROG, 0 },
	{ BPF_MAP_TYPE_QUEUE, 0, 4, 4, 0, 0 },
	{ BPF_MAP_TYPE_RINGBUF, 0, 0, 4096, 0, 0 },
	{ BPF_MAP_TYPE_PROG_ARRAY, 4, 4, 4, 0, 0 },
	{ BPF_MAP_TYPE_DEVMAP, 4, 4, 4, 0, 0 },
	/* frozen read-only strings (vh_rodata): constant-string arguments */
	{ BPF_MAP_TYPE_ARRAY, 4, 32, 1, BPF_F_RDONLY_PROG, 0 },
	/* values with BTF (vh_btf): 9, 10 struct val_lock; 11 long; 12 val_timer */
	{ BPF_MAP_TYPE_ARRAY, 4, 16, 2, 0, 5 },
	{ BPF_MAP_TYPE_HASH, 4, 16, 4, 0, 5 },
	{ BPF_MAP_TYPE_ARRAY, 4, 8, 2, 0, 3 },
	{ BPF_MAP_TYPE_ARRAY, 4, 24, 2, 0, 6 },
	/* drained by bpf_user_ringbuf_drain (map[idx:13]) */
	{ BPF_MAP_TYPE_USER_RINGBUF, 0, 0, 4096, 0, 0 },
};

/*
 * The BTF of maps 9-12, raw (the same blob goes to the kernel):
 *   [1] int  [2] struct bpf_spin_lock { int val; }  [3] long
 *   [4] struct bpf_timer { long a, b; }
 *   [5] struct val_lock { struct bpf_spin_lock lock; int cnt; long sum; }
 *   [6] struct val_timer { struct bpf_timer t; long x; }
 * and functions for func_info ("# funcs:" in negative programs), all
 * returning int but g_ret_ptr: int prog(struct xdp_md *ctx) and g_ctx
 * alike, g_scalar(int x), g_mem(long *p), g_void(void *p), long
 * *g_ret_ptr(int x), all global, and static s_scalar(int x).  From [23]:
 * arguments with decl tags ("arg:..." on component 0 of the FUNC, as
 * clang's __attribute__((btf_decl_tag("arg:ctx"))) gives): g_nonnull(long
 * *p __arg_nonnull), g_nullable(long *p __arg_nullable), g_ctx_void(void *p
 * __arg_ctx), g_ctx_long(long *p __arg_ctx), g_trusted(long *p
 * __arg_trusted), g_arena(void *p __arg_arena), g_untrusted(long *p
 * __arg_untrusted), g_bogus(long *p, tag "arg:bogus"), g_scalar_tag(int x
 * __arg_nonnull), static s_tagged(long *p __arg_nonnull); context structs
 * by name: g_rawtp(struct bpf_raw_tracepoint_args *ctx), g_skb(struct
 * __sk_buff *ctx), g_kskb(struct sk_buff *ctx); g_ctx_nonnull(void *p
 * __arg_ctx __arg_nonnull), g_struct(struct val_lock v), g_xdp_tag(struct
 * xdp_md *ctx __arg_ctx).
 */
static const char vh_btf_strs[] = "\0int\0bpf_spin_lock\0val\0long\0bpf_timer\0a\0b\0"
				  "val_lock\0lock\0cnt\0sum\0val_timer\0t\0x\0"
				  "xdp_md\0ctx\0prog\0g_ctx\0g_scalar\0p\0g_mem\0g_void\0"
				  "g_ret_ptr\0s_scalar\0g_nonnull\0g_nullable\0g_ctx_void\0"
				  "g_ctx_long\0g_trusted\0g_arena\0g_untrusted\0g_bogus\0"
				  "g_scalar_tag\0s_tagged\0arg:nonnull\0arg:nullable\0arg:ctx\0"
				  "arg:trusted\0arg:arena\0arg:untrusted\0arg:bogus\0"
				  "bpf_raw_tracepoint_args\0g_rawtp\0__sk_buff\0g_skb\0sk_buff\0"
				  "g_kskb\0g_ctx_nonnull\0v\0g_struct\0g_xdp_tag";

static inline uint32_t vh_str(const char *s)
{
	if (!*s)
		return 0;
	for (uint32_t i = 1; i < sizeof(vh_btf_strs); i++)
		if (!vh_btf_strs[i - 1] && !strcmp(vh_btf_strs + i, s))
			return i;
	return 0;
}

/* Writes the blob into @buf (at least 4096 bytes); returns its size. */
static inline size_t vh_btf_blob(uint8_t *buf)
{
	uint32_t t[512], n = 0;
	struct btf_header h = { .magic = BTF_MAGIC, .version = BTF_VERSION,
				.hdr_len = sizeof(h) };
#define VH_T(name, kind, vlen, sz) \
	(t[n++] = vh_str(name), t[n++] = (kind) << 24 | (vlen), t[n++] = (sz))
#define VH_M(name, type, bits) (t[n++] = vh_str(name), t[n++] = (type), t[n++] = (bits))
	VH_T("int", BTF_KIND_INT, 0, 4);
	t[n++] = BTF_INT_SIGNED << 24 | 32;
	VH_T("bpf_spin_lock", BTF_KIND_STRUCT, 1, 4);
	VH_M("val", 1, 0);
	VH_T("long", BTF_KIND_INT, 0, 8);
	t[n++] = BTF_INT_SIGNED << 24 | 64;
	VH_T("bpf_timer", BTF_KIND_STRUCT, 2, 16);
	VH_M("a", 3, 0);
	VH_M("b", 3, 64);
	VH_T("val_lock", BTF_KIND_STRUCT, 3, 16);
	VH_M("lock", 2, 0);
	VH_M("cnt", 1, 32);
	VH_M("sum", 3, 64);
	VH_T("val_timer", BTF_KIND_STRUCT, 2, 24);
	VH_M("t", 4, 0);
	VH_M("x", 3, 128);
	VH_T("xdp_md", BTF_KIND_STRUCT, 0, 24);		/* 7 */
	VH_T("", BTF_KIND_PTR, 0, 7);			/* 8 */
	VH_T("", BTF_KIND_FUNC_PROTO, 1, 1);		/* 9 */
	t[n++] = vh_str("ctx"), t[n++] = 8;
	VH_T("prog", BTF_KIND_FUNC, BTF_FUNC_GLOBAL, 9);	/* 10 */
	VH_T("g_ctx", BTF_KIND_FUNC, BTF_FUNC_GLOBAL, 9);	/* 11 */
	VH_T("", BTF_KIND_FUNC_PROTO, 1, 1);		/* 12 */
	t[n++] = vh_str("x"), t[n++] = 1;
	VH_T("g_scalar", BTF_KIND_FUNC, BTF_FUNC_GLOBAL, 12);	/* 13 */
	VH_T("", BTF_KIND_PTR, 0, 3);			/* 14 */
	VH_T("", BTF_KIND_FUNC_PROTO, 1, 1);		/* 15 */
	t[n++] = vh_str("p"), t[n++] = 14;
	VH_T("g_mem", BTF_KIND_FUNC, BTF_FUNC_GLOBAL, 15);	/* 16 */
	VH_T("", BTF_KIND_PTR, 0, 0);			/* 17 */
	VH_T("", BTF_KIND_FUNC_PROTO, 1, 1);		/* 18 */
	t[n++] = vh_str("p"), t[n++] = 17;
	VH_T("g_void", BTF_KIND_FUNC, BTF_FUNC_GLOBAL, 18);	/* 19 */
	VH_T("", BTF_KIND_FUNC_PROTO, 1, 14);		/* 20 */
	t[n++] = vh_str("x"), t[n++] = 1;
	VH_T("g_ret_ptr", BTF_KIND_FUNC, BTF_FUNC_GLOBAL, 20);	/* 21 */
	VH_T("s_scalar", BTF_KIND_FUNC, BTF_FUNC_STATIC, 12);	/* 22 */
	/* a decl tag on argument 0 of FUNC @fn */
#define VH_TAG(tag, fn) (VH_T(tag, BTF_KIND_DECL_TAG, 0, fn), t[n++] = 0)
	VH_T("g_nonnull", BTF_KIND_FUNC, BTF_FUNC_GLOBAL, 15);	/* 23 */
	VH_TAG("arg:nonnull", 23);				/* 24 */
	VH_T("g_nullable", BTF_KIND_FUNC, BTF_FUNC_GLOBAL, 15);	/* 25 */
	VH_TAG("arg:nullable", 25);				/* 26 */
	VH_T("g_ctx_void", BTF_KIND_FUNC, BTF_FUNC_GLOBAL, 18);	/* 27 */
	VH_TAG("arg:ctx", 27);					/* 28 */
	VH_T("g_ctx_long", BTF_KIND_FUNC, BTF_FUNC_GLOBAL, 15);	/* 29 */
	VH_TAG("arg:ctx", 29);					/* 30 */
	VH_T("g_trusted", BTF_KIND_FUNC, BTF_FUNC_GLOBAL, 15);	/* 31 */
	VH_TAG("arg:trusted", 31);				/* 32 */
	VH_T("g_arena", BTF_KIND_FUNC, BTF_FUNC_GLOBAL, 18);	/* 33 */
	VH_TAG("arg:arena", 33);				/* 34 */
	VH_T("g_untrusted", BTF_KIND_FUNC, BTF_FUNC_GLOBAL, 15);	/* 35 */
	VH_TAG("arg:untrusted", 35);				/* 36 */
	VH_T("g_bogus", BTF_KIND_FUNC, BTF_FUNC_GLOBAL, 15);	/* 37 */
	VH_TAG("arg:bogus", 37);				/* 38 */
	VH_T("g_scalar_tag", BTF_KIND_FUNC, BTF_FUNC_GLOBAL, 12);	/* 39 */
	VH_TAG("arg:nonnull", 39);				/* 40 */
	VH_T("s_tagged", BTF_KIND_FUNC, BTF_FUNC_STATIC, 15);	/* 41 */
	VH_TAG("arg:nonnull", 41);				/* 42 */
	VH_T("bpf_raw_tracepoint_args", BTF_KIND_STRUCT, 0, 0);	/* 43 */
	VH_T("", BTF_KIND_PTR, 0, 43);				/* 44 */
	VH_T("", BTF_KIND_FUNC_PROTO, 1, 1);			/* 45 */
	t[n++] = vh_str("ctx"), t[n++] = 44;
	VH_T("g_rawtp", BTF_KIND_FUNC, BTF_FUNC_GLOBAL, 45);	/* 46 */
	VH_T("__sk_buff", BTF_KIND_STRUCT, 0, 0);		/* 47 */
	VH_T("", BTF_KIND_PTR, 0, 47);				/* 48 */
	VH_T("", BTF_KIND_FUNC_PROTO, 1, 1);			/* 49 */
	t[n++] = vh_str("ctx"), t[n++] = 48;
	VH_T("g_skb", BTF_KIND_FUNC, BTF_FUNC_GLOBAL, 49);	/* 50 */
	VH_T("sk_buff", BTF_KIND_STRUCT, 0, 0);			/* 51 */
	VH_T("", BTF_KIND_PTR, 0, 51);				/* 52 */
	VH_T("", BTF_KIND_FUNC_PROTO, 1, 1);			/* 53 */
	t[n++] = vh_str("ctx"), t[n++] = 52;
	VH_T("g_kskb", BTF_KIND_FUNC, BTF_FUNC_GLOBAL, 53);	/* 54 */
	VH_T("g_ctx_nonnull", BTF_KIND_FUNC, BTF_FUNC_GLOBAL, 18);	/* 55 */
	VH_TAG("arg:ctx", 55);					/* 56 */
	VH_TAG("arg:nonnull", 55);				/* 57 */
	VH_T("", BTF_KIND_FUNC_PROTO, 1, 1);			/* 58 */
	t[n++] = vh_str("v"), t[n++] = 5;
	VH_T("g_struct", BTF_KIND_FUNC, BTF_FUNC_GLOBAL, 58);	/* 59 */
	VH_T("g_xdp_tag", BTF_KIND_FUNC, BTF_FUNC_GLOBAL, 9);	/* 60 */
	VH_TAG("arg:ctx", 60);					/* 61 */
#undef VH_TAG
#undef VH_T
#undef VH_M
	h.type_len = n * 4;
	h.str_off = h.type_len;
	h.str_len = sizeof(vh_btf_strs);
	memcpy(buf, &h, sizeof(h));
	memcpy(buf + sizeof(h), t, h.type_len);
	memcpy(buf + sizeof(h) + h.type_len, vh_btf_strs, sizeof(vh_btf_strs));
	return sizeof(h) + h.type_len + sizeof(vh_btf_strs);
}

/*
 * The value of map 8, frozen after it is written (as .rodata):
 *   0 "%d %s"   6 "%q"   9 "%d%d"   14 "abc"   18 "\x01%d"
 *   22..31 'x' with no NUL after them.
 */
#define VH_RODATA_MAP 8
static const char vh_rodata[32] = "%d %s\0%q\0%d%d\0abc\0\x01%d\0xxxxxxxxxx";

static inline int vh_kernel_fill_rodata(int fd)
{
	union bpf_attr a;
	uint32_t zero = 0;

	memset(&a, 0, sizeof(a));
	a.map_fd = (uint32_t)fd;
	a.key = (uintptr_t)&zero;
	a.value = (uintptr_t)vh_rodata;
	if (syscall(__NR_bpf, BPF_MAP_UPDATE_ELEM, &a, sizeof(a)))
		return -errno;
	memset(&a, 0, sizeof(a));
	a.map_fd = (uint32_t)fd;
	return syscall(__NR_bpf, BPF_MAP_FREEZE, &a, sizeof(a)) ? -errno : 0;
}

static inline int vh_kernel_map(uint32_t type, uint32_t key, uint32_t value, uint32_t max,
			 uint32_t flags, int btf_fd, uint32_t btf_value)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.map_type = type;
	a.key_size = key;
	a.value_size = value;
	a.max_entries = max;
	a.map_flags = flags;
	if (btf_value) {
		if (btf_fd < 0)
			return -1;
		a.btf_fd = (uint32_t)btf_fd;
		a.btf_key_type_id = 1;
		a.btf_value_type_id = btf_value;
	}
	return (int)syscall(__NR_bpf, BPF_MAP_CREATE, &a, sizeof(a));
}

static inline void vh_maps_init(struct vh_maps *m, int with_kernel)
{
	static uint8_t blob[4096];
	size_t blob_sz = vh_btf_blob(blob);

	m->btf = bh_btf__new(blob, blob_sz);
	m->btf_fd = -1;
	if (!m->btf)
		fprintf(stderr, "vharness: bpfhost refuses the BTF: %s\n", strerror(errno));
	if (with_kernel) {
		union bpf_attr a;

		memset(&a, 0, sizeof(a));
		a.btf = (uintptr_t)blob;
		a.btf_size = (uint32_t)blob_sz;
		m->btf_fd = (int)syscall(__NR_bpf, BPF_BTF_LOAD, &a, sizeof(a));
	}
	for (int i = 0; i < VH_MAPS; i++) {
		BH_OPTS(bh_map_create_opts, o, .map_flags = vh_map_defs[i].flags);

		if (vh_map_defs[i].btf_value) {
			o.btf = m->btf;
			o.btf_key_type_id = 1;
			o.btf_value_type_id = vh_map_defs[i].btf_value;
		}
		m->bh[i] = bh_map__create(vh_map_defs[i].type, "vmap", vh_map_defs[i].key,
					  vh_map_defs[i].value, vh_map_defs[i].max, &o);
		if (!m->bh[i])
			fprintf(stderr, "vharness: map %d: %s\n", i, strerror(errno));
		m->kfd[i] = with_kernel ? vh_kernel_map(vh_map_defs[i].type, vh_map_defs[i].key,
							vh_map_defs[i].value, vh_map_defs[i].max,
							vh_map_defs[i].flags, m->btf_fd,
							vh_map_defs[i].btf_value)
					: -1;
	}
	{
		uint32_t zero = 0;

		if (bh_map__update_elem(m->bh[VH_RODATA_MAP], &zero, vh_rodata, BPF_ANY) ||
		    bh_map__freeze(m->bh[VH_RODATA_MAP]))
			fprintf(stderr, "vharness: cannot fill the rodata map\n");
		if (m->kfd[VH_RODATA_MAP] >= 0 && vh_kernel_fill_rodata(m->kfd[VH_RODATA_MAP]))
			fprintf(stderr, "vharness: cannot fill the kernel's rodata map\n");
	}
}

static inline void vh_maps_free(struct vh_maps *m)
{
	for (int i = 0; i < VH_MAPS; i++) {
		bh_map__free(m->bh[i]);
		if (m->kfd[i] >= 0)
			close(m->kfd[i]);
	}
	bh_btf__free(m->btf);
	if (m->btf_fd >= 0)
		close(m->btf_fd);
}

/* The program types a test program may name ("# type: NAME"). */
static const struct {
	const char *name;
	int type;
} vh_prog_types[] = {
	{ "xdp", BPF_PROG_TYPE_XDP },
	{ "syscall", BPF_PROG_TYPE_SYSCALL },
	{ "socket_filter", BPF_PROG_TYPE_SOCKET_FILTER },
	{ "sched_cls", BPF_PROG_TYPE_SCHED_CLS },
	{ "raw_tp", BPF_PROG_TYPE_RAW_TRACEPOINT },
	{ "cgroup_sysctl", BPF_PROG_TYPE_CGROUP_SYSCTL },
	{ "kprobe", BPF_PROG_TYPE_KPROBE },
	{ "tracepoint", BPF_PROG_TYPE_TRACEPOINT },
	{ "perf_event", BPF_PROG_TYPE_PERF_EVENT },
};

/* The program type named @name, or -1. */
static inline int vh_prog_type(const char *name)
{
	for (size_t i = 0; i < sizeof(vh_prog_types) / sizeof(vh_prog_types[0]); i++)
		if (!strcmp(name, vh_prog_types[i].name))
			return vh_prog_types[i].type;
	return -1;
}

/*
 * func_info for vh_btf: @names ("prog g_mem", one FUNC per subprogram in
 * the order of their first instructions) give *@cnt records in @fi.
 * Returns 0, or -EINVAL for an unknown name or more names than
 * subprograms.
 */
static inline int vh_func_info(const char *names, const struct bpf_insn *insns,
			       size_t cnt, struct bpf_func_info *fi, size_t *fi_cnt)
{
	static const struct { const char *name; uint32_t id; } funcs[] = {
		{ "prog", 10 }, { "g_ctx", 11 }, { "g_scalar", 13 }, { "g_mem", 16 },
		{ "g_void", 19 }, { "g_ret_ptr", 21 }, { "s_scalar", 22 },
		{ "g_nonnull", 23 }, { "g_nullable", 25 }, { "g_ctx_void", 27 },
		{ "g_ctx_long", 29 }, { "g_trusted", 31 }, { "g_arena", 33 },
		{ "g_untrusted", 35 }, { "g_bogus", 37 }, { "g_scalar_tag", 39 },
		{ "s_tagged", 41 }, { "g_rawtp", 46 }, { "g_skb", 50 }, { "g_kskb", 54 },
		{ "g_ctx_nonnull", 55 }, { "g_struct", 59 }, { "g_xdp_tag", 60 },
	};
	uint32_t starts[16] = { 0 };
	size_t nstart = 1, n = 0;
	char buf[256], *save = NULL;

	for (size_t pc = 0; pc < cnt; pc++) {
		bool call = insns[pc].code == (BPF_JMP | BPF_CALL) &&
			    insns[pc].src_reg == BPF_PSEUDO_CALL;
		bool func = insns[pc].code == (BPF_LD | BPF_IMM | BPF_DW) &&
			    insns[pc].src_reg == BPF_PSEUDO_FUNC;
		uint32_t target = (uint32_t)((int64_t)pc + insns[pc].imm + 1);
		size_t j;

		if (call || func) {
			for (j = 0; j < nstart && starts[j] != target; j++)
				;
			if (j == nstart && nstart < 16)
				starts[nstart++] = target;
		}
	}
	for (size_t i = 1; i < nstart; i++) /* insertion sort: a few entries */
		for (size_t j = i; j > 0 && starts[j - 1] > starts[j]; j--) {
			uint32_t t = starts[j];

			starts[j] = starts[j - 1];
			starts[j - 1] = t;
		}
	snprintf(buf, sizeof(buf), "%s", names);
	for (char *w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		size_t k;

		for (k = 0; k < sizeof(funcs) / sizeof(funcs[0]) && strcmp(funcs[k].name, w); k++)
			;
		if (k == sizeof(funcs) / sizeof(funcs[0]) || n >= nstart)
			return -EINVAL;
		fi[n].insn_off = starts[n];
		fi[n].type_id = funcs[k].id;
		n++;
	}
	*fi_cnt = n; /* a count other than the subprograms': the verifier's to refuse */
	return 0;
}

/*
 * bpfhost: 0 or -errno, the log in @log; @unpriv: as for a loader without
 * CAP_BPF/CAP_PERFMON (the verifier's rules only: the loader's
 * program-type and size limits are bh_prog__load()'s); with func_info for
 * vh_btf (@fi_cnt 0: none).
 */
static inline int vh_bh_verify_funcs(int type, bool unpriv, const struct bpf_insn *insns,
				     size_t cnt, struct vh_maps *m, char *log, size_t log_sz,
				     uint32_t level, struct bh_verifier_output *vout,
				     const struct bpf_func_info *fi, size_t fi_cnt)
{
	struct bh_func_info bfi[16];
	struct bh_verifier_btf vbtf = { .btf = m->btf, .func_info = bfi,
					.func_info_cnt = fi_cnt };
	struct prog_maps pm = { 0 };
	struct bh_verifier_output out_local;
	struct bh_log l;
	int ret;

	for (size_t i = 0; i < fi_cnt && i < 16; i++)
		bfi[i] = (struct bh_func_info){ .insn_off = fi[i].insn_off,
						.type_id = fi[i].type_id };
	if (!vout)
		vout = &out_local;
	memset(vout, 0, sizeof(*vout));
	bh_log_init(&l, log, log_sz, level);
	ret = prog_maps_resolve(&pm, insns, cnt, m->bh, VH_MAPS, &l);
	/* as bh_prog__load() for a verified load: the encoding check only,
	 * uninitialised reads are the verifier's (on feasible paths) */
	if (!ret)
		ret = isa_check_encoding(pm.insns ? pm.insns : insns, cnt, &l);
	if (!ret)
		ret = verifier_check_prog_btf((uint32_t)type, 0, 0, 1, unpriv,
					      pm.insns ? pm.insns : insns, cnt, &pm,
					      &vbtf, vout, &l);
	bh_log_finish(&l);
	prog_maps_release(&pm);
	return ret;
}

static inline int vh_bh_verify_as(int type, bool unpriv, const struct bpf_insn *insns,
				  size_t cnt, struct vh_maps *m, char *log, size_t log_sz,
				  uint32_t level, struct bh_verifier_output *vout)
{
	return vh_bh_verify_funcs(type, unpriv, insns, cnt, m, log, log_sz, level, vout,
				  NULL, 0);
}

static inline int vh_bh_verify(int type, const struct bpf_insn *insns, size_t cnt,
			       struct vh_maps *m, char *log, size_t log_sz, uint32_t level,
			       struct bh_verifier_output *vout)
{
	return vh_bh_verify_as(type, false, insns, cnt, m, log, log_sz, level, vout);
}

/* The kernel: 0 (accepted), -errno, or 1 when bpf() is refused outright;
 * with func_info (@fi_cnt > 0) and vh_btf as the program's BTF. */
static inline int vh_kernel_verify_funcs(int type, const struct bpf_insn *insns,
					 size_t cnt, const struct vh_maps *m, char *log,
					 size_t log_sz, uint32_t level,
					 const struct bpf_func_info *fi, size_t fi_cnt)
{
	union bpf_attr a;
	int fd;

	memset(&a, 0, sizeof(a));
	if (fi_cnt) {
		a.prog_btf_fd = (uint32_t)m->btf_fd;
		a.func_info = (uintptr_t)fi;
		a.func_info_cnt = (uint32_t)fi_cnt;
		a.func_info_rec_size = sizeof(*fi);
	}
	a.prog_type = (uint32_t)type;
	a.insns = (uintptr_t)insns;
	a.insn_cnt = (uint32_t)cnt;
	a.license = (uintptr_t)"GPL";
	a.log_buf = (uintptr_t)log;
	a.log_size = (uint32_t)log_sz;
	a.log_level = level;
	a.fd_array = (uintptr_t)m->kfd;
	if (type == BPF_PROG_TYPE_SYSCALL)
		a.prog_flags = BPF_F_SLEEPABLE; /* the kernel's rule for SYSCALL */
	if (log && log_sz)
		log[0] = 0;
	fd = (int)syscall(__NR_bpf, BPF_PROG_LOAD, &a, sizeof(a));
	if (fd >= 0) {
		close(fd);
		return 0;
	}
	if (errno == EPERM || errno == ENOSYS)
		return 1;
	return -errno;
}

static inline int vh_kernel_verify(int type, const struct bpf_insn *insns, size_t cnt,
				   const struct vh_maps *m, char *log, size_t log_sz,
				   uint32_t level)
{
	return vh_kernel_verify_funcs(type, insns, cnt, m, log, log_sz, level, NULL, 0);
}

/* Is bpf() usable at all? */
static inline int vh_kernel_available(void)
{
	struct bpf_insn p[2] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	struct vh_maps none;

	memset(&none, 0, sizeof(none));
	for (int i = 0; i < VH_MAPS; i++)
		none.kfd[i] = -1;

	return vh_kernel_verify(BPF_PROG_TYPE_XDP, p, 2, &none, NULL, 0, 0) == 0;
}

/*
 * The kernel as an unprivileged loader: a child process drops every
 * capability (capset) and loads.  0 (accepted), -errno, or 1 when bpf()
 * refuses outright (EPERM: also the verifier's answer to BPF-to-BPF calls).
 * Only meaningful when vh_kernel_unpriv_gap() is NULL.
 */
static inline int vh_kernel_verify_unpriv(int type, const struct bpf_insn *insns, size_t cnt,
				   const struct vh_maps *m)
{
	int pfd[2], ret = 1;
	pid_t pid;

	if (pipe(pfd))
		return 1;
	pid = fork();
	if (pid == 0) {
		struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
		struct __user_cap_data_struct d[2];
		int r = 1;

		memset(d, 0, sizeof(d));
		if (!syscall(SYS_capset, &h, d))
			r = vh_kernel_verify(type, insns, cnt, m, NULL, 0, 0);
		if (write(pfd[1], &r, sizeof(r)) != sizeof(r))
			_exit(1);
		_exit(0);
	}
	close(pfd[1]);
	if (pid < 0 || read(pfd[0], &ret, sizeof(ret)) != sizeof(ret))
		ret = 1;
	close(pfd[0]);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	return ret;
}

/* Why the kernel cannot verify as an unprivileged loader here (NULL: it
 * can): kernel.unprivileged_bpf_disabled must be 0, and bpfhost's tests
 * never change it. */
static inline const char *vh_kernel_unpriv_gap(void)
{
	static char why[96];
	FILE *f = fopen("/proc/sys/kernel/unprivileged_bpf_disabled", "r");
	int v = -1;

	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = -1;
		fclose(f);
	}
	if (v == 0)
		return NULL;
	snprintf(why, sizeof(why), "kernel.unprivileged_bpf_disabled=%d", v);
	return why;
}

#endif /* BH_TESTS_VHARNESS_H */
