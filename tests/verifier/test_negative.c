/* SPDX-License-Identifier: MIT */
/*
 * tests/verifier/test_negative.c - the negative suite: every program in
 * tests/verifier/negative/ has one bug and must be refused with the
 * message its "# expect:" line gives.  "# type: NAME" picks the program
 * type (vharness.h's vh_prog_types; xdp by default); maps are vharness.h's, as
 * map[idx:N].  Where bpf() works, the kernel must refuse each program too
 * (except those marked "# kernel: needs BTF", which it refuses for want of
 * metadata).
 *
 * "# mode: unpriv" files (unpriv_*.s) break a rule only an unprivileged
 * loader has: they are verified as one (and must be refused), then as a
 * privileged loader, where bpfhost and the kernel must accept them.  The
 * kernel verifies them unprivileged only where
 * kernel.unprivileged_bpf_disabled is 0, in a child without capabilities.
 *
 * "# funcs: prog g_mem" gives func_info: the FUNC of vharness.h's vh_btf
 * each subprogram has, in order (global functions).
 */
#include <dirent.h>

#include "test.h"
#include "vharness.h"

#ifndef NEG_DIR
#define NEG_DIR "tests/verifier/negative"
#endif

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = calloc(1, (size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

/* The text after "# key:" on a line of @text, trimmed, in @out. */
static bool header(const char *text, const char *key, char *out, size_t out_sz)
{
	const char *p = strstr(text, key), *e;

	if (!p)
		return false;
	p += strlen(key);
	while (*p == ' ')
		p++;
	e = strchr(p, '\n');
	if (!e)
		e = p + strlen(p);
	snprintf(out, out_sz, "%.*s", (int)(e - p), p);
	return true;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_negative__all_refused(void)
{
	/* big enough for the path of a program that hits the 1M-insn limit */
	size_t log_sz = 64u << 20;
	char *log = malloc(log_sz);
	static char klog[VH_LOG_SZ];
	const char *dir = getenv("BH_NEG_DIR") ? getenv("BH_NEG_DIR") : NEG_DIR;
	int kernel = vh_kernel_available(), files = 0, bad = 0, kref = 0, kacc = 0;
	int unpriv_files = 0, priv_bad = 0, kpriv_acc = 0, kpriv_ref = 0;
	int kunpriv_ref = 0, kunpriv_acc = 0;
	const char *kunpriv_gap = vh_kernel_unpriv_gap();
	char *names[1024];
	size_t n = 0;
	struct dirent *de;
	struct vh_maps m;
	DIR *d = opendir(dir);

	REQUIRE("negative-log", log != NULL);
	REQUIRE("negative-dir", d != NULL);
	while ((de = readdir(d)) && n < BH_ARRAY_LEN(names)) {
		size_t len = strlen(de->d_name);

		if (len > 2 && !strcmp(de->d_name + len - 2, ".s"))
			names[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_names);
	vh_maps_init(&m, kernel);
	for (size_t i = 0; i < n; i++) {
		char path[512], expect[256], type_s[32] = "xdp", mode_s[32] = "priv", err[256];
		char funcs[256];
		struct bpf_func_info fi[16];
		size_t fi_cnt;
		bool unpriv;
		struct bpf_insn *insns;
		size_t cnt;
		char *text;
		int type, b, k;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		text = read_text(path);
		if (!text || !header(text, "# expect:", expect, sizeof(expect))) {
			fprintf(stderr, "  %s: no '# expect:' line\n", names[i]);
			bad++;
			free(text);
			continue;
		}
		header(text, "# type:", type_s, sizeof(type_s));
		header(text, "# mode:", mode_s, sizeof(mode_s));
		unpriv = !strcmp(mode_s, "unpriv");
		type = vh_prog_type(type_s);
		if (type < 0) {
			fprintf(stderr, "  %s: unknown type '%s'\n", names[i], type_s);
			bad++;
			free(text);
			continue;
		}
		if (bh_asm__parse(text, &insns, &cnt, err, sizeof(err))) {
			fprintf(stderr, "  %s: does not assemble: %s\n", names[i], err);
			bad++;
			free(text);
			continue;
		}
		files++;
		fi_cnt = 0;
		if (header(text, "# funcs:", funcs, sizeof(funcs)) &&
		    vh_func_info(funcs, insns, cnt, fi, &fi_cnt)) {
			fprintf(stderr, "  %s: bad '# funcs:' line\n", names[i]);
			bad++;
			free(insns);
			free(text);
			continue;
		}
		b = vh_bh_verify_funcs(type, unpriv, insns, cnt, &m, log, log_sz, 1, NULL, fi,
				       fi_cnt);
		if (!b || !strstr(log, expect)) {
			size_t len = strlen(log);

			fprintf(stderr, "  %s: %s, expected '%s'; log (end):\n%s\n", names[i],
				b ? "refused with another message" : "ACCEPTED", expect,
				len > 2000 ? log + len - 2000 : log);
			bad++;
		}
		if (unpriv) {
			/* the contrast: a privileged loader may do it */
			unpriv_files++;
			b = vh_bh_verify(type, insns, cnt, &m, log, log_sz, 1, NULL);
			if (b) {
				fprintf(stderr, "  %s: refused when privileged (%d):\n%s\n",
					names[i], b, log);
				priv_bad++;
			}
			/* callbacks: the kernel refuses raw ones for want of BTF */
			if (kernel && !strstr(text, "# kernel: needs BTF")) {
				k = vh_kernel_verify(type, insns, cnt, &m, klog, sizeof(klog), 1);
				if (k) {
					fprintf(stderr, "  %s: the kernel refuses it privileged (%d):\n%s\n",
						names[i], k, klog);
					kpriv_ref++;
				} else {
					kpriv_acc++;
				}
			}
			if (kernel && !kunpriv_gap) {
				if (vh_kernel_verify_unpriv(type, insns, cnt, &m) == 0) {
					fprintf(stderr, "  %s: the kernel accepts it unprivileged\n",
						names[i]);
					kunpriv_acc++;
				} else {
					kunpriv_ref++;
				}
			}
		}
		/* the kernel refuses callbacks in raw instructions for want
		 * of BTF func_info: such files say "# kernel: needs BTF" */
		else if (kernel && !strstr(text, "# kernel: needs BTF")) {
			k = vh_kernel_verify_funcs(type, insns, cnt, &m, klog, sizeof(klog), 1,
						   fi, fi_cnt);
			if (k == 0) {
				fprintf(stderr, "  %s: the kernel accepts it\n", names[i]);
				kacc++;
			} else {
				kref++;
			}
		}
		free(insns);
		free(text);
		free(names[i]);
	}
	vh_maps_free(&m);
	free(log);
	printf("# negative suite: %d programs, %d refused as expected; kernel: %s%d refused, %d accepted\n",
	       files, files - bad, kernel ? "" : "(bpf() refused) ", kref, kacc);
	printf("# unprivileged: %d programs, %d accepted when privileged; kernel privileged: %s%d accepted, %d refused\n",
	       unpriv_files, unpriv_files - priv_bad, kernel ? "" : "(bpf() refused) ",
	       kpriv_acc, kpriv_ref);
	if (kernel && kunpriv_gap)
		printf("# unprivileged kernel comparison skipped: %s (bpfhost never changes it)\n",
		       kunpriv_gap);
	else if (kernel)
		printf("# kernel unprivileged: %d refused, %d accepted\n", kunpriv_ref,
		       kunpriv_acc);
	CHECK("negative-count", files >= 200);
	CHECK_EQ("negative-refused", bad, 0);
	CHECK_EQ("negative-kernel-refuses", kacc, 0);
	CHECK("negative-unpriv-count", unpriv_files >= 15);
	CHECK_EQ("negative-unpriv-priv-accepted", priv_bad, 0);
	CHECK_EQ("negative-unpriv-kernel-priv-accepts", kpriv_ref, 0);
	CHECK_EQ("negative-unpriv-kernel-refuses", kunpriv_acc, 0);
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_negative__all_refused),
};

BH_TEST_MAIN(cases)
