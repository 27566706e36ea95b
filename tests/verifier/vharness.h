/* SPDX-License-Identifier: MIT */
/*
 * tests/verifier/vharness.h - load one assembly program through bpfhost's
 * verifier (the loader's path: map references, encoding check, verifier)
 * and, for differential tests, through the kernel's bpf(BPF_PROG_LOAD).
 */
#ifndef BH_TESTS_VHARNESS_H
#define BH_TESTS_VHARNESS_H

#include <linux/bpf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <bpfhost/bpfhost.h>

#include "isa/internal.h"
#include "maps/internal.h"
#include "progs/internal.h"
#include "verifier/load.h"

#define VH_MAPS 9
#define VH_LOG_SZ (1 << 20)

struct vh_maps {
	struct bh_map *bh[VH_MAPS];
	int kfd[VH_MAPS]; /* -1: no kernel */
};

static const struct {
	uint32_t type, key, value, max, flags;
} vh_map_defs[VH_MAPS] = {
	{ BPF_MAP_TYPE_HASH, 4, 8, 16, 0 },
	{ BPF_MAP_TYPE_ARRAY, 4, 8, 4, 0 },
	{ BPF_MAP_TYPE_ARRAY, 4, 16, 1, 0 },
	{ BPF_MAP_TYPE_ARRAY, 4, 8, 1, BPF_F_RDONLY_PROG },
	{ BPF_MAP_TYPE_QUEUE, 0, 4, 4, 0 },
	{ BPF_MAP_TYPE_RINGBUF, 0, 0, 4096, 0 },
	{ BPF_MAP_TYPE_PROG_ARRAY, 4, 4, 4, 0 },
	{ BPF_MAP_TYPE_DEVMAP, 4, 4, 4, 0 },
	/* frozen read-only strings (vh_rodata): constant-string arguments */
	{ BPF_MAP_TYPE_ARRAY, 4, 32, 1, BPF_F_RDONLY_PROG },
};

/*
 * The value of map 8, frozen after it is written (as .rodata):
 *   0 "%d %s"   6 "%q"   9 "%d%d"   14 "abc"   18 "\x01%d"
 *   22..31 'x' with no NUL after them.
 */
#define VH_RODATA_MAP 8
static const char vh_rodata[32] = "%d %s\0%q\0%d%d\0abc\0\x01%d\0xxxxxxxxxx";

static int vh_kernel_fill_rodata(int fd)
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

static int vh_kernel_map(uint32_t type, uint32_t key, uint32_t value, uint32_t max,
			 uint32_t flags)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.map_type = type;
	a.key_size = key;
	a.value_size = value;
	a.max_entries = max;
	a.map_flags = flags;
	return (int)syscall(__NR_bpf, BPF_MAP_CREATE, &a, sizeof(a));
}

static void vh_maps_init(struct vh_maps *m, int with_kernel)
{
	for (int i = 0; i < VH_MAPS; i++) {
		BH_OPTS(bh_map_create_opts, o, .map_flags = vh_map_defs[i].flags);

		m->bh[i] = bh_map__create(vh_map_defs[i].type, "vmap", vh_map_defs[i].key,
					  vh_map_defs[i].value, vh_map_defs[i].max, &o);
		m->kfd[i] = with_kernel ? vh_kernel_map(vh_map_defs[i].type, vh_map_defs[i].key,
							vh_map_defs[i].value, vh_map_defs[i].max,
							vh_map_defs[i].flags)
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

static void vh_maps_free(struct vh_maps *m)
{
	for (int i = 0; i < VH_MAPS; i++) {
		bh_map__free(m->bh[i]);
		if (m->kfd[i] >= 0)
			close(m->kfd[i]);
	}
}

/* bpfhost: 0 or -errno, the log in @log. */
static int vh_bh_verify(int type, const struct bpf_insn *insns, size_t cnt,
			struct vh_maps *m, char *log, size_t log_sz, uint32_t level,
			struct bh_verifier_output *vout)
{
	struct prog_maps pm = { 0 };
	struct bh_verifier_output out_local;
	struct bh_log l;
	int ret;

	if (!vout)
		vout = &out_local;
	memset(vout, 0, sizeof(*vout));
	bh_log_init(&l, log, log_sz, level);
	ret = prog_maps_resolve(&pm, insns, cnt, m->bh, VH_MAPS, &l);
	if (!ret)
		ret = isa_check_prog(pm.insns ? pm.insns : insns, cnt, 1, &l);
	if (!ret)
		ret = verifier_check_prog((uint32_t)type, 0, 0, 1, pm.insns ? pm.insns : insns,
					  cnt, &pm, vout, &l);
	bh_log_finish(&l);
	prog_maps_release(&pm);
	return ret;
}

/* The kernel: 0 (accepted), -errno, or 1 when bpf() is refused outright. */
static int vh_kernel_verify(int type, const struct bpf_insn *insns, size_t cnt,
			    const struct vh_maps *m, char *log, size_t log_sz,
			    uint32_t level)
{
	union bpf_attr a;
	int fd;

	memset(&a, 0, sizeof(a));
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

/* Is bpf() usable at all? */
static int vh_kernel_available(void)
{
	struct bpf_insn p[2] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	struct vh_maps none = { .kfd = { -1, -1, -1, -1, -1, -1, -1, -1, -1 } };

	return vh_kernel_verify(BPF_PROG_TYPE_XDP, p, 2, &none, NULL, 0, 0) == 0;
}

#endif /* BH_TESTS_VHARNESS_H */
