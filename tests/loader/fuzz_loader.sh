#!/usr/bin/env bash
# Bounded libFuzzer run of the ELF loader (make fuzz-loader).
#   tests/loader/fuzz_loader.sh BUILD [SECONDS]
# Seeds the corpus with $BUILD/progs/*.bpf.o, fuzzes for SECONDS (default
# 60) and fails if libFuzzer reports a crash, leak or timeout.  Prints
# "ok fuzz_loader" / "not ok fuzz_loader" like the unit tests.
set -uo pipefail
BUILD=${1:-build}
SECONDS_MAX=${2:-60}
[ -n "$SECONDS_MAX" ] || SECONDS_MAX=60
fuzzer=$BUILD/fuzz/fuzz_loader
corpus=$BUILD/fuzz/corpus
mkdir -p "$corpus" "$BUILD/fuzz/artifacts"
cp -n "$BUILD"/progs/*.bpf.o "$corpus"/ 2>/dev/null
log=$BUILD/fuzz/fuzz_loader.log
if "$fuzzer" -max_total_time="$SECONDS_MAX" -timeout=10 -rss_limit_mb=4096 \
	-max_len=65536 -artifact_prefix="$BUILD/fuzz/artifacts/" "$corpus" \
	>"$log" 2>&1; then
	grep -E '^#[0-9]+.*(DONE|pulse)' "$log" | tail -n 1
	echo "ok fuzz_loader"
else
	tail -n 40 "$log"
	echo "not ok fuzz_loader"
	exit 1
fi
