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

static const struct bh_test_case cases[] = {
	BH_TEST(test_lock__array),
	BH_TEST(test_lock__hash),
	BH_TEST(test_lock__no_lock),
	BH_TEST(test_lock__order),
	BH_TEST(test_lock__batch),
	BH_TEST(test_lock__from_program),
};

BH_TEST_MAIN(cases)
