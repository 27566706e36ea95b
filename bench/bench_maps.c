/* SPDX-License-Identifier: MIT */
/*
 * bench/bench_maps.c - host-side map operations per second: lookup and
 * update of each map type, with 1 and 2 threads, bpfhost beside the kernel
 * through the bpf() syscall on the same run.  The kernel's figure includes
 * the syscall's cost (a mode switch and attribute copies per operation),
 * which is most of it for small maps; a program inside the kernel pays none
 * of that, as a program inside bpfhost pays none of the host API's checks.
 *
 *	bench_maps [--ms N]   (N ms per measurement, default 200)
 */
#include <linux/bpf.h>

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <bpfhost/bpfhost.h>

#define ENTRIES 1024

static unsigned int run_ms = 200;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int sys_bpf(int cmd, union bpf_attr *attr)
{
	long r = syscall(__NR_bpf, cmd, attr, sizeof(*attr));

	return r < 0 ? -errno : (int)r;
}

static int k_create(uint32_t type, uint32_t ks, uint32_t vs, uint32_t me,
		    uint32_t flags)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.map_type = type;
	a.key_size = ks;
	a.value_size = vs;
	a.max_entries = me;
	a.map_flags = flags;
	return sys_bpf(BPF_MAP_CREATE, &a);
}

static int k_elem(int cmd, int fd, const void *key, void *value, uint64_t flags)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.map_fd = fd;
	a.key = (uint64_t)(uintptr_t)key;
	a.value = (uint64_t)(uintptr_t)value;
	a.flags = flags;
	return sys_bpf(cmd, &a);
}

struct job {
	struct bh_map *h;
	int k;
	bool kernel, update, lpm;
	size_t vsz;
	uint64_t ops;
	uint64_t deadline;
};

static void make_key(const struct job *j, uint32_t i, uint8_t *key)
{
	uint32_t k = i % ENTRIES;

	if (j->lpm) {
		uint32_t plen = 32;

		memcpy(key, &plen, 4);
		memcpy(key + 4, &k, 4);
	} else {
		memcpy(key, &k, 4);
	}
}

static void *worker(void *arg)
{
	struct job *j = arg;
	uint8_t key[8], *val = calloc(1, j->vsz + 64);
	uint32_t i = (uint32_t)(uintptr_t)j * 7919u;
	uint64_t n = 0;

	while (now_ns() < j->deadline) {
		for (int b = 0; b < 256; b++, i += 2654435761u, n++) {
			make_key(j, i, key);
			if (j->kernel)
				k_elem(j->update ? BPF_MAP_UPDATE_ELEM : BPF_MAP_LOOKUP_ELEM,
				       j->k, key, val, 0);
			else if (j->update)
				bh_map__update_elem(j->h, key, val, 0);
			else
				bh_map__lookup_elem(j->h, key, val);
		}
	}
	j->ops = n;
	free(val);
	return NULL;
}

static double measure(struct bh_map *h, int k, bool kernel, bool update,
		      int threads, bool lpm, size_t vsz)
{
	pthread_t t[2];
	struct job jobs[2];
	uint64_t start = now_ns(), total = 0;

	for (int i = 0; i < threads; i++) {
		jobs[i] = (struct job){ .h = h, .k = k, .kernel = kernel,
					.update = update, .lpm = lpm, .vsz = vsz,
					.deadline = start + run_ms * 1000000ull };
		pthread_create(&t[i], NULL, worker, &jobs[i]);
	}
	for (int i = 0; i < threads; i++) {
		pthread_join(t[i], NULL);
		total += jobs[i].ops;
	}
	return (double)total / ((double)(now_ns() - start) / 1e9) / 1e6;
}

struct bench_type {
	const char *name;
	uint32_t type, ks, vs, flags;
};

int main(int argc, char **argv)
{
	static const struct bench_type types[] = {
		{ "hash", BPF_MAP_TYPE_HASH, 4, 8, 0 },
		{ "hash_noprealloc", BPF_MAP_TYPE_HASH, 4, 8, BPF_F_NO_PREALLOC },
		{ "percpu_hash", BPF_MAP_TYPE_PERCPU_HASH, 4, 8, 0 },
		{ "lru_hash", BPF_MAP_TYPE_LRU_HASH, 4, 8, 0 },
		{ "array", BPF_MAP_TYPE_ARRAY, 4, 8, 0 },
		{ "percpu_array", BPF_MAP_TYPE_PERCPU_ARRAY, 4, 8, 0 },
		{ "lpm_trie", BPF_MAP_TYPE_LPM_TRIE, 8, 8, BPF_F_NO_PREALLOC },
	};
	bool have_kernel;
	int probe;

	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--ms") && i + 1 < argc)
			run_ms = (unsigned int)atoi(argv[++i]);
	probe = k_create(BPF_MAP_TYPE_ARRAY, 4, 4, 1, 0);
	have_kernel = probe >= 0;
	if (have_kernel)
		close(probe);
	else
		printf("# kernel figures skipped: bpf() refused (%s)\n", strerror(-probe));
	printf("%-16s %-6s %3s %14s %14s %8s\n", "type", "op", "thr",
	       "bpfhost Mop/s", "kernel Mop/s", "ratio");
	for (size_t t = 0; t < sizeof(types) / sizeof(types[0]); t++) {
		const struct bench_type *bt = &types[t];
		BH_OPTS(bh_map_create_opts, o, .map_flags = bt->flags);
		struct bh_map *h = bh_map__create(bt->type, NULL, bt->ks, bt->vs,
						  ENTRIES, &o);
		int k = have_kernel ? k_create(bt->type, bt->ks, bt->vs, ENTRIES,
					       bt->flags) : -1;
		size_t vsz = (size_t)bt->vs * 4096; /* room for per-CPU values */
		uint8_t key[8], *val = calloc(1, vsz);
		bool lpm = bt->type == BPF_MAP_TYPE_LPM_TRIE;

		if (!h || !val) {
			printf("%-16s create failed\n", bt->name);
			continue;
		}
		for (uint32_t i = 0; i < ENTRIES; i++) {
			struct job j = { .lpm = lpm };

			make_key(&j, i, key);
			bh_map__update_elem(h, key, val, 0);
			if (k >= 0)
				k_elem(BPF_MAP_UPDATE_ELEM, k, key, val, 0);
		}
		for (int upd = 0; upd < 2; upd++)
			for (int thr = 1; thr <= 2; thr++) {
				double hb = measure(h, k, false, upd, thr, lpm, vsz);
				double kb = k >= 0 ? measure(h, k, true, upd, thr, lpm, vsz) : 0;

				printf("%-16s %-6s %3d %14.2f %14.2f %8.1f\n", bt->name,
				       upd ? "update" : "lookup", thr, hb, kb,
				       kb > 0 ? hb / kb : 0.0);
			}
		bh_map__free(h);
		if (k >= 0)
			close(k);
		free(val);
	}
	return 0;
}
