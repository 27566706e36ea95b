#!/usr/bin/env bash
# Bounded libFuzzer run of the ELF loader.
#   tests/loader/fuzz_loader.sh [--build] BUILD [SECONDS]
# Seeds the corpus with $BUILD/progs/*.bpf.o, fuzzes for SECONDS (default
# 60) and fails if libFuzzer reports a crash, leak or timeout.  Prints
# "ok fuzz_loader" / "not ok fuzz_loader" like the unit tests.
#
# --build (the test suite, scripts/run-tests.sh with FUZZ_SECONDS): first
# build $BUILD/fuzz/fuzz_loader through make, or print a "skip" line and
# succeed when clang or its libFuzzer runtime (libclang-rt-19-dev) is
# missing.  `make fuzz-loader` builds it itself and calls this without.
set -uo pipefail
build_it=0
[ "${1:-}" = "--build" ] && { build_it=1; shift; }
BUILD=${1:-build}
SECONDS_MAX=${2:-60}
[ -n "$SECONDS_MAX" ] || SECONDS_MAX=60
fuzzer=$BUILD/fuzz/fuzz_loader
corpus=$BUILD/fuzz/corpus
mkdir -p "$corpus" "$BUILD/fuzz/artifacts"

if [ $build_it -eq 1 ]; then
	cc=${FUZZ_CC:-$(command -v clang-19 || command -v clang)}
	probe=$(mktemp -d)
	echo 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { return 0; }' \
		>"$probe/p.c"
	if [ -z "$cc" ] || ! "$cc" -fsanitize=fuzzer "$probe/p.c" -o "$probe/p" \
		>/dev/null 2>&1; then
		rm -rf "$probe"
		echo "skip fuzz_loader: clang's libFuzzer runtime is missing (install libclang-rt-19-dev)"
		exit 0
	fi
	rm -rf "$probe"
	if ! make -s BUILD="$BUILD" "$fuzzer" >"$BUILD/fuzz/build.log" 2>&1; then
		tail -n 40 "$BUILD/fuzz/build.log"
		echo "not ok fuzz_loader: the fuzzer does not build"
		exit 1
	fi
fi

cp -n "$BUILD"/progs/*.bpf.o "$corpus"/ 2>/dev/null
log=$BUILD/fuzz/fuzz_loader.log
# -malloc_limit_mb: a map declared huge is one big calloc that touches no
# memory (the kernel's -ENOMEM case); the RSS limit still catches real use.
if "$fuzzer" -max_total_time="$SECONDS_MAX" -timeout=10 -rss_limit_mb=4096 \
	-malloc_limit_mb=1048576 -max_len=65536 -artifact_prefix="$BUILD/fuzz/artifacts/" "$corpus" \
	>"$log" 2>&1; then
	grep -E '^#[0-9]+.*(DONE|pulse)' "$log" | tail -n 1
	echo "ok fuzz_loader (${SECONDS_MAX}s)"
else
	tail -n 40 "$log"
	echo "not ok fuzz_loader (artifacts in $BUILD/fuzz/artifacts/)"
	exit 1
fi
