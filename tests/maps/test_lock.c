/* SPDX-License-Identifier: MIT */
/*
 * tests/maps/test_lock.c - BPF_F_LOCK: host lookups and updates (single,
 * batch, lookup-and-delete) made under the value's bpf_spin_lock, and the
 * kernel's errors around it (kernel/bpf/syscall.c, hashtab.c, arraymap.c):
 * -EINVAL on a value without a lock (per-CPU maps never have one), the
 * permission checks first, unknown flag bits.  Programs may pass
 * BPF_F_LOCK to bpf_map_update_elem too.
 *
 * Maps: struct val_lock { struct bpf_spin_lock lock; int cnt; long sum; }
 * (type 5 of tests/verifier/vharness.h's BTF).
 */
#include "test.h"
#include "verifier/vharness.h"

#define VAL_LOCK 5

static struct bh_btf *lock_btf(void)
{
	static uint8_t blob[2048];

	return bh_btf__new(blob, vh_btf_blob(blob));
}

static struct bh_map *lock_map(struct bh_btf *btf, uint32_t type, uint32_t flags)
{
	BH_OPTS(bh_map_create_opts, o, .map_flags = flags, .btf = btf,
		.btf_key_type_id = 1, .btf_value_type_id = VAL_LOCK);

	return bh_map__create(type, "locked", 4, 16, 4, &o);
}

struct val {
	uint32_t lock;
	int32_t cnt;
	int64_t sum;
};

/* The value's lock word inside the map (0: free). */
static uint32_t *lock_word(struct bh_map *map, uint32_t key)
{
	return map->ops->lookup(map, &key);
}

static void test_lock__array(void)
{
	struct bh_btf *btf = lock_btf();
	struct bh_map *m = lock_map(btf, BPF_MAP_TYPE_ARRAY, 0);
	struct val v = { .lock = 7, .cnt = 3, .sum = 40 }, out;
	uint32_t k = 1, big = 4;

	REQUIRE("arr-create", m != NULL);
	CHECK_EQ("arr-update", bh_map__update_elem(m, &k, &v, BPF_F_LOCK), 0);
	CHECK_EQ("arr-update-lock-free", *lock_word(m, 1), 0);
	memset(&out, 0xff, sizeof(out));
	CHECK_EQ("arr-lookup", bh_map__lookup_elem_flags(m, &k, &out, BPF_F_LOCK), 0);
	CHECK_EQ("arr-lookup-cnt", out.cnt, 3);
	CHECK_EQ("arr-lookup-sum", out.sum, 40);
	CHECK_EQ("arr-lookup-lock-zero", out.lock, 0);
	CHECK_EQ("arr-exist", bh_map__update_elem(m, &k, &v, BPF_EXIST | BPF_F_LOCK), 0);
	/* array_map_update_elem's order: flags, index, NOEXIST */
	CHECK_EQ("arr-noexist", bh_map__update_elem(m, &k, &v, BPF_NOEXIST | BPF_F_LOCK),
		 -EEXIST);
	CHECK_EQ("arr-index", bh_map__update_elem(m, &big, &v, BPF_F_LOCK), -E2BIG);
	CHECK_EQ("arr-bad-flags", bh_map__update_elem(m, &k, &v, 3 | BPF_F_LOCK), -EINVAL);
	CHECK_EQ("arr-lookup-bad-flags", bh_map__lookup_elem_flags(m, &k, &out, 8), -EINVAL);
	CHECK_EQ("arr-lookup-missing", bh_map__lookup_elem_flags(m, &big, &out, BPF_F_LOCK),
		 -ENOENT);
	/* arrays have no lookup-and-delete, with or without the flag */
	CHECK_EQ("arr-lad", bh_map__lookup_and_delete_elem_flags(m, &k, &out, BPF_F_LOCK),
		 -ENOTSUPP);
	bh_map__free(m);
	bh_btf__free(btf);
}

static void test_lock__hash(void)
{
	struct bh_btf *btf = lock_btf();
	struct bh_map *m = lock_map(btf, BPF_MAP_TYPE_HASH, 0);
	struct val v = { .lock = 1, .cnt = 1, .sum = 10 }, out;
	uint32_t k = 5, k2 = 6;
	uint32_t *before;

	REQUIRE("hash-create", m != NULL);
	CHECK_EQ("hash-exist-missing", bh_map__update_elem(m, &k, &v, BPF_EXIST | BPF_F_LOCK),
		 -ENOENT);
	CHECK_EQ("hash-insert", bh_map__update_elem(m, &k, &v, BPF_F_LOCK), 0);
	before = lock_word(m, k);
	REQUIRE("hash-inserted", before != NULL);
	CHECK_EQ("hash-new-lock-free", *before, 0);
	CHECK_EQ("hash-noexist", bh_map__update_elem(m, &k, &v, BPF_NOEXIST | BPF_F_LOCK),
		 -EEXIST);
	CHECK_EQ("hash-noexist-new", bh_map__update_elem(m, &k2, &v, BPF_NOEXIST | BPF_F_LOCK),
		 0);
	/* with BPF_F_LOCK an existing element is written in place ... */
	v.sum = 20;
	CHECK_EQ("hash-in-place", bh_map__update_elem(m, &k, &v, BPF_EXIST | BPF_F_LOCK), 0);
	CHECK("hash-same-elem", lock_word(m, k) == before);
	CHECK_EQ("hash-lookup", bh_map__lookup_elem_flags(m, &k, &out, BPF_F_LOCK), 0);
	CHECK_EQ("hash-lookup-sum", out.sum, 20);
	CHECK_EQ("hash-lookup-lock-zero", out.lock, 0);
	/* ... without it, replaced by a new element */
	CHECK_EQ("hash-replace", bh_map__update_elem(m, &k, &v, BPF_ANY), 0);
	CHECK("hash-new-elem", lock_word(m, k) != before);
	CHECK_EQ("hash-bad-flags", bh_map__update_elem(m, &k, &v, 3 | BPF_F_LOCK), -EINVAL);
	v.sum = 30;
	CHECK_EQ("hash-lad-set", bh_map__update_elem(m, &k, &v, BPF_F_LOCK), 0);
	memset(&out, 0xff, sizeof(out));
	CHECK_EQ("hash-lad", bh_map__lookup_and_delete_elem_flags(m, &k, &out, BPF_F_LOCK), 0);
	CHECK_EQ("hash-lad-sum", out.sum, 30);
	CHECK_EQ("hash-lad-lock-zero", out.lock, 0);
	CHECK_EQ("hash-lad-gone", bh_map__lookup_elem_flags(m, &k, &out, BPF_F_LOCK), -ENOENT);
	CHECK_EQ("hash-lad-bad", bh_map__lookup_and_delete_elem_flags(m, &k2, &out, 8), -EINVAL);
	bh_map__free(m);
	bh_btf__free(btf);
}

/* No bpf_spin_lock in the value: -EINVAL on every path, after the checks
 * that come first in the kernel (unknown bits of lookup, permissions). */
static void test_lock__no_lock(void)
{
	static const uint32_t types[] = { BPF_MAP_TYPE_HASH, BPF_MAP_TYPE_ARRAY,
					  BPF_MAP_TYPE_PERCPU_HASH,
					  BPF_MAP_TYPE_PERCPU_ARRAY,
					  BPF_MAP_TYPE_LRU_HASH };
	uint8_t v[16 * 64] = { 0 }, out[16 * 64], keys[4], vals[16 * 64], batch[4];
	BH_OPTS(bh_map_batch_opts, lock, .elem_flags = BPF_F_LOCK);
	uint32_t k = 0, n;
	int bad = 0;

	REQUIRE("nolock-cpus", bh_cpu_count_get() <= 64);
	for (size_t i = 0; i < BH_ARRAY_SIZE(types); i++) {
		struct bh_map *m = bh_map__create(types[i], "plain", 4, 16, 4, NULL);
		int r[6];

		if (!m) {
			bad++;
			continue;
		}
		r[0] = bh_map__update_elem(m, &k, v, BPF_F_LOCK);
		r[1] = bh_map__lookup_elem_flags(m, &k, out, BPF_F_LOCK);
		r[2] = bh_map__lookup_and_delete_elem_flags(m, &k, out, BPF_F_LOCK);
		n = 1;
		r[3] = bh_map__lookup_batch(m, NULL, batch, keys, vals, &n, &lock);
		n = 1;
		r[4] = bh_map__update_batch(m, &k, v, &n, &lock);
		n = 1;
		r[5] = bh_map__delete_batch(m, &k, &n, &lock);
		for (int j = 0; j < 6; j++) {
			/* arrays have no delete batch (-ENOTSUPP first) */
			bool arr = types[i] == BPF_MAP_TYPE_ARRAY ||
				   types[i] == BPF_MAP_TYPE_PERCPU_ARRAY;
			int want = j == 5 && arr ? -ENOTSUPP : -EINVAL;

			if (r[j] != want) {
				fprintf(stderr, "  type %u call %d: %d\n", types[i], j, r[j]);
				bad++;
			}
		}
		bh_map__free(m);
	}
	CHECK_EQ("nolock-einval", bad, 0);
}

static void test_lock__order(void)
{
	BH_OPTS(bh_map_create_opts, ro, .map_flags = BPF_F_RDONLY);
	BH_OPTS(bh_map_create_opts, wo, .map_flags = BPF_F_WRONLY);
	struct bh_map *r = bh_map__create(BPF_MAP_TYPE_HASH, "r", 4, 16, 4, &ro);
	struct bh_map *w = bh_map__create(BPF_MAP_TYPE_HASH, "w", 4, 16, 4, &wo);
	uint8_t v[16] = { 0 };
	uint32_t k = 0;

	REQUIRE("order-create", r && w);
	/* map_update_elem: FMODE_CAN_WRITE before the lock check */
	CHECK_EQ("order-update-eperm", bh_map__update_elem(r, &k, v, BPF_F_LOCK), -EPERM);
	/* map_lookup_elem: unknown bits, then FMODE_CAN_READ, then the lock */
	CHECK_EQ("order-lookup-eperm", bh_map__lookup_elem_flags(w, &k, v, BPF_F_LOCK), -EPERM);
	CHECK_EQ("order-lookup-bits", bh_map__lookup_elem_flags(w, &k, v, 2), -EINVAL);
	bh_map__free(r);
	bh_map__free(w);
}

static void test_lock__batch(void)
{
	struct bh_btf *btf = lock_btf();
	BH_OPTS(bh_map_batch_opts, lock, .elem_flags = BPF_F_LOCK);
	BH_OPTS(bh_map_batch_opts, bad, .elem_flags = BPF_F_LOCK | 1);
	struct val v[3] = { { 9, 1, 100 }, { 9, 2, 200 }, { 9, 3, 300 } }, out[4];
	uint32_t keys[3] = { 0, 1, 2 }, okeys[4], pos, n;
	int64_t sum;

	for (int h = 0; h < 2; h++) {
		struct bh_map *m = lock_map(btf, h ? BPF_MAP_TYPE_HASH : BPF_MAP_TYPE_ARRAY, 0);
		int ret;

		REQUIRE("batch-create", m != NULL);
		n = 3;
		CHECK_EQ("batch-update", bh_map__update_batch(m, keys, v, &n, &lock), 0);
		CHECK_EQ("batch-update-n", n, 3);
		CHECK_EQ("batch-update-lock-free", *lock_word(m, 2), 0);
		n = 3;
		CHECK_EQ("batch-update-bad", bh_map__update_batch(m, keys, v, &n, &bad), -EINVAL);
		n = 4;
		memset(out, 0xff, sizeof(out));
		ret = bh_map__lookup_batch(m, NULL, &pos, okeys, out, &n, &lock);
		CHECK("batch-lookup", ret == 0 || ret == -ENOENT);
		CHECK_EQ("batch-lookup-n", n, h ? 3 : 4);
		sum = 0;
		for (uint32_t i = 0; i < n; i++) {
			sum += out[i].sum;
			CHECK_EQ("batch-lookup-lock-zero", out[i].lock, 0);
		}
		CHECK_EQ("batch-lookup-sum", sum, 600);
		n = 4;
		CHECK_EQ("batch-lookup-bad", bh_map__lookup_batch(m, NULL, &pos, okeys, out, &n, &bad),
			 -EINVAL);
		if (h) {
			n = 4;
			ret = bh_map__lookup_and_delete_batch(m, NULL, &pos, okeys, out, &n, &lock);
			CHECK("batch-lad", ret == 0 || ret == -ENOENT);
			CHECK_EQ("batch-lad-n", n, 3);
			CHECK_EQ("batch-reinsert", bh_map__update_elem(m, &keys[0], v, BPF_F_LOCK), 0);
			/* generic_map_delete_batch takes BPF_F_LOCK on a locked value */
			n = 1;
			CHECK_EQ("batch-delete", bh_map__delete_batch(m, keys, &n, &lock), 0);
			CHECK_EQ("batch-delete-n", n, 1);
		}
		bh_map__free(m);
	}
	bh_btf__free(btf);
}

/*
 * Programs pass BPF_F_LOCK to bpf_map_update_elem as the host does (the
 * helper calls the map's update): in place under the lock on map 10 (a
 * hash of struct val_lock), -EINVAL on map 0 (a hash without BTF).  R0 =
 * the first return * 100 + the second (as u8 pairs, -EINVAL = 234).
 */
static const char prog_update[] =
	"stw [%r10-4], 3\n"
	"stdw [%r10-24], 0\nstdw [%r10-16], 77\n"  /* lock 0, cnt 0, sum 77 */
	"stw [%r10-24], 1\n"                       /* a lock word the copy skips */
	"lddw %r1, map[idx:10]\nmov %r2, %r10\nadd %r2, -4\n"
	"mov %r3, %r10\nadd %r3, -24\nmov %r4, 4\ncall 2\n"
	"mov %r6, %r0\nand %r6, 0xff\nmul %r6, 1000\n"
	"stdw [%r10-32], 0\n"
	"lddw %r1, map[idx:0]\nmov %r2, %r10\nadd %r2, -4\n"
	"mov %r3, %r10\nadd %r3, -32\nmov %r4, 4\ncall 2\n"
	"and %r0, 0xff\nadd %r0, %r6\nexit\n";

static void test_lock__from_program(void)
{
	static char log[1 << 16];
	BH_OPTS(bh_prog_load_opts, opts, .license = "GPL", .log_buf = log,
		.log_size = sizeof(log), .log_level = 1);
	uint8_t pkt[64] = { 0 };
	BH_OPTS(bh_test_run_opts, run, .data_in = pkt, .data_size_in = sizeof(pkt));
	struct val v = { .sum = 1 }, out;
	struct bh_prog *prog;
	struct bpf_insn *insns;
	uint32_t k = 3, *word;
	struct vh_maps m;
	char err[256];
	size_t cnt;

	vh_maps_init(&m, 0);
	opts.maps = m.bh;
	opts.map_cnt = VH_MAPS;
	REQUIRE("prog-asm", !bh_asm__parse(prog_update, &insns, &cnt, err, sizeof(err)));
	prog = bh_prog__load(BPF_PROG_TYPE_XDP, insns, cnt, &opts);
	free(insns);
	if (!prog)
		fprintf(stderr, "%s\n", log);
	REQUIRE("prog-load", prog != NULL);
	CHECK_EQ("prog-seed", bh_map__update_elem(m.bh[10], &k, &v, BPF_ANY), 0);
	word = lock_word(m.bh[10], k);
	REQUIRE("prog-seed-elem", word != NULL);
	CHECK_EQ("prog-run", bh_prog__test_run(prog, &run), 0);
	/* 0 from the locked map, -EINVAL (0xea) from the plain one */
	CHECK_EQ("prog-retval", run.retval, 0 * 1000 + (uint8_t)-EINVAL);
	CHECK("prog-in-place", lock_word(m.bh[10], k) == word);
	CHECK_EQ("prog-lock-free", *word, 0);
	CHECK_EQ("prog-lookup", bh_map__lookup_elem_flags(m.bh[10], &k, &out, BPF_F_LOCK), 0);
	CHECK_EQ("prog-sum", out.sum, 77);
	bh_prog__free(prog);
	vh_maps_free(&m);
}

/*
 * Global data: a DATASEC as the value type of a keyless one-element ARRAY.
 *   [1] int  [2] struct bpf_spin_lock { int val; }  [3] long
 *   [4] const struct bpf_spin_lock  [5] struct two { int a, b; }
 *   [6] struct inner { int x; struct bpf_spin_lock l; }
 *   [7] glock: 2  [8] cnt: 3  [9] glock2: 2  [10] clock: 4  [11] in: 6
 *   [12] struct bpf_spin_lock[2]  [13] locks: 12
 *   [14] .bss { glock@0, cnt@8 }         one lock at 0
 *   [15] .data.two { glock@0, glock2@4, cnt@8 }   two: no lock at all
 *   [16] .rodata { clock@0, cnt@8 }      const: not a lock
 *   [17] .data.in { cnt@0, in@8 }        the lock inside `in`, at 12
 *   [18] .data.arr { locks@0, cnt@8 }    an array of locks: none
 * (all 16 bytes);  struct values of 8 bytes, the lock at 0 or inside:
 *   [21] { lock_t l; int x; }  [22] { volatile struct bpf_spin_lock l; ... }
 *   [24] { inner_t in; }  (typedef struct inner inner_t)  [25] { struct inner in; }
 * The kernel, probed with clang-built objects: two locks
 * or a const one leave the map without a lock ("has no valid
 * bpf_spin_lock"), one inside a struct variable is found; a lock behind a
 * typedef or modifier, or in a struct behind a typedef, is no lock.  (A struct
 * with two locks cannot be tested here: the kernel refuses the whole BTF,
 * btf_parse_struct_metas, with -E2BIG.)
 */
static const char gd_strs[] = "\0int\0bpf_spin_lock\0val\0long\0two\0a\0b\0inner\0x\0l\0"
			      "glock\0cnt\0glock2\0clock\0in\0locks\0.bss\0.data.two\0"
			      ".rodata\0.data.in\0.data.arr\0lock_t\0via_typedef\0via_volatile\0"
			      "inner_t\0nested_typedef\0nested";

/* Offset of @str in the string section @tab of @len bytes (0: none). */
static uint32_t str_in(const char *tab, size_t len, const char *str)
{
	for (uint32_t i = 1; i < len; i++)
		if (!tab[i - 1] && !strcmp(tab + i, str))
			return i;
	return 0;
}

static uint32_t gd_str(const char *str)
{
	return str_in(gd_strs, sizeof(gd_strs), str);
}

static size_t gd_blob(uint8_t *buf)
{
	uint32_t t[192], n = 0;
	struct btf_header h = { .magic = BTF_MAGIC, .version = BTF_VERSION,
				.hdr_len = sizeof(h) };
#define T(name, kind, vlen, sz) (t[n++] = gd_str(name), t[n++] = (kind) << 24 | (vlen), t[n++] = (sz))
#define W3(a, b, c) (t[n++] = (a), t[n++] = (b), t[n++] = (c))
	T("int", BTF_KIND_INT, 0, 4);
	t[n++] = BTF_INT_SIGNED << 24 | 32;
	T("bpf_spin_lock", BTF_KIND_STRUCT, 1, 4);
	W3(gd_str("val"), 1, 0);
	T("long", BTF_KIND_INT, 0, 8);
	t[n++] = BTF_INT_SIGNED << 24 | 64;
	T("", BTF_KIND_CONST, 0, 2);				/* 4 */
	T("two", BTF_KIND_STRUCT, 2, 8);			/* 5 */
	W3(gd_str("a"), 1, 0);
	W3(gd_str("b"), 1, 32);
	T("inner", BTF_KIND_STRUCT, 2, 8);			/* 6 */
	W3(gd_str("x"), 1, 0);
	W3(gd_str("l"), 2, 32);
	T("glock", BTF_KIND_VAR, 0, 2);				/* 7 */
	t[n++] = BTF_VAR_STATIC;
	T("cnt", BTF_KIND_VAR, 0, 3);				/* 8 */
	t[n++] = BTF_VAR_STATIC;
	T("glock2", BTF_KIND_VAR, 0, 2);			/* 9 */
	t[n++] = BTF_VAR_STATIC;
	T("clock", BTF_KIND_VAR, 0, 4);				/* 10 */
	t[n++] = BTF_VAR_STATIC;
	T("in", BTF_KIND_VAR, 0, 6);				/* 11 */
	t[n++] = BTF_VAR_STATIC;
	T("", BTF_KIND_ARRAY, 0, 0);				/* 12 */
	W3(2, 1, 2);
	T("locks", BTF_KIND_VAR, 0, 12);			/* 13 */
	t[n++] = BTF_VAR_STATIC;
	T(".bss", BTF_KIND_DATASEC, 2, 16);			/* 14 */
	W3(7, 0, 4);
	W3(8, 8, 8);
	T(".data.two", BTF_KIND_DATASEC, 3, 16);		/* 15 */
	W3(7, 0, 4);
	W3(9, 4, 4);
	W3(8, 8, 8);
	T(".rodata", BTF_KIND_DATASEC, 2, 16);			/* 16 */
	W3(10, 0, 4);
	W3(8, 8, 8);
	T(".data.in", BTF_KIND_DATASEC, 2, 16);			/* 17 */
	W3(8, 0, 8);
	W3(11, 8, 8);
	T(".data.arr", BTF_KIND_DATASEC, 2, 16);		/* 18 */
	W3(13, 0, 8);
	W3(8, 8, 8);
	T("lock_t", BTF_KIND_TYPEDEF, 0, 2);			/* 19 */
	T("", BTF_KIND_VOLATILE, 0, 2);				/* 20 */
	T("via_typedef", BTF_KIND_STRUCT, 2, 8);		/* 21 */
	W3(gd_str("l"), 19, 0);
	W3(gd_str("x"), 1, 32);
	T("via_volatile", BTF_KIND_STRUCT, 2, 8);		/* 22 */
	W3(gd_str("l"), 20, 0);
	W3(gd_str("x"), 1, 32);
	T("inner_t", BTF_KIND_TYPEDEF, 0, 6);			/* 23 */
	T("nested_typedef", BTF_KIND_STRUCT, 1, 8);		/* 24 */
	W3(gd_str("in"), 23, 0);
	T("nested", BTF_KIND_STRUCT, 1, 8);			/* 25 */
	W3(gd_str("in"), 6, 0);
#undef T
#undef W3
	h.type_len = n * 4;
	h.str_off = h.type_len;
	h.str_len = sizeof(gd_strs);
	memcpy(buf, &h, sizeof(h));
	memcpy(buf + sizeof(h), t, h.type_len);
	memcpy(buf + sizeof(h) + h.type_len, gd_strs, sizeof(gd_strs));
	return sizeof(h) + h.type_len + sizeof(gd_strs);
}

/* Lock and unlock the value of map 0 at @off (global data's pointer). */
static int lock_at(struct bh_map *map, int off, char *log, size_t log_sz)
{
	BH_OPTS(bh_prog_load_opts, opts, .license = "GPL", .log_buf = log,
		.log_size = log_sz, .log_level = 1, .maps = &map, .map_cnt = 1);
	char text[256], err[256];
	struct bpf_insn *insns;
	struct bh_prog *prog;
	size_t cnt;

	snprintf(text, sizeof(text),
		 "lddw %%r1, map[idx:0]+%d\ncall 93\nlddw %%r1, map[idx:0]+%d\ncall 94\n"
		 "mov %%r0, 0\nexit\n", off, off);
	if (bh_asm__parse(text, &insns, &cnt, err, sizeof(err)))
		return -EBADMSG;
	log[0] = 0;
	prog = bh_prog__load(BPF_PROG_TYPE_SCHED_CLS, insns, cnt, &opts);
	free(insns);
	if (!prog)
		return -errno;
	bh_prog__free(prog);
	return 0;
}

/* Map creation with a DATASEC value: bpfhost's answer, the kernel's where
 * bpf() works; then where the lock is, as the verifier sees it. */
static void test_lock__global_data_btf(void)
{
	static const struct {
		const char *name;
		uint32_t type, key_id, value_id, max, flags;
		int err, lock_off; /* bpfhost: -errno, and spin_lock_off */
	} c[] = {
		{ "bss", BPF_MAP_TYPE_ARRAY, 0, 14, 1, BPF_F_MMAPABLE, 0, 0 },
		{ "two_locks", BPF_MAP_TYPE_ARRAY, 0, 15, 1, 0, 0, -1 },
		{ "const_lock", BPF_MAP_TYPE_ARRAY, 0, 16, 1, BPF_F_RDONLY_PROG, 0, -1 },
		{ "in_struct", BPF_MAP_TYPE_ARRAY, 0, 17, 1, 0, 0, 12 },
		{ "lock_array", BPF_MAP_TYPE_ARRAY, 0, 18, 1, 0, 0, -1 },
		{ "lock_rdonly_prog", BPF_MAP_TYPE_ARRAY, 0, 14, 1, BPF_F_RDONLY_PROG, -EACCES, -1 },
		{ "two_entries", BPF_MAP_TYPE_ARRAY, 0, 14, 2, 0, -EINVAL, -1 },
		{ "keyless_struct", BPF_MAP_TYPE_ARRAY, 0, 5, 1, 0, -EINVAL, -1 },
		{ "keyed_struct", BPF_MAP_TYPE_ARRAY, 1, 5, 1, 0, 0, -1 },
		{ "typedef_lock", BPF_MAP_TYPE_ARRAY, 1, 21, 1, 0, 0, -1 },
		{ "volatile_lock", BPF_MAP_TYPE_ARRAY, 1, 22, 1, 0, 0, -1 },
		{ "typedef_struct", BPF_MAP_TYPE_ARRAY, 1, 24, 1, 0, 0, -1 },
		{ "nested_struct", BPF_MAP_TYPE_ARRAY, 1, 25, 1, 0, 0, 4 },
		/* map_check_btf: the access flags before the map types */
		{ "percpu_rdonly_prog", BPF_MAP_TYPE_PERCPU_ARRAY, 0, 14, 1, BPF_F_RDONLY_PROG,
		  -EACCES, -1 },
		{ "percpu_keyless", BPF_MAP_TYPE_PERCPU_ARRAY, 0, 14, 1, 0, -EOPNOTSUPP, -1 },
		{ "percpu_keyless_nolock", BPF_MAP_TYPE_PERCPU_ARRAY, 0, 15, 1, 0, -EINVAL, -1 },
		{ "two_entries_rdonly", BPF_MAP_TYPE_ARRAY, 0, 14, 2, BPF_F_RDONLY_PROG, -EACCES,
		  -1 },
	};
	static uint8_t blob[2048];
	static char log[1 << 14];
	size_t blob_sz = gd_blob(blob);
	struct bh_btf *btf = bh_btf__new(blob, blob_sz);
	int kernel = vh_kernel_available(), kbtf = -1, bad = 0;

	REQUIRE("gd-btf", btf != NULL);
	if (kernel) {
		union bpf_attr a;

		memset(&a, 0, sizeof(a));
		a.btf = (uintptr_t)blob;
		a.btf_size = (uint32_t)blob_sz;
		kbtf = (int)syscall(__NR_bpf, BPF_BTF_LOAD, &a, sizeof(a));
		CHECK("gd-kernel-btf", kbtf >= 0);
	}
	for (size_t i = 0; i < BH_ARRAY_SIZE(c); i++) {
		BH_OPTS(bh_map_create_opts, o, .map_flags = c[i].flags, .btf = btf,
			.btf_key_type_id = c[i].key_id, .btf_value_type_id = c[i].value_id);
		uint32_t ksz = 4, vsz = c[i].value_id == 5 || c[i].value_id > 18 ? 8 : 16;
		struct bh_map *map = bh_map__create(c[i].type, "gd", ksz, vsz, c[i].max, &o);
		int b = map ? 0 : -errno;

		if (b != c[i].err || (map && map->spin_lock_off != c[i].lock_off)) {
			fprintf(stderr, "  %s: bpfhost %d (lock at %d), expected %d (%d)\n", c[i].name,
				b, map ? map->spin_lock_off : -1, c[i].err, c[i].lock_off);
			bad++;
		}
		if (kbtf >= 0) {
			union bpf_attr a;
			int fd, k;

			memset(&a, 0, sizeof(a));
			a.map_type = c[i].type;
			a.key_size = ksz;
			a.value_size = vsz;
			a.max_entries = c[i].max;
			a.map_flags = c[i].flags;
			a.btf_fd = (uint32_t)kbtf;
			a.btf_key_type_id = c[i].key_id;
			a.btf_value_type_id = c[i].value_id;
			fd = (int)syscall(__NR_bpf, BPF_MAP_CREATE, &a, sizeof(a));
			k = fd >= 0 ? 0 : -errno;
			if (fd >= 0)
				close(fd);
			if (k != b) {
				fprintf(stderr, "  %s: bpfhost %d, the kernel %d\n", c[i].name, b, k);
				bad++;
			}
		}
		if (map && c[i].type == BPF_MAP_TYPE_ARRAY) {
			int want = c[i].lock_off >= 0 ? 0 : -EINVAL;
			int got = lock_at(map, c[i].lock_off >= 0 ? c[i].lock_off : 0, log,
					  sizeof(log));

			if (got != want || (want && !strstr(log, "has no valid bpf_spin_lock"))) {
				fprintf(stderr, "  %s: lock: %d, expected %d\n%s\n", c[i].name, got,
					want, log);
				bad++;
			}
		}
		bh_map__free(map);
	}
	CHECK_EQ("gd-rules", bad, 0);
	if (kbtf >= 0)
		close(kbtf);
	bh_btf__free(btf);
}

/*
 * Struct values the kernel's BTF load already refuses (btf_parse_struct_metas
 * runs btf_parse_fields on structs holding a lock: -EINVAL for a member at
 * a bit offset, -E2BIG for an array of locks; libbpf then loads without
 * BTF, and the verifier says "has to have BTF").  bh_btf__new accepts them;
 * the record fails the same way, so the map has no lock either:
 *   [1] int  [2] struct bpf_spin_lock  [3] struct bits { lock; int x; int a:3, b:5; }
 *   [4] struct bpf_spin_lock[2]  [5] struct locks { lock; int x; lock arr[2]; }
 */
static void test_lock__struct_record_errors(void)
{
	static const char strs[] = "\0int\0bpf_spin_lock\0val\0bits\0l\0x\0a\0b\0locks\0arr";
	uint32_t t[64], n = 0;
	struct btf_header h = { .magic = BTF_MAGIC, .version = BTF_VERSION,
				.hdr_len = sizeof(h) };
	static uint8_t blob[1024];
	struct bh_btf *btf;
	int bad = 0;

#define S(x) str_in(strs, sizeof(strs), x)
	t[n++] = S("int"), t[n++] = BTF_KIND_INT << 24, t[n++] = 4, t[n++] = BTF_INT_SIGNED << 24 | 32;
	t[n++] = S("bpf_spin_lock"), t[n++] = BTF_KIND_STRUCT << 24 | 1, t[n++] = 4;
	t[n++] = S("val"), t[n++] = 1, t[n++] = 0;
	/* kflag: member offsets carry bitfield sizes */
	t[n++] = S("bits"), t[n++] = 1U << 31 | BTF_KIND_STRUCT << 24 | 4, t[n++] = 12;
	t[n++] = S("l"), t[n++] = 2, t[n++] = 0;
	t[n++] = S("x"), t[n++] = 1, t[n++] = 32;
	t[n++] = S("a"), t[n++] = 1, t[n++] = 3U << 24 | 64;
	t[n++] = S("b"), t[n++] = 1, t[n++] = 5U << 24 | 67;
	t[n++] = 0, t[n++] = BTF_KIND_ARRAY << 24, t[n++] = 0;
	t[n++] = 2, t[n++] = 1, t[n++] = 2;
	t[n++] = S("locks"), t[n++] = BTF_KIND_STRUCT << 24 | 3, t[n++] = 16;
	t[n++] = S("l"), t[n++] = 2, t[n++] = 0;
	t[n++] = S("x"), t[n++] = 1, t[n++] = 32;
	t[n++] = S("arr"), t[n++] = 4, t[n++] = 64;
#undef S
	h.type_len = n * 4;
	h.str_off = h.type_len;
	h.str_len = sizeof(strs);
	memcpy(blob, &h, sizeof(h));
	memcpy(blob + sizeof(h), t, h.type_len);
	memcpy(blob + sizeof(h) + h.type_len, strs, sizeof(strs));
	btf = bh_btf__new(blob, sizeof(h) + h.type_len + sizeof(strs));
	REQUIRE("rec-btf", btf != NULL);
	for (uint32_t id = 3; id <= 5; id += 2) {
		BH_OPTS(bh_map_create_opts, o, .btf = btf, .btf_key_type_id = 1,
			.btf_value_type_id = id);
		struct bh_map *m = bh_map__create(BPF_MAP_TYPE_HASH, "rec", 4, id == 3 ? 12 : 16,
						  4, &o);

		bad += !m || m->spin_lock_off != -1;
		bh_map__free(m);
	}
	CHECK_EQ("rec-no-lock", bad, 0);
	bh_btf__free(btf);
}

/* bpf_map_mmap(): never a value holding a lock, even BPF_F_MMAPABLE. */
static void test_lock__no_mmap(void)
{
	static uint8_t blob[2048];
	struct bh_btf *btf = bh_btf__new(blob, gd_blob(blob));
	BH_OPTS(bh_map_create_opts, o, .map_flags = BPF_F_MMAPABLE, .btf = btf,
		.btf_value_type_id = 14);
	struct bh_map *m = bh_map__create(BPF_MAP_TYPE_ARRAY, "bss", 4, 16, 1, &o);
	size_t sz;

	REQUIRE("nommap-create", m != NULL);
	CHECK("nommap-refused", bh_map__mmap(m, &sz) == NULL && errno == ENOTSUPP);
	bh_map__free(m);
	o.btf = NULL;
	o.btf_value_type_id = 0;
	m = bh_map__create(BPF_MAP_TYPE_ARRAY, "bss", 4, 16, 1, &o);
	REQUIRE("nommap-plain", m != NULL);
	CHECK("nommap-plain-mapped", bh_map__mmap(m, &sz) != NULL);
	bh_map__free(m);
	bh_btf__free(btf);
}

/* tests/progs/diffp_61_global_spin_lock.bpf.c through the loader: the
 * sections holding a lock are not mmapable, and read through lookups. */
static void test_lock__global_data_object(void)
{
	const char *build = getenv("BUILD");
	uint8_t pkt[64] = { 0 };
	BH_OPTS(bh_test_run_opts, run, .data_in = pkt, .data_size_in = sizeof(pkt),
		.repeat = 3);
	struct bh_object_map *om;
	struct bh_object *obj;
	struct bh_program *p;
	char path[512];
	uint64_t bss[3];
	uint32_t zero = 0;
	size_t sz;

	snprintf(path, sizeof(path), "%s/progs/diffp_61_global_spin_lock.bpf.o",
		 build && build[0] ? build : "build");
	obj = bh_object__open_file(path, NULL);
	REQUIRE("gdo-open", obj != NULL);
	REQUIRE("gdo-load", bh_object__load(obj) == 0);
	om = bh_object__find_map_by_name(obj, ".bss");
	REQUIRE("gdo-bss", om != NULL);
	CHECK_EQ("gdo-not-mmapable", bh_object_map__map_flags(om) & BPF_F_MMAPABLE, 0);
	CHECK("gdo-vtid", bh_object_map__btf_value_type_id(om) > 0);
	CHECK("gdo-no-initial", bh_object_map__initial_value(om, &sz) == NULL &&
				errno == ENOTSUPP);
	p = bh_object__find_program_by_name(obj, "global_lock");
	REQUIRE("gdo-prog", p != NULL);
	CHECK_EQ("gdo-run", bh_prog__test_run(bh_program__prog(p), &run), 0);
	CHECK_EQ("gdo-lookup", bh_map__lookup_elem_flags(bh_object_map__map(om), &zero, bss,
							 BPF_F_LOCK), 0);
	/* glock (zero in a copy), pkts, bytes */
	CHECK_EQ("gdo-lock-zero", bss[0], 0);
	CHECK_EQ("gdo-pkts", bss[1], 3);
	CHECK_EQ("gdo-bytes", bss[2], 3 * sizeof(pkt));
	bh_object__close(obj);
}

/*
 * An unverified (checked) run that holds a value's lock and updates that
 * value with BPF_F_LOCK would wait for itself: it faults instead (the
 * verifier refuses the call while a lock is held).
 */
static const char self_deadlock[] =
	"stw [%r10-4], 1\nmov %r2, %r10\nadd %r2, -4\nlddw %r1, map[idx:10]\ncall 1\n"
	"jeq %r0, 0, out\nmov %r6, %r0\nmov %r1, %r6\ncall 93\n"
	"lddw %r1, map[idx:10]\nmov %r2, %r10\nadd %r2, -4\nmov %r3, %r6\nmov %r4, 4\n"
	"call 2\nmov %r1, %r6\ncall 94\nout:\nmov %r0, 0\nexit\n";

static void test_lock__checked_self_deadlock(void)
{
	static char log[1 << 12];
	BH_OPTS(bh_prog_load_opts, opts, .license = "GPL", .log_buf = log,
		.log_size = sizeof(log), .bh_flags = BH_PROG_LOAD_F_NO_VERIFY);
	uint8_t pkt[64] = { 0 };
	BH_OPTS(bh_test_run_opts, run, .data_in = pkt, .data_size_in = sizeof(pkt));
	struct val v = { 0 };
	struct bpf_insn *insns;
	struct bh_prog *prog;
	struct vh_maps m;
	uint32_t k = 1;
	char err[256];
	size_t cnt;

	vh_maps_init(&m, 0);
	opts.maps = m.bh;
	opts.map_cnt = VH_MAPS;
	REQUIRE("self-asm", !bh_asm__parse(self_deadlock, &insns, &cnt, err, sizeof(err)));
	prog = bh_prog__load(BPF_PROG_TYPE_XDP, insns, cnt, &opts);
	free(insns);
	REQUIRE("self-load", prog != NULL);
	CHECK_EQ("self-seed", bh_map__update_elem(m.bh[10], &k, &v, BPF_ANY), 0);
	CHECK_EQ("self-faults", bh_prog__test_run(prog, &run), -EFAULT);
	bh_prog__free(prog);
	vh_maps_free(&m);
}

/* bpf(2) on the kernel's map @fd; -errno. */
static int k_elem(int cmd, int fd, const void *key, void *value, uint64_t flags)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.map_fd = (uint32_t)fd;
	a.key = (uintptr_t)key;
	a.value = (uintptr_t)value;
	a.flags = flags;
	return syscall(__NR_bpf, cmd, &a, sizeof(a)) ? -errno : 0;
}

/*
 * The same seeded sequence of BPF_F_LOCK (and plain) updates, lookups and
 * lookups-and-deletes on a bpfhost map and a kernel map of struct
 * val_lock: every return code and every value read must agree.
 */
static void test_lock__kernel_sequence(void)
{
	static const uint64_t uflags[] = { 0, BPF_F_LOCK, BPF_NOEXIST | BPF_F_LOCK,
					   BPF_EXIST | BPF_F_LOCK, 3 | BPF_F_LOCK,
					   BPF_NOEXIST, BPF_EXIST, 8 };
	static const uint64_t lflags[] = { 0, BPF_F_LOCK, 2, BPF_F_LOCK | 8 };
	static uint8_t blob[2048];
	size_t blob_sz = vh_btf_blob(blob);
	struct bh_btf *btf = bh_btf__new(blob, blob_sz);
	uint64_t rng = 0x9e3779b97f4a7c15ULL;
	int kbtf, bad = 0, ops = 0;
	union bpf_attr a;

	if (!vh_kernel_available()) {
		bh_btf__free(btf);
		SKIP("bpf() refused");
	}
	memset(&a, 0, sizeof(a));
	a.btf = (uintptr_t)blob;
	a.btf_size = (uint32_t)blob_sz;
	kbtf = (int)syscall(__NR_bpf, BPF_BTF_LOAD, &a, sizeof(a));
	REQUIRE("kseq-btf", kbtf >= 0 && btf);
	for (int h = 0; h < 2; h++) {
		uint32_t type = h ? BPF_MAP_TYPE_HASH : BPF_MAP_TYPE_ARRAY;
		struct bh_map *m = lock_map(btf, type, 0);
		int kfd = vh_kernel_map(type, 4, 16, 4, 0, kbtf, VAL_LOCK);

		REQUIRE("kseq-maps", m && kfd >= 0);
		for (int i = 0; i < 400; i++, ops++) {
			struct val v, bo, ko;
			uint32_t key, op;
			int b, k;

			rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
			key = (uint32_t)(rng >> 8) % 6; /* 4, 5: beyond an array */
			op = (uint32_t)(rng >> 16) % 3;
			v.lock = (uint32_t)rng; /* never copied in */
			v.cnt = (int32_t)(rng >> 24);
			v.sum = (int64_t)(rng >> 3);
			memset(&bo, 0xaa, sizeof(bo));
			memset(&ko, 0xaa, sizeof(ko));
			if (op == 0) {
				uint64_t f = uflags[(rng >> 32) % BH_ARRAY_SIZE(uflags)];

				b = bh_map__update_elem(m, &key, &v, f);
				k = k_elem(BPF_MAP_UPDATE_ELEM, kfd, &key, &v, f);
			} else if (op == 1) {
				uint64_t f = lflags[(rng >> 32) % BH_ARRAY_SIZE(lflags)];

				b = bh_map__lookup_elem_flags(m, &key, &bo, f);
				k = k_elem(BPF_MAP_LOOKUP_ELEM, kfd, &key, &ko, f);
			} else {
				uint64_t f = (rng >> 32) & 1 ? BPF_F_LOCK : 0;

				b = bh_map__lookup_and_delete_elem_flags(m, &key, &bo, f);
				k = k_elem(BPF_MAP_LOOKUP_AND_DELETE_ELEM, kfd, &key, &ko, f);
			}
			if (b != k || (op && !b && memcmp(&bo, &ko, sizeof(bo)))) {
				fprintf(stderr, "  %s op %d (%u, key %u): bpfhost %d, kernel %d\n",
					h ? "hash" : "array", i, op, key, b, k);
				bad++;
			}
		}
		bh_map__free(m);
		close(kfd);
	}
	fprintf(stderr, "# kernel_sequence: %d operations compared\n", ops);
	CHECK_EQ("kseq-agree", bad, 0);
	close(kbtf);
	bh_btf__free(btf);
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_lock__array),
	BH_TEST(test_lock__hash),
	BH_TEST(test_lock__no_lock),
	BH_TEST(test_lock__order),
	BH_TEST(test_lock__batch),
	BH_TEST(test_lock__from_program),
	BH_TEST(test_lock__global_data_btf),
	BH_TEST(test_lock__struct_record_errors),
	BH_TEST(test_lock__no_mmap),
	BH_TEST(test_lock__global_data_object),
	BH_TEST(test_lock__kernel_sequence),
	BH_TEST(test_lock__checked_self_deadlock),
};

BH_TEST_MAIN(cases)
