/* SPDX-License-Identifier: MIT */
/*
 * tests/progs/verifier_gaps.h - the one list of test objects bpfhost
 * refuses although the kernel accepts them (docs/verifier.md, "Differences
 * from the kernel"): its verifier, or its loader for a program type it
 * lacks.  Every other program of tests/progs/ and
 * examples/ must verify:
 *
 *   - tests/verifier/test_objects.c asserts that bpfhost verifies all the
 *     others (and refuses these, so that a closed gap is noticed);
 *   - tests/verifier/diff_verdicts.c compares bpfhost's verdict with the
 *     kernel's, a refusal of these being the only one it tolerates;
 *   - tests/progs/diff_objects.c loads these unverified to compare runs.
 *
 * Remove a line when the verifier learns what the object needs.
 */
#ifndef BH_TESTS_VERIFIER_GAPS_H
#define BH_TESTS_VERIFIER_GAPS_H

#include <stdbool.h>
#include <string.h>

/* Known gaps, one line each (the name, then a comment saying why), before
 * the NULL that ends the list.  None today: loader_types (its p_kprobe, a
 * program type the loader lacked) was the last. */
static const char *const verifier_gap_objs[] = {
	NULL,
};

/* How many known gaps the list holds. */
static inline size_t verifier_gap_count(void)
{
	size_t n = 0;

	while (verifier_gap_objs[n])
		n++;
	return n;
}

/* Is the object @name (file name without ".bpf.o") a known gap? */
static inline bool verifier_gap(const char *name)
{
	for (size_t i = 0; verifier_gap_objs[i]; i++)
		if (!strcmp(name, verifier_gap_objs[i]))
			return true;
	return false;
}

#endif /* BH_TESTS_VERIFIER_GAPS_H */
