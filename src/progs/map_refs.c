/* SPDX-License-Identifier: MIT */
/*
 * progs/map_refs.c - the maps a program refers to: ld_imm64 instructions
 * whose source is BPF_PSEUDO_MAP_* are resolved at load time, as the
 * kernel's resolve_pseudo_ldimm64() does, into the 64-bit value the
 * interpreter loads:
 *
 *	src_reg                 imm (first slot)        loads
 *	BPF_PSEUDO_MAP_FD       map id (no fds here)    struct bh_map *
 *	BPF_PSEUDO_MAP_IDX      index into opts->maps   struct bh_map *
 *	BPF_PSEUDO_MAP_VALUE    map id                  &value[0] + imm2
 *	BPF_PSEUDO_MAP_IDX_VALUE index into opts->maps  &value[0] + imm2
 *
 * (imm2: the second slot's imm, an offset into the value of element 0 of
 * a one-element ARRAY: global data.)  src_reg is kept, so dumps still say
 * what the constant is.  The program holds a reference on every map it
 * uses, dropped when the program is freed; runs of a checked program may
 * access the direct values they load.
 */
#include <stdlib.h>
#include <string.h>

#include "isa/internal.h"
#include "maps/internal.h"
#include "progs/internal.h"

#define BPF_MAX_VAR_OFF (1 << 29)

static bool is_map_src(uint8_t src)
{
	return src == BPF_PSEUDO_MAP_FD || src == BPF_PSEUDO_MAP_IDX ||
	       src == BPF_PSEUDO_MAP_VALUE || src == BPF_PSEUDO_MAP_IDX_VALUE;
}

/* Take a reference on @map for the program, once per map. */
static int add_used_map(struct prog_maps *pm, struct bh_map *map)
{
	struct bh_map **maps;

	for (size_t i = 0; i < pm->map_cnt; i++)
		if (pm->maps[i] == map)
			return 0;
	maps = realloc(pm->maps, (pm->map_cnt + 1) * sizeof(*maps));
	if (!maps)
		return -ENOMEM;
	pm->maps = maps;
	map_ref_get(map); /* not the host's: no usercnt */
	pm->maps[pm->map_cnt++] = map;
	return 0;
}

static int add_region(struct prog_maps *pm, struct bh_map *map, void *value)
{
	struct bh_region *r;

	for (size_t i = 0; i < pm->region_cnt; i++)
		if (pm->regions[i].start == (uintptr_t)value)
			return 0;
	r = realloc(pm->regions, (pm->region_cnt + 1) * sizeof(*r));
	if (!r)
		return -ENOMEM;
	pm->regions = r;
	pm->regions[pm->region_cnt++] = (struct bh_region){
		.start = (uintptr_t)value,
		.size = map->value_size,
		.writable = !(map->map_flags & BPF_F_RDONLY_PROG),
	};
	return 0;
}

int prog_maps_add_area(struct prog_maps *pm, void *start, size_t size,
		       bool writable)
{
	struct bh_region *r = realloc(pm->regions, (pm->region_cnt + 1) * sizeof(*r));

	if (!r)
		return -ENOMEM;
	pm->regions = r;
	pm->regions[pm->region_cnt++] = (struct bh_region){
		.start = (uintptr_t)start, .size = size, .writable = writable
	};
	return 0;
}

/* The map an ld_imm64 names, referenced by the caller; NULL with *err. */
static struct bh_map *insn_map(const struct bpf_insn *insn,
			       struct bh_map *const *fd_array, size_t fd_cnt,
			       size_t pc, struct bh_log *log, int *err)
{
	struct bh_map *map;

	if (insn->src_reg == BPF_PSEUDO_MAP_IDX ||
	    insn->src_reg == BPF_PSEUDO_MAP_IDX_VALUE) {
		if (!fd_array) {
			bh_log(log, "fd_idx without fd_array is invalid\n");
			*err = -EPROTO;
			return NULL;
		}
		if ((uint32_t)insn->imm >= fd_cnt || !fd_array[(uint32_t)insn->imm]) {
			bh_log(log, "%zu: map index %u is outside the %zu maps given\n",
			       pc, (uint32_t)insn->imm, fd_cnt);
			*err = -EFAULT;
			return NULL;
		}
		return bh_map__get(fd_array[(uint32_t)insn->imm]);
	}
	map = bh_map__by_id((uint32_t)insn->imm);
	if (!map) {
		bh_log(log, "fd %d is not pointing to valid bpf_map\n", insn->imm);
		*err = -EBADF;
	}
	return map;
}

/* One ld_imm64 at @pc of @insns (a copy we may write). */
static int resolve_one(struct prog_maps *pm, struct bpf_insn *insn,
		       struct bh_map *const *fd_array, size_t fd_cnt, size_t pc,
		       struct bh_log *log)
{
	bool value = insn->src_reg == BPF_PSEUDO_MAP_VALUE ||
		     insn->src_reg == BPF_PSEUDO_MAP_IDX_VALUE;
	uint32_t off = (uint32_t)insn[1].imm;
	struct bh_map *map;
	uint64_t addr;
	void *base;
	int ret = 0;

	if (!value && insn[1].imm) {
		bh_log(log, "unrecognized bpf_ld_imm64 insn\n");
		return -EINVAL;
	}
	map = insn_map(insn, fd_array, fd_cnt, pc, log, &ret);
	if (!map)
		return ret;
	ret = add_used_map(pm, map);
	if (ret)
		goto out;
	addr = (uintptr_t)map;
	if (value) {
		ret = -EINVAL;
		if (off >= BPF_MAX_VAR_OFF) {
			bh_log(log, "direct value offset of %u is not allowed\n", off);
			goto out;
		}
		if (!map->ops->direct_value_addr) {
			bh_log(log, "no direct value access support for this map type\n");
			goto out;
		}
		ret = map->ops->direct_value_addr(map, off, &base);
		if (ret) {
			bh_log(log, "invalid access to map value pointer, value_size=%u off=%u\n",
			       map->value_size, off);
			goto out;
		}
		ret = add_region(pm, map, base);
		if (ret)
			goto out;
		addr = (uintptr_t)base + off;
	}
	insn[0].imm = (int32_t)(uint32_t)addr;
	insn[1].imm = (int32_t)(uint32_t)(addr >> 32);
out:
	bh_map__free(map);
	return ret;
}

int prog_maps_resolve(struct prog_maps *pm, const struct bpf_insn *insns,
		      size_t insn_cnt, struct bh_map *const *fd_array,
		      size_t fd_cnt, struct bh_log *log)
{
	int ret;

	memset(pm, 0, sizeof(*pm));
	for (size_t pc = 0; pc + 1 < insn_cnt; pc++) {
		if (!isa_is_ld_imm64(&insns[pc]) || !is_map_src(insns[pc].src_reg))
			continue;
		if (!pm->insns) {
			pm->insns = malloc(insn_cnt * sizeof(*insns));
			if (!pm->insns)
				return -ENOMEM;
			memcpy(pm->insns, insns, insn_cnt * sizeof(*insns));
		}
		ret = resolve_one(pm, &pm->insns[pc], fd_array, fd_cnt, pc, log);
		if (ret) {
			prog_maps_release(pm);
			return ret;
		}
		pc++; /* the second slot */
	}
	return 0;
}

void prog_maps_release(struct prog_maps *pm)
{
	for (size_t i = 0; i < pm->map_cnt; i++)
		map_ref_put(pm->maps[i]);
	free(pm->maps);
	free(pm->regions);
	free(pm->insns);
	memset(pm, 0, sizeof(*pm));
}

void prog_maps_add_regions(const struct prog_maps *pm, struct bh_exec_env *env)
{
	for (size_t i = 0; i < pm->region_cnt; i++)
		exec_add_region(env, (void *)pm->regions[i].start,
				pm->regions[i].size, pm->regions[i].writable);
}
