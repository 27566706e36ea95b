/* SPDX-License-Identifier: MIT */
/*
 * tests/maps/diff_maps.c - differential test of bpfhost maps against the
 * kernel's, through the raw bpf() syscall.
 *
 * A seeded generator produces operation sequences (creates with valid and
 * invalid attributes, updates with every flag, lookups, deletes,
 * get_next_key walks, the four batch operations, freezes, map-in-map
 * inserts); each operation runs on a bpfhost map and on a kernel map and the
 * return codes must agree, then the contents must agree (walked with
 * get_next_key: in order where the order is the kernel's by construction,
 * BPF_F_ZERO_SEED hashes, arrays, tries; as sets otherwise).
 *
 *	diff_maps [--seed N] [--ops N] [--only NAME]
 *
 * DEVMAP and DEVMAP_HASH values name network interfaces: the test runs in
 * a network namespace of its own (unshare(CLONE_NEWNET)), where the kernel
 * has only lo (ifindex 1), as bpfhost's interface registry has; values use
 * ifindex 1 and ifindexes neither side has.  Without CLONE_NEWNET the
 * devmap cases skip.
 *
 * Prints one "ok NAME" / "not ok NAME" / "skip NAME: why" line per case,
 * with the seed and the failing step on a mismatch, and a summary of the
 * operation counts.  Skips everything when bpf() is refused.
 */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#include <linux/bpf.h>

#include <errno.h>
#include <inttypes.h>
#include <sched.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <bpfhost/bpfhost.h>

#ifndef ENOTSUPP
#define ENOTSUPP 524
#endif

/* ---- Random numbers (xorshift64*) -------------------------------------------- */

static uint64_t rng;

static uint64_t rnd64(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

static uint32_t rn(uint32_t n)
{
	return n ? (uint32_t)(rnd64() % n) : 0;
}

static bool chance(uint32_t percent)
{
	return rn(100) < percent;
}

/* ---- The kernel side ----------------------------------------------------------- */

static int sys_bpf(int cmd, union bpf_attr *attr)
{
	long r = syscall(__NR_bpf, cmd, attr, sizeof(*attr));

	return r < 0 ? -errno : (int)r;
}

static int k_create(uint32_t type, const char *name, uint32_t ks, uint32_t vs,
		    uint32_t me, uint32_t flags, uint32_t numa,
		    uint64_t extra, int inner_fd)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.map_type = type;
	a.key_size = ks;
	a.value_size = vs;
	a.max_entries = me;
	a.map_flags = flags;
	a.numa_node = numa;
	a.map_extra = extra;
	a.inner_map_fd = inner_fd;
	if (name)
		memcpy(a.map_name, name, strnlen(name, sizeof(a.map_name)));
	return sys_bpf(BPF_MAP_CREATE, &a);
}

static int k_elem(int cmd, int fd, const void *key, void *value,
		  uint64_t flags)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.map_fd = fd;
	a.key = (uint64_t)(uintptr_t)key;
	a.value = (uint64_t)(uintptr_t)value;
	a.flags = flags;
	return sys_bpf(cmd, &a);
}

static int k_next_key(int fd, const void *key, void *next)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.map_fd = fd;
	a.key = (uint64_t)(uintptr_t)key;
	a.next_key = (uint64_t)(uintptr_t)next;
	return sys_bpf(BPF_MAP_GET_NEXT_KEY, &a);
}

static int k_batch(int cmd, int fd, const void *in, void *out, void *keys,
		   void *values, uint32_t *count, uint64_t elem_flags,
		   uint64_t flags)
{
	union bpf_attr a;
	int ret;

	memset(&a, 0, sizeof(a));
	a.batch.map_fd = fd;
	a.batch.in_batch = (uint64_t)(uintptr_t)in;
	a.batch.out_batch = (uint64_t)(uintptr_t)out;
	a.batch.keys = (uint64_t)(uintptr_t)keys;
	a.batch.values = (uint64_t)(uintptr_t)values;
	a.batch.count = *count;
	a.batch.elem_flags = elem_flags;
	a.batch.flags = flags;
	ret = sys_bpf(cmd, &a);
	*count = a.batch.count;
	return ret;
}

static int k_freeze(int fd)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.map_fd = fd;
	return sys_bpf(BPF_MAP_FREEZE, &a);
}

static int k_info(int fd, struct bpf_map_info *info)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	memset(info, 0, sizeof(*info));
	a.info.bpf_fd = fd;
	a.info.info_len = sizeof(*info);
	a.info.info = (uint64_t)(uintptr_t)info;
	return sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &a);
}

static int k_prog_load(uint32_t type)
{
	struct bpf_insn insns[2] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.prog_type = type;
	a.insns = (uint64_t)(uintptr_t)insns;
	a.insn_cnt = 2;
	a.license = (uint64_t)(uintptr_t)"GPL";
	return sys_bpf(BPF_PROG_LOAD, &a);
}

static uint32_t k_prog_id(int fd)
{
	struct bpf_prog_info info;
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	memset(&info, 0, sizeof(info));
	a.info.bpf_fd = fd;
	a.info.info_len = sizeof(info);
	a.info.info = (uint64_t)(uintptr_t)&info;
	return sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &a) ? 0 : info.id;
}

/* ---- Failure reporting ------------------------------------------------------------ */

static uint64_t seed;
static const char *cur_case;
static uint64_t cur_step;
static int case_failures;
static uint64_t total_ops;

static void mismatch(const char *fmt, ...)
{
	va_list ap;

	if (case_failures++ >= 5)
		return;
	fprintf(stderr, "  MISMATCH %s seed=%" PRIu64 " step=%" PRIu64 ": ",
		cur_case, seed, cur_step);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

#define CMP_RET(what, hret, kret)                                            \
	do {                                                                 \
		if ((hret) != (kret))                                        \
			mismatch("%s: bpfhost %d, kernel %d", what, (hret),  \
				 (kret));                                    \
	} while (0)

/* ---- A map in both worlds --------------------------------------------------------- */

static unsigned int ncpus;

/* Objects an fd map may hold: index i is h_ids[i] here, k_fds[i] there. */
struct pool {
	uint32_t cnt;
	uint32_t h_ids[32];
	int k_fds[32];
	uint32_t k_ids[32];
	struct bh_map *h_maps[32];
	struct bh_prog *h_progs[32];
};

struct pair {
	struct bh_map *h;
	int k;
	uint32_t type, ks, vs, me, flags;
	bool ordered;        /* iteration order is the kernel's */
	bool lru_loose;      /* LRU with eviction: only invariants */
	struct pool *pool;   /* fd maps: what ids/fds mean */
	size_t hvs;          /* host value size */
};

static bool is_percpu(uint32_t t)
{
	return t == BPF_MAP_TYPE_PERCPU_HASH || t == BPF_MAP_TYPE_PERCPU_ARRAY ||
	       t == BPF_MAP_TYPE_LRU_PERCPU_HASH;
}

static bool is_fd_map(uint32_t t)
{
	return t == BPF_MAP_TYPE_PROG_ARRAY || t == BPF_MAP_TYPE_ARRAY_OF_MAPS ||
	       t == BPF_MAP_TYPE_HASH_OF_MAPS;
}

static bool is_keyless(uint32_t t)
{
	return t == BPF_MAP_TYPE_QUEUE || t == BPF_MAP_TYPE_STACK ||
	       t == BPF_MAP_TYPE_BLOOM_FILTER;
}

static bool is_devmap(uint32_t t)
{
	return t == BPF_MAP_TYPE_DEVMAP || t == BPF_MAP_TYPE_DEVMAP_HASH;
}

static bool is_array(uint32_t t)
{
	return t == BPF_MAP_TYPE_ARRAY || t == BPF_MAP_TYPE_PERCPU_ARRAY ||
	       t == BPF_MAP_TYPE_PROG_ARRAY || t == BPF_MAP_TYPE_ARRAY_OF_MAPS;
}

static int pair_create(struct pair *p, uint32_t type, uint32_t ks, uint32_t vs,
		       uint32_t me, uint32_t flags, uint64_t extra,
		       struct bh_map *h_inner, int k_inner)
{
	BH_OPTS(bh_map_create_opts, o, .map_flags = flags, .map_extra = extra,
		.inner_map = h_inner);
	int hret, kret;

	memset(p, 0, sizeof(*p));
	p->h = bh_map__create(type, "diff", ks, vs, me, &o);
	hret = p->h ? 0 : -errno;
	kret = k_create(type, "diff", ks, vs, me, flags, 0, extra, k_inner);
	p->k = kret;
	if ((hret == 0) != (kret >= 0) || (hret && hret != kret)) {
		mismatch("create type %u ks %u vs %u me %u flags %#x: bpfhost %d, kernel %d",
			 type, ks, vs, me, flags, hret, kret);
		bh_map__free(p->h);
		if (kret >= 0)
			close(kret);
		return -1;
	}
	if (hret)
		return hret;
	p->type = type;
	p->ks = ks;
	p->vs = vs;
	p->me = bh_map__max_entries(p->h);
	p->flags = flags;
	p->hvs = is_percpu(type) ? ((vs + 7) & ~7U) * ncpus
	       : is_fd_map(type) ? 4 : vs;
	return 0;
}

static void pair_free(struct pair *p)
{
	bh_map__free(p->h);
	if (p->k >= 0)
		close(p->k);
	p->h = NULL;
	p->k = -1;
}

/* Translate a value read from a map to a comparable form (fd maps: pool index). */
static void norm_value(const struct pair *p, void *v, bool kernel)
{
	uint32_t id, i;

	if (!is_fd_map(p->type) || !p->pool)
		return;
	memcpy(&id, v, 4);
	for (i = 0; i < p->pool->cnt; i++)
		if ((kernel ? p->pool->k_ids[i] : p->pool->h_ids[i]) == id)
			break;
	memcpy(v, &i, 4);
}

/* ---- Keys and values ------------------------------------------------------------------ */

static uint32_t key_space = 8;

static void gen_key(const struct pair *p, uint8_t *key)
{
	memset(key, 0, p->ks);
	if (p->type == BPF_MAP_TYPE_LPM_TRIE) {
		static const uint8_t bytes[] = { 0, 0x80, 0xc0, 0xff, 0x0a, 0x01 };
		uint32_t maxp = (p->ks - 4) * 8;
		uint32_t plen = rn(maxp + 3);

		memcpy(key, &plen, 4);
		for (uint32_t i = 4; i < p->ks; i++)
			key[i] = bytes[rn(sizeof(bytes))];
		return;
	}
	if (is_array(p->type) || p->type == BPF_MAP_TYPE_DEVMAP) {
		uint32_t idx = rn(p->me + 2);

		memcpy(key, &idx, 4);
		return;
	}
	for (uint32_t i = 0; i < p->ks && i < 2; i++)
		key[i] = (uint8_t)(i ? rn(2) : rn(key_space));
}

static void gen_value(const struct pair *p, uint8_t *v, uint32_t *h_id,
		      int *k_fd)
{
	for (size_t i = 0; i < p->hvs; i++)
		v[i] = (uint8_t)rn(4);
	if (is_devmap(p->type)) {
		/* lo, no device, devices neither side has; no program, a
		 * negative fd (ignored), a program neither side has */
		static const uint32_t ifx[] = { 1, 1, 1, 0, 2, 7, 0xffffffff };
		static const uint32_t prog[] = { 0, 0, 0, 0xffffffff, 0x7ffffff0 };
		uint32_t w[2] = { ifx[rn(7)], prog[rn(5)] };

		memcpy(v, w, p->hvs);
	}
	if (is_fd_map(p->type) && p->pool) {
		uint32_t i = rn(p->pool->cnt + 1);

		*h_id = i < p->pool->cnt ? p->pool->h_ids[i] : 0x7ffffff0;
		*k_fd = i < p->pool->cnt ? p->pool->k_fds[i] : 100000;
	}
}

static uint64_t gen_flags(void)
{
	static const uint64_t f[] = { BPF_ANY, BPF_ANY, BPF_NOEXIST, BPF_EXIST,
				      BPF_F_LOCK, 3, 8, BPF_EXIST | BPF_F_LOCK };

	return f[rn(sizeof(f) / sizeof(f[0]))];
}

/* ---- Contents ------------------------------------------------------------------------- */

#define MAXV 65536
#define MAXE 512

struct dump {
	uint32_t n;
	uint8_t keys[MAXE][64];
	uint8_t vals[MAXE][256];
	int ret[MAXE];
};

static struct dump dh, dk;

static void dump_one(const struct pair *p, bool kernel, struct dump *d)
{
	uint8_t key[300], next[300], *prev = NULL;
	static uint8_t val[MAXV];

	d->n = 0;
	while (d->n < MAXE && d->n < p->me + 4) {
		int r = kernel ? k_next_key(p->k, prev, next)
			       : bh_map__get_next_key(p->h, prev, next);

		if (r)
			break;
		memcpy(d->keys[d->n], next, p->ks < 64 ? p->ks : 64);
		memset(val, 0, p->hvs);
		r = kernel ? k_elem(BPF_MAP_LOOKUP_ELEM, p->k, next, val, 0)
			   : bh_map__lookup_elem(p->h, next, val);
		d->ret[d->n] = r;
		if (!r)
			norm_value(p, val, kernel);
		memcpy(d->vals[d->n], val, p->hvs < 256 ? p->hvs : 256);
		d->n++;
		memcpy(key, next, p->ks);
		prev = key;
	}
}

static int rec_cmp(const void *a, const void *b)
{
	return memcmp(a, b, 64 + 256 + sizeof(int));
}

static void compare_contents(const struct pair *p)
{
	size_t ksz = p->ks < 64 ? p->ks : 64, vsz = p->hvs < 256 ? p->hvs : 256;
	static uint8_t rh[MAXE][64 + 256 + sizeof(int)], rk[MAXE][64 + 256 + sizeof(int)];

	if (is_keyless(p->type) || p->lru_loose)
		return;
	dump_one(p, false, &dh);
	dump_one(p, true, &dk);
	if (dh.n != dk.n) {
		mismatch("contents: bpfhost has %u elements, kernel %u", dh.n, dk.n);
		return;
	}
	for (uint32_t i = 0; i < dh.n; i++) {
		memset(rh[i], 0, sizeof(rh[i]));
		memset(rk[i], 0, sizeof(rk[i]));
		memcpy(rh[i], dh.keys[i], ksz);
		memcpy(rh[i] + 64, dh.vals[i], vsz);
		memcpy(rh[i] + 320, &dh.ret[i], sizeof(int));
		memcpy(rk[i], dk.keys[i], ksz);
		memcpy(rk[i] + 64, dk.vals[i], vsz);
		memcpy(rk[i] + 320, &dk.ret[i], sizeof(int));
	}
	if (!p->ordered) {
		qsort(rh, dh.n, sizeof(rh[0]), rec_cmp);
		qsort(rk, dk.n, sizeof(rk[0]), rec_cmp);
	}
	for (uint32_t i = 0; i < dh.n; i++)
		if (memcmp(rh[i], rk[i], sizeof(rh[i]))) {
			mismatch("contents differ at element %u (%s)", i,
				 p->ordered ? "ordered" : "as sets");
			for (uint32_t j = 0; j < dh.n && getenv("DIFF_VERBOSE"); j++)
				fprintf(stderr, "    %u: h %02x%02x%02x%02x=%02x%02x (%d)  k %02x%02x%02x%02x=%02x%02x (%d)\n",
					j, rh[j][0], rh[j][1], rh[j][2], rh[j][3], rh[j][64],
					rh[j][65], dh.ret[j], rk[j][0], rk[j][1], rk[j][2],
					rk[j][3], rk[j][64], rk[j][65], dk.ret[j]);
			return;
		}
}

/* ---- Operations ------------------------------------------------------------------------ */

static uint8_t hv[MAXV], kv[MAXV];
static uint64_t updates_ok; /* updates both sides accepted, per case */

static void op_update(struct pair *p)
{
	uint8_t key[300];
	uint32_t id = 0;
	int fd = -1, hret, kret;
	uint64_t flags = gen_flags();
	bool keyless = is_keyless(p->type);

	gen_key(p, key);
	gen_value(p, hv, &id, &fd);
	memcpy(kv, hv, p->hvs);
	if (is_fd_map(p->type)) {
		memcpy(hv, &id, 4);
		memcpy(kv, &fd, 4);
	}
	hret = bh_map__update_elem(p->h, keyless ? NULL : key, hv, flags);
	kret = k_elem(BPF_MAP_UPDATE_ELEM, p->k, keyless ? NULL : key, kv, flags);
	if (!p->lru_loose || hret != kret)
		CMP_RET("update", hret, kret);
	if (!hret && !kret)
		updates_ok++;
}

static void op_lookup(struct pair *p, bool and_delete)
{
	uint8_t key[300];
	uint64_t flags = chance(90) ? 0 : (chance(50) ? BPF_F_LOCK : 2);
	bool keyless = is_keyless(p->type);
	int hret, kret;

	gen_key(p, key);
	gen_value(p, hv, &(uint32_t){ 0 }, &(int){ 0 });
	memcpy(kv, hv, p->hvs);
	if (and_delete) {
		hret = bh_map__lookup_and_delete_elem_flags(p->h, keyless ? NULL : key,
							    hv, flags);
		kret = k_elem(BPF_MAP_LOOKUP_AND_DELETE_ELEM, p->k,
			      keyless ? NULL : key, kv, flags);
	} else {
		hret = bh_map__lookup_elem_flags(p->h, keyless ? NULL : key, hv, flags);
		kret = k_elem(BPF_MAP_LOOKUP_ELEM, p->k, keyless ? NULL : key, kv,
			      flags);
	}
	if (p->lru_loose && hret != kret)
		return;
	CMP_RET(and_delete ? "lookup_and_delete" : "lookup", hret, kret);
	if (hret != kret)
		mismatch("  key %02x%02x%02x%02x %02x%02x flags %#llx", key[0], key[1],
			 key[2], key[3], key[4], key[5], (unsigned long long)flags);
	if (!hret && !kret) {
		norm_value(p, hv, false);
		norm_value(p, kv, true);
		if (memcmp(hv, kv, p->hvs))
			mismatch("%s value differs", and_delete ? "lookup_and_delete"
								: "lookup");
	}
}

static void op_delete(struct pair *p)
{
	uint8_t key[300];
	bool keyless = is_keyless(p->type);
	int hret, kret;

	gen_key(p, key);
	hret = bh_map__delete_elem(p->h, keyless ? NULL : key);
	kret = k_elem(BPF_MAP_DELETE_ELEM, p->k, keyless ? NULL : key, NULL, 0);
	if (!p->lru_loose)
		CMP_RET("delete", hret, kret);
}

static void op_next_key(struct pair *p)
{
	uint8_t key[300], hn[300], kn[300];
	bool null = chance(30) || is_keyless(p->type);
	int hret, kret;

	gen_key(p, key);
	memset(hn, 0, sizeof(hn));
	memset(kn, 0, sizeof(kn));
	hret = bh_map__get_next_key(p->h, null ? NULL : key, hn);
	kret = k_next_key(p->k, null ? NULL : key, kn);
	/* Unordered maps: only "is there a first key" is comparable. */
	if (p->lru_loose || (!p->ordered && !null))
		return;
	CMP_RET("get_next_key", hret, kret);
	if (hret != kret) {
		mismatch("  key %s %02x%02x%02x%02x -> %02x%02x%02x%02x / %02x%02x%02x%02x",
			 null ? "NULL" : "", key[0], key[1], key[2], key[3], hn[0],
			 hn[1], hn[2], hn[3], kn[0], kn[1], kn[2], kn[3]);
		dump_one(p, false, &dh);
		for (uint32_t i = 0; i < dh.n; i++)
			fprintf(stderr, "    %02x%02x%02x%02x\n", dh.keys[i][0],
				dh.keys[i][1], dh.keys[i][2], dh.keys[i][3]);
	}
	if (!hret && !kret && p->ordered && memcmp(hn, kn, p->ks))
		mismatch("get_next_key gives different keys");
}

static uint8_t bk_h[MAXE * 64], bk_k[MAXE * 64];
static uint8_t bv_h[MAXV * 4], bv_k[MAXV * 4];

static void op_lookup_batch(struct pair *p, bool del)
{
	uint8_t hin[300], kin[300], hout[300], kout[300];
	uint32_t max = p->ordered ? rn(p->me + 3) : MAXE, hc, kc;
	int cmd = del ? BPF_MAP_LOOKUP_AND_DELETE_BATCH : BPF_MAP_LOOKUP_BATCH;
	uint64_t ef = chance(95) ? 0 : BPF_F_LOCK, fl = chance(95) ? 0 : 1;
	bool first = true;

	if ((size_t)max * p->hvs > sizeof(bv_h))
		max = (uint32_t)(sizeof(bv_h) / (p->hvs ? p->hvs : 1));
	for (int round = 0; round < 64; round++) {
		int hret, kret;

		hc = kc = max;
		memset(hout, 0, sizeof(hout));
		memset(kout, 0, sizeof(kout));
		hret = del ? bh_map__lookup_and_delete_batch(
				     p->h, first ? NULL : hin, hout, bk_h, bv_h,
				     &hc, &(struct bh_map_batch_opts){
					     .sz = sizeof(struct bh_map_batch_opts),
					     .elem_flags = ef, .flags = fl })
			   : bh_map__lookup_batch(
				     p->h, first ? NULL : hin, hout, bk_h, bv_h,
				     &hc, &(struct bh_map_batch_opts){
					     .sz = sizeof(struct bh_map_batch_opts),
					     .elem_flags = ef, .flags = fl });
		kret = k_batch(cmd, p->k, first ? NULL : kin, kout, bk_k, bv_k,
			       &kc, ef, fl);
		total_ops++;
		if (p->lru_loose)
			return;
		CMP_RET(del ? "lookup_and_delete_batch" : "lookup_batch", hret, kret);
		if (hret != kret)
			return;
		if (hc != kc) {
			mismatch("batch count: bpfhost %u, kernel %u", hc, kc);
			return;
		}
		if (p->ordered && (hret == 0 || hret == -ENOENT)) {
			for (uint32_t i = 0; i < hc; i++) {
				norm_value(p, bv_h + i * p->hvs, false);
				norm_value(p, bv_k + i * p->hvs, true);
			}
			if (memcmp(bk_h, bk_k, (size_t)hc * p->ks) ||
			    memcmp(bv_h, bv_k, (size_t)hc * p->hvs))
				mismatch("batch elements differ (count %u, ret %d, keys %d)",
					 hc, hret, memcmp(bk_h, bk_k, (size_t)hc * p->ks));
			if ((hret == 0 || hc) &&
			    memcmp(hout, kout, p->ks > 4 ? p->ks : 4))
				mismatch("batch out token differs");
		}
		if (hret)
			return;
		memcpy(hin, hout, sizeof(hin));
		memcpy(kin, kout, sizeof(kin));
		first = false;
		if (!max)
			return;
	}
}

static void op_write_batch(struct pair *p, bool del)
{
	uint32_t n = rn(6), hc = n, kc = n;
	uint64_t ef = chance(80) ? 0 : gen_flags();
	int hret, kret;

	for (uint32_t i = 0; i < n; i++) {
		uint32_t id = 0;
		int fd = -1;

		gen_key(p, bk_h + i * p->ks);
		gen_value(p, bv_h + i * p->hvs, &id, &fd);
		memcpy(bv_k + i * p->hvs, bv_h + i * p->hvs, p->hvs);
		if (is_fd_map(p->type)) {
			memcpy(bv_h + i * p->hvs, &id, 4);
			memcpy(bv_k + i * p->hvs, &fd, 4);
		}
	}
	if (del) {
		hret = bh_map__delete_batch(p->h, bk_h, &hc,
					    &(struct bh_map_batch_opts){
						    .sz = sizeof(struct bh_map_batch_opts),
						    .elem_flags = ef });
		kret = k_batch(BPF_MAP_DELETE_BATCH, p->k, NULL, NULL, bk_h, NULL,
			       &kc, ef, 0);
	} else {
		hret = bh_map__update_batch(p->h, bk_h, bv_h, &hc,
					    &(struct bh_map_batch_opts){
						    .sz = sizeof(struct bh_map_batch_opts),
						    .elem_flags = ef });
		kret = k_batch(BPF_MAP_UPDATE_BATCH, p->k, NULL, NULL, bk_h, bv_k,
			       &kc, ef, 0);
	}
	if (p->lru_loose)
		return;
	CMP_RET(del ? "delete_batch" : "update_batch", hret, kret);
	if (hc != kc)
		mismatch("%s count: bpfhost %u, kernel %u",
			 del ? "delete_batch" : "update_batch", hc, kc);
}

static void op_freeze(struct pair *p)
{
	CMP_RET("freeze", bh_map__freeze(p->h), k_freeze(p->k));
}

static void run_ops(struct pair *p, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++, cur_step++) {
		uint32_t r = rn(1000);

		/*
		 * The kernel waits for a grace period after every write to a
		 * map of programs or maps (milliseconds): mostly read those.
		 */
		if (is_fd_map(p->type) && chance(90))
			r = 350 + rn(500);
		if (r < 350)
			op_update(p);
		else if (r < 550)
			op_lookup(p, false);
		else if (r < 650)
			op_delete(p);
		else if (r < 700)
			op_lookup(p, true);
		else if (r < 850)
			op_next_key(p);
		else if (r < 880)
			op_lookup_batch(p, false);
		else if (r < 895)
			op_lookup_batch(p, true);
		else if (r < 960)
			op_write_batch(p, false);
		else if (r < 999)
			op_write_batch(p, true);
		else if (chance(3))
			op_freeze(p);
		total_ops++;
		compare_contents(p);
		if (case_failures)
			return;
	}
}

/* ---- Cases ------------------------------------------------------------------------------ */

struct cfg {
	uint32_t ks, vs, me, flags;
	uint64_t extra;
};

static uint64_t ops_per_type = 100000;
static uint64_t case_ops;

static void run_configs(uint32_t type, const struct cfg *cfgs, size_t n,
			struct pool *pool, struct bh_map *h_inner, int k_inner)
{
	uint64_t per = ops_per_type / n + 1;

	for (size_t i = 0; i < n && !case_failures; i++) {
		struct pair p;

		if (pair_create(&p, type, cfgs[i].ks, cfgs[i].vs, cfgs[i].me,
				cfgs[i].flags, cfgs[i].extra, h_inner, k_inner))
			continue;
		p.pool = pool;
		p.ordered = is_array(type) || type == BPF_MAP_TYPE_LPM_TRIE ||
			    is_devmap(type) ||
			    (cfgs[i].flags & BPF_F_ZERO_SEED);
		key_space = type == BPF_MAP_TYPE_LRU_HASH ||
					    type == BPF_MAP_TYPE_LRU_PERCPU_HASH
				    ? p.me / 4
				    : p.me + p.me / 2 + 1;
		if (!key_space)
			key_space = 1;
		run_ops(&p, per);
		case_ops += per;
		pair_free(&p);
	}
}

#define CFGS(...) ((const struct cfg[]){ __VA_ARGS__ }), \
	(sizeof((const struct cfg[]){ __VA_ARGS__ }) / sizeof(struct cfg))

static void case_hash(uint32_t type)
{
	bool lru = type == BPF_MAP_TYPE_LRU_HASH ||
		   type == BPF_MAP_TYPE_LRU_PERCPU_HASH;
	uint32_t np = lru ? 0 : BPF_F_NO_PREALLOC;

	run_configs(type, CFGS({ 4, 8, 16, BPF_F_ZERO_SEED },
			       { 3, 5, 8, BPF_F_ZERO_SEED | np },
			       { 12, 1, 4, BPF_F_ZERO_SEED },
			       { 8, 16, 32, 0 },
			       { 4, 4, 8, BPF_F_ZERO_SEED | BPF_F_RDONLY },
			       { 4, 4, 8, BPF_F_ZERO_SEED | BPF_F_WRONLY },
			       { 2, 24, 64, BPF_F_ZERO_SEED | BPF_F_RDONLY_PROG }),
		    NULL, NULL, -1);
	if (lru)
		run_configs(type, CFGS({ 4, 8, 64, BPF_F_NO_COMMON_LRU | BPF_F_ZERO_SEED }),
			    NULL, NULL, -1);
}

/*
 * LRU with eviction: which element goes differs by design (docs/maps.md),
 * so compare what both promise: every BPF_ANY update succeeds, the key
 * just written is there, and neither map holds more than max_entries.
 */
static void case_lru_eviction(uint32_t type)
{
	static const uint32_t flags[] = { 0, BPF_F_NO_COMMON_LRU };

	for (int f = 0; f < 2 && !case_failures; f++) {
		struct pair p;
		uint64_t n = ops_per_type / 2;

		if (pair_create(&p, type, 4, 8, 32, flags[f], 0, NULL, -1))
			continue;
		for (uint64_t i = 0; i < n && !case_failures; i++, cur_step++) {
			uint32_t key = rn(200);
			int hret, kret;

			memset(hv, (int)i, p.hvs);
			hret = bh_map__update_elem(p.h, &key, hv, BPF_ANY);
			kret = k_elem(BPF_MAP_UPDATE_ELEM, p.k, &key, hv, BPF_ANY);
			CMP_RET("lru update", hret, kret);
			CMP_RET("lru lookup after update",
				bh_map__lookup_elem(p.h, &key, hv),
				k_elem(BPF_MAP_LOOKUP_ELEM, p.k, &key, kv, 0));
			total_ops += 2;
			case_ops += 2;
			if (i % 64 == 0) {
				dump_one(&p, false, &dh);
				dump_one(&p, true, &dk);
				if (dh.n > p.me || dk.n > p.me)
					mismatch("lru holds %u / %u elements, max %u",
						 dh.n, dk.n, p.me);
			}
		}
		pair_free(&p);
	}
}

static void case_array(uint32_t type)
{
	run_configs(type, CFGS({ 4, 8, 16, 0 }, { 4, 3, 5, 0 },
			       { 4, 20, 1, BPF_F_RDONLY },
			       { 4, 8, 4, BPF_F_WRONLY },
			       { 4, 12, 9, type == BPF_MAP_TYPE_ARRAY ? BPF_F_MMAPABLE : 0 }),
		    NULL, NULL, -1);
}

/* Device maps: value_size 4 (ifindex) and 8 (ifindex, program). */
static bool have_netns;
static int netns_err;

static void case_devmap(uint32_t type)
{
	run_configs(type, CFGS({ 4, 4, 8, 0 }, { 4, 8, 16, 0 }, { 4, 4, 3, 0 },
			       { 4, 8, 5, BPF_F_RDONLY },
			       { 4, 4, 4, BPF_F_WRONLY }),
		    NULL, NULL, -1);
}

/*
 * bpf_redirect_map from XDP: one program per side reads the key and the
 * flags (two u64) from the packet and returns what the helper returns;
 * BPF_PROG_TEST_RUN (non-live: XDP_REDIRECT is just the result) against
 * bh_prog__test_run, on random keys and flags while updates and deletes
 * change the map.  bpfhost loads it unverified (the verifier does not
 * take device maps yet).
 */
#define RI(c, d, s_, o, i)                                                   \
	((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s_),     \
			    .off = (o), .imm = (i) })

static int redirect_prog(struct bpf_insn *in, uint32_t map_ref)
{
	int n = 0;

	in[n++] = RI(BPF_LDX | BPF_MEM | BPF_W, 2, 1, 0, 0);  /* data */
	in[n++] = RI(BPF_LDX | BPF_MEM | BPF_W, 3, 1, 4, 0);  /* data_end */
	in[n++] = RI(BPF_ALU64 | BPF_MOV | BPF_X, 4, 2, 0, 0);
	in[n++] = RI(BPF_ALU64 | BPF_ADD | BPF_K, 4, 0, 0, 16);
	in[n++] = RI(BPF_JMP | BPF_JGT | BPF_X, 4, 3, 8, 0);
	in[n++] = RI(BPF_LDX | BPF_MEM | BPF_DW, 6, 2, 0, 0); /* key */
	in[n++] = RI(BPF_LDX | BPF_MEM | BPF_DW, 7, 2, 8, 0); /* flags */
	in[n++] = RI(BPF_LD | BPF_IMM | BPF_DW, 1, BPF_PSEUDO_MAP_FD, 0,
		     (int32_t)map_ref);
	in[n++] = RI(0, 0, 0, 0, 0);
	in[n++] = RI(BPF_ALU64 | BPF_MOV | BPF_X, 2, 6, 0, 0);
	in[n++] = RI(BPF_ALU64 | BPF_MOV | BPF_X, 3, 7, 0, 0);
	in[n++] = RI(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_redirect_map);
	in[n++] = RI(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	in[n++] = RI(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 99);
	in[n++] = RI(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	return n;
}

static int k_xdp_run(int prog_fd, const void *pkt, uint32_t len, uint32_t *ret)
{
	uint8_t out[256];
	union bpf_attr a;
	int r;

	memset(&a, 0, sizeof(a));
	a.test.prog_fd = (uint32_t)prog_fd;
	a.test.data_in = (uint64_t)(uintptr_t)pkt;
	a.test.data_size_in = len;
	a.test.data_out = (uint64_t)(uintptr_t)out;
	a.test.data_size_out = sizeof(out);
	r = sys_bpf(BPF_PROG_TEST_RUN, &a);
	*ret = a.test.retval;
	return r;
}

static void case_redirect_map(uint32_t type)
{
	static const uint64_t flag_set[] = {
		0, XDP_DROP, XDP_PASS, XDP_TX, 4 /* XDP_REDIRECT: not an action bit */,
		BPF_F_BROADCAST, BPF_F_EXCLUDE_INGRESS,
		BPF_F_BROADCAST | BPF_F_EXCLUDE_INGRESS | XDP_PASS,
		BPF_F_EXCLUDE_INGRESS | XDP_DROP, 1u << 5, 1ull << 40 | XDP_PASS,
		~0ull,
	};
	struct bpf_insn hi[16], ki[16];
	struct bh_prog *hp = NULL;
	int kp = -1, n;
	struct pair p;
	union bpf_attr a;
	char log[4096] = "";
	uint64_t seen[6] = { 0 }; /* results XDP_ABORTED..XDP_REDIRECT, other */

	if (pair_create(&p, type, 4, 4, 8, 0, 0, NULL, -1))
		return;
	p.ordered = true;
	key_space = p.me + p.me / 2 + 1;
	n = redirect_prog(hi, bh_map__id(p.h));
	redirect_prog(ki, (uint32_t)p.k);
	{
		BH_OPTS(bh_prog_load_opts, o, .license = "GPL",
			.bh_flags = BH_PROG_LOAD_F_NO_VERIFY);

		hp = bh_prog__load(BPF_PROG_TYPE_XDP, hi, (size_t)n, &o);
	}
	memset(&a, 0, sizeof(a));
	a.prog_type = BPF_PROG_TYPE_XDP;
	a.insns = (uint64_t)(uintptr_t)ki;
	a.insn_cnt = (uint32_t)n;
	a.license = (uint64_t)(uintptr_t)"GPL";
	a.log_buf = (uint64_t)(uintptr_t)log;
	a.log_size = sizeof(log);
	a.log_level = 1;
	kp = sys_bpf(BPF_PROG_LOAD, &a);
	if (!hp || kp < 0) {
		mismatch("redirect program: bpfhost %d, kernel %d %s", hp ? 0 : -errno,
			 kp, log);
		goto out;
	}
	for (uint64_t i = 0; i < ops_per_type / 4 && !case_failures; i++, cur_step++) {
		uint32_t r = rn(100), hret = 0, kret = 0;
		uint64_t pkt[8] = { 0 };
		int he, ke;

		total_ops++;
		case_ops++;
		if (r < 25) {
			op_update(&p);
		} else if (r < 35) {
			op_delete(&p);
		} else {
			pkt[0] = rn(p.type == BPF_MAP_TYPE_DEVMAP ? p.me + 2 : key_space);
			if (chance(10))
				pkt[0] |= (uint64_t)(1 + rn(3)) << 32;
			pkt[1] = flag_set[rn(sizeof(flag_set) / sizeof(flag_set[0]))];
			{
				BH_OPTS(bh_test_run_opts, o, .data_in = pkt,
					.data_size_in = sizeof(pkt));

				he = bh_prog__test_run(hp, &o);
				hret = o.retval;
			}
			ke = k_xdp_run(kp, pkt, sizeof(pkt), &kret);
			CMP_RET("test_run", he, ke);
			seen[kret < 5 ? kret : 5]++;
			if (hret != kret)
				mismatch("redirect_map key %#" PRIx64 " flags %#" PRIx64
					 ": bpfhost %u, kernel %u", pkt[0], pkt[1], hret, kret);
			continue;
		}
		compare_contents(&p);
	}
	fprintf(stderr, "  %s results: %" PRIu64 " redirect, %" PRIu64 " aborted, %"
		PRIu64 " drop, %" PRIu64 " pass, %" PRIu64 " tx, %" PRIu64 " other\n",
		cur_case, seen[4], seen[0], seen[1], seen[2], seen[3], seen[5]);
out:
	bh_prog__free(hp);
	if (kp >= 0)
		close(kp);
	pair_free(&p);
}

static void case_lpm(void)
{
	run_configs(BPF_MAP_TYPE_LPM_TRIE,
		    CFGS({ 5, 4, 16, BPF_F_NO_PREALLOC },
			 { 6, 8, 8, BPF_F_NO_PREALLOC },
			 { 8, 3, 32, BPF_F_NO_PREALLOC }),
		    NULL, NULL, -1);
}

static void case_queue(uint32_t type)
{
	run_configs(type, CFGS({ 0, 4, 4, 0 }, { 0, 9, 1, 0 }, { 0, 16, 7, 0 }),
		    NULL, NULL, -1);
}

static void case_bloom(void)
{
	run_configs(BPF_MAP_TYPE_BLOOM_FILTER,
		    CFGS({ 0, 4, 16, BPF_F_ZERO_SEED, 0 },
			 { 0, 3, 4, BPF_F_ZERO_SEED, 1 },
			 { 0, 8, 100, BPF_F_ZERO_SEED, 3 }),
		    NULL, NULL, -1);
}

/* Inner maps of many kinds in both worlds. */
static struct pool inner_pool;
static struct {
	uint32_t type, ks, vs, me, flags;
	uint64_t extra;
} inner_defs[] = {
	{ BPF_MAP_TYPE_ARRAY, 4, 4, 4, 0, 0 },
	{ BPF_MAP_TYPE_ARRAY, 4, 4, 8, 0, 0 },
	{ BPF_MAP_TYPE_ARRAY, 4, 4, 4, BPF_F_INNER_MAP, 0 },
	{ BPF_MAP_TYPE_ARRAY, 4, 4, 8, BPF_F_INNER_MAP, 0 },
	{ BPF_MAP_TYPE_ARRAY, 4, 8, 4, 0, 0 },
	{ BPF_MAP_TYPE_PERCPU_ARRAY, 4, 4, 4, 0, 0 },
	{ BPF_MAP_TYPE_PERCPU_ARRAY, 4, 4, 8, 0, 0 },
	{ BPF_MAP_TYPE_HASH, 4, 4, 4, 0, 0 },
	{ BPF_MAP_TYPE_HASH, 4, 4, 8, 0, 0 },
	{ BPF_MAP_TYPE_HASH, 4, 8, 4, 0, 0 },
	{ BPF_MAP_TYPE_HASH, 4, 4, 4, BPF_F_NO_PREALLOC, 0 },
	{ BPF_MAP_TYPE_PERCPU_HASH, 4, 4, 4, 0, 0 },
	{ BPF_MAP_TYPE_LRU_HASH, 4, 4, 4, 0, 0 },
	{ BPF_MAP_TYPE_LRU_PERCPU_HASH, 4, 4, 4, 0, 0 },
	{ BPF_MAP_TYPE_LPM_TRIE, 8, 4, 4, BPF_F_NO_PREALLOC, 0 },
	{ BPF_MAP_TYPE_QUEUE, 0, 4, 4, 0, 0 },
	{ BPF_MAP_TYPE_STACK, 0, 4, 4, 0, 0 },
	{ BPF_MAP_TYPE_BLOOM_FILTER, 0, 4, 4, 0, 0 },
	{ BPF_MAP_TYPE_DEVMAP, 4, 4, 4, 0, 0 },
	{ BPF_MAP_TYPE_DEVMAP, 4, 8, 4, 0, 0 },
	{ BPF_MAP_TYPE_DEVMAP_HASH, 4, 4, 4, 0, 0 },
	{ BPF_MAP_TYPE_PROG_ARRAY, 4, 4, 4, 0, 0 },
	{ BPF_MAP_TYPE_ARRAY_OF_MAPS, 4, 4, 4, 0, 0 }, /* template: [0] */
	{ BPF_MAP_TYPE_HASH_OF_MAPS, 4, 4, 4, 0, 0 },  /* template: [0] */
};
#define N_INNER (sizeof(inner_defs) / sizeof(inner_defs[0]))

static int build_inner_pool(void)
{
	struct pool *pl = &inner_pool;

	for (size_t i = 0; i < N_INNER; i++) {
		BH_OPTS(bh_map_create_opts, o, .map_flags = inner_defs[i].flags,
			.inner_map = pl->h_maps[0]);
		struct bpf_map_info info;
		struct bh_map *h = bh_map__create(inner_defs[i].type, NULL,
						  inner_defs[i].ks, inner_defs[i].vs,
						  inner_defs[i].me, &o);
		int k = k_create(inner_defs[i].type, NULL, inner_defs[i].ks,
				 inner_defs[i].vs, inner_defs[i].me,
				 inner_defs[i].flags, 0, 0, pl->k_fds[0]);

		if (!h || k < 0 || k_info(k, &info)) {
			fprintf(stderr, "  inner map %zu: bpfhost %d, kernel %d\n",
				i, h ? 0 : -errno, k);
			return -1;
		}
		pl->h_maps[pl->cnt] = h;
		pl->h_ids[pl->cnt] = bh_map__id(h);
		pl->k_fds[pl->cnt] = k;
		pl->k_ids[pl->cnt] = info.id;
		pl->cnt++;
	}
	return 0;
}

/* Every pool map as template against every pool map as inner map. */
static void case_map_in_map_matrix(void)
{
	static const uint32_t outers[] = { BPF_MAP_TYPE_ARRAY_OF_MAPS,
					   BPF_MAP_TYPE_HASH_OF_MAPS };
	uint32_t accepted = 0, refused = 0;

	for (size_t o = 0; o < 2; o++)
		for (uint32_t t = 0; t < inner_pool.cnt; t++) {
			struct pair p;
			int r = pair_create(&p, outers[o], 4, 4, 4, 0, 0,
					    inner_pool.h_maps[t],
					    inner_pool.k_fds[t]);

			case_ops++;
			if (r)
				continue;
			p.pool = &inner_pool;
			for (uint32_t i = 0; i < inner_pool.cnt; i++) {
				uint32_t key = i % 4;
				int hret = bh_map__update_elem(p.h, &key,
							       &inner_pool.h_ids[i], 0);
				int kret = k_elem(BPF_MAP_UPDATE_ELEM, p.k, &key,
						  &inner_pool.k_fds[i], 0);

				CMP_RET("map-in-map insert", hret, kret);
				if (hret != kret)
					fprintf(stderr, "    template %u inner %u\n", t, i);
				hret ? refused++ : accepted++;
				case_ops++;
			}
			compare_contents(&p);
			pair_free(&p);
		}
	fprintf(stderr, "  matrix: %u inserts accepted, %u refused (both sides)\n",
		accepted, refused);
}

static void case_map_in_map_ops(uint32_t type)
{
	/* template: ARRAY 4/4/4 with BPF_F_INNER_MAP ([2]), so [2] and [3] fit */
	run_configs(type, CFGS({ 4, 4, 8, type == BPF_MAP_TYPE_HASH_OF_MAPS ? BPF_F_ZERO_SEED : 0 }),
		    &inner_pool, inner_pool.h_maps[2], inner_pool.k_fds[2]);
}

static struct pool prog_pool;

static int build_prog_pool(void)
{
	struct bpf_insn insns[2] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	/* two of one type, one of another: the second type is refused */
	uint32_t h_types[3] = { BPF_PROG_TYPE_XDP, BPF_PROG_TYPE_XDP,
				BPF_PROG_TYPE_SYSCALL };
	uint32_t k_types[3] = { BPF_PROG_TYPE_XDP, BPF_PROG_TYPE_XDP,
				BPF_PROG_TYPE_SOCKET_FILTER };

	for (int i = 0; i < 3; i++) {
		struct bh_prog *h = bh_prog__load(h_types[i], insns, 2, NULL);
		int k = k_prog_load(k_types[i]);

		if (!h || k < 0)
			return -1;
		prog_pool.h_progs[i] = h;
		prog_pool.h_ids[i] = bh_prog__id(h);
		prog_pool.k_fds[i] = k;
		prog_pool.k_ids[i] = k_prog_id(k);
		prog_pool.cnt++;
	}
	return 0;
}

static void case_prog_array(void)
{
	run_configs(BPF_MAP_TYPE_PROG_ARRAY, CFGS({ 4, 4, 8, 0 }, { 4, 4, 3, 0 }),
		    &prog_pool, NULL, -1);
}

/* Creation with valid and invalid attributes, compared with the kernel. */
static void case_create(void)
{
	static const uint32_t types[] = {
		BPF_MAP_TYPE_HASH, BPF_MAP_TYPE_ARRAY, BPF_MAP_TYPE_PROG_ARRAY,
		BPF_MAP_TYPE_PERCPU_HASH, BPF_MAP_TYPE_PERCPU_ARRAY,
		BPF_MAP_TYPE_LRU_HASH, BPF_MAP_TYPE_LRU_PERCPU_HASH,
		BPF_MAP_TYPE_LPM_TRIE, BPF_MAP_TYPE_QUEUE, BPF_MAP_TYPE_STACK,
		BPF_MAP_TYPE_BLOOM_FILTER, BPF_MAP_TYPE_ARRAY_OF_MAPS,
		BPF_MAP_TYPE_HASH_OF_MAPS, BPF_MAP_TYPE_DEVMAP,
		BPF_MAP_TYPE_DEVMAP_HASH, 0, 200,
	};
	static const uint32_t ks[] = { 0, 1, 3, 4, 5, 8, 16, 259, 260, 261 };
	static const uint32_t vs[] = { 0, 1, 4, 8, 13, 32768, 32769,
				       (1u << 22) - 48 - 4, (1u << 22) - 48 - 5,
				       (1u << 22) - 280, (1u << 22) - 279,
				       (1u << 22), (1u << 22) + 1 };
	static const uint32_t me[] = { 0, 1, 2, 3, 7, 64 };
	static const char *names[] = { NULL, "ok_name.1", "bad-name",
				       "fifteen_chars_x", "sixteen_chars_xx", "sp ace" };

	for (uint64_t i = 0; i < ops_per_type && !case_failures; i++, cur_step++) {
		uint32_t t = types[rn(sizeof(types) / 4)];
		uint32_t k = ks[rn(sizeof(ks) / 4)], v = vs[rn(sizeof(vs) / 4)];
		uint32_t m = me[rn(sizeof(me) / 4)];
		uint32_t flags = chance(30) ? 0 : (uint32_t)(1u << rn(19));
		uint64_t extra = chance(90) ? 0 : rn(20);
		const char *name = names[rn(sizeof(names) / sizeof(names[0]))];
		uint32_t inner = rn(inner_pool.cnt);
		BH_OPTS(bh_map_create_opts, o, .map_flags = flags, .map_extra = extra,
			.inner_map = inner_pool.h_maps[inner]);
		struct bh_map *h;
		int kret, hret;

		static const uint32_t numas[] = { 0, 1, UINT32_MAX, 7 };
		uint32_t numa = numas[rn(4)];

		if (chance(20))
			flags |= (uint32_t)(1u << rn(19));
		if (chance(10))
			flags |= BPF_F_NUMA_NODE;
		o.map_flags = flags;
		o.numa_node = numa;
		/* big values in big maps would allocate gigabytes: keep small */
		if ((uint64_t)v * (m + 1) > (64u << 20))
			m = 1;
		h = bh_map__create(t, name, k, v, m, &o);
		hret = h ? 0 : -errno;
		kret = k_create(t, name, k, v, m, flags, numa, extra,
				inner_pool.k_fds[inner]);
		total_ops++;
		case_ops++;
		if ((hret == 0) != (kret >= 0) || (hret && hret != kret))
			mismatch("create type %u ks %u vs %u me %u flags %#x numa %d extra %" PRIu64
				 " name %s inner %u: bpfhost %d, kernel %d",
				 t, k, v, m, flags, (int)numa, extra,
				 name ? name : "-", inner, hret, kret);
		if (h && kret >= 0) {
			struct bpf_map_info info;

			if (!k_info(kret, &info) &&
			    (info.max_entries != bh_map__max_entries(h) ||
			     info.map_flags != bh_map__flags(h) ||
			     strcmp(info.name, bh_map__name(h))))
				mismatch("info differs (max_entries %u/%u flags %#x/%#x)",
					 bh_map__max_entries(h), info.max_entries,
					 bh_map__flags(h), info.map_flags);
		}
		bh_map__free(h);
		if (kret >= 0)
			close(kret);
	}
}

/* ---- Main -------------------------------------------------------------------------------- */

struct dcase {
	const char *name;
	void (*fn)(uint32_t);
	uint32_t arg;
};

static void c_lpm(uint32_t t) { case_lpm(); }
static void c_bloom(uint32_t t) { case_bloom(); }
static void c_create(uint32_t t) { case_create(); }
static void c_matrix(uint32_t t) { case_map_in_map_matrix(); }
static void c_prog_array(uint32_t t) { case_prog_array(); }

static const struct dcase cases[] = {
	{ "create", c_create, 0 },
	{ "hash", case_hash, BPF_MAP_TYPE_HASH },
	{ "percpu_hash", case_hash, BPF_MAP_TYPE_PERCPU_HASH },
	{ "lru_hash", case_hash, BPF_MAP_TYPE_LRU_HASH },
	{ "lru_percpu_hash", case_hash, BPF_MAP_TYPE_LRU_PERCPU_HASH },
	{ "lru_hash_eviction", case_lru_eviction, BPF_MAP_TYPE_LRU_HASH },
	{ "lru_percpu_hash_eviction", case_lru_eviction, BPF_MAP_TYPE_LRU_PERCPU_HASH },
	{ "array", case_array, BPF_MAP_TYPE_ARRAY },
	{ "percpu_array", case_array, BPF_MAP_TYPE_PERCPU_ARRAY },
	{ "prog_array", c_prog_array, 0 },
	{ "lpm_trie", c_lpm, 0 },
	{ "queue", case_queue, BPF_MAP_TYPE_QUEUE },
	{ "stack", case_queue, BPF_MAP_TYPE_STACK },
	{ "bloom_filter", c_bloom, 0 },
	{ "map_in_map_matrix", c_matrix, 0 },
	{ "array_of_maps", case_map_in_map_ops, BPF_MAP_TYPE_ARRAY_OF_MAPS },
	{ "hash_of_maps", case_map_in_map_ops, BPF_MAP_TYPE_HASH_OF_MAPS },
	{ "devmap", case_devmap, BPF_MAP_TYPE_DEVMAP },
	{ "devmap_hash", case_devmap, BPF_MAP_TYPE_DEVMAP_HASH },
	{ "redirect_map_devmap", case_redirect_map, BPF_MAP_TYPE_DEVMAP },
	{ "redirect_map_devmap_hash", case_redirect_map, BPF_MAP_TYPE_DEVMAP_HASH },
};

static unsigned int possible_cpus(void)
{
	FILE *f = fopen("/sys/devices/system/cpu/possible", "r");
	unsigned int lo = 0, hi = 0;

	if (!f)
		return (unsigned int)sysconf(_SC_NPROCESSORS_CONF);
	if (fscanf(f, "%u-%u", &lo, &hi) < 2)
		hi = lo;
	fclose(f);
	return hi + 1;
}

int main(int argc, char **argv)
{
	const char *only = NULL;
	int failed = 0;
	cpu_set_t set;

	seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--ops") && i + 1 < argc)
			ops_per_type = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--only") && i + 1 < argc)
			only = argv[++i];
	}
	/* Per-CPU layouts must match: as many CPU slots as possible CPUs. */
	ncpus = possible_cpus();
	bh_set_cpu_count(ncpus);
	/* One CPU: the kernel's per-CPU LRU caches then behave like one list. */
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	sched_setaffinity(0, sizeof(set), &set);
	{
		int fd = k_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, 0, 0, 0, 0);

		if (fd < 0) {
			for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
				printf("skip %s: bpf() refused (%s)\n", cases[i].name,
				       strerror(-fd));
			return 0;
		}
		close(fd);
	}
	/* Device maps: a namespace whose only interface is lo (ifindex 1). */
	have_netns = unshare(CLONE_NEWNET) == 0;
	netns_err = have_netns ? 0 : errno;
	rng = seed | 1;
	if (build_inner_pool() || build_prog_pool()) {
		printf("not ok setup: pools (seed %" PRIu64 ")\n", seed);
		return 1;
	}
	fprintf(stderr, "diff_maps: seed %" PRIu64 ", %" PRIu64 " ops per type, %u CPUs\n",
		seed, ops_per_type, ncpus);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (only && !strstr(cases[i].name, only))
			continue;
		if ((cases[i].fn == case_devmap || cases[i].fn == case_redirect_map) &&
		    !have_netns) {
			printf("skip %s: no network namespace of our own (unshare: %s)\n",
			       cases[i].name, strerror(netns_err));
			continue;
		}
		cur_case = cases[i].name;
		case_failures = 0;
		cur_step = 0;
		case_ops = 0;
		updates_ok = 0;
		rng = (seed ^ (0x9e3779b97f4a7c15ULL * (i + 1))) | 1;
		cases[i].fn(cases[i].arg);
		if (case_failures) {
			printf("not ok %s (seed %" PRIu64 ")\n", cases[i].name, seed);
			failed++;
		} else {
			if (updates_ok)
				printf("ok %s (%" PRIu64 " ops, %" PRIu64
				       " updates both accepted)\n",
				       cases[i].name, case_ops, updates_ok);
			else
				printf("ok %s (%" PRIu64 " ops)\n", cases[i].name,
				       case_ops);
		}
		fflush(stdout);
	}
	fprintf(stderr, "diff_maps: %" PRIu64 " operations in total\n", total_ops);
	return failed ? 1 : 0;
}
