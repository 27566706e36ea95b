#!/usr/bin/env bash
# `make fuzz-verifier`'s script and the settings of the soundness fuzz test:
# a short run sums its jobs, bad settings give an error.  One "ok NAME" /
# "not ok NAME" line per check.
set -uo pipefail
BUILD=${BUILD:-build}
S=tests/verifier/fuzz_verifier.sh
T=$BUILD/tests/verifier/test_fuzz_soundness
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() { # check NAME CMD...: passes when CMD succeeds
	local name=$1
	shift
	if "$@" >"$tmp/out" 2>&1; then
		echo "ok $name"
	else
		echo "not ok $name"
		sed 's/^/    /' "$tmp/out" | head -n 10
	fi
}

# 301 programs in 2 jobs (151 + 150), without the kernel: the sums add up.
check vfuzz_short_run bash -c "VFUZZ_PROGRAMS=301 VFUZZ_JOBS=2 VFUZZ_SEED=5 VFUZZ_KERNEL=0 \
	'$S' '$BUILD' > '$tmp/run' && grep -q '151 programs' '$tmp/run' &&
	grep -q '^total: 301 tried, [0-9]* accepted .*, 0 flagged' '$tmp/run'"
check vfuzz_seeds_differ bash -c "[ \$(grep -c '^  job [01]: seed 0x' '$tmp/run') -eq 2 ] &&
	[ \$(grep '^  job [01]:' '$tmp/run' | awk '{print \$4}' | sort -u | wc -l) -eq 2 ]"
check vfuzz_bad_seed bash -c "VFUZZ_SEED=x '$S' '$BUILD' 2>&1 | grep -q 'VFUZZ_SEED=x is not a number'"
check vfuzz_bad_count bash -c "VFUZZ_PROGRAMS=1e6 '$S' '$BUILD'; [ \$? -eq 2 ]"
check vfuzz_bad_kernel bash -c "VFUZZ_KERNEL=yes '$S' '$BUILD' 2>&1 | grep -q '0 or 1'"
check vfuzz_bad_jobs bash -c "VFUZZ_JOBS=0 '$S' '$BUILD' 2>&1 | grep -q 'at least 1'"
check vfuzz_no_binary bash -c "'$S' /nonexistent 2>&1 | grep -q 'is missing: run make'"
# The test binary itself refuses a zero seed (xorshift stays 0) and non-numbers.
check fuzz_seed_zero bash -c "BH_FUZZ_SEED=0 '$T' 2>&1 | grep -q 'needs a nonzero seed'"
check fuzz_bad_programs bash -c "BH_FUZZ_PROGRAMS=ten '$T' 2>&1 |
	grep -q 'BH_FUZZ_PROGRAMS=ten: not an unsigned number'"
check fuzz_bad_kernel bash -c "BH_FUZZ_KERNEL=2 '$T' 2>&1 | grep -q 'BH_FUZZ_KERNEL=2: 0 or 1'"
check fuzz_count_bound bash -c "BH_FUZZ_PROGRAMS=50 BH_FUZZ_KERNEL=0 '$T' |
	grep -q '50 programs tried.*(not compared)'"
