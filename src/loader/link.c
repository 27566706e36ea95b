/* SPDX-License-Identifier: MIT */
/*
 * loader/link.c - CO-RE relocations, then per program: append the
 * subprograms it calls, resolve calls, map and data references, and carry
 * .BTF.ext function and line info over to the linked instructions.
 *
 * Linking follows libbpf's bpf_object__reloc_code(): the program's own
 * function comes first; each .text function it (transitively) calls or
 * takes the address of is appended once, in the order first met, and every
 * call's imm becomes the distance to the callee's copy:
 *
 *     imm = callee_start + (target - callee_sec_off) - (call_pos + 1)
 *
 * A relocated call names its target as symbol value / 8 + imm + 1 (an
 * index within the target's section); an unrelocated BPF_PSEUDO_CALL is
 * pc-relative within its own section.
 */
#include <stdlib.h>
#include <string.h>

#include "helpers/internal.h"
#include "loader/internal.h"

struct bh_program *ldr_find_prog_by_sec_insn(const struct bh_object *obj,
					 uint32_t shndx, size_t insn)
{
	for (size_t i = 0; i < obj->prog_cnt; i++) {
		struct bh_program *p = &obj->progs[i];

		if (p->sec_idx == shndx && insn >= p->sec_insn_off &&
		    insn - p->sec_insn_off < p->insn_cnt)
			return p;
	}
	return NULL;
}

static struct elf_sec *find_code_sec(struct bh_object *obj, const char *name)
{
	for (size_t i = 1; i < obj->sec_cnt; i++)
		if (obj->secs[i].kind == SEC_CODE && !strcmp(obj->secs[i].name, name))
			return &obj->secs[i];
	return NULL;
}

/* ---- CO-RE -------------------------------------------------------------------- */

static int core_patch(struct bh_object *obj, struct elf_sec *s, uint32_t idx,
		      const struct btf_ext_core_relo *r, uint64_t val)
{
	struct bpf_insn *insn = &s->insns[idx];

	switch (BPF_CLASS(insn->code)) {
	case BPF_ALU: case BPF_ALU64:
		if (BPF_SRC(insn->code) != BPF_K || val > INT32_MAX)
			break;
		insn->imm = (int32_t)val;
		return 0;
	case BPF_LDX: case BPF_ST: case BPF_STX:
		if (val > INT16_MAX)
			break;
		insn->off = (int16_t)val;
		return 0;
	case BPF_LD:
		if (insn->code != (BPF_LD | BPF_IMM | BPF_DW) || idx + 1 >= s->insn_cnt)
			break;
		insn[0].imm = (int32_t)(uint32_t)val;
		insn[1].imm = (int32_t)(uint32_t)(val >> 32);
		return 0;
	}
	return ldr_err(obj, -EINVAL, "section '%s': CO-RE relocation (kind %u) at insn %u cannot patch opcode 0x%02x with %llu",
		       s->name, r->kind, idx, insn->code, (unsigned long long)val);
}

int ldr_core_apply(struct bh_object *obj)
{
	const struct btf_ext_table *t;

	if (!obj->btf_ext)
		return 0;
	t = &obj->btf_ext->core_relo;
	for (uint32_t i = 0; i < t->sec_cnt; i++) {
		struct elf_sec *s = find_code_sec(obj, t->secs[i].sec_name);
		const struct btf_ext_core_relo *recs = t->secs[i].recs;

		if (!s)
			return ldr_err(obj, -EINVAL, "CO-RE relocations for section '%s', which has no code",
				       t->secs[i].sec_name);
		for (uint32_t j = 0; j < t->secs[i].cnt; j++) {
			const struct btf_ext_core_relo *r = &recs[j];
			uint64_t val;
			bool bitfield;
			int ret;

			if (r->insn_off % LOADER_INSN_SZ || r->insn_off / LOADER_INSN_SZ >= s->insn_cnt)
				return ldr_err(obj, -EINVAL, "section '%s': CO-RE relocation at byte %u is outside the code",
					       s->name, r->insn_off);
			ret = btf_core_calc(obj->btf, r->kind, r->type_id,
					    btf_str(obj->btf, r->access_str_off), &val,
					    &bitfield, &obj->log);
			if (ret)
				return ldr_err(obj, ret, "section '%s': CO-RE relocation at insn %u refused (see above)",
					       s->name, r->insn_off / LOADER_INSN_SZ);
			ret = core_patch(obj, s, r->insn_off / LOADER_INSN_SZ, r, val);
			if (ret)
				return ret;
		}
	}
	return 0;
}

/* ---- Linking ------------------------------------------------------------------ */

struct placed {
	struct bh_program *f;
	size_t start;
};

struct linker {
	struct bh_object *obj;
	struct bh_program *prog;
	struct bpf_insn *out;
	size_t cnt, cap;
	struct placed *pl;
	size_t pl_cnt, pl_cap;
};

/* Start of @f in the output, appending it first if needed; or -errno. */
static long place(struct linker *l, struct bh_program *f)
{
	const struct elf_sec *s = &l->obj->secs[f->sec_idx];
	size_t start = l->cnt;

	for (size_t i = 0; i < l->pl_cnt; i++)
		if (l->pl[i].f == f)
			return (long)l->pl[i].start;
	if (l->cnt + f->insn_cnt > BH_MAX_INSNS_LINK)
		return ldr_err(l->obj, -E2BIG, "program '%s': more than %u instructions after linking",
			       l->prog->name, BH_MAX_INSNS_LINK);
	if (l->cnt + f->insn_cnt > l->cap) {
		size_t cap = (l->cnt + f->insn_cnt) * 2;
		struct bpf_insn *out = realloc(l->out, cap * sizeof(*out));

		if (!out)
			return -ENOMEM;
		l->out = out;
		l->cap = cap;
	}
	if (l->pl_cnt == l->pl_cap) {
		size_t cap = l->pl_cap ? l->pl_cap * 2 : 8;
		struct placed *pl = realloc(l->pl, cap * sizeof(*pl));

		if (!pl)
			return -ENOMEM;
		l->pl = pl;
		l->pl_cap = cap;
	}
	memcpy(l->out + start, s->insns + f->sec_insn_off, f->insn_cnt * sizeof(*l->out));
	l->cnt += f->insn_cnt;
	l->pl[l->pl_cnt++] = (struct placed){ f, start };
	return (long)start;
}

/* Point the call or ld_imm64 at out[pos] to instruction @target of section @shndx. */
static int link_target(struct linker *l, const struct placed *from, size_t j,
		       uint32_t shndx, int64_t target, uint8_t src)
{
	struct bh_object *obj = l->obj;
	struct bh_program *callee = NULL;
	size_t pos = from->start + j;
	long start;

	if (target >= 0 && shndx < obj->sec_cnt)
		callee = ldr_find_prog_by_sec_insn(obj, shndx, (size_t)target);
	if (!callee)
		return ldr_err(obj, -EINVAL, "program '%s': function '%s' insn %zu refers to instruction %lld of section %u, which is in no function",
			       l->prog->name, from->f->name, j, (long long)target, shndx);
	if (!callee->is_subprog && callee != from->f)
		return ldr_err(obj, -EINVAL, "program '%s': '%s' calls '%s', which is a program, not a .text function",
			       l->prog->name, from->f->name, callee->name);
	start = place(l, callee);
	if (start < 0)
		return (int)start;
	l->out[pos].imm = (int32_t)(start + (target - (int64_t)callee->sec_insn_off) -
				    (int64_t)pos - 1);
	l->out[pos].src_reg = src;
	return 0;
}

/* What BTF type @id is to a kfunc prototype: 'p' a pointer, 's' an
 * integer or enum, 'v' void, '?' anything else. */
static char btf_kfunc_kind(const struct bh_btf *btf, uint32_t id)
{
	const struct btf_type *t;

	id = btf_skip_mods_typedefs(btf, id, &t);
	if (!id)
		return 'v';
	switch (btf_kind(t)) {
	case BTF_KIND_PTR:
		return 'p';
	case BTF_KIND_INT:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return 's';
	default:
		return '?';
	}
}

/*
 * Does the extern's BTF prototype match bpfhost's kfunc @k?  The number of
 * arguments, and each argument and the return a pointer, a scalar or void
 * as bpfhost's prototype has it (libbpf checks the extern against the
 * kernel's BTF with bpf_core_types_are_compat, which compares the same
 * kinds).  An extern without BTF (no FUNC) is not checked.
 */
static bool kfunc_btf_compat(const struct bh_object *obj, const struct extern_desc *ext,
			     const struct bh_kfunc *k, uint32_t *proto_id)
{
	const struct bh_btf *btf = obj->btf;
	const struct btf_type *fn, *proto;
	const struct btf_param *params;

	*proto_id = 0;
	if (!btf || !ext->btf_id)
		return true;
	fn = btf_type(btf, ext->btf_id);
	if (btf_kind(fn) != BTF_KIND_FUNC)
		return false;
	*proto_id = fn->type;
	proto = btf_type(btf, fn->type);
	if (btf_kind(proto) != BTF_KIND_FUNC_PROTO || btf_vlen(proto) != k->arg_cnt)
		return false;
	if (btf_kfunc_kind(btf, proto->type) != kfunc_ret_kind(k->proto.ret_type))
		return false;
	params = (const struct btf_param *)(proto + 1);
	for (uint32_t i = 0; i < k->arg_cnt; i++)
		if (btf_kfunc_kind(btf, params[i].type) != kfunc_arg_kind(k->proto.arg_type[i]))
			return false;
	return true;
}

/* A call of an extern kfunc: bpfhost's id of the kfunc of that name
 * (kfunc_ids.def), where libbpf puts its BTF id in the kernel. */
static int link_kfunc(struct linker *l, const struct extern_desc *ext,
		      struct bpf_insn *insn)
{
	uint32_t id = kfunc_id_by_name(ext->name), proto_id;

	if (!id) {
		if (!ext->weak)
			return ldr_err(l->obj, -ESRCH, "program '%s': extern (func ksym) '%s': not found in kernel or module BTFs (bpfhost provides no such kfunc)",
				       l->prog->name, ext->name);
		/* libbpf: an unresolved weak kfunc's call has imm 0, which
		 * the verifier refuses only where a path reaches it */
		id = 0;
	} else if (!kfunc_btf_compat(l->obj, ext, kfunc_proto(id), &proto_id)) {
		return ldr_err(l->obj, -EINVAL, "program '%s': extern (func ksym) '%s': func_proto [%u] incompatible with bpfhost's %s",
			       l->prog->name, ext->name, proto_id, ext->name);
	}
	insn->imm = (int32_t)id;
	insn->off = 0;
	insn->src_reg = BPF_PSEUDO_KFUNC_CALL;
	return 0;
}

static int link_extern(struct linker *l, const struct relo *r, struct bpf_insn *insn)
{
	const struct extern_desc *ext = &l->obj->externs[r->ext_idx];

	if (r->kind == RELO_EXTERN_FUNC)
		return link_kfunc(l, ext, insn);
	if (ext->kind == EXT_KCONFIG) {
		int64_t off = (int64_t)ext->kcfg_off + insn[0].imm;

		if (!ext->kcfg_known && !ext->weak)
			return ldr_err(l->obj, -ESRCH, "program '%s': kconfig extern '%s' has no value in bpfhost",
				       l->prog->name, ext->name);
		if (off < 0 || off >= (int64_t)(ext->kcfg_off + ext->kcfg_sz))
			return ldr_err(l->obj, -EINVAL, "program '%s': reference to kconfig extern '%s' at offset %lld",
				       l->prog->name, ext->name, (long long)off);
		insn[0].src_reg = BPF_PSEUDO_MAP_IDX_VALUE;
		insn[0].imm = l->obj->kconfig_map_idx;
		insn[1].imm = (int32_t)off;
		return 0;
	}
	if (!ext->weak)
		return ldr_err(l->obj, -ESRCH, "program '%s': ksym '%s' is not provided by bpfhost",
			       l->prog->name, ext->name);
	/* A weak ksym that does not exist reads as NULL (libbpf). */
	insn[0].src_reg = 0;
	insn[0].imm = 0;
	insn[1].imm = 0;
	return 0;
}

static int link_ld64(struct linker *l, const struct placed *p, size_t j,
		     const struct relo *r)
{
	struct bpf_insn *insn = &l->out[p->start + j];
	const struct bh_object_map *m;
	int64_t off;

	switch (r->kind) {
	case RELO_MAP:
		insn[0].src_reg = BPF_PSEUDO_MAP_IDX;
		insn[0].imm = r->map_idx;
		insn[1].imm = 0;
		return 0;
	case RELO_DATA:
		m = l->obj->maps[r->map_idx];
		off = (int64_t)r->sym_off + insn[0].imm;
		if (off < 0 || off >= m->value_size)
			return ldr_err(l->obj, -EINVAL, "program '%s': reference to offset %lld of '%s' (%u bytes)",
				       l->prog->name, (long long)off, m->name, m->value_size);
		insn[0].src_reg = BPF_PSEUDO_MAP_IDX_VALUE;
		insn[0].imm = r->map_idx;
		insn[1].imm = (int32_t)off;
		return 0;
	case RELO_SUBPROG_ADDR:
		off = (int64_t)r->sym_off + insn[0].imm;
		if (off < 0 || off % LOADER_INSN_SZ)
			return ldr_err(l->obj, -EINVAL, "program '%s': function address %lld misaligned",
				       l->prog->name, (long long)off);
		return link_target(l, p, j, r->sym_sec, off / LOADER_INSN_SZ, BPF_PSEUDO_FUNC);
	case RELO_EXTERN_VAR:
		return link_extern(l, r, insn);
	default:
		return ldr_err(l->obj, -EINVAL, "program '%s': relocation of kind %d on ld_imm64",
			       l->prog->name, r->kind);
	}
}

static int link_insn(struct linker *l, const struct placed *p, size_t *jp)
{
	const struct elf_sec *s = &l->obj->secs[p->f->sec_idx];
	size_t j = *jp, sidx = p->f->sec_insn_off + j;
	struct bpf_insn *insn = &l->out[p->start + j];
	const struct relo *r = s->relo_at[sidx] >= 0 ? &s->relos[s->relo_at[sidx]] : NULL;

	if (insn->code == (BPF_LD | BPF_IMM | BPF_DW)) {
		if (j + 1 >= p->f->insn_cnt)
			return ldr_err(l->obj, -EINVAL, "function '%s': ld_imm64 at insn %zu crosses its end",
				       p->f->name, j);
		*jp = j + 1;
		return r ? link_ld64(l, p, j, r) : 0;
	}
	if (insn->code != (BPF_JMP | BPF_CALL))
		return 0;
	if (r && r->kind == RELO_EXTERN_FUNC)
		return link_extern(l, r, insn);
	if (r && r->kind == RELO_CALL)
		return link_target(l, p, j, r->sym_sec,
				   (int64_t)(r->sym_off / LOADER_INSN_SZ) + insn->imm + 1,
				   BPF_PSEUDO_CALL);
	if (insn->src_reg == BPF_PSEUDO_CALL)
		return link_target(l, p, j, p->f->sec_idx, (int64_t)sidx + insn->imm + 1,
				   BPF_PSEUDO_CALL);
	return 0;
}

/* .BTF.ext records of every placed function, moved to linked positions. */
static int link_ext_info(struct linker *l)
{
	const struct bh_btf_ext *ext = l->obj->btf_ext;
	const struct bh_btf *btf = l->obj->btf;
	struct bh_program *prog = l->prog;

	if (!ext)
		return 0;
	for (size_t k = 0; k < l->pl_cnt; k++) {
		const struct placed *p = &l->pl[k];
		const char *sec = l->obj->secs[p->f->sec_idx].name;
		const struct btf_ext_sec *fs = btf_ext_find(&ext->func_info, sec);
		const struct btf_ext_sec *ls = btf_ext_find(&ext->line_info, sec);

		for (uint32_t i = 0; fs && i < fs->cnt; i++) {
			const struct btf_ext_func_info *fi = (const struct btf_ext_func_info *)fs->recs + i;
			size_t idx = fi->insn_off / LOADER_INSN_SZ;
			struct bh_func_info *arr;

			if (idx < p->f->sec_insn_off || idx - p->f->sec_insn_off >= p->f->insn_cnt)
				continue;
			arr = realloc(prog->func_info, (prog->func_info_cnt + 1) * sizeof(*arr));
			if (!arr)
				return -ENOMEM;
			prog->func_info = arr;
			arr[prog->func_info_cnt++] = (struct bh_func_info){
				.insn_off = (uint32_t)(p->start + idx - p->f->sec_insn_off),
				.type_id = fi->type_id,
				.name = btf_str(btf, btf_type(btf, fi->type_id)->name_off),
			};
		}
		for (uint32_t i = 0; ls && i < ls->cnt; i++) {
			const struct btf_ext_line_info *li = (const struct btf_ext_line_info *)ls->recs + i;
			size_t idx = li->insn_off / LOADER_INSN_SZ;
			struct bh_line_info *arr;

			if (idx < p->f->sec_insn_off || idx - p->f->sec_insn_off >= p->f->insn_cnt)
				continue;
			arr = realloc(prog->line_info, (prog->line_info_cnt + 1) * sizeof(*arr));
			if (!arr)
				return -ENOMEM;
			prog->line_info = arr;
			arr[prog->line_info_cnt++] = (struct bh_line_info){
				.insn_off = (uint32_t)(p->start + idx - p->f->sec_insn_off),
				.file_name = btf_str(btf, li->file_name_off),
				.line = btf_str(btf, li->line_off),
				.line_num = li->line_col >> 10,
				.line_col = li->line_col & 0x3ff,
			};
		}
	}
	return 0;
}

void ldr_prog_link_free(struct bh_program *prog)
{
	free(prog->linked);
	free(prog->func_info);
	free(prog->line_info);
	prog->linked = NULL;
	prog->func_info = NULL;
	prog->line_info = NULL;
	prog->linked_cnt = prog->func_info_cnt = prog->line_info_cnt = 0;
}

int ldr_prog_link(struct bh_object *obj, struct bh_program *prog)
{
	struct linker l = { .obj = obj, .prog = prog };
	long ret = place(&l, prog);

	/* l.pl grows while we walk it: index, never hold a pointer across place(). */
	for (size_t k = 0; ret >= 0 && k < l.pl_cnt; k++) {
		for (size_t j = 0; ret >= 0 && j < l.pl[k].f->insn_cnt; j++) {
			struct placed p = l.pl[k];

			ret = link_insn(&l, &p, &j);
		}
	}
	ldr_prog_link_free(prog);
	prog->linked = l.out;
	prog->linked_cnt = l.cnt;
	if (ret >= 0)
		ret = link_ext_info(&l);
	free(l.pl);
	return ret < 0 ? (int)ret : 0;
}
