/* SPDX-License-Identifier: MIT */
/*
 * loader/elf.c - open a BPF ELF object: the header, the sections, the
 * symbol table, the programs (function symbols of executable sections),
 * the externs, the relocations of code sections, BTF and .BTF.ext.
 *
 * libelf parses the ELF and section headers; every section's bytes are
 * then taken straight from our copy of the file after checking that they
 * lie inside it, and the symbol table and relocations are read record by
 * record with bounds checks, so a malformed file is refused, never read
 * past.  Only 64-bit little-endian EM_BPF relocatable objects are accepted
 * (what clang -target bpf produces on a little-endian host).
 */
#include <stdlib.h>
#include <string.h>

#include "loader/internal.h"

#ifndef R_BPF_64_ABS64
#define R_BPF_64_ABS64 2
#define R_BPF_64_ABS32 3
#define R_BPF_64_NODYLD32 4
#endif

static bool is_code_sec(const struct bh_object *obj, uint32_t idx)
{
	return idx && idx < obj->sec_cnt && obj->secs[idx].kind == SEC_CODE;
}

static bool has_prefix_dot(const char *name, const char *pfx)
{
	size_t n = strlen(pfx);

	return !strncmp(name, pfx, n) && (!name[n] || name[n] == '.');
}

/* ---- Header and sections -------------------------------------------------- */

static int check_ehdr(struct bh_object *obj)
{
	const unsigned char *id = obj->buf;
	Elf64_Ehdr raw;
	GElf_Ehdr eh;

	if (obj->size < EI_NIDENT || memcmp(id, ELFMAG, SELFMAG))
		return ldr_err(obj, -EINVAL, "not an ELF file");
	if (id[EI_CLASS] != ELFCLASS64)
		return ldr_err(obj, -EINVAL, "not a 64-bit ELF file");
	if (id[EI_DATA] != ELFDATA2LSB)
		return ldr_err(obj, -EINVAL, "big-endian ELF objects are not supported");
	if (obj->size < sizeof(Elf64_Ehdr))
		return ldr_err(obj, -EINVAL, "file truncated inside the ELF header");
	/* Bounds first, from the raw header, before libelf looks at them. */
	memcpy(&raw, obj->buf, sizeof(raw));
	if (raw.e_shentsize != sizeof(Elf64_Shdr) || !raw.e_shnum ||
	    raw.e_shoff > obj->size ||
	    (obj->size - raw.e_shoff) / sizeof(Elf64_Shdr) < raw.e_shnum ||
	    raw.e_shstrndx >= raw.e_shnum)
		return ldr_err(obj, -EINVAL, "section header table out of bounds");
	obj->elf = elf_memory((char *)obj->buf, obj->size);
	if (!obj->elf || elf_kind(obj->elf) != ELF_K_ELF || !gelf_getehdr(obj->elf, &eh))
		return ldr_err(obj, -EINVAL, "ELF header invalid: %s", elf_errmsg(-1));
	if (eh.e_machine != EM_BPF)
		return ldr_err(obj, -EINVAL, "ELF machine %u is not EM_BPF (%u)",
			       eh.e_machine, EM_BPF);
	if (eh.e_type != ET_REL)
		return ldr_err(obj, -EINVAL, "ELF type %u is not a relocatable object",
			       eh.e_type);
	if (eh.e_shentsize != sizeof(Elf64_Shdr) ||
	    eh.e_shoff > obj->size ||
	    (obj->size - eh.e_shoff) / sizeof(Elf64_Shdr) < eh.e_shnum || !eh.e_shnum)
		return ldr_err(obj, -EINVAL, "section header table out of bounds");
	return 0;
}

static void classify(struct bh_object *obj, uint32_t idx, struct elf_sec *s)
{
	if (s->type == SHT_PROGBITS && (s->flags & SHF_EXECINSTR) && s->size) {
		s->kind = SEC_CODE;
		if (!strcmp(s->name, ".text"))
			obj->text_shndx = idx;
	} else if (!strcmp(s->name, ".maps") && s->type == SHT_PROGBITS) {
		s->kind = SEC_MAPS;
		obj->btf_maps_shndx = idx;
	} else if (!strcmp(s->name, "maps") && s->type == SHT_PROGBITS) {
		s->kind = SEC_LEGACY_MAPS;
		obj->maps_shndx = idx;
	} else if (s->size && (s->flags & SHF_ALLOC) &&
		   ((s->type == SHT_PROGBITS &&
		     (has_prefix_dot(s->name, ".data") || has_prefix_dot(s->name, ".rodata"))) ||
		    (s->type == SHT_NOBITS && has_prefix_dot(s->name, ".bss")))) {
		s->kind = SEC_DATA;
	}
}

static int read_sections(struct bh_object *obj)
{
	size_t shnum, shstrndx;

	if (elf_getshdrnum(obj->elf, &shnum) || elf_getshdrstrndx(obj->elf, &shstrndx) ||
	    !shnum || shstrndx >= shnum || shnum > 65535)
		return ldr_err(obj, -EINVAL, "section count or name table invalid");
	obj->secs = calloc(shnum, sizeof(*obj->secs));
	if (!obj->secs)
		return -ENOMEM;
	obj->sec_cnt = shnum;
	for (size_t i = 1; i < shnum; i++) {
		Elf_Scn *scn = elf_getscn(obj->elf, i);
		struct elf_sec *s = &obj->secs[i];
		GElf_Shdr sh;

		s->map_idx = -1;
		if (!scn || !gelf_getshdr(scn, &sh))
			return ldr_err(obj, -EINVAL, "section %zu: header unreadable", i);
		s->name = elf_strptr(obj->elf, shstrndx, sh.sh_name);
		if (!s->name)
			return ldr_err(obj, -EINVAL, "section %zu: name offset %u invalid",
				       i, sh.sh_name);
		s->type = sh.sh_type;
		s->flags = sh.sh_flags;
		s->size = sh.sh_size;
		s->link = sh.sh_link;
		s->info = sh.sh_info;
		if (s->type != SHT_NOBITS && s->type != SHT_NULL) {
			if (sh.sh_offset > obj->size || sh.sh_size > obj->size - sh.sh_offset)
				return ldr_err(obj, -EINVAL,
					       "section %zu '%s': [%llu, +%llu) is outside the file (%zu bytes)",
					       i, s->name, (unsigned long long)sh.sh_offset,
					       (unsigned long long)sh.sh_size, obj->size);
			s->data = obj->buf + sh.sh_offset;
		}
		classify(obj, (uint32_t)i, s);
		if (s->type == SHT_SYMTAB) {
			if (obj->symtab_idx)
				return ldr_err(obj, -EINVAL, "more than one symbol table");
			obj->symtab_idx = (uint32_t)i;
		}
	}
	return 0;
}

/* ---- Symbols ----------------------------------------------------------------- */

static int read_symbols(struct bh_object *obj)
{
	const struct elf_sec *st, *strs;
	size_t n;

	if (!obj->symtab_idx)
		return ldr_err(obj, -EINVAL, "no symbol table");
	st = &obj->secs[obj->symtab_idx];
	if (st->size % sizeof(Elf64_Sym) || st->link >= obj->sec_cnt ||
	    obj->secs[st->link].type != SHT_STRTAB)
		return ldr_err(obj, -EINVAL, "symbol table '%s' malformed", st->name);
	strs = &obj->secs[st->link];
	obj->strtab_idx = st->link;
	n = st->size / sizeof(Elf64_Sym);
	obj->syms = calloc(n ? n : 1, sizeof(*obj->syms));
	if (!obj->syms)
		return -ENOMEM;
	obj->sym_cnt = n;
	for (size_t i = 0; i < n; i++) {
		struct elf_sym *sym = &obj->syms[i];
		Elf64_Sym es;

		memcpy(&es, st->data + i * sizeof(es), sizeof(es));
		if (es.st_name >= strs->size ||
		    !memchr(strs->data + es.st_name, 0, strs->size - es.st_name))
			return ldr_err(obj, -EINVAL, "symbol %zu: name offset %u invalid",
				       i, es.st_name);
		sym->name = (const char *)strs->data + es.st_name;
		sym->value = es.st_value;
		sym->size = es.st_size;
		sym->shndx = es.st_shndx;
		sym->bind = ELF64_ST_BIND(es.st_info);
		sym->type = ELF64_ST_TYPE(es.st_info);
		sym->visibility = ELF64_ST_VISIBILITY(es.st_other);
		if (sym->shndx == SHN_XINDEX ||
		    (sym->shndx >= obj->sec_cnt && sym->shndx < SHN_LORESERVE))
			return ldr_err(obj, -EINVAL, "symbol '%s': section index %u invalid",
				       sym->name, sym->shndx);
	}
	return 0;
}

/* ---- Programs --------------------------------------------------------------- */

static int cmp_progs(const void *a, const void *b)
{
	const struct bh_program *x = a, *y = b;

	if (x->sec_idx != y->sec_idx)
		return x->sec_idx < y->sec_idx ? -1 : 1;
	return x->sec_insn_off < y->sec_insn_off ? -1 : x->sec_insn_off > y->sec_insn_off;
}

static int add_program(struct bh_object *obj, uint32_t shndx,
		       const struct elf_sym *sym)
{
	const struct elf_sec *s = &obj->secs[shndx];
	struct bh_program *p, *progs;
	const char *sec_name = s->name;

	if (sym->value % LOADER_INSN_SZ || sym->size % LOADER_INSN_SZ || !sym->size ||
	    sym->value > s->size || sym->size > s->size - sym->value)
		return ldr_err(obj, -EINVAL, "function '%s' [%llu, +%llu) is outside section '%s' or misaligned",
			       sym->name, (unsigned long long)sym->value,
			       (unsigned long long)sym->size, s->name);
	if (shndx != obj->text_shndx && sym->bind == STB_LOCAL)
		return ldr_err(obj, -ENOTSUP, "program '%s' in section '%s' is static; programs must be global",
			       sym->name, s->name);
	progs = realloc(obj->progs, (obj->prog_cnt + 1) * sizeof(*progs));
	if (!progs)
		return -ENOMEM;
	obj->progs = progs;
	p = &progs[obj->prog_cnt];
	memset(p, 0, sizeof(*p));
	p->sec_idx = shndx;
	p->sec_insn_off = sym->value / LOADER_INSN_SZ;
	p->insn_cnt = sym->size / LOADER_INSN_SZ;
	p->is_subprog = shndx == obj->text_shndx;
	p->autoload = !p->is_subprog;
	if (sec_name[0] == '?') {
		p->autoload = false;
		sec_name++;
	}
	p->name = strdup(sym->name);
	p->sec_name = strdup(sec_name);
	obj->prog_cnt++;
	if (!p->name || !p->sec_name)
		return -ENOMEM;
	if (!p->is_subprog)
		p->type_known = ldr_sec_def_resolve(p);
	return 0;
}

static int collect_programs(struct bh_object *obj)
{
	int ret;

	for (size_t i = 0; i < obj->sym_cnt; i++) {
		const struct elf_sym *sym = &obj->syms[i];

		if (sym->type != STT_FUNC || !is_code_sec(obj, sym->shndx))
			continue;
		ret = add_program(obj, sym->shndx, sym);
		if (ret)
			return ret;
	}
	if (obj->prog_cnt)
		qsort(obj->progs, obj->prog_cnt, sizeof(*obj->progs), cmp_progs);
	for (size_t i = 0; i < obj->prog_cnt; i++) {
		struct bh_program *p = &obj->progs[i];

		p->obj = obj;
		if (i && p[-1].sec_idx == p->sec_idx &&
		    p[-1].sec_insn_off + p[-1].insn_cnt > p->sec_insn_off)
			return ldr_err(obj, -EINVAL, "functions '%s' and '%s' overlap",
				       p[-1].name, p->name);
	}
	for (size_t i = 1; i < obj->sec_cnt; i++)
		if (obj->secs[i].kind == SEC_CODE && !ldr_find_prog_by_sec_insn(obj, (uint32_t)i, 0) &&
		    i != obj->text_shndx)
			return ldr_err(obj, -EINVAL, "section '%s' has code but no function symbol at its start",
				       obj->secs[i].name);
	return 0;
}

static int copy_code(struct bh_object *obj)
{
	for (size_t i = 1; i < obj->sec_cnt; i++) {
		struct elf_sec *s = &obj->secs[i];

		if (s->kind != SEC_CODE)
			continue;
		if (s->size % LOADER_INSN_SZ)
			return ldr_err(obj, -EINVAL, "code section '%s' size %zu is not a multiple of 8",
				       s->name, s->size);
		s->insn_cnt = s->size / LOADER_INSN_SZ;
		s->insns = malloc(s->size);
		s->relo_at = malloc(s->insn_cnt * sizeof(*s->relo_at));
		if (!s->insns || !s->relo_at)
			return -ENOMEM;
		memcpy(s->insns, s->data, s->size);
		memset(s->relo_at, 0xff, s->insn_cnt * sizeof(*s->relo_at));
	}
	return 0;
}

/* ---- Externs ---------------------------------------------------------------- */

/* Kind of extern @name from the object's BTF (.ksyms / .kconfig DATASECs). */
static bool extern_from_btf(const struct bh_object *obj, const char *name,
			    struct extern_desc *ext)
{
	const struct bh_btf *btf = obj->btf;

	if (!btf)
		return false;
	for (uint32_t id = 1; id < btf->nr_types; id++) {
		const struct btf_type *t = btf_type(btf, id);
		const char *sec = btf_str(btf, t->name_off);
		bool kconfig = !strcmp(sec, ".kconfig");

		if (btf_kind(t) != BTF_KIND_DATASEC || (!kconfig && strcmp(sec, ".ksyms")))
			continue;
		for (uint32_t i = 0; i < btf_vlen(t); i++) {
			uint32_t vid = btf_secinfos(t)[i].type;
			const struct btf_type *v = btf_type(btf, vid);

			if (strcmp(btf_str(btf, v->name_off), name))
				continue;
			ext->btf_id = vid;
			ext->kind = kconfig ? EXT_KCONFIG
					    : btf_kind(v) == BTF_KIND_FUNC ? EXT_KFUNC : EXT_KSYM;
			return true;
		}
	}
	return false;
}

static int collect_externs(struct bh_object *obj)
{
	for (size_t i = 0; i < obj->sym_cnt; i++) {
		const struct elf_sym *sym = &obj->syms[i];
		struct extern_desc *ext, *exts;

		if (sym->shndx != SHN_UNDEF || !sym->name[0] || sym->type == STT_SECTION ||
		    (sym->bind != STB_GLOBAL && sym->bind != STB_WEAK))
			continue;
		exts = realloc(obj->externs, (obj->extern_cnt + 1) * sizeof(*exts));
		if (!exts)
			return -ENOMEM;
		obj->externs = exts;
		ext = &exts[obj->extern_cnt++];
		memset(ext, 0, sizeof(*ext));
		ext->name = sym->name;
		ext->weak = sym->bind == STB_WEAK;
		/* Without BTF: by symbol type; a call relocation makes it a kfunc. */
		ext->kind = sym->type == STT_FUNC ? EXT_KFUNC : EXT_KSYM;
		extern_from_btf(obj, sym->name, ext);
	}
	return 0;
}

static int find_extern(const struct bh_object *obj, const char *name)
{
	for (size_t i = 0; i < obj->extern_cnt; i++)
		if (!strcmp(obj->externs[i].name, name))
			return (int)i;
	return -1;
}

/* ---- Relocations of code sections ----------------------------------------- */

static int classify_relo(struct bh_object *obj, struct elf_sec *s,
			 const struct elf_sym *sym, struct relo *r)
{
	struct bpf_insn *insn = &s->insns[r->insn_idx];
	bool is_call = insn->code == (BPF_JMP | BPF_CALL);
	bool is_ld64 = insn->code == (BPF_LD | BPF_IMM | BPF_DW);

	if (!is_call && !is_ld64)
		return ldr_err(obj, -EINVAL, "section '%s': relocation against '%s' at insn %u, which is not a call or ld_imm64",
			       s->name, sym->name, r->insn_idx);
	if (is_ld64 && r->insn_idx + 1 >= s->insn_cnt)
		return ldr_err(obj, -EINVAL, "section '%s': ld_imm64 at insn %u is truncated",
			       s->name, r->insn_idx);
	r->map_idx = r->ext_idx = -1;
	r->sym_off = sym->value;
	if (sym->shndx == SHN_UNDEF) {
		r->ext_idx = find_extern(obj, sym->name);
		if (r->ext_idx < 0)
			return ldr_err(obj, -EINVAL, "section '%s': relocation against undefined symbol %s'%s'",
				       s->name, sym->name[0] ? "" : "(unnamed) ", sym->name);
		r->kind = is_call ? RELO_EXTERN_FUNC : RELO_EXTERN_VAR;
		if (is_call)
			obj->externs[r->ext_idx].kind = EXT_KFUNC;
		return 0;
	}
	if (is_call) {
		if (insn->src_reg != BPF_PSEUDO_CALL || !is_code_sec(obj, sym->shndx) ||
		    sym->value % LOADER_INSN_SZ)
			return ldr_err(obj, -EINVAL, "section '%s': call relocation at insn %u against '%s' which is not a function",
				       s->name, r->insn_idx, sym->name);
		r->kind = RELO_CALL;
		r->sym_sec = sym->shndx;
		return 0;
	}
	if (is_code_sec(obj, sym->shndx)) {
		r->kind = RELO_SUBPROG_ADDR;
		r->sym_sec = sym->shndx;
		return 0;
	}
	if (sym->shndx && sym->shndx < obj->sec_cnt &&
	    (sym->shndx == obj->btf_maps_shndx || sym->shndx == obj->maps_shndx)) {
		r->kind = RELO_MAP;
		r->map_idx = ldr_maps_find_by_sec_off(obj, sym->shndx, sym->value);
		if (r->map_idx < 0)
			return ldr_err(obj, -EINVAL, "section '%s': relocation against '%s' at offset %llu of '%s', which is no map",
				       s->name, sym->name, (unsigned long long)sym->value,
				       obj->secs[sym->shndx].name);
		return 0;
	}
	if (sym->shndx && sym->shndx < obj->sec_cnt && obj->secs[sym->shndx].kind == SEC_DATA) {
		r->kind = RELO_DATA;
		r->map_idx = obj->secs[sym->shndx].map_idx;
		return 0;
	}
	return ldr_err(obj, -EINVAL, "section '%s': ld_imm64 at insn %u refers to '%s' in section %u, which is neither code, map nor data",
		       s->name, r->insn_idx, sym->name, sym->shndx);
}

static int read_relos(struct bh_object *obj, const struct elf_sec *rs)
{
	struct elf_sec *s = &obj->secs[rs->info];
	size_t n = rs->size / sizeof(Elf64_Rel);

	if (rs->size % sizeof(Elf64_Rel) || rs->link != obj->symtab_idx)
		return ldr_err(obj, -EINVAL, "relocation section '%s' malformed", rs->name);
	s->relos = calloc(n ? n : 1, sizeof(*s->relos));
	if (!s->relos)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		struct relo *r = &s->relos[s->relo_cnt];
		uint32_t sym_idx, type;
		Elf64_Rel rel;
		int ret;

		memcpy(&rel, rs->data + i * sizeof(rel), sizeof(rel));
		sym_idx = ELF64_R_SYM(rel.r_info);
		type = ELF64_R_TYPE(rel.r_info);
		if (type == R_BPF_NONE)
			continue;
		if (type != R_BPF_64_64 && type != R_BPF_64_32 && type != R_BPF_64_ABS64 &&
		    type != R_BPF_64_ABS32 && type != R_BPF_64_NODYLD32)
			return ldr_err(obj, -EINVAL, "section '%s': relocation %zu has unknown type %u",
				       rs->name, i, type);
		if (!sym_idx || sym_idx >= obj->sym_cnt)
			return ldr_err(obj, -EINVAL, "section '%s': relocation %zu: symbol index %u out of range",
				       rs->name, i, sym_idx);
		if (rel.r_offset % LOADER_INSN_SZ || rel.r_offset >= s->size)
			return ldr_err(obj, -EINVAL, "section '%s': relocation %zu: offset %llu out of range",
				       rs->name, i, (unsigned long long)rel.r_offset);
		r->insn_idx = (uint32_t)(rel.r_offset / LOADER_INSN_SZ);
		if (s->relo_at[r->insn_idx] >= 0)
			return ldr_err(obj, -EINVAL, "section '%s': two relocations at insn %u",
				       rs->name, r->insn_idx);
		ret = classify_relo(obj, s, &obj->syms[sym_idx], r);
		if (ret)
			return ret;
		s->relo_at[r->insn_idx] = (int32_t)s->relo_cnt++;
	}
	return 0;
}

static int collect_relos(struct bh_object *obj)
{
	for (size_t i = 1; i < obj->sec_cnt; i++) {
		const struct elf_sec *rs = &obj->secs[i];
		int ret;

		if (rs->type != SHT_REL)
			continue;
		if (rs->info >= obj->sec_cnt)
			return ldr_err(obj, -EINVAL, "relocation section '%s' targets section %u, which does not exist",
				       rs->name, rs->info);
		if (obj->secs[rs->info].kind != SEC_CODE)
			continue; /* .maps is read by maps.c; debug info is ignored */
		if (obj->secs[rs->info].relos)
			return ldr_err(obj, -EINVAL, "section '%s' has two relocation sections",
				       obj->secs[rs->info].name);
		ret = read_relos(obj, rs);
		if (ret)
			return ret;
	}
	return 0;
}

/* ---- BTF, licence ------------------------------------------------------------ */

static const struct elf_sec *find_sec(const struct bh_object *obj, const char *name)
{
	for (size_t i = 1; i < obj->sec_cnt; i++)
		if (!strcmp(obj->secs[i].name, name) && obj->secs[i].data)
			return &obj->secs[i]; /* not NOBITS nor SHT_NULL */
	return NULL;
}

/* btf_datasec_fn: section sizes and variable offsets from the ELF file. */
static int datasec_info(void *ctx, const char *sec, const char *var, uint32_t *val)
{
	const struct bh_object *obj = ctx;

	for (size_t i = 1; i < obj->sec_cnt; i++) {
		const struct elf_sec *s = &obj->secs[i];

		if (strcmp(s->name, sec))
			continue;
		if (!var) {
			if (s->size > UINT32_MAX)
				return -1;
			*val = (uint32_t)s->size;
			return 0;
		}
		for (size_t j = 0; j < obj->sym_cnt; j++) {
			const struct elf_sym *sym = &obj->syms[j];

			if (sym->shndx == i && sym->type != STT_SECTION &&
			    !strcmp(sym->name, var) && sym->value <= UINT32_MAX) {
				*val = (uint32_t)sym->value;
				return 0;
			}
		}
		return -1;
	}
	return -1;
}

static int read_btf(struct bh_object *obj)
{
	const struct elf_sec *b = find_sec(obj, ".BTF"), *e = find_sec(obj, ".BTF.ext");
	int ret = 0;

	if (!b)
		return 0;
	obj->btf = btf_new_log(b->data, b->size, &obj->log, &ret);
	if (!obj->btf)
		return ldr_err(obj, ret, "section .BTF refused (see above)");
	ret = btf_fixup_datasecs(obj->btf, datasec_info, obj, &obj->log);
	if (ret)
		return ldr_err(obj, ret, "section .BTF does not match the ELF sections (see above)");
	if (e) {
		ret = btf_ext_parse(obj->btf, e->data, e->size, &obj->btf_ext, &obj->log);
		if (ret)
			return ldr_err(obj, ret, "section .BTF.ext refused (see above)");
	}
	return 0;
}

static void read_license(struct bh_object *obj)
{
	const struct elf_sec *s = find_sec(obj, "license");
	size_t n;

	if (!s)
		return;
	n = BH_MIN(s->size, sizeof(obj->license) - 1);
	memcpy(obj->license, s->data, n);
	obj->license[n] = '\0';
}

int ldr_elf_open(struct bh_object *obj)
{
	int ret;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return ldr_err(obj, -EINVAL, "libelf initialisation failed");
	ret = check_ehdr(obj);
	if (!ret)
		ret = read_sections(obj);
	if (!ret)
		ret = read_symbols(obj);
	if (!ret)
		ret = read_btf(obj);
	if (ret)
		return ret;
	read_license(obj);
	ret = copy_code(obj);
	if (!ret)
		ret = collect_programs(obj);
	if (!ret)
		ret = collect_externs(obj);
	if (!ret)
		ret = ldr_maps_collect(obj);
	if (!ret)
		ret = collect_relos(obj);
	if (!ret)
		ret = ldr_core_apply(obj);
	return ret;
}

void ldr_elf_close(struct bh_object *obj)
{
	for (size_t i = 0; i < obj->sec_cnt; i++) {
		free(obj->secs[i].insns);
		free(obj->secs[i].relos);
		free(obj->secs[i].relo_at);
	}
	free(obj->secs);
	free(obj->syms);
	free(obj->externs);
	if (obj->elf)
		elf_end(obj->elf);
}
