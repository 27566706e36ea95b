/* SPDX-License-Identifier: MIT */
/*
 * tests/verifier/test_objects.c - every program of the clang objects in
 * tests/progs/ (built into $BUILD/progs/) and examples/ ($BUILD/examples/)
 * verifies through bh_object__load(), except the objects of the one list
 * of known gaps (tests/progs/verifier_gaps.h), which must still be
 * refused: a gap that closes fails this test until its line goes.
 *
 * Objects named loader_bad_* are malformed on purpose (the loader's tests
 * of bad input) and must fail to open; they are not counted.  Programs of
 * the other loader_* objects may be refused by the loader before the
 * verifier (program types, kfuncs, kconfig values it lacks on purpose).
 */
#include <errno.h>
#include <glob.h>

#include <bpfhost/bpfhost.h>

#include "test.h"
#include "progs/verifier_gaps.h"

static char logbuf[1 << 20];

/* "diffp_01_alu" from ".../diffp_01_alu.bpf.o" */
static void obj_name(const char *path, char *out, size_t out_sz)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	const char *dot = strstr(base, ".bpf.o");

	snprintf(out, out_sz, "%.*s", (int)(dot ? dot - base : (long)strlen(base)), base);
}

/*
 * Load the program @prog_name of @path alone (NULL: the whole object) with
 * verification; 0 or -errno, the log in logbuf.
 */
static int load(const char *path, const char *prog_name)
{
	BH_OPTS(bh_object_open_opts, o, .log_buf = logbuf, .log_size = sizeof(logbuf),
		.log_level = 1);
	struct bh_object *obj;
	int ret;

	logbuf[0] = 0;
	obj = bh_object__open_file(path, &o);
	if (!obj)
		return -errno;
	for (struct bh_program *p = bh_object__next_program(obj, NULL); prog_name && p;
	     p = bh_object__next_program(obj, p))
		bh_program__set_autoload(p, !strcmp(bh_program__name(p), prog_name));
	ret = bh_object__load(obj);
	bh_object__close(obj);
	return ret;
}

/* The last line of the log before its "processed" statistics. */
static void log_reason(char *out, size_t out_sz)
{
	char *end = strstr(logbuf, "\nprocessed ");
	char *start;

	if (!end)
		end = logbuf + strlen(logbuf);
	while (end > logbuf && end[-1] == '\n')
		end--;
	start = end;
	while (start > logbuf && start[-1] != '\n')
		start--;
	snprintf(out, out_sz, "%.*s", (int)(end - start), start);
}

/*
 * The verdict on program @prog of @path: 0 verified, 1 refused by
 * bh_prog__load() (the verifier, or the encoding and type checks before it),
 * 2 refused by the loader before that (kconfig, kfuncs, program types it
 * lacks), the reason in @why.
 */
static int prog_verdict(const char *path, const char *prog, char *why, size_t why_sz)
{
	char mark[256];
	int ret = load(path, prog);

	if (!ret)
		return 0;
	snprintf(mark, sizeof(mark), "program '%s': load failed", prog);
	if (strstr(logbuf, mark)) {
		log_reason(why, why_sz);
		return 1;
	}
	snprintf(why, why_sz, "%.*s", (int)strcspn(logbuf, "\n"), logbuf);
	return 2;
}

static void test_objects__verified(void)
{
	const char *build = getenv("BUILD") && getenv("BUILD")[0] ? getenv("BUILD") : "build";
	const char *dirs[] = { "progs", "examples" };
	int objs = 0, progs = 0, accepted = 0, gap_progs = 0, loader_refused = 0, bad = 0;
	int gaps_seen = 0;

	for (size_t d = 0; d < BH_ARRAY_LEN(dirs); d++) {
		char pattern[512];
		glob_t g;

		snprintf(pattern, sizeof(pattern), "%s/%s/*.bpf.o", build, dirs[d]);
		if (glob(pattern, 0, NULL, &g)) {
			fprintf(stderr, "  no objects match %s (make first)\n", pattern);
			bad++;
			continue;
		}
		for (size_t i = 0; i < g.gl_pathc; i++) {
			const char *path = g.gl_pathv[i];
			char name[128], why[512];
			bool gap, whole;
			BH_OPTS(bh_object_open_opts, o);
			struct bh_object *obj = bh_object__open_file(path, &o);

			obj_name(path, name, sizeof(name));
			if (!strncmp(name, "loader_bad_", 11)) {
				if (obj) {
					fprintf(stderr, "  %s: a malformed object opens\n", name);
					bad++;
				}
				bh_object__close(obj);
				continue;
			}
			if (!obj) {
				fprintf(stderr, "  %s: open: %s\n", name, strerror(errno));
				bad++;
				continue;
			}
			objs++;
			gap = verifier_gap(name);
			gaps_seen += gap;
			/* the whole object first (program arrays need their
			 * programs), one program at a time when it fails */
			whole = !load(path, NULL);
			if (gap && whole) {
				fprintf(stderr, "  %s: verifies now: remove it from tests/progs/verifier_gaps.h\n",
					name);
				bad++;
			}
			for (struct bh_program *p = bh_object__next_program(obj, NULL); p;
			     p = bh_object__next_program(obj, p)) {
				int v = whole ? 0 : prog_verdict(path, bh_program__name(p), why,
								 sizeof(why));

				progs++;
				gap_progs += gap;
				accepted += !v;
				if (!v || gap)
					continue;
				/* the loader's own test objects hold what it
				 * refuses on purpose (unknown types, kfuncs) */
				if (v == 2 && !strncmp(name, "loader_", 7)) {
					loader_refused++;
					continue;
				}
				fprintf(stderr, "  %s/%s: refused: %s\n", name, bh_program__name(p), why);
				bad++;
			}
			bh_object__close(obj);
		}
		globfree(&g);
	}
	printf("# objects: %d objects, %d programs: %d verified; %d programs in %d known-gap objects (tests/progs/verifier_gaps.h); %d other programs refused by the loader before the verifier (loader_* test objects)\n",
	       objs, progs, accepted, gap_progs, gaps_seen, loader_refused);
	CHECK_EQ("objects-gaps-present", gaps_seen, (long long)verifier_gap_count());
	CHECK_EQ("objects-verified", bad, 0);
}

static const struct bh_test_case cases[] = {
	BH_TEST(test_objects__verified),
};

BH_TEST_MAIN(cases)
