#!/usr/bin/env bash
# Long soundness fuzz of the verifier (`make fuzz-verifier`): runs
# tests/verifier/test_fuzz_soundness in JOBS processes at once, each with
# its own seed, and adds up what they print.
#
#   tests/verifier/fuzz_verifier.sh BUILD
#
# Settings, from the environment (the make variables of the same name):
#   VFUZZ_PROGRAMS  programs in all, split between the jobs (0: no count)
#   VFUZZ_SECONDS   time bound of each job (default 300 when no count is
#                   given, none otherwise)
#   VFUZZ_SEED      base seed (default: the current time); job i fuzzes
#                   with seed VFUZZ_SEED + (i+1) * 0x9e3779b97f4a7c15
#   VFUZZ_JOBS      processes (default: the number of CPUs)
#   VFUZZ_KERNEL    1 (default) compares every program with the kernel's
#                   verifier where bpf() works; 0 skips it.  The soundness
#                   oracle is the checked-interpreter run of every accepted
#                   program either way; the kernel comparison only finds
#                   disagreements, and costs about as much time again.
#   VFUZZ_NICE      nice level of the jobs (default 10)
# Prints each job's seed and totals, then the sums:
#   "total: N tried, N accepted, N flagged, kernel: N refused what bpfhost
#   accepted, N accepted what bpfhost refused, WALL s"
# and exits 1 when anything was flagged, the kernel refused a program
# bpfhost accepted, or a job failed otherwise (its output is shown).
set -uo pipefail
BUILD=${1:-build}
bin=$BUILD/tests/verifier/test_fuzz_soundness
progs=${VFUZZ_PROGRAMS:-0}
secs=${VFUZZ_SECONDS:-}
seed=${VFUZZ_SEED:-$(date +%s)}
jobs=${VFUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
kern=${VFUZZ_KERNEL:-1}
nicelvl=${VFUZZ_NICE:-10}

num() { [[ $2 =~ ^[0-9]+$ ]] || { echo "fuzz-verifier: $1=$2 is not a number" >&2; exit 2; }; }
num VFUZZ_PROGRAMS "$progs"
[ -n "$secs" ] && num VFUZZ_SECONDS "$secs"
[[ $seed =~ ^(0x[0-9a-fA-F]+|[0-9]+)$ ]] ||
	{ echo "fuzz-verifier: VFUZZ_SEED=$seed is not a number" >&2; exit 2; }
num VFUZZ_JOBS "$jobs"
num VFUZZ_NICE "$nicelvl"
[ "$jobs" -ge 1 ] || { echo "fuzz-verifier: VFUZZ_JOBS must be at least 1" >&2; exit 2; }
[ "$kern" = 0 ] || [ "$kern" = 1 ] ||
	{ echo "fuzz-verifier: VFUZZ_KERNEL=$kern: 0 or 1" >&2; exit 2; }
[ -x "$bin" ] || { echo "fuzz-verifier: $bin is missing: run make" >&2; exit 2; }
[ "$progs" = 0 ] && [ -z "$secs" ] && secs=300
# no job without a program to try
[ "$progs" != 0 ] && [ "$progs" -lt "$jobs" ] && jobs=$progs

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
kdesc=on
[ "$kern" = 0 ] && kdesc=off
echo "fuzz-verifier: $jobs jobs, programs: $([ "$progs" = 0 ] && echo any || echo "$progs")," \
	"time bound: ${secs:-none}${secs:+ s}, kernel comparison $kdesc," \
	"commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
start=$(date +%s)
pids=()
for ((i = 0; i < jobs; i++)); do
	s=$(printf '0x%x' $((seed + (i + 1) * 0x9e3779b97f4a7c15)))
	n=0
	if [ "$progs" != 0 ]; then # split the count, the first jobs take the remainder
		n=$((progs / jobs + (i < progs % jobs ? 1 : 0)))
	fi
	echo "  job $i: seed $s$([ "$n" != 0 ] && echo ", $n programs")"
	env BH_FUZZ_SEED="$s" BH_FUZZ_KERNEL="$kern" \
		${secs:+BH_FUZZ_SECONDS=$secs} $([ "$n" != 0 ] && echo BH_FUZZ_PROGRAMS=$n) \
		nice -n "$nicelvl" "$bin" >"$dir/job$i" 2>&1 &
	pids+=($!)
done
status=0
for pid in "${pids[@]}"; do
	wait "$pid" || status=1
done
wall=$(($(date +%s) - start))

tried=0 accepted=0 cb=0 notrun=0 flagged=0 krefused=0 kmore=0
for f in "$dir"/job*; do
	line=$(grep '^# soundness fuzz: [0-9]* programs' "$f")
	if [ -z "$line" ]; then
		echo "  ${f##*/}: no totals; its output:"
		sed 's/^/  | /' "$f" | tail -n 40
		status=1
		continue
	fi
	echo "  ${f##*/}: ${line#\# soundness fuzz: }"
	grep -v -E '^(# soundness fuzz: [0-9]* programs|ok )' "$f" | sed 's/^/  | /' | head -n 60
	read -r t a c nr fl kr km < <(echo "$line" | sed -E \
		's/.*: ([0-9]+) programs tried, ([0-9]+) accepted \(([0-9]+) with callbacks, ([0-9]+) not run[^)]*\), ([0-9]+) flagged; kernel: [^0-9]*([0-9]+) refused what bpfhost accepted, ([0-9]+) accepted.*/\1 \2 \3 \4 \5 \6 \7/')
	tried=$((tried + t)) accepted=$((accepted + a)) cb=$((cb + c)) notrun=$((notrun + nr))
	flagged=$((flagged + fl)) krefused=$((krefused + kr)) kmore=$((kmore + km))
done
echo "total: $tried tried, $accepted accepted ($cb with callbacks, $notrun not run)," \
	"$flagged flagged," \
	"kernel: $krefused refused what bpfhost accepted, $kmore accepted what bpfhost refused," \
	"${wall} s"
[ "$flagged" -eq 0 ] && [ "$krefused" -eq 0 ] || status=1
exit $status
