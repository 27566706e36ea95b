/* SPDX-License-Identifier: MIT */
/*
 * tests/verifier/diff_verdicts.c - bpfhost's verifier against the kernel's,
 * verdict by verdict (make diff):
 *
 *   - every program of every clang object in $BUILD/progs/ (tests/progs/)
 *     and $BUILD/examples/ (examples/), loaded into the kernel by libbpf
 *     and into bpfhost by bh_object__load() (verification on): the whole
 *     object first, then one program at a time (the others not loaded)
 *     when either side refuses it;
 *   - every program of the negative suite (tests/verifier/negative/, every .s file),
 *     loaded by bpf(BPF_PROG_LOAD) and by vharness.h's verified load,
 *     except those marked "# kernel: needs BTF".
 *
 * bpfhost accepting a program the kernel refuses fails the test; bpfhost
 * refusing one the kernel accepts fails it unless the object is a known gap
 * (tests/progs/verifier_gaps.h).  Objects named loader_bad_* are malformed
 * on purpose and not compared.  Last line:
 *
 *   verdicts: N programs, N agree, N both accept, N both refuse,
 *   N bpfhost-refuses-kernel-accepts (documented), N bpfhost-accepts-kernel-refuses
 *
 *	diff_verdicts [--build DIR] [--neg DIR] [-v]
 */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#include <bpf/libbpf.h>
#include <bpf/bpf.h>

#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <stdarg.h>

#include "test.h"
#include "vharness.h"
#include "progs/verifier_gaps.h"

static bool verbose;
static int n_progs, both_accept, both_refuse, documented, bh_only_refuses, bh_only_accepts;
static int not_compared;
static char blog[1 << 20];

/* libbpf's messages of the current load (to tell its refusals from the
 * kernel verifier's), also on stderr with -v */
static char klibbpf[1 << 16];
static size_t klibbpf_len;

static int capture(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	if (verbose)
		vfprintf(stderr, fmt, copy);
	va_end(copy);
	n = vsnprintf(klibbpf + klibbpf_len, sizeof(klibbpf) - klibbpf_len, fmt, ap);
	if (n > 0)
		klibbpf_len = BH_MIN(klibbpf_len + (size_t)n, sizeof(klibbpf) - 1);
	return 0;
}

/* One verdict pair; @gap: a refusal by bpfhost alone is documented. */
static void count(const char *what, int k, int b, bool gap, const char *why)
{
	n_progs++;
	if (!k && !b) {
		both_accept++;
	} else if (k && b) {
		both_refuse++;
	} else if (!b) {
		bh_only_accepts++;
		printf("not ok %s: bpfhost accepts, the kernel refuses (%s)\n", what,
		       strerror(k < 0 ? -k : k));
	} else if (gap) {
		documented++;
		if (verbose)
			printf("# %s: bpfhost refuses (known gap): %s\n", what, why);
	} else {
		bh_only_refuses++;
		printf("not ok %s: bpfhost refuses, the kernel accepts: %s\n", what, why);
	}
}

/*
 * libbpf: load @path with only @prog (NULL: all); 0 or -errno, and
 * *@verifier true when the kernel's BPF_PROG_LOAD refused a program (else
 * libbpf refused the object before the kernel's verifier saw it).
 */
static int k_load(const char *path, const char *prog, bool *verifier)
{
	struct bpf_object *obj;
	struct bpf_program *p;
	int err;

	klibbpf_len = 0;
	klibbpf[0] = 0;
	*verifier = false;
	obj = bpf_object__open_file(path, NULL);
	if (!obj)
		return -errno;
	bpf_object__for_each_program(p, obj)
		if (prog)
			bpf_program__set_autoload(p, !strcmp(bpf_program__name(p), prog));
	err = bpf_object__load(obj);
	bpf_object__close(obj);
	*verifier = err && strstr(klibbpf, "BPF program load failed");
	return err;
}

/* bpfhost: the same; the log in blog. */
static int b_load(const char *path, const char *prog)
{
	BH_OPTS(bh_object_open_opts, o, .log_buf = blog, .log_size = sizeof(blog),
		.log_level = 1);
	struct bh_object *obj;
	int err;

	blog[0] = 0;
	obj = bh_object__open_file(path, &o);
	if (!obj)
		return -errno;
	for (struct bh_program *p = bh_object__next_program(obj, NULL); prog && p;
	     p = bh_object__next_program(obj, p))
		bh_program__set_autoload(p, !strcmp(bh_program__name(p), prog));
	err = bh_object__load(obj);
	bh_object__close(obj);
	return err;
}

/* The last line of blog before its statistics, in @out. */
static void bh_reason(char *out, size_t out_sz)
{
	char *end = strstr(blog, "\nprocessed "), *start;

	if (!end)
		end = blog + strlen(blog);
	while (end > blog && end[-1] == '\n')
		end--;
	start = end;
	while (start > blog && start[-1] != '\n')
		start--;
	snprintf(out, out_sz, "%.*s", (int)(end - start), start);
}

/* Compares the programs of @path; false when the object is not compared. */
static bool diff_object(const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char name[128], what[512], why[512] = "";
	struct bpf_object *kobj;
	struct bpf_program *kp;
	bool gap, kver;
	int kall, ball;

	snprintf(name, sizeof(name), "%.*s", (int)(strstr(base, ".bpf.o") ?
		 strstr(base, ".bpf.o") - base : (long)strlen(base)), base);
	if (!strncmp(name, "loader_bad_", 11))
		return false;
	gap = verifier_gap(name);
	kobj = bpf_object__open_file(path, NULL);
	if (!kobj) {
		printf("skip %s: libbpf cannot open it (%s)\n", name, strerror(errno));
		not_compared++;
		return false;
	}
	kall = k_load(path, NULL, &kver);
	ball = b_load(path, NULL);
	bpf_object__for_each_program(kp, kobj) {
		const char *pn = bpf_program__name(kp);
		int k = kall, b = ball;

		snprintf(what, sizeof(what), "%s/%s", name, pn);
		kver = false;
		if (kall)
			k = k_load(path, pn, &kver);
		if (ball)
			b = b_load(path, pn);
		if (b)
			bh_reason(why, sizeof(why));
		if (k == -EPERM && bpf_program__type(kp) == BPF_PROG_TYPE_TRACING) {
			printf("skip %s: the kernel refuses tracing programs (EPERM)\n", what);
			not_compared++;
			continue;
		}
		/* the loader's test objects hold what only bpfhost has
		 * (its kconfig values, kfuncs): libbpf refuses them */
		if (k && !kver) {
			printf("skip %s: libbpf refuses it before the kernel's verifier (%s)\n",
			       what, strerror(-k));
			not_compared++;
			continue;
		}
		/* CO-RE against a type the kernel's BTF lacks: libbpf poisons
		 * the instructions, so the kernel sees another program */
		if (k && strstr(klibbpf, "w/ invalid insn")) {
			printf("skip %s: its CO-RE relocations do not resolve in the kernel\n", what);
			not_compared++;
			continue;
		}
		count(what, k, b, gap, why);
	}
	bpf_object__close(kobj);
	return true;
}

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (!fseek(f, 0, SEEK_END) && (n = ftell(f)) >= 0 && !fseek(f, 0, SEEK_SET)) {
		buf = calloc(1, (size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
	}
	fclose(f);
	return buf;
}

static int diff_negatives(const char *dir)
{
	static char klog[VH_LOG_SZ];
	struct vh_maps m;
	struct dirent *de;
	DIR *d = opendir(dir);
	int files = 0;

	if (!d) {
		printf("not ok diff_verdicts: no negative suite at %s\n", dir);
		return -1;
	}
	vh_maps_init(&m, 1);
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		char path[1024], type_s[32] = "xdp", err[256], what[300];
		struct bpf_insn *insns;
		const char *t;
		char *text;
		size_t cnt;
		int type, k, b;

		if (len < 3 || strcmp(de->d_name + len - 2, ".s"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		snprintf(what, sizeof(what), "negative/%s", de->d_name);
		text = read_text(path);
		if (!text)
			continue;
		/* callbacks need BTF in the kernel; "# funcs:" programs
		 * (global functions) need func_info, which test_negative
		 * gives both sides */
		if (strstr(text, "# kernel: needs BTF") || strstr(text, "# funcs:")) {
			not_compared++;
			free(text);
			continue;
		}
		t = strstr(text, "# type:");
		if (t)
			sscanf(t + 7, " %31s", type_s);
		type = vh_prog_type(type_s);
		if (type < 0 || bh_asm__parse(text, &insns, &cnt, err, sizeof(err))) {
			printf("not ok %s: bad test program (type '%s')\n", what, type_s);
			bh_only_accepts++;
			free(text);
			continue;
		}
		files++;
		k = vh_kernel_verify(type, insns, cnt, &m, klog, sizeof(klog), 1);
		b = vh_bh_verify(type, insns, cnt, &m, blog, sizeof(blog), 1, NULL);
		count(what, k, b, false, "see test_negative");
		free(insns);
		free(text);
	}
	closedir(d);
	vh_maps_free(&m);
	return files;
}

int main(int argc, char **argv)
{
	const char *build = getenv("BUILD") && getenv("BUILD")[0] ? getenv("BUILD") : "build";
	const char *neg = "tests/verifier/negative";
	const char *dirs[] = { "progs", "examples" };
	int objs = 0, negs;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--build") && i + 1 < argc)
			build = argv[++i];
		else if (!strcmp(argv[i], "--neg") && i + 1 < argc)
			neg = argv[++i];
		else if (!strcmp(argv[i], "-v"))
			verbose = true;
	}
	libbpf_set_print(capture);
	if (geteuid() != 0 || !vh_kernel_available()) {
		printf("skip diff_verdicts: bpf() refused (not root?)\n");
		return 0;
	}
	for (size_t d = 0; d < BH_ARRAY_LEN(dirs); d++) {
		char pattern[512];
		glob_t g;

		snprintf(pattern, sizeof(pattern), "%s/%s/*.bpf.o", build, dirs[d]);
		if (glob(pattern, 0, NULL, &g)) {
			printf("not ok diff_verdicts: no objects match %s (make first)\n", pattern);
			return 1;
		}
		for (size_t i = 0; i < g.gl_pathc; i++)
			objs += diff_object(g.gl_pathv[i]);
		globfree(&g);
	}
	negs = diff_negatives(neg);
	printf("# verdicts: %d objects and %d negative programs (%d not compared)\n", objs, negs,
	       not_compared);
	printf("# verdicts: %d programs, %d agree, %d both accept, %d both refuse, %d bpfhost-refuses-kernel-accepts (documented), %d bpfhost-accepts-kernel-refuses\n",
	       n_progs, both_accept + both_refuse, both_accept, both_refuse, documented,
	       bh_only_accepts);
	if (bh_only_refuses)
		printf("# verdicts: %d bpfhost-refuses-kernel-accepts NOT documented in tests/progs/verifier_gaps.h\n",
		       bh_only_refuses);
	if (negs < 0 || bh_only_accepts || bh_only_refuses) {
		printf("not ok diff_verdicts\n");
		return 1;
	}
	printf("ok diff_verdicts\n");
	return 0;
}
