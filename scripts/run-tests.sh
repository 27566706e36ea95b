#!/usr/bin/env bash
# Run the test suite of one build ($BUILD, default build/): every unit-test
# binary, the bpf_conformance suite and the CLI checks (and, with
# FUZZ_SECONDS=N, the loader's fuzz target for N seconds).  Prints each result
# line and, last, "N passed, N failed, N skipped".  Exit status: 0 when
# nothing failed.
#
#   scripts/run-tests.sh [--tsan]    (--tsan: only the concurrency tests)
set -uo pipefail

BUILD=${BUILD:-build}
SHARED=${SHARED:-$(cd "$(dirname "$0")/../.." && pwd)/shared}
export SHARED BUILD
tsan=0
[ "${1:-}" = "--tsan" ] && tsan=1

passed=0 failed=0 skipped=0
failures=()

count() { # count NAME < output
	local name=$1 line
	while IFS= read -r line; do
		case "$line" in
		"ok "*) passed=$((passed + 1)) ;;
		"not ok "*) failed=$((failed + 1)); failures+=("$name: ${line#not ok }") ;;
		"skip "*) skipped=$((skipped + 1)) ;;
		esac
		printf '  %s\n' "$line"
	done
}

run() { # run NAME CMD...: a test binary printing ok/not ok/skip lines
	local name=$1 out rc
	shift
	echo "== $name"
	out=$(mktemp)
	"$@" >"$out" 2>&1
	rc=$?
	count "$name" <"$out"
	if [ $rc -ne 0 ] && ! grep -q '^not ok ' "$out"; then
		# crashed or failed without naming a case: show why, count it
		tail -n 20 "$out" | sed 's/^/  | /'
		failed=$((failed + 1))
		failures+=("$name: exit status $rc")
	elif grep -q '^not ok ' "$out"; then
		grep -v -E '^(ok|not ok|skip) ' "$out" | tail -n 40 | sed 's/^/  | /'
	fi
	rm -f "$out"
}

for t in $(find "$BUILD/tests" -type f -perm -u+x 2>/dev/null | sort); do
	name=${t#"$BUILD"/tests/}
	if [ $tsan -eq 1 ]; then
		case "$name" in *concurrency*|*stress*|*tsan*) ;; *) continue ;; esac
	fi
	case "$name" in
	isa/test_conformance) run "$name" "$t" "$SHARED/bpf_conformance" ;;
	*) run "$name" "$t" ;;
	esac
done

if [ $tsan -eq 0 ]; then
	# Benchmarks must run and agree with the kernel; --quick takes a second.
	for b in "$BUILD"/bench/bench_*; do
		[ -x "$b" ] || continue
		case "$b" in *.d) continue ;; esac
		run "bench/$(basename "$b") --quick" bash -c \
			"'$b' --quick >/tmp/bh-bench.\$\$ 2>&1 && echo 'ok $(basename "$b")_quick' ||
			 { cat /tmp/bh-bench.\$\$; echo 'not ok $(basename "$b")_quick'; }; rm -f /tmp/bh-bench.\$\$"
	done
	for s in tests/cli/*.sh; do
		[ -f "$s" ] && run "cli/$(basename "$s")" bash "$s"
	done
	# The loader's libFuzzer target for a bounded time (FUZZ_SECONDS, set
	# by scripts/check.sh for the release suite; unset or 0: not run).
	if [ "${FUZZ_SECONDS:-0}" != 0 ]; then
		run "loader/fuzz_loader ${FUZZ_SECONDS}s" \
			tests/loader/fuzz_loader.sh --build "$BUILD" "$FUZZ_SECONDS"
	fi
fi

if [ ${#failures[@]} -gt 0 ]; then
	echo "Failures:"
	printf '  %s\n' "${failures[@]}"
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
