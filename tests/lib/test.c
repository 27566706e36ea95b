/* SPDX-License-Identifier: MIT */
/* The unit-test harness: runs the cases of one test binary. */
#include "test.h"

int bh_test_failed;
int bh_test_skipped;
const char *bh_test_current = "";

int bh_test_run_all(const struct bh_test_case *cases, size_t n, int argc,
		    char **argv)
{
	const char *filter = argc > 1 ? argv[1] : NULL;
	int failed = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (size_t i = 0; i < n; i++) {
		if (filter && !strstr(cases[i].name, filter))
			continue;
		bh_test_current = cases[i].name;
		bh_test_failed = 0;
		bh_test_skipped = 0;
		cases[i].fn();
		if (bh_test_failed) {
			printf("not ok %s\n", cases[i].name);
			failed++;
		} else if (!bh_test_skipped) {
			printf("ok %s\n", cases[i].name);
		}
	}
	return failed ? 1 : 0;
}
