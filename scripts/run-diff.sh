#!/usr/bin/env bash
# Run every differential test against the kernel ($BUILD/diff/*/diff_*,
# built from tests/*/diff_*.c).  Each prints ok / not ok / skip lines; the
# last line of this script is "N passed, N failed".  Extra arguments go to
# every test (e.g. --seed N, --ops N).
set -uo pipefail

BUILD=${BUILD:-build}
passed=0 failed=0 skipped=0

for t in $(find "$BUILD/diff" -type f -perm -u+x -name 'diff_*' 2>/dev/null | sort); do
	echo "== ${t#"$BUILD"/diff/}"
	out=$(mktemp)
	"$t" "$@" >"$out" 2>&1
	rc=$?
	while IFS= read -r line; do
		case "$line" in
		"ok "*) passed=$((passed + 1)) ;;
		"not ok "*) failed=$((failed + 1)) ;;
		"skip "*) skipped=$((skipped + 1)) ;;
		esac
		printf '  %s\n' "$line"
	done <"$out"
	if [ $rc -ne 0 ] && ! grep -q '^not ok ' "$out"; then
		failed=$((failed + 1))
		echo "  not ok ${t##*/}: exit status $rc"
	fi
	rm -f "$out"
done
[ $skipped -gt 0 ] && echo "($skipped skipped)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
