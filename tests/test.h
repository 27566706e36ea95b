/* SPDX-License-Identifier: MIT */
/*
 * tests/test.h - the unit-test harness.
 *
 * A test file defines cases `static void test_<feature>__<scenario>(void)`,
 * lists them in BH_TESTS at the end and calls BH_TEST_MAIN().  Every
 * assertion carries a tag unique in the tree so a failure can be grepped:
 *
 *	CHECK("asm-lddw-hi", insns[1].imm == 0x11223344);
 *	CHECK_EQ("interp-add", r0, 3);
 *
 * A binary prints one "ok NAME" / "not ok NAME" / "skip NAME: why" line per
 * case and exits non-zero when any case failed.  `./test NAME` runs the
 * cases whose names contain NAME.  scripts/run-tests.sh adds the lines up.
 */
#ifndef BH_TEST_H
#define BH_TEST_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bh_test_case {
	const char *name;
	void (*fn)(void);
};

extern int bh_test_failed;  /* failures in the current case */
extern int bh_test_skipped; /* the current case called SKIP() */

#define CHECK(tag, cond)                                                  \
	do {                                                              \
		if (!(cond)) {                                            \
			fprintf(stderr, "  FAIL [%s] %s:%d: %s\n", tag,   \
				__FILE__, __LINE__, #cond);               \
			bh_test_failed++;                                 \
		}                                                         \
	} while (0)

#define CHECK_EQ(tag, a, b)                                               \
	do {                                                              \
		long long va_ = (long long)(a), vb_ = (long long)(b);     \
		if (va_ != vb_) {                                         \
			fprintf(stderr,                                   \
				"  FAIL [%s] %s:%d: %s == %s (%lld != %lld)\n", \
				tag, __FILE__, __LINE__, #a, #b, va_, vb_); \
			bh_test_failed++;                                 \
		}                                                         \
	} while (0)

/* A check whose failure makes the rest of the case meaningless. */
#define REQUIRE(tag, cond)                                                \
	do {                                                              \
		int before_ = bh_test_failed;                             \
		CHECK(tag, cond);                                         \
		if (bh_test_failed != before_)                            \
			return;                                           \
	} while (0)

#define SKIP(...)                                                         \
	do {                                                              \
		fprintf(stdout, "skip %s: ", bh_test_current);            \
		fprintf(stdout, __VA_ARGS__);                             \
		fprintf(stdout, "\n");                                    \
		bh_test_skipped = 1;                                      \
		return;                                                   \
	} while (0)

extern const char *bh_test_current;

#define BH_TEST(fn) { #fn, fn }
#define BH_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

int bh_test_run_all(const struct bh_test_case *cases, size_t n, int argc,
		    char **argv);

#define BH_TEST_MAIN(table)                                               \
	int main(int argc, char **argv)                                   \
	{                                                                 \
		return bh_test_run_all(table, sizeof(table) / sizeof(table[0]), \
				       argc, argv);                       \
	}

#endif /* BH_TEST_H */
