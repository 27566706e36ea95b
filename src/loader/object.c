/* SPDX-License-Identifier: MIT */
/*
 * loader/object.c - the public object API: open, load, close, and the
 * accessors of programs and maps.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "loader/internal.h"
#include "progs/internal.h"

/* Objects larger than this are refused before reading them. */
#define OBJECT_MAX_SIZE (1ULL << 30)
/* Room for one program's load log copied into the object's log. */
#define PROG_LOG_SIZE (64 * 1024)

int ldr_err(struct bh_object *obj, int err, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	bh_log(&obj->log, "bpfhost: %s: %s\n", obj->name, msg);
	return err;
}

/* @name, else the file's base name up to its first '.', else "obj" (libbpf). */
static void set_name(struct bh_object *obj, const char *name, const char *path)
{
	if (name && name[0]) {
		snprintf(obj->name, sizeof(obj->name), "%s", name);
		return;
	}
	if (path) {
		const char *base = strrchr(path, '/');
		char *dot;

		snprintf(obj->name, sizeof(obj->name), "%s", base ? base + 1 : path);
		dot = strchr(obj->name, '.');
		if (dot && dot != obj->name)
			*dot = '\0';
	}
	if (!obj->name[0])
		snprintf(obj->name, sizeof(obj->name), "obj");
}

static struct bh_object *object_new(const struct bh_object_open_opts *opts,
				    const char *path, int *err)
{
	struct bh_object *obj;

	*err = -EINVAL;
	if (!BH_OPTS_VALID(opts, bh_object_open_opts))
		return NULL;
	*err = -ENOMEM;
	obj = calloc(1, sizeof(*obj));
	if (!obj)
		return NULL;
	set_name(obj, BH_OPTS_GET(opts, object_name, NULL), path);
	bh_log_init(&obj->log, BH_OPTS_GET(opts, log_buf, NULL),
		    BH_OPTS_GET(opts, log_size, 0), 1);
	obj->log_level = BH_OPTS_GET(opts, log_level, 0);
	obj->prog_bh_flags = BH_OPTS_GET(opts, prog_bh_flags, 0);
	return obj;
}

static struct bh_object *object_open(struct bh_object *obj)
{
	int ret = ldr_elf_open(obj);

	if (ret) {
		bh_object__close(obj);
		return bh_err_ptr(ret);
	}
	return obj;
}

BH_API struct bh_object *bh_object__open_mem(const void *buf, size_t size,
					     const struct bh_object_open_opts *opts)
{
	struct bh_object *obj;
	int err;

	if (!buf && size)
		return bh_err_ptr(-EINVAL);
	obj = object_new(opts, NULL, &err);
	if (!obj)
		return bh_err_ptr(err);
	obj->buf = malloc(size ? size : 1);
	if (!obj->buf) {
		bh_object__close(obj);
		return bh_err_ptr(-ENOMEM);
	}
	if (size)
		memcpy(obj->buf, buf, size);
	obj->size = size;
	return object_open(obj);
}

static int read_file(struct bh_object *obj, const char *path)
{
	struct stat st;
	FILE *f = fopen(path, "rb");
	int ret = 0;

	if (!f)
		return ldr_err(obj, -errno, "cannot open '%s': %s", path, strerror(errno));
	if (fstat(fileno(f), &st) || !S_ISREG(st.st_mode)) {
		ret = ldr_err(obj, -EINVAL, "'%s' is not a regular file", path);
		goto out;
	}
	if ((uint64_t)st.st_size > OBJECT_MAX_SIZE) {
		ret = ldr_err(obj, -E2BIG, "'%s' is larger than 1 GiB", path);
		goto out;
	}
	obj->size = (size_t)st.st_size;
	obj->buf = malloc(obj->size ? obj->size : 1);
	if (!obj->buf) {
		ret = -ENOMEM;
		goto out;
	}
	if (obj->size && fread(obj->buf, 1, obj->size, f) != obj->size)
		ret = ldr_err(obj, -EIO, "reading '%s' failed", path);
out:
	fclose(f);
	return ret;
}

BH_API struct bh_object *bh_object__open_file(const char *path,
					      const struct bh_object_open_opts *opts)
{
	struct bh_object *obj;
	int err;

	if (!path)
		return bh_err_ptr(-EINVAL);
	obj = object_new(opts, path, &err);
	if (!obj)
		return bh_err_ptr(err);
	err = read_file(obj, path);
	if (err) {
		bh_object__close(obj);
		return bh_err_ptr(err);
	}
	return object_open(obj);
}

/* ---- Load ------------------------------------------------------------------- */

static int load_prog(struct bh_object *obj, struct bh_program *p,
		     struct bh_map **maps)
{
	char name[BPF_OBJ_NAME_LEN];
	char *log = obj->log.buf ? malloc(PROG_LOG_SIZE) : NULL;
	BH_OPTS(bh_prog_load_opts, opts, .name = name, .prog_flags = p->prog_flags,
		.bh_flags = obj->prog_bh_flags, .log_buf = log,
		.log_size = log ? PROG_LOG_SIZE : 0, .log_level = obj->log_level,
		.expected_attach_type = p->expected_attach_type,
		.license = obj->license, .maps = maps, .map_cnt = obj->map_cnt);
	int ret;

	if (!p->type_known)
		ret = ldr_err(obj, -EINVAL, "program '%s': section '%s' names no known program type",
			      p->name, p->sec_name);
	else if (!prog_type_ops(p->type))
		ret = ldr_err(obj, -EOPNOTSUPP, "program '%s': program type %s is not supported yet",
			      p->name, ldr_sec_def_prog_type_name(p->type));
	else
		ret = ldr_prog_link(obj, p);
	if (ret)
		goto out;
	/* As libbpf, a name longer than the kernel's 15 characters is cut. */
	snprintf(name, sizeof(name), "%s", p->name);
	/* the verifier learns which functions are global from BTF */
	opts.prog_btf = obj->btf;
	opts.func_info = p->func_info;
	opts.func_info_cnt = p->func_info_cnt;
	p->prog = bh_prog__load(p->type, p->linked, p->linked_cnt, &opts);
	ret = p->prog ? 0 : -errno;
	if (ret)
		ldr_err(obj, ret, "program '%s': load failed: %s%s", p->name,
			strerror(-ret), log && log[0] ? "; its log:" : "");
	if (log && log[0])
		bh_log(&obj->log, "%s", log);
out:
	free(log);
	return ret;
}

static void unload(struct bh_object *obj)
{
	for (size_t i = 0; i < obj->prog_cnt; i++) {
		bh_prog__free(obj->progs[i].prog);
		obj->progs[i].prog = NULL;
	}
	for (size_t i = 0; i < obj->map_cnt; i++) {
		bh_map__free(obj->maps[i]->map);
		obj->maps[i]->map = NULL;
		obj->maps[i]->mmaped = NULL;
	}
}

BH_API int bh_object__load(struct bh_object *obj)
{
	struct bh_map **maps = NULL;
	int ret;

	if (!obj)
		return bh_err(-EINVAL);
	if (obj->loaded || obj->load_failed)
		return bh_err(-EBUSY);
	ret = ldr_maps_create(obj);
	if (!ret && obj->map_cnt) {
		maps = calloc(obj->map_cnt, sizeof(*maps));
		if (!maps)
			ret = -ENOMEM;
		for (size_t i = 0; maps && i < obj->map_cnt; i++)
			maps[i] = obj->maps[i]->map;
	}
	for (size_t i = 0; !ret && i < obj->prog_cnt; i++)
		if (!obj->progs[i].is_subprog && obj->progs[i].autoload)
			ret = load_prog(obj, &obj->progs[i], maps);
	if (!ret)
		ret = ldr_maps_init_slots(obj);
	free(maps);
	if (ret) {
		unload(obj);
		obj->load_failed = true;
		return bh_err(ret);
	}
	obj->loaded = true;
	return 0;
}

BH_API void bh_object__close(struct bh_object *obj)
{
	if (!obj)
		return;
	unload(obj);
	for (size_t i = 0; i < obj->prog_cnt; i++) {
		ldr_prog_link_free(&obj->progs[i]);
		free(obj->progs[i].name);
		free(obj->progs[i].sec_name);
	}
	free(obj->progs);
	for (size_t i = 0; i < obj->map_cnt; i++)
		ldr_map_free(obj->maps[i]);
	free(obj->maps);
	ldr_elf_close(obj);
	btf_ext_free(obj->btf_ext);
	bh_btf__free(obj->btf);
	free(obj->buf);
	free(obj);
}

BH_API const char *bh_object__name(const struct bh_object *obj)
{
	return obj->name;
}

BH_API const char *bh_object__license(const struct bh_object *obj)
{
	return obj->license;
}

BH_API const struct bh_btf *bh_object__btf(const struct bh_object *obj)
{
	return obj->btf;
}

/* ---- Programs --------------------------------------------------------------- */

BH_API struct bh_program *bh_object__next_program(const struct bh_object *obj,
						  const struct bh_program *prev)
{
	size_t i = prev ? (size_t)(prev - obj->progs) + 1 : 0;

	for (; i < obj->prog_cnt; i++)
		if (!obj->progs[i].is_subprog)
			return &obj->progs[i];
	return NULL;
}

BH_API struct bh_program *bh_object__find_program_by_name(const struct bh_object *obj,
							  const char *name)
{
	for (size_t i = 0; name && i < obj->prog_cnt; i++)
		if (!obj->progs[i].is_subprog && !strcmp(obj->progs[i].name, name))
			return &obj->progs[i];
	return bh_err_ptr(-ENOENT);
}

BH_API const char *bh_program__name(const struct bh_program *prog)
{
	return prog->name;
}

BH_API const char *bh_program__section_name(const struct bh_program *prog)
{
	return prog->sec_name;
}

BH_API uint32_t bh_program__type(const struct bh_program *prog)
{
	return prog->type;
}

BH_API uint32_t bh_program__expected_attach_type(const struct bh_program *prog)
{
	return prog->expected_attach_type;
}

BH_API const char *bh_program__attach_target(const struct bh_program *prog)
{
	return prog->attach_target;
}

BH_API bool bh_program__autoload(const struct bh_program *prog)
{
	return prog->autoload;
}

BH_API int bh_program__set_autoload(struct bh_program *prog, bool autoload)
{
	if (prog->obj->loaded || prog->obj->load_failed)
		return bh_err(-EBUSY);
	prog->autoload = autoload;
	return 0;
}

BH_API struct bh_prog *bh_program__prog(const struct bh_program *prog)
{
	return prog->prog ? prog->prog : bh_err_ptr(-ENOENT);
}

BH_API const struct bpf_insn *bh_program__insns(const struct bh_program *prog,
						size_t *insn_cnt)
{
	const struct elf_sec *s = &prog->obj->secs[prog->sec_idx];

	if (prog->linked) {
		if (insn_cnt)
			*insn_cnt = prog->linked_cnt;
		return prog->linked;
	}
	if (insn_cnt)
		*insn_cnt = prog->insn_cnt;
	return s->insns + prog->sec_insn_off;
}

BH_API const struct bh_line_info *bh_program__line_info(const struct bh_program *prog,
							size_t *cnt)
{
	*cnt = prog->line_info_cnt;
	return prog->line_info;
}

BH_API const struct bh_func_info *bh_program__func_info(const struct bh_program *prog,
							size_t *cnt)
{
	*cnt = prog->func_info_cnt;
	return prog->func_info;
}

/* ---- Maps ------------------------------------------------------------------- */

BH_API struct bh_object_map *bh_object__next_map(const struct bh_object *obj,
						 const struct bh_object_map *prev)
{
	size_t i = 0;

	if (prev) {
		while (i < obj->map_cnt && obj->maps[i] != prev)
			i++;
		i++;
	}
	return i < obj->map_cnt ? obj->maps[i] : NULL;
}

BH_API struct bh_object_map *bh_object__find_map_by_name(const struct bh_object *obj,
							 const char *name)
{
	for (size_t i = 0; name && i < obj->map_cnt; i++)
		if (!strcmp(obj->maps[i]->name, name))
			return obj->maps[i];
	return bh_err_ptr(-ENOENT);
}

BH_API const char *bh_object_map__name(const struct bh_object_map *map)
{
	return map->name;
}

BH_API uint32_t bh_object_map__type(const struct bh_object_map *map)
{
	return map->type;
}

BH_API uint32_t bh_object_map__key_size(const struct bh_object_map *map)
{
	return map->key_size;
}

BH_API uint32_t bh_object_map__value_size(const struct bh_object_map *map)
{
	return map->value_size;
}

BH_API uint32_t bh_object_map__max_entries(const struct bh_object_map *map)
{
	return map->max_entries;
}

BH_API uint32_t bh_object_map__map_flags(const struct bh_object_map *map)
{
	return map->map_flags;
}

BH_API uint32_t bh_object_map__pinning(const struct bh_object_map *map)
{
	return map->pinning;
}

BH_API uint32_t bh_object_map__btf_key_type_id(const struct bh_object_map *map)
{
	return map->key_type_id;
}

BH_API uint32_t bh_object_map__btf_value_type_id(const struct bh_object_map *map)
{
	return map->value_type_id;
}

BH_API struct bh_map *bh_object_map__map(const struct bh_object_map *map)
{
	return map->map ? map->map : bh_err_ptr(-ENOENT);
}

BH_API void *bh_object_map__initial_value(const struct bh_object_map *map,
					  size_t *size)
{
	if (map->kind != MAP_DATA)
		return bh_err_ptr(-EINVAL);
	/* loaded but not mapped: its value holds a bpf_spin_lock or timer */
	if (!map->mmaped && map->map)
		return bh_err_ptr(-ENOTSUPP);
	if (size)
		*size = map->value_size;
	return map->mmaped ? map->mmaped : map->initial;
}

BH_API int bh_object_map__set_initial_value(struct bh_object_map *map,
					    const void *data, size_t size)
{
	if (map->kind != MAP_DATA || size != map->value_size || !data)
		return bh_err(-EINVAL);
	if (map->obj->loaded || map->obj->load_failed)
		return bh_err(-EBUSY);
	memcpy(map->initial, data, size);
	return 0;
}
