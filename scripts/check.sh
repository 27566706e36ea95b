#!/usr/bin/env bash
# The whole test suite, as CI runs it: install what is missing, build, run
# every test and the differential tests against the live kernel (they skip
# where bpf() is refused); then build and run the suite again under
# ASan+UBSan, and the concurrency tests under TSan.  The last line adds
# everything up: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh >/dev/null || { echo "install-deps failed"; exit 1; }
jobs=$(nproc 2>/dev/null || echo 2)
total_p=0 total_f=0 total_s=0

suite() { # suite LABEL BUILD [make args...] [-- run-tests args]
	local label=$1 build=$2 out
	shift 2
	echo "######## $label ($build)"
	if ! make -s -j"$jobs" BUILD="$build" "$@" all >"$build.make.log" 2>&1; then
		tail -n 40 "$build.make.log"
		echo "build failed: $label"
		total_f=$((total_f + 1))
		return
	fi
	out=$(mktemp)
	BUILD=$build scripts/run-tests.sh ${RUN_ARGS:-} | tee "$out"
	read -r p f s < <(tail -n 1 "$out" | awk '{print $1, $3, $5}')
	total_p=$((total_p + p)) total_f=$((total_f + f)) total_s=$((total_s + s))
	rm -f "$out"
}

diffs() { # the kernel differential tests of the release build
	local out
	echo "######## differential tests against the kernel (build)"
	out=$(mktemp)
	make -s -j"$jobs" BUILD=build diff 2>&1 | tee "$out"
	read -r p f < <(grep -E '^[0-9]+ passed, [0-9]+ failed' "$out" | tail -n 1 |
		awk '{print $1, $3}')
	s=$(sed -n 's/^(\([0-9]*\) skipped)$/\1/p' "$out" | tail -n 1)
	if [ -z "${p:-}" ]; then
		echo "the differential tests did not finish"
		total_f=$((total_f + 1))
	else
		total_p=$((total_p + p)) total_f=$((total_f + f)) total_s=$((total_s + ${s:-0}))
	fi
	rm -f "$out"
}

mkdir -p build
# the release suite also fuzzes the loader for 30 s (its own ASan build)
FUZZ_SECONDS=${FUZZ_SECONDS:-30} suite "release" build
diffs
FUZZ_SECONDS=0 suite "asan+ubsan" build-asan SAN=address
FUZZ_SECONDS=0 RUN_ARGS=--tsan suite "tsan (concurrency tests)" build-tsan SAN=thread

echo "$total_p passed, $total_f failed, $total_s skipped"
[ "$total_f" -eq 0 ]
