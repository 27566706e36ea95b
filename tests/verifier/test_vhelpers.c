/* SPDX-License-Identifier: MIT */
/*
 * tests/verifier/test_vhelpers.c - helpers the verifier checks beyond their
 * prototypes, run after verification (the fast, unchecked interpreter):
 * bpf_spin_lock on a map value whose BTF places the lock (the lock really
 * excludes other threads), constant strings (bpf_strncmp, bpf_snprintf
 * on the frozen rodata map); and global functions (func_info) the
 * verifier and the kernel accept.
 */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers" /* XDP: type 0 */
#include <pthread.h>

#include "test.h"
#include "vharness.h"

static struct bh_prog *load_verified(struct vh_maps *m, uint32_t type, const char *text,
				     char *log, size_t log_sz)
{
	BH_OPTS(bh_prog_load_opts, opts, .license = "GPL", .log_buf = log,
		.log_size = log_sz, .log_level = 1, .maps = m->bh, .map_cnt = VH_MAPS);
	struct bpf_insn *insns;
	struct bh_prog *prog;
	char err[256];
	size_t cnt;

	if (bh_asm__parse(text, &insns, &cnt, err, sizeof(err))) {
		fprintf(stderr, "  does not assemble: %s\n", err);
		return NULL;
	}
	prog = bh_prog__load(type, insns, cnt, &opts);
	if (!prog)
		fprintf(stderr, "  load: %s\n%s\n", strerror(errno), log);
	free(insns);
	return prog;
}

/* 1000 times: lock element 0 of map 9, sum += 1 (a plain load and store),
 * unlock. */
static const char locked_inc[] =
	"mov %r8, 0\n"
	"loop:\n"
	"stw [%r10-4], 0\nmov %r2, %r10\nadd %r2, -4\nlddw %r1, map[idx:9]\ncall 1\n"
	"jeq %r0, 0, next\nmov %r6, %r0\nmov %r1, %r6\ncall 93\n"
	"ldxdw %r2, [%r6+8]\nadd %r2, 1\nstxdw [%r6+8], %r2\n"
	"mov %r1, %r6\ncall 94\n"
	"next:\nadd %r8, 1\njlt %r8, 1000, loop\nmov %r0, 2\nexit\n";

static void *run_locked(void *p)
{
	uint8_t pkt[64] = { 0 };
	BH_OPTS(bh_test_run_opts, o, .data_in = pkt, .data_size_in = sizeof(pkt),
		.repeat = 20);

	return (void *)(intptr_t)bh_prog__test_run(p, &o);
}

static void test_vhelpers__spin_lock_excludes(void)
{
	static char log[1 << 16];
	struct vh_maps m;
	struct bh_prog *prog;
	pthread_t t[4];
	uint8_t v[16];
	uint32_t zero = 0;
	int64_t sum;
	int bad = 0;

	vh_maps_init(&m, 0);
	prog = load_verified(&m, BPF_PROG_TYPE_XDP, locked_inc, log, sizeof(log));
	REQUIRE("lock-verified", prog != NULL);
	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, run_locked, prog);
	for (int i = 0; i < 4; i++) {
		void *r;

		pthread_join(t[i], &r);
		bad += r != NULL;
	}
	CHECK_EQ("lock-runs", bad, 0);
	CHECK_EQ("lock-lookup", bh_map__lookup_elem(m.bh[9], &zero, v), 0);
	memcpy(&sum, v + 8, 8);
	CHECK_EQ("lock-sum", sum, 4 * 20 * 1000);
	CHECK_EQ("lock-released", v[0] | v[1] | v[2] | v[3], 0);
	bh_prog__free(prog);
	vh_maps_free(&m);
}

/* bpf_strncmp against "abc" and bpf_snprintf("%d %s") into the stack; R0 =
 * strncmp's answer * 1000 + snprintf's length. */
static const char strings[] =
	"stdw [%r10-8], 0\nstw [%r10-8], 0x636261\n" /* "abc" */
	"mov %r1, %r10\nadd %r1, -8\nmov %r2, 4\nlddw %r3, map[idx:8]+14\ncall 182\n"
	"mov %r6, %r0\nmul %r6, 1000\n"
	"stdw [%r10-16], 42\nstdw [%r10-24], 0\nstw [%r10-24], 0x6b6f\n" /* "ok" */
	"mov %r1, %r10\nadd %r1, -24\nstxdw [%r10-32], %r1\n"
	"mov %r1, %r10\nadd %r1, -48\nmov %r2, 16\nlddw %r3, map[idx:8]+0\n"
	"mov %r4, %r10\nadd %r4, -32\nstdw [%r10-40], 0\n"
	"ldxdw %r5, [%r10-16]\nstxdw [%r10-40], %r5\nmov %r4, %r10\nadd %r4, -40\n"
	"mov %r5, 16\ncall 165\n"
	"add %r0, %r6\nexit\n";

static void test_vhelpers__const_strings_run(void)
{
	static char log[1 << 16];
	struct vh_maps m;
	struct bh_prog *prog;
	uint64_t ctx[4] = { 0 };
	BH_OPTS(bh_test_run_opts, o, .ctx_in = ctx, .ctx_size_in = sizeof(ctx));

	vh_maps_init(&m, 0);
	prog = load_verified(&m, BPF_PROG_TYPE_SYSCALL, strings, log, sizeof(log));
	REQUIRE("str-verified", prog != NULL);
	CHECK_EQ("str-run", bh_prog__test_run(prog, &o), 0);
	/* strncmp("abc", "abc", 4) = 0; "42 ok" is 5 bytes, 6 with the NUL */
	CHECK_EQ("str-retval", o.retval, 6);
	bh_prog__free(prog);
	vh_maps_free(&m);
}

/* Programs with func_info (vharness.h's vh_btf functions) the verifier
 * accepts, and the kernel too where bpf() works; XDP unless @type says. */
static const struct {
	const char *name, *funcs, *text;
	int type;
} gfunc_ok[] = {
	{ "mem_stack_null_value", "prog g_mem g_mem g_mem",
	  "stdw [%r10-8], 0\nmov %r1, %r10\nadd %r1, -8\ncall local g\n"
	  "mov %r1, 0\ncall local h\n"
	  "stw [%r10-12], 0\nmov %r2, %r10\nadd %r2, -12\nlddw %r1, map[idx:1]\ncall 1\n"
	  "mov %r1, %r0\ncall local k\nmov %r0, 0\nexit\n"
	  "g:\nmov %r0, 0\njeq %r1, 0, g1\nstdw [%r1+0], 5\nldxdw %r0, [%r1+0]\ng1:\nexit\n"
	  "h:\nmov %r0, 0\nexit\n"
	  "k:\nmov %r0, 0\njeq %r1, 0, k1\nldxdw %r0, [%r1+0]\nk1:\nexit\n" },
	{ "ctx_arg", "prog g_ctx",
	  "call local g\nexit\ng:\nldxw %r2, [%r1+0]\nldxw %r3, [%r1+4]\nmov %r0, 2\n"
	  "mov %r4, %r2\nadd %r4, 1\njgt %r4, %r3, g1\nldxb %r0, [%r2+0]\nand %r0, 1\ng1:\nexit\n" },
	{ "result_bounded_by_caller", "prog g_scalar",
	  "stw [%r10-4], 0\nmov %r2, %r10\nadd %r2, -4\nlddw %r1, map[idx:1]\ncall 1\n"
	  "jeq %r0, 0, out\nmov %r6, %r0\nmov %r1, 3\ncall local g\nand %r0, 7\nadd %r6, %r0\n"
	  "ldxb %r0, [%r6+0]\nout:\nmov %r0, 0\nexit\ng:\nmov %r0, %r1\nexit\n" },
	{ "static_result_exact", "prog s_scalar",
	  "stw [%r10-4], 0\nmov %r2, %r10\nadd %r2, -4\nlddw %r1, map[idx:1]\ncall 1\n"
	  "jeq %r0, 0, out\nmov %r6, %r0\nmov %r1, 3\ncall local g\nadd %r6, %r0\n"
	  "ldxb %r0, [%r6+0]\nout:\nmov %r0, 0\nexit\ng:\nmov %r0, %r1\nexit\n" },
	{ "global_calls_global", "prog g_scalar g_scalar",
	  "mov %r1, 1\ncall local g\nexit\ng:\ncall local h\nexit\nh:\nmov %r0, %r1\nexit\n" },
	{ "lock_inside_global", "prog g_scalar",
	  "mov %r1, 0\ncall local g\nmov %r0, 0\nexit\n"
	  "g:\nstw [%r10-4], 0\nmov %r2, %r10\nadd %r2, -4\nlddw %r1, map[idx:9]\ncall 1\n"
	  "jeq %r0, 0, g1\nmov %r6, %r0\nmov %r1, %r6\ncall 93\nmov %r1, %r6\ncall 94\n"
	  "g1:\nmov %r0, 0\nexit\n" },
	/* decl tags ("arg:..."), context structs by name */
	{ "tag_nonnull_unchecked_deref", "prog g_nonnull",
	  "stdw [%r10-8], 3\nmov %r1, %r10\nadd %r1, -8\ncall local g\nexit\n"
	  "g:\nldxdw %r0, [%r1+0]\nexit\n" },
	{ "tag_ctx_void_xdp", "prog g_ctx_void",
	  "call local g\nexit\ng:\nldxw %r2, [%r1+0]\nldxw %r3, [%r1+4]\nmov %r0, 2\n"
	  "mov %r4, %r2\nadd %r4, 1\njgt %r4, %r3, g1\nldxb %r0, [%r2+0]\nand %r0, 1\ng1:\nexit\n" },
	{ "tag_ctx_void_tc", "prog g_ctx_void",
	  "call local g\nexit\ng:\nldxw %r0, [%r1+0]\nexit\n", BPF_PROG_TYPE_SCHED_CLS },
	{ "tag_ctx_void_raw_tp", "prog g_ctx_void",
	  "call local g\nexit\ng:\nldxdw %r0, [%r1+8]\nexit\n", BPF_PROG_TYPE_RAW_TRACEPOINT },
	{ "tag_ctx_u64_raw_tp", "prog g_ctx_long",
	  "call local g\nexit\ng:\nldxdw %r0, [%r1+0]\nexit\n", BPF_PROG_TYPE_RAW_TRACEPOINT },
	{ "tag_ctx_any_syscall", "prog g_ctx_long",
	  "call local g\nexit\ng:\nldxw %r0, [%r1+0]\nexit\n", BPF_PROG_TYPE_SYSCALL },
	{ "tag_ctx_void_sysctl", "prog g_ctx_void",
	  "call local g\nmov %r0, 1\nexit\ng:\nldxw %r0, [%r1+0]\nexit\n",
	  BPF_PROG_TYPE_CGROUP_SYSCTL },
	{ "tag_ctx_xdp_md", "prog g_xdp_tag",
	  "call local g\nexit\ng:\nldxw %r0, [%r1+16]\nexit\n" },
	{ "ctx_by_name_raw_tp", "prog g_rawtp",
	  "call local g\nexit\ng:\nldxdw %r0, [%r1+0]\nexit\n", BPF_PROG_TYPE_RAW_TRACEPOINT },
	{ "ctx_by_name_sk_buff", "prog g_skb",
	  "call local g\nexit\ng:\nldxw %r0, [%r1+0]\nexit\n", BPF_PROG_TYPE_SCHED_CLS },
	{ "ctx_by_kernel_name_sk_buff", "prog g_kskb",
	  "call local g\nexit\ng:\nldxw %r0, [%r1+0]\nexit\n", BPF_PROG_TYPE_SOCKET_FILTER },
	/* a prototype bpfhost cannot type is refused only at a feasible call */
	{ "untypable_never_called", "prog g_bogus g_void",
	  "mov %r1, 0\njeq %r1, 0, out\ncall local g\ncall local h\nout:\nmov %r0, 0\nexit\n"
	  "g:\nmov %r0, 0\nexit\nh:\nmov %r0, 0\nexit\n" },
	/* a static function's tags are ignored (the kernel logs them) */
	{ "static_tag_ignored", "prog s_tagged",
	  "mov %r1, 0\ncall local g\nmov %r0, 0\nexit\ng:\nmov %r0, 0\nexit\n" },
};

/* What the kernel accepts and bpfhost refuses on purpose
 * (docs/verifier.md, "Differences from the kernel"): a NULL constant for
 * an "arg:nonnull" pointer, which the kernel's check lets through while
 * the function dereferences it unchecked; "arg:arena" and
 * "arg:untrusted", pointers bpfhost does not have. */
static const struct {
	const char *name, *funcs, *text, *msg;
} gfunc_bh_refuses[] = {
	{ "tag_nonnull_given_null", "prog g_nonnull",
	  "mov %r1, 0\ncall local g\nexit\ng:\nldxdw %r0, [%r1+0]\nexit\n",
	  "arg#0 is expected to be non-NULL" },
	{ "tag_arena", "prog g_arena", "mov %r1, 0\ncall local g\nexit\ng:\nmov %r0, 0\nexit\n",
	  "arg#0 has unsupported set of tags" },
	{ "tag_untrusted", "prog g_untrusted",
	  "mov %r1, 0\ncall local g\nexit\ng:\nmov %r0, 0\nexit\n",
	  "arg#0 has unsupported set of tags" },
};

static void test_vhelpers__global_tags_refused(void)
{
	static char log[1 << 16], klog[1 << 16];
	int kernel = vh_kernel_available(), bad = 0, kacc = 0;
	struct vh_maps m;

	vh_maps_init(&m, kernel);
	for (size_t i = 0; i < BH_ARRAY_LEN(gfunc_bh_refuses); i++) {
		struct bpf_func_info fi[16];
		struct bpf_insn *insns;
		size_t cnt, fi_cnt = 0;
		char err[256];

		if (bh_asm__parse(gfunc_bh_refuses[i].text, &insns, &cnt, err, sizeof(err)) ||
		    vh_func_info(gfunc_bh_refuses[i].funcs, insns, cnt, fi, &fi_cnt)) {
			fprintf(stderr, "  %s: does not assemble: %s\n", gfunc_bh_refuses[i].name, err);
			bad++;
			continue;
		}
		if (!vh_bh_verify_funcs(BPF_PROG_TYPE_XDP, false, insns, cnt, &m, log, sizeof(log),
					1, NULL, fi, fi_cnt) ||
		    !strstr(log, gfunc_bh_refuses[i].msg)) {
			fprintf(stderr, "  %s: not refused with '%s':\n%s\n", gfunc_bh_refuses[i].name,
				gfunc_bh_refuses[i].msg, log);
			bad++;
		}
		if (kernel && !vh_kernel_verify_funcs(BPF_PROG_TYPE_XDP, insns, cnt, &m, klog,
						      sizeof(klog), 1, fi, fi_cnt))
			kacc++;
		free(insns);
	}
	if (kernel)
		printf("# bpfhost-only refusals of tagged arguments: the kernel accepts %d of %zu\n",
		       kacc, BH_ARRAY_LEN(gfunc_bh_refuses));
	CHECK_EQ("gtag-refused", bad, 0);
	vh_maps_free(&m);
}

static void test_vhelpers__global_funcs_accepted(void)
{
	static char log[1 << 16], klog[1 << 16];
	int kernel = vh_kernel_available(), bad = 0;
	struct vh_maps m;

	vh_maps_init(&m, kernel);
	for (size_t i = 0; i < sizeof(gfunc_ok) / sizeof(gfunc_ok[0]); i++) {
		struct bpf_func_info fi[16];
		struct bpf_insn *insns;
		size_t cnt, fi_cnt = 0;
		char err[256];
		int b, k, type;

		if (bh_asm__parse(gfunc_ok[i].text, &insns, &cnt, err, sizeof(err)) ||
		    vh_func_info(gfunc_ok[i].funcs, insns, cnt, fi, &fi_cnt)) {
			fprintf(stderr, "  %s: does not assemble: %s\n", gfunc_ok[i].name, err);
			bad++;
			continue;
		}
		type = gfunc_ok[i].type ? gfunc_ok[i].type : BPF_PROG_TYPE_XDP;
		b = vh_bh_verify_funcs(type, false, insns, cnt, &m, log, sizeof(log), 1, NULL, fi,
				       fi_cnt);
		if (b) {
			fprintf(stderr, "  %s: refused (%d):\n%s\n", gfunc_ok[i].name, b, log);
			bad++;
		}
		if (kernel) {
			k = vh_kernel_verify_funcs(type, insns, cnt, &m, klog, sizeof(klog), 1, fi,
						   fi_cnt);
			if (k) {
				fprintf(stderr, "  %s: the kernel refuses (%d):\n%s\n",
					gfunc_ok[i].name, k, klog);
				bad++;
			}
		}
		free(insns);
	}
	CHECK_EQ("gfunc-accepted", bad, 0);
	vh_maps_free(&m);
}

/* The same global function with a 4-byte stack argument: refused by the
 * caller's check, while 8 bytes pass (the argument's BTF size rules). */
static void test_vhelpers__global_mem_size_from_btf(void)
{
	static char log[1 << 16];
	struct vh_maps m;
	const char *tmpl = "stdw [%%r10-8], 0\nmov %%r1, %%r10\nadd %%r1, -%d\ncall local g\n"
			   "mov %%r0, 0\nexit\ng:\nmov %%r0, 0\nexit\n";

	vh_maps_init(&m, 0);
	for (int off = 4; off <= 8; off += 4) {
		struct bpf_func_info fi[16];
		struct bpf_insn *insns;
		size_t cnt, fi_cnt;
		char text[256], err[256];
		int ret;

		snprintf(text, sizeof(text), tmpl, off);
		REQUIRE("gmem-asm", !bh_asm__parse(text, &insns, &cnt, err, sizeof(err)));
		REQUIRE("gmem-fi", !vh_func_info("prog g_mem", insns, cnt, fi, &fi_cnt));
		ret = vh_bh_verify_funcs(BPF_PROG_TYPE_XDP, false, insns, cnt, &m, log, sizeof(log), 1,
					 NULL, fi, fi_cnt);
		if (off == 4) {
			CHECK_EQ("gmem-4-refused", ret, -EINVAL);
			CHECK("gmem-4-msg", strstr(log, "Caller passes invalid args into func#1 ('g_mem')") != NULL);
		} else {
			CHECK_EQ("gmem-8-accepted", ret, 0);
		}
		free(insns);
	}
	vh_maps_free(&m);
}

/* Maps created with value BTF (map_check_btf): bpfhost's answer, and the
 * kernel's where bpf() works, for each case. */
static void test_vhelpers__map_btf_rules(void)
{
	static const struct {
		const char *name;
		uint32_t type, value, flags, btf_value;
		int err; /* bpfhost's answer, -errno */
	} c[] = {
		{ "lock_hash", BPF_MAP_TYPE_HASH, 16, 0, 5, 0 },
		{ "lock_array", BPF_MAP_TYPE_ARRAY, 16, 0, 5, 0 },
		{ "lock_lru", BPF_MAP_TYPE_LRU_HASH, 16, 0, 5, -EOPNOTSUPP },
		{ "lock_percpu_array", BPF_MAP_TYPE_PERCPU_ARRAY, 16, 0, 5, -EOPNOTSUPP },
		{ "lock_rdonly_prog", BPF_MAP_TYPE_ARRAY, 16, BPF_F_RDONLY_PROG, 5, -EACCES },
		{ "lock_size_mismatch", BPF_MAP_TYPE_ARRAY, 24, 0, 5, -EINVAL },
		{ "timer_lru", BPF_MAP_TYPE_LRU_HASH, 24, 0, 6, 0 },
		{ "timer_percpu_hash", BPF_MAP_TYPE_PERCPU_HASH, 24, 0, 6, -EOPNOTSUPP },
		{ "no_such_type", BPF_MAP_TYPE_ARRAY, 16, 0, 999, -EINVAL },
		{ "plain_long", BPF_MAP_TYPE_ARRAY, 8, BPF_F_RDONLY_PROG, 3, 0 },
	};
	int kernel = vh_kernel_available(), bad = 0;
	struct vh_maps m;

	vh_maps_init(&m, kernel);
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		BH_OPTS(bh_map_create_opts, o, .map_flags = c[i].flags, .btf = m.btf,
			.btf_key_type_id = 1, .btf_value_type_id = c[i].btf_value);
		struct bh_map *map = bh_map__create(c[i].type, "t", 4, c[i].value, 4, &o);
		int b = map ? 0 : -errno;

		bh_map__free(map);
		if (b != c[i].err) {
			fprintf(stderr, "  %s: bpfhost %d, expected %d\n", c[i].name, b, c[i].err);
			bad++;
		}
		if (kernel) {
			int fd = vh_kernel_map(c[i].type, 4, c[i].value, 4, c[i].flags, m.btf_fd,
					       c[i].btf_value);
			int k = fd >= 0 ? 0 : -errno;

			if (fd >= 0)
				close(fd);
			if (k != b) {
				fprintf(stderr, "  %s: bpfhost %d, the kernel %d\n", c[i].name, b, k);
				bad++;
			}
		}
	}
	CHECK_EQ("map-btf-rules", bad, 0);
	vh_maps_free(&m);
}

/* copy_map_value(): updates leave a held lock held, a new hash element's
 * lock starts free, and the host's copies show the lock word as zero. */
static void test_vhelpers__updates_keep_lock(void)
{
	struct vh_maps m;
	uint32_t key = 1, *lock;
	uint8_t v[16] = { 0 }, out[16];

	vh_maps_init(&m, 0);
	lock = m.bh[9]->ops->lookup(m.bh[9], &key);
	REQUIRE("keep-lookup", lock != NULL);
	*lock = 1; /* held, as by a program between lock and unlock */
	v[4] = 5;
	CHECK_EQ("keep-update", bh_map__update_elem(m.bh[9], &key, v, BPF_ANY), 0);
	CHECK_EQ("keep-held", *lock, 1);
	CHECK_EQ("keep-rest", ((uint8_t *)lock)[4], 5);
	CHECK_EQ("keep-copy", bh_map__lookup_elem(m.bh[9], &key, out), 0);
	CHECK_EQ("keep-copy-zero", out[0] | out[1] | out[2] | out[3], 0);
	CHECK_EQ("keep-copy-rest", out[4], 5);
	*lock = 0;
	memset(v, 0xff, 4); /* a source whose lock word is not zero */
	CHECK_EQ("hash-update", bh_map__update_elem(m.bh[10], &key, v, BPF_ANY), 0);
	lock = m.bh[10]->ops->lookup(m.bh[10], &key);
	REQUIRE("hash-lookup", lock != NULL);
	CHECK_EQ("hash-lock-free", *lock, 0);
	vh_maps_free(&m);
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_vhelpers__updates_keep_lock),
	BH_TEST(test_vhelpers__map_btf_rules),
	BH_TEST(test_vhelpers__global_funcs_accepted),
	BH_TEST(test_vhelpers__global_tags_refused),
	BH_TEST(test_vhelpers__global_mem_size_from_btf),
	BH_TEST(test_vhelpers__spin_lock_excludes),
	BH_TEST(test_vhelpers__const_strings_run),
};

BH_TEST_MAIN(cases)
