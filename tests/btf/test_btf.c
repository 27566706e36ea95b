/* SPDX-License-Identifier: MIT */
/*
 * tests/btf/test_btf.c - BTF parsing, queries and value printing, on the
 * .BTF of clang-built objects and on hand-made (valid and malformed) blobs.
 */
#include <errno.h>
#include <stddef.h>

#include <gelf.h>

#include <bpfhost/bpfhost.h>

#include "test.h"
#include "progs/loader_btf.h"

static char logbuf[4096];

static const char *obj_path(const char *name)
{
	static char path[512];
	const char *build = getenv("BUILD");

	snprintf(path, sizeof(path), "%s/progs/%s", build && build[0] ? build : "build", name);
	return path;
}

/* The raw .BTF section of an object file, read with libelf; malloc'd. */
static void *read_btf_section(const char *name, size_t *size)
{
	FILE *f = fopen(obj_path(name), "rb");
	static char file[1 << 20];
	size_t n;
	Elf *elf;
	Elf_Scn *scn = NULL;
	size_t shstrndx;
	void *out = NULL;

	if (!f)
		return NULL;
	n = fread(file, 1, sizeof(file), f);
	fclose(f);
	elf_version(EV_CURRENT);
	elf = elf_memory(file, n);
	if (!elf || elf_getshdrstrndx(elf, &shstrndx))
		return NULL;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;

		if (!gelf_getshdr(scn, &sh) ||
		    strcmp(elf_strptr(elf, shstrndx, sh.sh_name) ?: "", ".BTF"))
			continue;
		out = malloc(sh.sh_size);
		memcpy(out, file + sh.sh_offset, sh.sh_size);
		*size = sh.sh_size;
	}
	elf_end(elf);
	return out;
}

static struct bh_btf *object_btf(const char *name)
{
	size_t size = 0;
	void *raw = read_btf_section(name, &size);
	BH_OPTS(bh_btf_opts, opts, .log_buf = logbuf, .log_size = sizeof(logbuf));
	struct bh_btf *btf = raw ? bh_btf__new_opts(raw, size, &opts) : NULL;

	if (!btf)
		fprintf(stderr, "  %s: %s\n", name, logbuf);
	free(raw);
	return btf;
}

/* ---- Real objects ------------------------------------------------------------ */

static void test_btf__real_objects_parse(void)
{
	static const char *const objs[] = {
		"loader_basic.bpf.o", "loader_btf.bpf.o", "loader_core.bpf.o",
		"loader_mim.bpf.o", "loader_kfunc.bpf.o", "loader_cpu.v1.bpf.o",
		"loader_cpu.v4.bpf.o", "loader_types.bpf.o",
	};

	for (size_t i = 0; i < BH_ARRAY_LEN(objs); i++) {
		struct bh_btf *btf = object_btf(objs[i]);

		CHECK("real-parse", btf != NULL);
		if (btf)
			CHECK("real-types", bh_btf__type_cnt(btf) > 5);
		bh_btf__free(btf);
	}
}

static void test_btf__queries(void)
{
	struct bh_btf *btf = object_btf("loader_btf.bpf.o");
	const struct btf_type *t;
	uint32_t bits;
	int id, tid;

	REQUIRE("q-btf", btf);
	id = bh_btf__find_by_name_kind(btf, "btf_all", BTF_KIND_STRUCT);
	REQUIRE("q-struct", id > 0);
	CHECK_EQ("q-size", bh_btf__resolve_size(btf, id), sizeof(struct btf_all));
	CHECK_EQ("q-align", bh_btf__align_of(btf, id), _Alignof(struct btf_all));
	t = bh_btf__type_by_id(btf, id);
	REQUIRE("q-type", t);
	CHECK_EQ("q-vlen", BTF_INFO_VLEN(t->info), 14); /* the union is one */
	CHECK_EQ("q-off-x", bh_btf__member_bit_offset(btf, id, 0, &bits), 0);
	CHECK_EQ("q-off-name", bh_btf__member_bit_offset(btf, id, 4, &bits),
		 offsetof(struct btf_all, name) * 8);
	CHECK_EQ("q-off-d", bh_btf__member_bit_offset(btf, id, 8, NULL),
		 offsetof(struct btf_all, d) * 8);
	CHECK_EQ("q-off-raw", bh_btf__member_bit_offset(btf, id, 13, NULL),
		 offsetof(struct btf_all, raw) * 8);
	bh_btf__member_bit_offset(btf, id, 1, &bits);
	CHECK_EQ("q-bitfield-flag", bits, 1);
	bh_btf__member_bit_offset(btf, id, 2, &bits);
	CHECK_EQ("q-bitfield-small", bits, 4);
	CHECK_EQ("q-member-range", bh_btf__member_bit_offset(btf, id, 14, NULL), -EINVAL);
	CHECK("q-name", !strcmp(bh_btf__name_by_offset(btf, t->name_off), "btf_all"));
	CHECK("q-enum", bh_btf__find_by_name_kind(btf, "color", BTF_KIND_ENUM) > 0);
	CHECK("q-enum64", bh_btf__find_by_name_kind(btf, "big64", BTF_KIND_ENUM64) > 0);
	CHECK("q-union", bh_btf__find_by_name_kind(btf, "btf_u", BTF_KIND_UNION) > 0);
	CHECK("q-datasec", bh_btf__find_by_name_kind(btf, ".bss", BTF_KIND_DATASEC) > 0);
	CHECK("q-var", bh_btf__find_by_name_kind(btf, "all_var", BTF_KIND_VAR) > 0);
	CHECK("q-func", bh_btf__find_by_name_kind(btf, "btf_touch", BTF_KIND_FUNC) > 0);
	CHECK("q-float", bh_btf__find_by_name_kind(btf, "float", BTF_KIND_FLOAT) > 0);
	CHECK_EQ("q-notfound", bh_btf__find_by_name_kind(btf, "nope", BTF_KIND_STRUCT), -ENOENT);
	CHECK_EQ("q-void", bh_btf__find_by_name(btf, "void"), 0);
	tid = bh_btf__find_by_name_kind(btf, "btf_td_t", BTF_KIND_TYPEDEF);
	REQUIRE("q-typedef", tid > 0);
	t = bh_btf__type_by_id(btf, bh_btf__resolve_type(btf, tid));
	CHECK_EQ("q-resolve-kind", BTF_INFO_KIND(t->info), BTF_KIND_INT);
	CHECK_EQ("q-typedef-size", bh_btf__resolve_size(btf, tid), 4);
	id = bh_btf__find_by_name_kind(btf, "ro_arr", BTF_KIND_VAR);
	CHECK_EQ("q-var-size", bh_btf__resolve_size(btf, id), 12);
	id = bh_btf__find_by_name_kind(btf, "btf_touch", BTF_KIND_FUNC);
	CHECK_EQ("q-func-nosize", bh_btf__resolve_size(btf, id), -EINVAL);
	CHECK("q-id-range", !bh_btf__type_by_id(btf, bh_btf__type_cnt(btf)) && errno == EINVAL);
	CHECK("q-kind-str", !strcmp(bh_btf__kind_str(BTF_KIND_DECL_TAG), "DECL_TAG"));
	bh_btf__free(btf);
	bh_btf__free(NULL);
}

static void test_btf__dump_struct(void)
{
	struct bh_btf *btf = object_btf("loader_btf.bpf.o");
	struct btf_all v;
	union btf_u u = { .c = { 'a', 'b', 0, 0 } };
	char out[1024];
	int id, ret;
	static const char want[] =
		"{ .x = -5, .flag = 1, .small = -3, .col = GREEN, .name = \"abc\", "
		".pts = { { .x = 1, .y = -2 }, { .x = 3, .y = 4 } }, .ptr = 0x1234, "
		".ok = true, .d = 1.5, .b64 = BIG_B, .cv = 9, { .ui = 1069547520, .uf = 1.5 }, "
		".neg = -1, .raw = { 1, 2, 3 } }";

	REQUIRE("dump-btf", btf);
	memset(&v, 0, sizeof(v));
	v.x = -5;
	v.flag = 1;
	v.small = -3;
	v.col = GREEN;
	strcpy(v.name, "abc");
	v.pts[0].x = 1;
	v.pts[0].y = -2;
	v.pts[1].x = 3;
	v.pts[1].y = 4;
	v.ptr = (void *)0x1234;
	v.ok = 1;
	v.d = 1.5;
	v.b64 = BIG_B;
	*(btf_td_t *)&v.cv = 9;
	v.uf = 1.5f;
	v.neg = -1;
	v.raw[0] = 1, v.raw[1] = 2, v.raw[2] = 3;
	id = bh_btf__find_by_name_kind(btf, "btf_all", BTF_KIND_STRUCT);
	ret = bh_btf__snprint_value(btf, id, &v, sizeof(v), out, sizeof(out));
	CHECK_EQ("dump-len", ret, strlen(want));
	CHECK("dump-text", !strcmp(out, want));
	if (strcmp(out, want))
		fprintf(stderr, "  got:  %s\n  want: %s\n", out, want);
	CHECK_EQ("dump-small", bh_btf__snprint_value(btf, id, &v, sizeof(v) - 1, out, sizeof(out)),
		 -E2BIG);
	CHECK_EQ("dump-cut", bh_btf__snprint_value(btf, id, &v, sizeof(v), out, 8), strlen(want));
	CHECK("dump-cut-text", !strcmp(out, "{ .x = "));
	id = bh_btf__find_by_name_kind(btf, "btf_u", BTF_KIND_UNION);
	bh_btf__snprint_value(btf, id, &u, sizeof(u), out, sizeof(out));
	CHECK("dump-union", !strcmp(out, "{ .i = 25185, .c = \"ab\" }"));
	id = bh_btf__find_by_name_kind(btf, "btf_touch", BTF_KIND_FUNC);
	CHECK_EQ("dump-func", bh_btf__snprint_value(btf, id, &v, sizeof(v), out, sizeof(out)),
		 -EINVAL);
	{
		/* DATASECs need the loader's fix-up (offsets from the ELF file). */
		struct bh_object *obj = bh_object__open_file(obj_path("loader_btf.bpf.o"), NULL);
		const struct bh_btf *obtf = obj ? bh_object__btf(obj) : NULL;
		int ro[3] = { 1, 2, 3 };

		REQUIRE("dump-obj", obtf);
		id = bh_btf__find_by_name_kind(obtf, ".rodata", BTF_KIND_DATASEC);
		CHECK("dump-datasec-id", id > 0);
		bh_btf__snprint_value(obtf, id, ro, sizeof(ro), out, sizeof(out));
		CHECK("dump-datasec", !strcmp(out, "{ .ro_arr = { 1, 2, 3 } }"));
		CHECK_EQ("dump-file", bh_btf__dump_value(obtf, id, ro, sizeof(ro), stdout), 0);
		printf("\n");
		bh_object__close(obj);
	}
	bh_btf__free(btf);
}

/* ---- Hand-made blobs ------------------------------------------------------------ */

#define K(kind, vlen) (((uint32_t)(kind) << 24) | (vlen))
#define KF(kind, vlen) (K(kind, vlen) | 1u << 31)

/* "\0int\0s\0a\0t\0" */
static const char strs[] = "\0int\0s\0a\0t";
enum { S_INT = 1, S_S = 5, S_A = 7, S_T = 9 };

struct blob {
	uint8_t b[8192];
	size_t len;
};

static void build(struct blob *bl, const uint32_t *types, size_t type_len)
{
	struct btf_header h = {
		.magic = BTF_MAGIC, .version = BTF_VERSION, .hdr_len = sizeof(h),
		.type_off = 0, .type_len = (uint32_t)type_len,
		.str_off = (uint32_t)type_len, .str_len = sizeof(strs),
	};

	memcpy(bl->b, &h, sizeof(h));
	memcpy(bl->b + sizeof(h), types, type_len);
	memcpy(bl->b + sizeof(h) + type_len, strs, sizeof(strs));
	bl->len = sizeof(h) + type_len + sizeof(strs);
}

/* [1] int, [2] ptr -> 1, [3] struct s { int a; } */
static const uint32_t base_types[] = {
	S_INT, K(BTF_KIND_INT, 0), 4, 0x01000020,
	0, K(BTF_KIND_PTR, 0), 1,
	S_S, K(BTF_KIND_STRUCT, 1), 4, S_A, 1, 0,
};

static struct bh_btf *parse(const struct blob *bl)
{
	BH_OPTS(bh_btf_opts, opts, .log_buf = logbuf, .log_size = sizeof(logbuf));

	logbuf[0] = '\0';
	return bh_btf__new_opts(bl->b, bl->len, &opts);
}

static void test_btf__blob_valid(void)
{
	struct blob bl;
	struct bh_btf *btf;

	build(&bl, base_types, sizeof(base_types));
	btf = parse(&bl);
	REQUIRE("blob-valid", btf);
	CHECK_EQ("blob-cnt", bh_btf__type_cnt(btf), 4);
	CHECK_EQ("blob-find", bh_btf__find_by_name_kind(btf, "s", BTF_KIND_STRUCT), 3);
	CHECK_EQ("blob-size-ptr", bh_btf__resolve_size(btf, 2), 8);
	CHECK_EQ("blob-size-struct", bh_btf__resolve_size(btf, 3), 4);
	bh_btf__free(btf);
}

/* Every kind at least once, all valid. */
static void test_btf__blob_every_kind(void)
{
	static const uint32_t types[] = {
		/* [1] */ S_INT, K(BTF_KIND_INT, 0), 4, 0x01000020,
		/* [2] */ 0, K(BTF_KIND_PTR, 0), 3,
		/* [3] */ S_S, K(BTF_KIND_FWD, 0), 0,
		/* [4] int[3] */ 0, K(BTF_KIND_ARRAY, 0), 0, 1, 1, 3,
		/* [5] struct s { int a:3; int t[3] } */
		S_S, KF(BTF_KIND_STRUCT, 2), 16, S_A, 1, 3u << 24 | 0, S_T, 4, 32,
		/* [6] union */ 0, K(BTF_KIND_UNION, 1), 4, S_A, 1, 0,
		/* [7] enum */ S_T, K(BTF_KIND_ENUM, 1), 4, S_A, 7,
		/* [8] typedef a -> volatile */ S_A, K(BTF_KIND_TYPEDEF, 0), 9,
		/* [9] volatile -> const */ 0, K(BTF_KIND_VOLATILE, 0), 10,
		/* [10] const -> restrict */ 0, K(BTF_KIND_CONST, 0), 11,
		/* [11] restrict -> ptr */ 0, K(BTF_KIND_RESTRICT, 0), 2,
		/* [12] proto int (int a) */ 0, K(BTF_KIND_FUNC_PROTO, 1), 1, S_A, 1,
		/* [13] func s */ S_S, K(BTF_KIND_FUNC, BTF_FUNC_GLOBAL), 12,
		/* [14] var a */ S_A, K(BTF_KIND_VAR, 0), 5, BTF_VAR_GLOBAL_ALLOCATED,
		/* [15] datasec t */ S_T, K(BTF_KIND_DATASEC, 1), 16, 14, 0, 16,
		/* [16] float */ S_INT, K(BTF_KIND_FLOAT, 0), 8,
		/* [17] decl_tag on member 1 of [5] */ S_T, K(BTF_KIND_DECL_TAG, 0), 5, 1,
		/* [18] type_tag -> int */ S_T, K(BTF_KIND_TYPE_TAG, 0), 1,
		/* [19] enum64 */ S_S, K(BTF_KIND_ENUM64, 1), 8, S_A, 1, 2,
	};
	struct blob bl;
	struct bh_btf *btf;
	char out[256];
	struct { uint32_t bf; int t[3]; } val = { 5, { 1, 2, 3 } };

	build(&bl, types, sizeof(types));
	btf = parse(&bl);
	if (!btf)
		fprintf(stderr, "  %s", logbuf);
	REQUIRE("kinds-valid", btf);
	CHECK_EQ("kinds-cnt", bh_btf__type_cnt(btf), 20);
	CHECK_EQ("kinds-array-size", bh_btf__resolve_size(btf, 4), 12);
	CHECK_EQ("kinds-typedef-size", bh_btf__resolve_size(btf, 8), 8);
	CHECK_EQ("kinds-resolve", bh_btf__resolve_type(btf, 8), 2);
	CHECK_EQ("kinds-fwd-nosize", bh_btf__resolve_size(btf, 3), -EINVAL);
	CHECK_EQ("kinds-var-size", bh_btf__resolve_size(btf, 14), 16);
	CHECK_EQ("kinds-tag-size", bh_btf__resolve_size(btf, 18), 4);
	bh_btf__snprint_value(btf, 15, &val, sizeof(val), out, sizeof(out));
	CHECK("kinds-dump-datasec", !strcmp(out, "{ .a = { .a = -3, .t = { 1, 2, 3 } } }"));
	if (strcmp(out, "{ .a = { .a = -3, .t = { 1, 2, 3 } } }"))
		fprintf(stderr, "  got %s\n", out);
	{
		uint64_t e = 0x200000001ULL;

		bh_btf__snprint_value(btf, 19, &e, 8, out, sizeof(out));
		CHECK("kinds-dump-enum64", !strcmp(out, "a"));
	}
	bh_btf__free(btf);
}

struct bad_case {
	const char *name;
	const char *msg;
	uint32_t types[48];
	size_t n;
};

#define BAD_CASE(nm, m, ...) \
	{ nm, m, { __VA_ARGS__ }, sizeof((uint32_t[]){ __VA_ARGS__ }) / 4 }

static const struct bad_case bad_cases[] = {
	BAD_CASE("name-off", "name offset", 100, K(BTF_KIND_INT, 0), 4, 0x01000020),
	BAD_CASE("ptr-range", "out of range", 0, K(BTF_KIND_PTR, 0), 9),
	BAD_CASE("const-loop", "loop", 0, K(BTF_KIND_CONST, 0), 1),
	BAD_CASE("typedef-loop", "loop", S_A, K(BTF_KIND_TYPEDEF, 0), 2, S_S,
		 K(BTF_KIND_TYPEDEF, 0), 1),
	BAD_CASE("ptr-loop", "loop", 0, K(BTF_KIND_PTR, 0), 2, 0, K(BTF_KIND_CONST, 0), 1),
	BAD_CASE("struct-self", "loop", S_S, K(BTF_KIND_STRUCT, 1), 4, S_A, 1, 0),
	BAD_CASE("unknown-kind", "unknown kind", 0, K(25, 0), 0),
	BAD_CASE("int-bits", "bits", S_INT, K(BTF_KIND_INT, 0), 4, 0x01000040),
	BAD_CASE("int-size", "size", S_INT, K(BTF_KIND_INT, 0), 3, 0x01000008),
	BAD_CASE("ptr-vlen", "vlen", 0, K(BTF_KIND_PTR, 2), 0),
	BAD_CASE("func-proto", "FUNC_PROTO", S_INT, K(BTF_KIND_INT, 0), 4, 0x01000020,
		 S_S, K(BTF_KIND_FUNC, 0), 1),
	BAD_CASE("member-past", "ends past", S_INT, K(BTF_KIND_INT, 0), 4, 0x01000020,
		 S_S, K(BTF_KIND_STRUCT, 1), 2, S_A, 1, 0),
	BAD_CASE("decl-tag", "component", S_INT, K(BTF_KIND_INT, 0), 4, 0x01000020,
		 S_S, K(BTF_KIND_STRUCT, 1), 4, S_A, 1, 0, S_T, K(BTF_KIND_DECL_TAG, 0), 2, 5),
	BAD_CASE("enum-size", "size", S_S, K(BTF_KIND_ENUM, 1), 3, S_A, 1),
	BAD_CASE("array-elem", "out of range", 0, K(BTF_KIND_ARRAY, 0), 0, 7, 7, 1),
	BAD_CASE("member-range", "out of range", S_S, K(BTF_KIND_STRUCT, 1), 4, S_A, 5, 0),
	BAD_CASE("typedef-noname", "needs a name", 0, K(BTF_KIND_TYPEDEF, 0), 0),
	BAD_CASE("var-linkage", "linkage", S_INT, K(BTF_KIND_INT, 0), 4, 0x01000020,
		 S_A, K(BTF_KIND_VAR, 0), 1, 7),
	BAD_CASE("truncated", "run past", S_S, K(BTF_KIND_STRUCT, 3), 4, S_A, 1),
	BAD_CASE("array-overflow", "overflows", S_INT, K(BTF_KIND_INT, 0), 4, 0x01000020,
		 0, K(BTF_KIND_ARRAY, 0), 0, 1, 1, 0x40000001),
	BAD_CASE("float-size", "size", S_INT, K(BTF_KIND_FLOAT, 0), 3),
	BAD_CASE("var-of-datasec", "cannot refer", S_A, K(BTF_KIND_VAR, 0), 2, 1,
		 S_T, K(BTF_KIND_DATASEC, 1), 4, 1, 0, 4),
	BAD_CASE("datasec-entry", "not a VAR", S_INT, K(BTF_KIND_INT, 0), 4, 0x01000020,
		 S_T, K(BTF_KIND_DATASEC, 1), 4, 1, 0, 4),
	BAD_CASE("const-of-var", "cannot refer", S_INT, K(BTF_KIND_INT, 0), 4, 0x01000020,
		 S_A, K(BTF_KIND_VAR, 0), 1, 1, 0, K(BTF_KIND_CONST, 0), 2),
	BAD_CASE("bitfield-ptr", "not an integer", 0, K(BTF_KIND_PTR, 0), 0,
		 S_S, KF(BTF_KIND_STRUCT, 1), 8, S_A, 1, 3u << 24),
};

static void test_btf__blob_malformed_types(void)
{
	for (size_t i = 0; i < BH_ARRAY_LEN(bad_cases); i++) {
		const struct bad_case *c = &bad_cases[i];
		struct blob bl;
		struct bh_btf *btf;

		build(&bl, c->types, c->n * 4);
		btf = parse(&bl);
		CHECK("bad-refused", !btf && errno == EINVAL);
		CHECK("bad-msg", strstr(logbuf, c->msg) != NULL);
		if (btf || !strstr(logbuf, c->msg))
			fprintf(stderr, "  case %s: log '%s'\n", c->name, logbuf);
		bh_btf__free(btf);
	}
}

static void test_btf__blob_malformed_header(void)
{
	struct blob bl;
	struct btf_header *h = (struct btf_header *)bl.b;
	struct bh_btf *btf;
	uint32_t deep[3 * 41 + 4];

#define EXPECT_BAD(tag, msg)                                                \
	do {                                                                \
		btf = parse(&bl);                                           \
		CHECK(tag, !btf && errno == EINVAL && strstr(logbuf, msg)); \
		if (btf || !strstr(logbuf, msg))                            \
			fprintf(stderr, "  %s: log '%s'\n", tag, logbuf);   \
		bh_btf__free(btf);                                          \
	} while (0)

	build(&bl, base_types, sizeof(base_types));
	h->magic = 0x1234;
	EXPECT_BAD("hdr-magic", "bad magic");
	build(&bl, base_types, sizeof(base_types));
	h->magic = 0x9feb;
	EXPECT_BAD("hdr-endian", "other byte order");
	build(&bl, base_types, sizeof(base_types));
	h->version = 2;
	EXPECT_BAD("hdr-version", "version");
	build(&bl, base_types, sizeof(base_types));
	h->flags = 1;
	EXPECT_BAD("hdr-flags", "flags");
	build(&bl, base_types, sizeof(base_types));
	h->hdr_len = 10000;
	EXPECT_BAD("hdr-len", "header length");
	build(&bl, base_types, sizeof(base_types));
	h->type_len += 100;
	EXPECT_BAD("hdr-types-oob", "out of bounds");
	build(&bl, base_types, sizeof(base_types));
	h->str_len += 1;
	EXPECT_BAD("hdr-strs-oob", "out of bounds");
	build(&bl, base_types, sizeof(base_types));
	h->type_off = 2;
	EXPECT_BAD("hdr-align", "aligned");
	build(&bl, base_types, sizeof(base_types));
	bl.b[sizeof(*h) + h->str_off] = 'x';
	EXPECT_BAD("hdr-str-nul", "NUL");
	build(&bl, base_types, sizeof(base_types));
	h->type_len = 10;
	EXPECT_BAD("hdr-truncated-record", "truncated");
	build(&bl, base_types, sizeof(base_types));
	bl.len = 10;
	EXPECT_BAD("hdr-small", "smaller than the header");
	/* 40 modifiers deep, each pointing to the next: refused as the kernel
	 * does (resolve depth 32). */
	for (uint32_t i = 0; i < 41; i++) {
		deep[3 * i] = 0;
		deep[3 * i + 1] = K(BTF_KIND_CONST, 0);
		deep[3 * i + 2] = i + 2;
	}
	deep[123] = S_INT, deep[124] = K(BTF_KIND_INT, 0), deep[125] = 4, deep[126] = 0x01000020;
	build(&bl, deep, sizeof(deep));
	EXPECT_BAD("hdr-deep", "deeper");
	CHECK("hdr-null", !bh_btf__new(NULL, 10) && errno == EINVAL);
}

/* Every truncation and many byte flips of a real .BTF: refused or consistent. */
static void test_btf__real_blob_mutations(void)
{
	size_t size = 0;
	uint8_t *raw = read_btf_section("loader_btf.bpf.o", &size), *copy;
	unsigned int seed = 12345, ok = 0, bad = 0;

	REQUIRE("mut-raw", raw && size > 24);
	copy = malloc(size);
	for (size_t len = 0; len < size; len++) {
		struct bh_btf *btf = bh_btf__new(raw, len);

		if (btf) {
			ok++;
			bh_btf__free(btf);
		} else {
			bad++;
			CHECK("mut-trunc-errno", errno == EINVAL || errno == E2BIG);
		}
	}
	CHECK("mut-trunc-refused", bad >= size - 1);
	for (int i = 0; i < 3000; i++) {
		struct bh_btf *btf;

		memcpy(copy, raw, size);
		for (int k = 0; k < 1 + i % 3; k++) {
			seed = seed * 1103515245 + 12345;
			copy[(seed >> 8) % size] ^= (uint8_t)(1 + (seed >> 20) % 255);
		}
		btf = bh_btf__new(copy, size);
		if (btf) { /* anything accepted must be safe to query and print */
			char out[256];
			uint8_t zero[4096] = { 0 };

			for (uint32_t id = 0; id < bh_btf__type_cnt(btf); id++) {
				int64_t sz = bh_btf__resolve_size(btf, id);

				bh_btf__align_of(btf, id);
				bh_btf__resolve_type(btf, id);
				if (sz >= 0 && sz <= (int64_t)sizeof(zero))
					bh_btf__snprint_value(btf, id, zero, sizeof(zero), out, sizeof(out));
			}
			bh_btf__free(btf);
		}
	}
	free(copy);
	free(raw);
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_btf__real_objects_parse),
	BH_TEST(test_btf__queries),
	BH_TEST(test_btf__dump_struct),
	BH_TEST(test_btf__blob_valid),
	BH_TEST(test_btf__blob_every_kind),
	BH_TEST(test_btf__blob_malformed_types),
	BH_TEST(test_btf__blob_malformed_header),
	BH_TEST(test_btf__real_blob_mutations),
};

BH_TEST_MAIN(cases)
