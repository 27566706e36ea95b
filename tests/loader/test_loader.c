/* SPDX-License-Identifier: MIT */
/*
 * tests/loader/test_loader.c - the ELF object loader on clang-built BPF
 * objects (tests/progs/loader_*.bpf.c, built into $BUILD/progs/).
 */
#include <errno.h>
#include <stddef.h>
#include <sys/utsname.h>

#include <bpfhost/bpfhost.h>

#include "test.h"
#include "progs/loader_btf.h"
#include "progs/loader_core.h"

static char logbuf[16384];

static const char *obj_path(const char *name)
{
	static char path[512];
	const char *build = getenv("BUILD");

	snprintf(path, sizeof(path), "%s/progs/%s", build && build[0] ? build : "build", name);
	return path;
}

static struct bh_object *open_obj(const char *name)
{
	BH_OPTS(bh_object_open_opts, opts, .log_buf = logbuf, .log_size = sizeof(logbuf));
	struct bh_object *obj = bh_object__open_file(obj_path(name), &opts);

	if (!obj)
		fprintf(stderr, "  open %s: %s\n%s", name, strerror(errno), logbuf);
	return obj;
}

static int load_obj(struct bh_object *obj)
{
	int ret = bh_object__load(obj);

	if (ret)
		fprintf(stderr, "  load: %s\n%s", strerror(-ret), logbuf);
	return ret;
}

static int run_xdp(struct bh_program *p, const void *data, uint32_t size, uint32_t *retval)
{
	char out[256];
	BH_OPTS(bh_test_run_opts, opts, .data_in = data, .data_size_in = size,
		.data_out = out, .data_size_out = sizeof(out));
	int ret = bh_prog__test_run(bh_program__prog(p), &opts);

	*retval = opts.retval;
	return ret;
}

static int run_syscall(struct bh_program *p, uint32_t *retval)
{
	char ctx[8] = { 0 };
	BH_OPTS(bh_test_run_opts, opts, .ctx_in = ctx, .ctx_size_in = sizeof(ctx));
	int ret = bh_prog__test_run(bh_program__prog(p), &opts);

	*retval = opts.retval;
	return ret;
}

/* ---- loader_basic ----------------------------------------------------------- */

static void test_loader__basic_open(void)
{
	struct bh_object *obj = open_obj("loader_basic.bpf.o");
	struct bh_program *p;
	struct bh_object_map *m;
	int n = 0;

	REQUIRE("basic-open", obj);
	CHECK("basic-name", !strcmp(bh_object__name(obj), "loader_basic"));
	CHECK("basic-license", !strcmp(bh_object__license(obj), "GPL"));
	CHECK("basic-btf", bh_object__btf(obj) != NULL);
	for (p = bh_object__next_program(obj, NULL); p && n < 8; p = bh_object__next_program(obj, p))
		n++;
	CHECK_EQ("basic-prog-cnt", n, 3);
	p = bh_object__find_program_by_name(obj, "xdp_count");
	REQUIRE("basic-find-xdp", p);
	CHECK_EQ("basic-xdp-type", bh_program__type(p), BPF_PROG_TYPE_XDP);
	CHECK_EQ("basic-xdp-eat", bh_program__expected_attach_type(p), BPF_XDP);
	CHECK("basic-xdp-sec", !strcmp(bh_program__section_name(p), "xdp"));
	CHECK("basic-xdp-autoload", bh_program__autoload(p));
	CHECK("basic-xdp-noprog", !bh_program__prog(p) && errno == ENOENT);
	p = bh_object__find_program_by_name(obj, "xdp_optional");
	REQUIRE("basic-find-opt", p);
	CHECK("basic-opt-noautoload", !bh_program__autoload(p));
	CHECK("basic-opt-sec", !strcmp(bh_program__section_name(p), "xdp"));
	CHECK("basic-no-subprog", !bh_object__find_program_by_name(obj, "global_sub"));
	CHECK("basic-no-static", !bh_object__find_program_by_name(obj, "add_static"));
	p = bh_object__find_program_by_name(obj, "sys_set");
	REQUIRE("basic-find-sys", p);
	CHECK_EQ("basic-sys-type", bh_program__type(p), BPF_PROG_TYPE_SYSCALL);

	m = bh_object__find_map_by_name(obj, "pairs");
	REQUIRE("basic-pairs", m);
	CHECK_EQ("basic-pairs-type", bh_object_map__type(m), BPF_MAP_TYPE_HASH);
	CHECK_EQ("basic-pairs-key", bh_object_map__key_size(m), 4);
	CHECK_EQ("basic-pairs-value", bh_object_map__value_size(m), 16);
	CHECK_EQ("basic-pairs-max", bh_object_map__max_entries(m), 16);
	CHECK("basic-pairs-vtid", bh_object_map__btf_value_type_id(m) > 0);
	CHECK_EQ("basic-pairs-pin", bh_object_map__pinning(m), BH_PIN_NONE);
	m = bh_object__find_map_by_name(obj, "counters");
	REQUIRE("basic-counters", m);
	CHECK_EQ("basic-counters-value", bh_object_map__value_size(m), 8);
	CHECK_EQ("basic-counters-pin", bh_object_map__pinning(m), BH_PIN_BY_NAME);
	CHECK_EQ("basic-counters-vtid", bh_object_map__btf_value_type_id(m), 0);
	CHECK("basic-data", bh_object__find_map_by_name(obj, ".data"));
	CHECK("basic-bss", bh_object__find_map_by_name(obj, ".bss"));
	m = bh_object__find_map_by_name(obj, ".rodata");
	REQUIRE("basic-rodata", m);
	CHECK_EQ("basic-rodata-flags", bh_object_map__map_flags(m),
		 BPF_F_MMAPABLE | BPF_F_RDONLY_PROG);
	CHECK("basic-nomap", !bh_object__find_map_by_name(obj, "nope") && errno == ENOENT);
	CHECK("basic-map-none", !bh_object_map__map(m) && errno == ENOENT);
	bh_object__close(obj);
}

static void test_loader__basic_run(void)
{
	struct bh_object *obj = open_obj("loader_basic.bpf.o");
	struct bh_object_map *data, *bss, *ro, *pairs, *counters;
	struct bh_program *xdp, *sys;
	uint8_t pkt[64] = { 0 };
	struct { uint32_t a; uint64_t b; } pv;
	uint32_t retval, key;
	uint64_t cnt;
	size_t sz;
	int *data_var;

	REQUIRE("run-open", obj);
	REQUIRE("run-load", load_obj(obj) == 0);
	CHECK_EQ("run-load-again", bh_object__load(obj), -EBUSY);
	xdp = bh_object__find_program_by_name(obj, "xdp_count");
	sys = bh_object__find_program_by_name(obj, "sys_set");
	CHECK("run-opt-unloaded", !bh_program__prog(bh_object__find_program_by_name(obj, "xdp_optional")));
	REQUIRE("run-xdp-loaded", bh_program__prog(xdp));
	CHECK("run-prog-name", !strcmp(bh_prog__name(bh_program__prog(xdp)), "xdp_count"));
	REQUIRE("run-xdp", run_xdp(xdp, pkt, sizeof(pkt), &retval) == 0);
	CHECK_EQ("run-xdp-ret", retval, XDP_DROP); /* 64 * 3 > 100 */
	REQUIRE("run-xdp2", run_xdp(xdp, pkt, 20, &retval) == 0);
	CHECK_EQ("run-xdp2-ret", retval, XDP_PASS); /* 20 * 3 */

	pairs = bh_object__find_map_by_name(obj, "pairs");
	counters = bh_object__find_map_by_name(obj, "counters");
	key = 64;
	REQUIRE("run-pairs", bh_map__lookup_elem(bh_object_map__map(pairs), &key, &pv) == 0);
	CHECK_EQ("run-pairs-a", pv.a, 64);
	CHECK_EQ("run-pairs-b", pv.b, 64 + 7);
	key = 20;
	REQUIRE("run-pairs2", bh_map__lookup_elem(bh_object_map__map(pairs), &key, &pv) == 0);
	CHECK_EQ("run-pairs2-b", pv.b, 20 + 8);
	key = 0;
	REQUIRE("run-counters", bh_map__lookup_elem(bh_object_map__map(counters), &key, &cnt) == 0);
	CHECK_EQ("run-counters-0", cnt, 2);

	data = bh_object__find_map_by_name(obj, ".data");
	bss = bh_object__find_map_by_name(obj, ".bss");
	ro = bh_object__find_map_by_name(obj, ".rodata");
	data_var = bh_object_map__initial_value(data, &sz);
	REQUIRE("run-data-mem", data_var && sz >= 4);
	CHECK_EQ("run-data-var", *data_var, 9);
	CHECK_EQ("run-bss-var", *(uint64_t *)bh_object_map__initial_value(bss, NULL), 84);
	*data_var = 100; /* the host writes, the program sees it */
	REQUIRE("run-xdp3", run_xdp(xdp, pkt, 16, &retval) == 0);
	key = 16;
	REQUIRE("run-pairs3", bh_map__lookup_elem(bh_object_map__map(pairs), &key, &pv) == 0);
	CHECK_EQ("run-pairs3-b", pv.b, 116);
	CHECK_EQ("run-rodata-frozen",
		 bh_map__update_elem(bh_object_map__map(ro), &(uint32_t){ 0 },
				     bh_object_map__initial_value(ro, NULL), 0), -EPERM);
	CHECK_EQ("run-set-initial-busy",
		 bh_object_map__set_initial_value(ro, "abcd", 4), -EBUSY);

	REQUIRE("run-sys", bh_program__prog(sys) && run_syscall(sys, &retval) == 0);
	CHECK_EQ("run-sys-ret", retval, 'h' + 3);
	CHECK_EQ("run-sys-bss", *(uint64_t *)bh_object_map__initial_value(bss, NULL), 1000 + 'i');
	key = 1;
	REQUIRE("run-counters1", bh_map__lookup_elem(bh_object_map__map(counters), &key, &cnt) == 0);
	CHECK_EQ("run-counters-1", cnt, 42);
	bh_object__close(obj);
}

static void test_loader__initial_value_before_load(void)
{
	struct bh_object *obj = open_obj("loader_basic.bpf.o");
	struct bh_object_map *ro, *data;
	struct bh_program *xdp;
	uint8_t pkt[64] = { 0 };
	uint32_t retval, one = 1, *rv;
	size_t sz;

	REQUIRE("init-open", obj);
	ro = bh_object__find_map_by_name(obj, ".rodata");
	data = bh_object__find_map_by_name(obj, ".data");
	rv = bh_object_map__initial_value(ro, &sz);
	REQUIRE("init-rodata", rv && sz == 4);
	CHECK_EQ("init-rodata-3", *rv, 3);
	CHECK_EQ("init-set-size", bh_object_map__set_initial_value(ro, &one, 2), -EINVAL);
	CHECK_EQ("init-set", bh_object_map__set_initial_value(ro, &one, 4), 0);
	CHECK("init-notdata", !bh_object_map__initial_value(bh_object__find_map_by_name(obj, "pairs"), &sz) &&
		      errno == EINVAL);
	CHECK_EQ("init-autoload-opt",
		 bh_program__set_autoload(bh_object__find_program_by_name(obj, "xdp_optional"), true), 0);
	((char *)bh_object_map__initial_value(data, NULL))[4] = 'H';
	REQUIRE("init-load", load_obj(obj) == 0);
	xdp = bh_object__find_program_by_name(obj, "xdp_count");
	REQUIRE("init-xdp", run_xdp(xdp, pkt, sizeof(pkt), &retval) == 0);
	CHECK_EQ("init-xdp-ret", retval, XDP_PASS); /* 64 * 1 */
	REQUIRE("init-opt", run_xdp(bh_object__find_program_by_name(obj, "xdp_optional"), pkt,
				    sizeof(pkt), &retval) == 0);
	CHECK_EQ("init-opt-ret", retval, XDP_TX);
	CHECK_EQ("init-autoload-busy",
		 bh_program__set_autoload(bh_object__find_program_by_name(obj, "xdp_optional"), false),
		 -EBUSY);
	bh_object__close(obj);
}

static void test_loader__linked_insns_and_line_info(void)
{
	struct bh_object *obj = open_obj("loader_basic.bpf.o");
	struct bh_program *xdp;
	const struct bpf_insn *insns;
	const struct bh_func_info *fi;
	const struct bh_line_info *li;
	size_t n_before, n_after, nfi, nli, calls = 0, maps = 0, values = 0;

	REQUIRE("link-open", obj);
	xdp = bh_object__find_program_by_name(obj, "xdp_count");
	bh_program__insns(xdp, &n_before);
	REQUIRE("link-load", load_obj(obj) == 0);
	insns = bh_program__insns(xdp, &n_after);
	CHECK("link-grew", n_after > n_before);
	for (size_t i = 0; i < n_after; i++) {
		if (insns[i].code == (BPF_JMP | BPF_CALL) && insns[i].src_reg == BPF_PSEUDO_CALL) {
			calls++;
			CHECK("link-call-target", (long)i + insns[i].imm + 1 >= (long)n_before &&
							  (size_t)((long)i + insns[i].imm + 1) < n_after);
		}
		if (insns[i].code == (BPF_LD | BPF_IMM | BPF_DW)) {
			maps += insns[i].src_reg == BPF_PSEUDO_MAP_IDX;
			values += insns[i].src_reg == BPF_PSEUDO_MAP_IDX_VALUE;
			i++;
		}
	}
	CHECK_EQ("link-calls", calls, 2);
	CHECK_EQ("link-maps", maps, 2);
	CHECK("link-values", values >= 3);
	fi = bh_program__func_info(xdp, &nfi);
	REQUIRE("link-fi", fi && nfi == 3);
	CHECK("link-fi0", fi[0].insn_off == 0 && !strcmp(fi[0].name, "xdp_count"));
	CHECK("link-fi1", fi[1].insn_off == n_before);
	CHECK("link-fi-names", (!strcmp(fi[1].name, "add_static") && !strcmp(fi[2].name, "global_sub")) ||
				       (!strcmp(fi[2].name, "add_static") && !strcmp(fi[1].name, "global_sub")));
	li = bh_program__line_info(xdp, &nli);
	REQUIRE("link-li", li && nli > 3);
	CHECK("link-li-file", strstr(li[0].file_name, "loader_basic.bpf.c") != NULL);
	CHECK("link-li-line", li[0].line_num > 0 && strstr(li[0].line, "xdp_count"));
	for (size_t i = 1; i < nli; i++)
		CHECK("link-li-sorted", li[i].insn_off >= li[i - 1].insn_off && li[i].insn_off < n_after);
	bh_object__close(obj);
}

/* ---- -mcpu=v1..v4 ------------------------------------------------------------- */

static void test_loader__cpu_variants(void)
{
	uint8_t pkt[80];
	uint64_t results[4];
	uint32_t rets[4];

	for (size_t i = 0; i < sizeof(pkt); i++)
		pkt[i] = (uint8_t)(i * 37 + 11);
	for (int v = 1; v <= 4; v++) {
		char name[64];
		struct bh_object *obj;
		struct bh_program *p;

		snprintf(name, sizeof(name), "loader_cpu.v%d.bpf.o", v);
		obj = open_obj(name);
		REQUIRE("cpu-open", obj);
		REQUIRE("cpu-load", load_obj(obj) == 0);
		p = bh_object__find_program_by_name(obj, "xdp_cpu");
		REQUIRE("cpu-run", p && run_xdp(p, pkt, sizeof(pkt), &rets[v - 1]) == 0);
		results[v - 1] = *(uint64_t *)bh_object_map__initial_value(
			bh_object__find_map_by_name(obj, ".bss"), NULL);
		bh_object__close(obj);
	}
	for (int v = 1; v < 4; v++) {
		CHECK_EQ("cpu-same-result", results[v], results[0]);
		CHECK_EQ("cpu-same-ret", rets[v], rets[0]);
	}
	CHECK("cpu-nonzero", results[0] != 0);
}

/* ---- map-in-map, program arrays ------------------------------------------ */

static void test_loader__map_in_map_and_prog_array(void)
{
	struct bh_object *obj = open_obj("loader_mim.bpf.o");
	struct bh_object_map *outer, *jmp, *in1;
	struct bh_program *p;
	uint8_t pkt[32] = { 0 };
	uint32_t key = 1, id = 0, v = 5, z = 0, retval;

	REQUIRE("mim-open", obj);
	outer = bh_object__find_map_by_name(obj, "outer");
	jmp = bh_object__find_map_by_name(obj, "jmp");
	in1 = bh_object__find_map_by_name(obj, "in1");
	REQUIRE("mim-maps", outer && jmp && in1);
	CHECK_EQ("mim-outer-type", bh_object_map__type(outer), BPF_MAP_TYPE_ARRAY_OF_MAPS);
	CHECK_EQ("mim-outer-value", bh_object_map__value_size(outer), 4);
	CHECK_EQ("mim-jmp-type", bh_object_map__type(jmp), BPF_MAP_TYPE_PROG_ARRAY);
	REQUIRE("mim-load", load_obj(obj) == 0);
	REQUIRE("mim-outer-slot", bh_map__lookup_elem(bh_object_map__map(outer), &key, &id) == 0);
	CHECK_EQ("mim-outer-id", id, bh_map__id(bh_object_map__map(in1)));
	REQUIRE("mim-jmp-slot", bh_map__lookup_elem(bh_object_map__map(jmp), &key, &id) == 0);
	CHECK_EQ("mim-jmp-id", id,
		 bh_prog__id(bh_program__prog(bh_object__find_program_by_name(obj, "tail_target"))));
	key = 0;
	CHECK_EQ("mim-jmp-empty", bh_map__lookup_elem(bh_object_map__map(jmp), &key, &id), -ENOENT);
	p = bh_object__find_program_by_name(obj, "xdp_mim");
	REQUIRE("mim-run", run_xdp(p, pkt, sizeof(pkt), &retval) == 0);
	CHECK_EQ("mim-run-pass", retval, XDP_PASS);
	REQUIRE("mim-set", bh_map__update_elem(bh_object_map__map(in1), &z, &v, 0) == 0);
	REQUIRE("mim-run2", run_xdp(p, pkt, sizeof(pkt), &retval) == 0);
	CHECK_EQ("mim-run-tail", retval, XDP_TX);
	bh_object__close(obj);
}

static void test_loader__legacy_maps(void)
{
	struct bh_object *obj = open_obj("loader_legacy.bpf.o");
	struct bh_object_map *arr, *hash;
	uint8_t pkt[32] = { 0 };
	uint32_t key = 1, v, retval;
	uint64_t a;

	REQUIRE("legacy-open", obj);
	arr = bh_object__find_map_by_name(obj, "legacy_arr");
	hash = bh_object__find_map_by_name(obj, "legacy_hash");
	REQUIRE("legacy-maps", arr && hash);
	CHECK_EQ("legacy-arr-type", bh_object_map__type(arr), BPF_MAP_TYPE_ARRAY);
	CHECK_EQ("legacy-arr-value", bh_object_map__value_size(arr), 8);
	CHECK_EQ("legacy-hash-max", bh_object_map__max_entries(hash), 8);
	CHECK(	"legacy-license", !strcmp(bh_object__license(obj), "Dual MIT/GPL"));
	REQUIRE("legacy-load", load_obj(obj) == 0);
	REQUIRE("legacy-run", run_xdp(bh_object__find_program_by_name(obj, "xdp_legacy"), pkt,
				      sizeof(pkt), &retval) == 0);
	CHECK_EQ("legacy-ret", retval, XDP_PASS);
	REQUIRE("legacy-hash-elem", bh_map__lookup_elem(bh_object_map__map(hash), &key, &v) == 0);
	CHECK_EQ("legacy-hash-val", v, 11);
	REQUIRE("legacy-arr-elem", bh_map__lookup_elem(bh_object_map__map(arr), &key, &a) == 0);
	CHECK_EQ("legacy-arr-val", a, 5);
	bh_object__close(obj);
}

/* ---- CO-RE ---------------------------------------------------------------- */

static void test_loader__core_relocations(void)
{
	struct bh_object *obj = open_obj("loader_core.bpf.o");
	struct bh_object_map *bss;
	struct core_s *in;
	unsigned long long *out;
	uint32_t retval;
	int sid;

	REQUIRE("core-open", obj);
	bss = bh_object__find_map_by_name(obj, ".bss");
	REQUIRE("core-bss", bss);
	REQUIRE("core-load", load_obj(obj) == 0);
	out = ((struct core_data *)bh_object_map__initial_value(bss, NULL))->out;
	in = &((struct core_data *)bh_object_map__initial_value(bss, NULL))->in;
	in->bf1 = 5;
	in->bf2 = -3;
	in->arr[3] = 77;
	REQUIRE("core-run", run_syscall(bh_object__find_program_by_name(obj, "core_test"), &retval) == 0);
	sid = bh_btf__find_by_name_kind(bh_object__btf(obj), "core_s", BTF_KIND_STRUCT);
	CHECK_EQ("core-offset", out[0], offsetof(struct core_s, c));
	CHECK_EQ("core-size", out[1], sizeof(in->arr));
	CHECK_EQ("core-exists", out[2], 1);
	CHECK_EQ("core-type-id", out[3], sid);
	CHECK_EQ("core-type-size", out[4], sizeof(struct core_s));
	CHECK_EQ("core-bitfield-u", out[5], 5);
	CHECK_EQ("core-bitfield-s", (int64_t)out[6], -3);
	CHECK_EQ("core-enum-value", out[7], CORE_TWO);
	CHECK_EQ("core-enum-exists", out[8], 1);
	CHECK_EQ("core-array-elem", out[9], offsetof(struct core_s, arr) + 2 * sizeof(int));
	CHECK_EQ("core-type-exists", out[10], 1);
	CHECK_EQ("core-read", out[11], 77);
	bh_object__close(obj);
}

/* ---- Callbacks, .text-to-.text calls, string sections --------------------- */

static void test_loader__callback_and_text_calls(void)
{
	struct bh_object *obj = open_obj("loader_callback.bpf.o");
	struct bh_object_map *bss, *str;
	const struct bpf_insn *insns;
	size_t n, funcs = 0;
	uint32_t retval;
	int ret;

	REQUIRE("cb-open", obj);
	str = bh_object__find_map_by_name(obj, ".rodata.str1.1");
	REQUIRE("cb-str-map", str);
	CHECK_EQ("cb-str-flags", bh_object_map__map_flags(str), BPF_F_MMAPABLE | BPF_F_RDONLY_PROG);
	ret = bh_object__load(obj);
	if (ret && strstr(logbuf, "callback")) {
		bh_object__close(obj);
		SKIP("callbacks are not supported by the program loader yet: %s", logbuf);
	}
	REQUIRE("cb-load", ret == 0);
	insns = bh_program__insns(bh_object__find_program_by_name(obj, "run_loop"), &n);
	for (size_t i = 0; i + 1 < n; i++)
		if (insns[i].code == (BPF_LD | BPF_IMM | BPF_DW) && insns[i].src_reg == BPF_PSEUDO_FUNC)
			funcs++;
	CHECK_EQ("cb-pseudo-func", funcs, 1);
	REQUIRE("cb-run", run_syscall(bh_object__find_program_by_name(obj, "run_loop"), &retval) == 0);
	CHECK_EQ("cb-ret", retval, 10);
	bss = bh_object__find_map_by_name(obj, ".bss");
	CHECK_EQ("cb-sum", *(uint64_t *)bh_object_map__initial_value(bss, NULL), 35);
	CHECK("cb-copied", !strcmp((char *)bh_object_map__initial_value(bss, NULL) + 8, "strlit"));
	bh_object__close(obj);
}

/* ---- Externs, types ---------------------------------------------------------- */

static void test_loader__kfunc_refused(void)
{
	struct bh_object *obj = open_obj("loader_kfunc.bpf.o");
	struct bh_program *p;
	uint32_t retval;

	REQUIRE("kfunc-open", obj);
	CHECK_EQ("kfunc-load", bh_object__load(obj), -ESRCH);
	CHECK("kfunc-msg", strstr(logbuf, "extern (func ksym) 'bpf_fake_kfunc': not found"));
	CHECK_EQ("kfunc-load-after-failure", bh_object__load(obj), -EBUSY);
	bh_object__close(obj);

	obj = open_obj("loader_kfunc.bpf.o");
	REQUIRE("kfunc-open2", obj);
	bh_program__set_autoload(bh_object__find_program_by_name(obj, "call_kfunc"), false);
	p = bh_object__find_program_by_name(obj, "weak_ksym");
	bh_program__set_autoload(p, true);
	REQUIRE("ksym-load", load_obj(obj) == 0);
	REQUIRE("ksym-run", run_syscall(p, &retval) == 0);
	CHECK_EQ("ksym-weak-null", retval, 2);
	bh_object__close(obj);
}

/* One program of loader_kfunc.bpf.o alone: its load's result, and its
 * run's return value in *@retval when it loaded. */
static int load_kfunc_prog(const char *name, uint32_t *retval)
{
	struct bh_object *obj = open_obj("loader_kfunc.bpf.o");
	struct bh_program *p;
	int ret;

	if (!obj)
		return -ENOENT;
	for (p = bh_object__next_program(obj, NULL); p; p = bh_object__next_program(obj, p))
		bh_program__set_autoload(p, !strcmp(bh_program__name(p), name));
	ret = load_obj(obj);
	if (!ret && run_syscall(bh_object__find_program_by_name(obj, name), retval))
		ret = -EIO;
	bh_object__close(obj);
	return ret;
}

/* bpfhost's kfuncs resolve by name into its ids; a prototype of another
 * shape is refused with libbpf's words; a weak kfunc bpfhost lacks is 0,
 * fine where the program does not call it */
static void test_loader__kfunc_resolved(void)
{
	uint32_t retval = 0;

	CHECK_EQ("kfunc-rcu-load", load_kfunc_prog("rcu", &retval), 0);
	CHECK_EQ("kfunc-rcu-run", retval, 3);
	retval = 0;
	CHECK_EQ("kfunc-weak-load", load_kfunc_prog("weak_kfunc", &retval), 0);
	CHECK_EQ("kfunc-weak-run", retval, 4);
	CHECK_EQ("kfunc-proto-load", load_kfunc_prog("bad_proto", &retval), -EINVAL);
	CHECK("kfunc-proto-msg",
	      strstr(logbuf, "extern (func ksym) 'bpf_dynptr_size': func_proto [") &&
	      strstr(logbuf, "incompatible with bpfhost's bpf_dynptr_size"));
}

static void test_loader__kconfig(void)
{
	struct bh_object *obj = open_obj("loader_kconfig.bpf.o");
	struct bh_object_map *kc;
	unsigned long long *out;
	unsigned int a = 0, b = 0, c = 0;
	struct utsname u;
	uint32_t retval;

	REQUIRE("kcfg-open", obj);
	kc = bh_object__find_map_by_name(obj, ".kconfig");
	REQUIRE("kcfg-map", kc);
	CHECK_EQ("kcfg-flags", bh_object_map__map_flags(kc), BPF_F_MMAPABLE | BPF_F_RDONLY_PROG);
	REQUIRE("kcfg-load", load_obj(obj) == 0);
	REQUIRE("kcfg-run", run_syscall(bh_object__find_program_by_name(obj, "kcfg"), &retval) == 0);
	out = bh_object_map__initial_value(bh_object__find_map_by_name(obj, ".bss"), NULL);
	uname(&u);
	sscanf(u.release, "%u.%u.%u", &a, &b, &c);
	CHECK_EQ("kcfg-version", out[0], (a << 16) + (b << 8) + (c > 255 ? 255 : c));
	CHECK_EQ("kcfg-weak-missing", out[1], 0);
	CHECK_EQ("kcfg-cookie", out[2], 1);
	bh_object__close(obj);

	obj = open_obj("loader_kconfig.bpf.o");
	REQUIRE("kcfg-open2", obj);
	bh_program__set_autoload(bh_object__find_program_by_name(obj, "kcfg_strong"), true);
	CHECK_EQ("kcfg-strong", bh_object__load(obj), -ESRCH);
	CHECK("kcfg-strong-msg", strstr(logbuf, "CONFIG_BPFHOST_STRONG") != NULL);
	bh_object__close(obj);
}

static void test_loader__section_types(void)
{
	static const struct {
		const char *prog;
		uint32_t type, eat;
		const char *target;
	} want[] = {
		{ "p_xdp", BPF_PROG_TYPE_XDP, BPF_XDP, NULL },
		{ "p_xdp2", BPF_PROG_TYPE_XDP, BPF_XDP, NULL },
		{ "p_xdp_frags", BPF_PROG_TYPE_XDP, BPF_XDP, NULL },
		{ "p_tc", BPF_PROG_TYPE_SCHED_CLS, 0, NULL },
		{ "p_classifier", BPF_PROG_TYPE_SCHED_CLS, 0, NULL },
		{ "p_socket", BPF_PROG_TYPE_SOCKET_FILTER, 0, NULL },
		{ "p_raw_tp", BPF_PROG_TYPE_RAW_TRACEPOINT, 0, "sys_enter" },
		{ "p_raw_tp_w", BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE, 0, "sys_enter" },
		{ "p_tp_btf", BPF_PROG_TYPE_TRACING, BPF_TRACE_RAW_TP, "sched_switch" },
		{ "p_fentry", BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, "do_unlinkat" },
		{ "p_fexit", BPF_PROG_TYPE_TRACING, BPF_TRACE_FEXIT, "do_unlinkat" },
		{ "p_sysctl", BPF_PROG_TYPE_CGROUP_SYSCTL, BPF_CGROUP_SYSCTL, NULL },
		{ "p_getsockopt", BPF_PROG_TYPE_CGROUP_SOCKOPT, BPF_CGROUP_GETSOCKOPT, NULL },
		{ "p_setsockopt", BPF_PROG_TYPE_CGROUP_SOCKOPT, BPF_CGROUP_SETSOCKOPT, NULL },
		{ "p_syscall", BPF_PROG_TYPE_SYSCALL, 0, NULL },
		{ "p_struct_ops", BPF_PROG_TYPE_STRUCT_OPS, 0, "test_1" },
		{ "p_freplace", BPF_PROG_TYPE_EXT, 0, "global_sub" },
		{ "p_kprobe", BPF_PROG_TYPE_KPROBE, 0, "do_sys_open" },
		{ "p_opt_xdp", BPF_PROG_TYPE_XDP, BPF_XDP, NULL },
		{ "p_unknown", 0, 0, NULL },
	};
	struct bh_object *obj = open_obj("loader_types.bpf.o");
	struct bh_program *p;

	REQUIRE("types-open", obj);
	for (size_t i = 0; i < BH_ARRAY_LEN(want); i++) {
		const char *t;

		p = bh_object__find_program_by_name(obj, want[i].prog);
		REQUIRE("types-find", p);
		CHECK_EQ("types-type", bh_program__type(p), want[i].type);
		CHECK_EQ("types-eat", bh_program__expected_attach_type(p), want[i].eat);
		t = bh_program__attach_target(p);
		CHECK("types-target", want[i].target ? t && !strcmp(t, want[i].target) : !t);
		CHECK("types-autoload", bh_program__autoload(p) == (strcmp(want[i].prog, "p_opt_xdp") != 0));
	}
	/* Everything but struct_ops off: that type is not registered. */
	for (p = bh_object__next_program(obj, NULL); p; p = bh_object__next_program(obj, p))
		bh_program__set_autoload(p, !strcmp(bh_program__name(p), "p_struct_ops"));
	CHECK_EQ("types-struct-ops-load", bh_object__load(obj), -EOPNOTSUPP);
	CHECK("types-struct-ops-msg",
	      strstr(logbuf, "program type struct_ops is not supported yet") != NULL);
	bh_object__close(obj);

	/* kprobe is (progs/kprobe.c) */
	obj = open_obj("loader_types.bpf.o");
	REQUIRE("types-open-kprobe", obj);
	for (p = bh_object__next_program(obj, NULL); p; p = bh_object__next_program(obj, p))
		bh_program__set_autoload(p, !strcmp(bh_program__name(p), "p_kprobe"));
	CHECK_EQ("types-kprobe-load", load_obj(obj), 0);
	CHECK("types-kprobe-loaded", bh_program__prog(bh_object__find_program_by_name(obj, "p_kprobe")));
	bh_object__close(obj);

	obj = open_obj("loader_types.bpf.o");
	REQUIRE("types-open2", obj);
	for (p = bh_object__next_program(obj, NULL); p; p = bh_object__next_program(obj, p))
		bh_program__set_autoload(p, !strcmp(bh_program__name(p), "p_unknown"));
	CHECK_EQ("types-unknown-load", bh_object__load(obj), -EINVAL);
	CHECK("types-unknown-msg", strstr(logbuf, "not_a_type") != NULL);
	bh_object__close(obj);

	obj = open_obj("loader_types.bpf.o");
	REQUIRE("types-open3", obj);
	for (p = bh_object__next_program(obj, NULL); p; p = bh_object__next_program(obj, p))
		bh_program__set_autoload(p, bh_program__type(p) == BPF_PROG_TYPE_XDP ||
						    bh_program__type(p) == BPF_PROG_TYPE_SYSCALL);
	REQUIRE("types-load-supported", load_obj(obj) == 0);
	CHECK("types-xdp-loaded", bh_program__prog(bh_object__find_program_by_name(obj, "p_xdp_frags")));
	{
		struct bh_program *x1 = bh_object__find_program_by_name(obj, "p_xdp");
		struct bh_program *x2 = bh_object__find_program_by_name(obj, "p_xdp2");
		size_t n1, n2;

		REQUIRE("types-same-sec", x1 && x2 && bh_program__prog(x1) && bh_program__prog(x2));
		bh_program__insns(x1, &n1);
		bh_program__insns(x2, &n2);
		CHECK("types-same-sec-insns", n1 == 2 && n2 == 2);
		CHECK("types-same-sec-sec", !strcmp(bh_program__section_name(x2), "xdp"));
	}
	bh_object__close(obj);
}

static void test_loader__open_errors(void)
{
	BH_OPTS(bh_object_open_opts, opts, .log_buf = logbuf, .log_size = sizeof(logbuf));
	static const char not_elf[] = "this is not an ELF file at all, not even close........"
				      "................................................";

	CHECK("err-nofile", !bh_object__open_file("/nonexistent/x.o", &opts) && errno == ENOENT);
	CHECK("err-notelf", !bh_object__open_mem(not_elf, sizeof(not_elf), &opts) && errno == EINVAL);
	CHECK("err-notelf-msg", strstr(logbuf, "not an ELF file") != NULL);
	CHECK("err-empty", !bh_object__open_mem(not_elf, 0, &opts) && errno == EINVAL);
	CHECK("err-null", !bh_object__open_mem(NULL, 10, &opts) && errno == EINVAL);
	opts.sz = 1;
	CHECK("err-opts", !bh_object__open_mem(not_elf, sizeof(not_elf), &opts) && errno == EINVAL);
	bh_object__close(NULL);
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_loader__basic_open),
	BH_TEST(test_loader__basic_run),
	BH_TEST(test_loader__initial_value_before_load),
	BH_TEST(test_loader__linked_insns_and_line_info),
	BH_TEST(test_loader__cpu_variants),
	BH_TEST(test_loader__map_in_map_and_prog_array),
	BH_TEST(test_loader__legacy_maps),
	BH_TEST(test_loader__core_relocations),
	BH_TEST(test_loader__callback_and_text_calls),
	BH_TEST(test_loader__kfunc_refused),
	BH_TEST(test_loader__kfunc_resolved),
	BH_TEST(test_loader__kconfig),
	BH_TEST(test_loader__section_types),
	BH_TEST(test_loader__open_errors),
};

BH_TEST_MAIN(cases)
