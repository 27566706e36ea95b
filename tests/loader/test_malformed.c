/* SPDX-License-Identifier: MIT */
/*
 * tests/loader/test_malformed.c - malformed objects: hand-patched ELF
 * headers, sections, symbols and relocations of a real object, objects
 * with bad map definitions, every truncation and thousands of random byte
 * flips.  Every one is refused with EINVAL (or ENOTSUP) and a message, or
 * opens and loads consistently; none crashes (run under ASan in
 * build-asan).
 */
#include <elf.h>
#include <errno.h>

#include <bpfhost/bpfhost.h>

#include "test.h"

static char logbuf[16384];

static const char *obj_path(const char *name)
{
	static char path[512];
	const char *build = getenv("BUILD");

	snprintf(path, sizeof(path), "%s/progs/%s", build && build[0] ? build : "build", name);
	return path;
}

static uint8_t *read_obj(const char *name, size_t *size)
{
	FILE *f = fopen(obj_path(name), "rb");
	uint8_t *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*size = (size_t)n;
	return buf;
}

/* Open (and, if that works, load) @buf; 0 or the errno of the refusal. */
static int try_object(const void *buf, size_t size)
{
	BH_OPTS(bh_object_open_opts, opts, .log_buf = logbuf, .log_size = sizeof(logbuf));
	struct bh_object *obj = bh_object__open_mem(buf, size, &opts);
	int ret;

	if (!obj)
		return errno;
	for (struct bh_program *p = bh_object__next_program(obj, NULL); p;
	     p = bh_object__next_program(obj, p))
		bh_program__insns(p, NULL);
	for (struct bh_object_map *m = bh_object__next_map(obj, NULL); m;
	     m = bh_object__next_map(obj, m))
		bh_object_map__initial_value(m, NULL);
	ret = bh_object__load(obj);
	bh_object__close(obj);
	return ret < 0 ? -ret : 0;
}

static void expect_refused(const char *tag, const void *buf, size_t size, int err,
			   const char *msg)
{
	int ret = try_object(buf, size);

	CHECK(tag, ret == err && strstr(logbuf, msg));
	if (ret != err || !strstr(logbuf, msg))
		fprintf(stderr, "  %s: errno %d (want %d), log: %s\n", tag, ret, err, logbuf);
}

/* ---- ELF layout helpers over a real object -------------------------------- */

struct elfv {
	uint8_t *buf;
	size_t size;
	Elf64_Ehdr *eh;
	Elf64_Shdr *sh;
};

static void elfv_init(struct elfv *e, uint8_t *buf, size_t size)
{
	e->buf = buf;
	e->size = size;
	e->eh = (Elf64_Ehdr *)buf;
	e->sh = (Elf64_Shdr *)(buf + e->eh->e_shoff);
}

static const char *sec_name(const struct elfv *e, size_t i)
{
	return (const char *)e->buf + e->sh[e->eh->e_shstrndx].sh_offset + e->sh[i].sh_name;
}

static int find_sec(const struct elfv *e, const char *name)
{
	for (int i = 1; i < e->eh->e_shnum; i++)
		if (!strcmp(sec_name(e, i), name))
			return i;
	return -1;
}

static int find_type(const struct elfv *e, uint32_t type)
{
	for (int i = 1; i < e->eh->e_shnum; i++)
		if (e->sh[i].sh_type == type)
			return i;
	return -1;
}

typedef void (*patch_fn)(struct elfv *e);

static void p_machine(struct elfv *e) { e->eh->e_machine = EM_X86_64; }
static void p_class(struct elfv *e) { e->buf[EI_CLASS] = ELFCLASS32; }
static void p_endian(struct elfv *e) { e->buf[EI_DATA] = ELFDATA2MSB; }
static void p_type(struct elfv *e) { e->eh->e_type = ET_EXEC; }
static void p_shoff(struct elfv *e) { e->eh->e_shoff = 0xffffff00; }
static void p_shnum(struct elfv *e) { e->eh->e_shnum += 50; }
static void p_shstrndx(struct elfv *e) { e->eh->e_shstrndx = 0xfff0; }
static void p_sec_off(struct elfv *e) { e->sh[find_sec(e, "xdp")].sh_offset = 0x7fffffff; }
static void p_sec_size(struct elfv *e) { e->sh[find_sec(e, ".BTF")].sh_size = 0x1000000; }
static void p_sec_name(struct elfv *e) { e->sh[find_sec(e, "xdp")].sh_name = 0xffffff; }
static void p_code_size(struct elfv *e) { e->sh[find_sec(e, "xdp")].sh_size -= 4; }

static Elf64_Sym *sym_named(struct elfv *e, const char *name)
{
	int st = find_type(e, SHT_SYMTAB);
	Elf64_Sym *syms = (Elf64_Sym *)(e->buf + e->sh[st].sh_offset);
	const char *strs = (const char *)e->buf + e->sh[e->sh[st].sh_link].sh_offset;

	for (size_t i = 0; i < e->sh[st].sh_size / sizeof(*syms); i++)
		if (!strcmp(strs + syms[i].st_name, name))
			return &syms[i];
	return NULL;
}

static void p_sym_shndx(struct elfv *e) { sym_named(e, "xdp_count")->st_shndx = 500; }
static void p_sym_name(struct elfv *e) { sym_named(e, "xdp_count")->st_name = 0xfffffff; }
static void p_sym_value(struct elfv *e) { sym_named(e, "xdp_count")->st_value = 0x100000; }
static void p_sym_static(struct elfv *e)
{
	Elf64_Sym *s = sym_named(e, "xdp_count");

	s->st_info = ELF64_ST_INFO(STB_LOCAL, STT_FUNC);
}
static void p_symtab_link(struct elfv *e) { e->sh[find_type(e, SHT_SYMTAB)].sh_link = 0; }
static void p_symtab_size(struct elfv *e) { e->sh[find_type(e, SHT_SYMTAB)].sh_size -= 3; }

static Elf64_Rel *rels(struct elfv *e, size_t *n)
{
	int rs = find_sec(e, ".relxdp");

	*n = e->sh[rs].sh_size / sizeof(Elf64_Rel);
	return (Elf64_Rel *)(e->buf + e->sh[rs].sh_offset);
}

static void p_rel_offset(struct elfv *e)
{
	size_t n;

	rels(e, &n)[0].r_offset = 0xfff8;
}
static void p_rel_unaligned(struct elfv *e)
{
	size_t n;

	rels(e, &n)[0].r_offset += 3;
}
static void p_rel_sym(struct elfv *e)
{
	size_t n;
	Elf64_Rel *r = rels(e, &n);

	r[0].r_info = ELF64_R_INFO(99999, ELF64_R_TYPE(r[0].r_info));
}
static void p_rel_type(struct elfv *e)
{
	size_t n;
	Elf64_Rel *r = rels(e, &n);

	r[0].r_info = ELF64_R_INFO(ELF64_R_SYM(r[0].r_info), 77);
}
/* Move a relocation onto an instruction that is neither call nor ld_imm64. */
static void p_rel_insn(struct elfv *e)
{
	size_t n;
	Elf64_Rel *r = rels(e, &n);
	const uint8_t *code = e->buf + e->sh[find_sec(e, "xdp")].sh_offset;

	for (size_t off = 0; off < e->sh[find_sec(e, "xdp")].sh_size; off += 8)
		if (code[off] != (BPF_LD | BPF_IMM | BPF_DW) && code[off] != (BPF_JMP | BPF_CALL) &&
		    (off < 8 || code[off - 8] != (BPF_LD | BPF_IMM | BPF_DW))) {
			r[0].r_offset = off;
			return;
		}
}
static void p_rel_link(struct elfv *e) { e->sh[find_sec(e, ".relxdp")].sh_link = 1; }
static void p_rel_info(struct elfv *e) { e->sh[find_sec(e, ".relxdp")].sh_info = 900; }
static void p_btf_magic(struct elfv *e) { e->buf[e->sh[find_sec(e, ".BTF")].sh_offset] ^= 0xff; }
static void p_btf_ext(struct elfv *e)
{
	uint32_t *hdr_len = (uint32_t *)(e->buf + e->sh[find_sec(e, ".BTF.ext")].sh_offset + 4);

	*hdr_len = 0x100000;
}
static void p_btf_ext_rec(struct elfv *e)
{
	uint8_t *ext = e->buf + e->sh[find_sec(e, ".BTF.ext")].sh_offset;
	uint32_t hdr_len, func_off;

	memcpy(&hdr_len, ext + 4, 4);
	memcpy(&func_off, ext + 8, 4);
	memset(ext + hdr_len + func_off, 0, 4); /* func_info record size 0 */
}

/* Found by fuzz_loader: a "license" (or ".BTF") section of type SHT_NULL. */
static void p_license_null(struct elfv *e) { e->sh[find_sec(e, "license")].sh_type = SHT_NULL; }
static void p_btf_nobits(struct elfv *e) { e->sh[find_sec(e, ".BTF")].sh_type = SHT_NOBITS; }

static void test_malformed__patched_elf(void)
{
	static const struct {
		const char *tag;
		patch_fn fn;
		int err;
		const char *msg;
	} cases[] = {
		{ "elf-machine", p_machine, EINVAL, "EM_BPF" },
		{ "elf-class", p_class, EINVAL, "64-bit" },
		{ "elf-endian", p_endian, EINVAL, "big-endian" },
		{ "elf-type", p_type, EINVAL, "relocatable" },
		{ "elf-shoff", p_shoff, EINVAL, "section header table" },
		{ "elf-shnum", p_shnum, EINVAL, "section header table" },
		{ "elf-shstrndx", p_shstrndx, EINVAL, "section header table" },
		{ "sec-offset", p_sec_off, EINVAL, "outside the file" },
		{ "sec-size", p_sec_size, EINVAL, "outside the file" },
		{ "sec-name", p_sec_name, EINVAL, "name offset" },
		{ "sec-code-size", p_code_size, EINVAL, "multiple of 8" },
		{ "sym-shndx", p_sym_shndx, EINVAL, "section index" },
		{ "sym-name", p_sym_name, EINVAL, "name offset" },
		{ "sym-value", p_sym_value, EINVAL, "outside section" },
		{ "sym-static", p_sym_static, ENOTSUP, "is static" },
		{ "symtab-link", p_symtab_link, EINVAL, "symbol table" },
		{ "symtab-size", p_symtab_size, EINVAL, "symbol table" },
		{ "rel-offset", p_rel_offset, EINVAL, "out of range" },
		{ "rel-unaligned", p_rel_unaligned, EINVAL, "out of range" },
		{ "rel-sym", p_rel_sym, EINVAL, "symbol index" },
		{ "rel-type", p_rel_type, EINVAL, "unknown type" },
		{ "rel-insn", p_rel_insn, EINVAL, "not a call or ld_imm64" },
		{ "rel-link", p_rel_link, EINVAL, "malformed" },
		{ "rel-info", p_rel_info, EINVAL, "does not exist" },
		{ "btf-magic", p_btf_magic, EINVAL, "bad magic" },
		{ "btf-ext-hdr", p_btf_ext, EINVAL, "BTF.ext" },
		{ "btf-ext-rec", p_btf_ext_rec, EINVAL, "record size" },
		{ "btf-nobits", p_btf_nobits, EINVAL, "needs BTF" },
	};
	size_t size;
	uint8_t *orig = read_obj("loader_basic.bpf.o", &size), *buf;

	REQUIRE("patch-read", orig);
	buf = malloc(size);
	CHECK_EQ("patch-orig-loads", try_object(orig, size), 0);
	{
		struct elfv e;

		memcpy(buf, orig, size);
		elfv_init(&e, buf, size);
		p_license_null(&e);
		CHECK_EQ("patch-license-null", try_object(buf, size), 0);
	}
	for (size_t i = 0; i < BH_ARRAY_LEN(cases); i++) {
		struct elfv e;

		memcpy(buf, orig, size);
		elfv_init(&e, buf, size);
		cases[i].fn(&e);
		expect_refused(cases[i].tag, buf, size, cases[i].err, cases[i].msg);
	}
	free(buf);
	free(orig);
}

static void test_malformed__bad_map_definitions(void)
{
	static const struct {
		const char *obj, *msg;
	} cases[] = {
		{ "loader_bad_attr.bpf.o", "unknown attribute 'colour'" },
		{ "loader_bad_shape.bpf.o", "map 'not_a_map': attribute 'type' is a INT" },
		{ "loader_bad_value.bpf.o", "not a pointer to an array" },
		{ "loader_bad_legacy.bpf.o", "not an array of struct bpf_map_def" },
	};

	for (size_t i = 0; i < BH_ARRAY_LEN(cases); i++) {
		size_t size;
		uint8_t *buf = read_obj(cases[i].obj, &size);

		REQUIRE("badmap-read", buf);
		expect_refused(cases[i].obj, buf, size, EINVAL, cases[i].msg);
		free(buf);
	}
}

/* Every prefix of a real object: all refused (the section headers are last). */
static void test_malformed__truncated(void)
{
	static const char *const objs[] = { "loader_basic.bpf.o", "loader_mim.bpf.o" };

	for (size_t o = 0; o < BH_ARRAY_LEN(objs); o++) {
		size_t size, refused = 0, tried = 0;
		uint8_t *buf = read_obj(objs[o], &size);

		REQUIRE("trunc-read", buf);
		for (size_t len = 0; len < size; len += len < 256 ? 1 : 5) {
			/* a fresh allocation of exactly @len bytes, so ASan sees overreads */
			uint8_t *cut = malloc(len ? len : 1);
			int ret;

			memcpy(cut, buf, len);
			ret = try_object(cut, len);
			tried++;
			refused += ret == EINVAL;
			if (ret != EINVAL)
				fprintf(stderr, "  %s cut at %zu: errno %d\n", objs[o], len, ret);
			free(cut);
		}
		CHECK_EQ("trunc-all-refused", refused, tried);
		free(buf);
	}
}

/* Random byte flips: nothing crashes; what opens also loads or is refused. */
static void test_malformed__byte_flips(void)
{
	static const char *const objs[] = {
		"loader_basic.bpf.o", "loader_mim.bpf.o", "loader_core.bpf.o",
		"loader_legacy.bpf.o",
	};
	unsigned int seed = 4242, opened = 0, refused = 0;

	for (size_t o = 0; o < BH_ARRAY_LEN(objs); o++) {
		size_t size;
		uint8_t *orig = read_obj(objs[o], &size), *buf;
		Elf64_Ehdr *eh = (Elf64_Ehdr *)orig;

		REQUIRE("flip-read", orig);
		buf = malloc(size);
		for (int i = 0; i < 2500; i++) {
			int ret;

			memcpy(buf, orig, size);
			for (int k = 0; k <= i % 4; k++) {
				size_t pos;

				seed = seed * 1103515245 + 12345;
				switch ((seed >> 4) % 3) {
				case 0: /* ELF header */
					pos = (seed >> 8) % sizeof(Elf64_Ehdr);
					break;
				case 1: /* section header table */
					pos = eh->e_shoff + (seed >> 8) % (eh->e_shnum * sizeof(Elf64_Shdr));
					break;
				default:
					pos = (seed >> 8) % size;
				}
				buf[pos] ^= (uint8_t)(1 + (seed >> 20) % 255);
			}
			ret = try_object(buf, size);
			if (!ret)
				opened++;
			else
				refused++;
			CHECK("flip-errno", ret == 0 || ret == EINVAL || ret == ENOTSUP || ret == E2BIG ||
						    ret == ESRCH || ret == EOPNOTSUPP || ret == ENOMEM ||
						    ret == EFAULT || ret == EPROTO || ret == EBADF ||
						    ret == EACCES /* the verifier refused a flipped program */ ||
						    ret == 524 /* ENOTSUPP */);
			if (ret && !logbuf[0])
				fprintf(stderr, "  flip %d of %s: errno %d without a message\n", i, objs[o], ret);
			CHECK("flip-message", !ret || logbuf[0]);
		}
		free(buf);
		free(orig);
	}
	printf("  byte flips: %u loaded, %u refused\n", opened, refused);
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_malformed__patched_elf),
	BH_TEST(test_malformed__bad_map_definitions),
	BH_TEST(test_malformed__truncated),
	BH_TEST(test_malformed__byte_flips),
};

BH_TEST_MAIN(cases)
