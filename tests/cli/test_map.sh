#!/usr/bin/env bash
# `bpfhost map ...` and `bpfhost batch FILE`: maps live in the process, so
# every check runs a batch.  One "ok NAME" / "not ok NAME" line per check.
set -uo pipefail
BUILD=${BUILD:-build}
B=$BUILD/bpfhost
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

cat >"$tmp/ok.batch" <<'B'
# counters
map create type hash key 4 value 8 entries 16 name counts
map update name counts key 1 0 0 0 value 0x2a 0 0 0 0 0 0 0
map update name counts key hex 02 00 00 00 value 7 0 0 0 0 0 0 0 noexist
map lookup name counts key 1 0 0 0
map create type array key 4 value 4 entries 2 name inner
map create type array_of_maps key 4 value 4 entries 2 name outer inner_map name inner
map update name outer key 0 0 0 0 value id 2
map dump name outer
map dump name counts
map delete name counts key 2 0 0 0
map create type queue key 0 value 4 entries 4 name q
map update name q value 9 0 0 0
map lookup name q
map freeze name counts
map show
B

check map_batch_runs "$B" batch "$tmp/ok.batch"
check map_batch_lookup bash -c "'$B' batch '$tmp/ok.batch' | grep -q 'key: 01 00 00 00  value: 2a 00 00 00 00 00 00 00'"
check map_batch_inner_id bash -c "'$B' batch '$tmp/ok.batch' | grep -q 'key: 00 00 00 00  value: 02 00 00 00'"
check map_batch_dump_count bash -c "'$B' batch '$tmp/ok.batch' | grep -q 'Found 2 elements'"
check map_batch_show_frozen bash -c "'$B' batch '$tmp/ok.batch' | grep -q 'max_entries 16  frozen'"
check map_batch_json bash -c "'$B' --json batch '$tmp/ok.batch' | python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin if l.strip()]'"

printf 'map create type hash key 4 value 4 entries 1 name h\nmap update name h key 1 0 0 0 value 1 0 0 0\nmap update name h key 2 0 0 0 value 1 0 0 0\nmap show\n' >"$tmp/full.batch"
check map_batch_stops_e2big bash -c "'$B' batch '$tmp/full.batch' >'$tmp/full.out' 2>&1; rc=\$?; grep -q 'Argument list too long' '$tmp/full.out' && grep -q 'processed 2 commands' '$tmp/full.out' && [ \$rc -eq 255 ]"
check map_create_bad_type bash -c "'$B' map create type nosuch key 4 value 4 entries 1; [ \$? -eq 255 ]"
check map_create_einval bash -c "'$B' map create type array key 8 value 4 entries 1 2>&1 | grep -q 'Invalid argument'"
check map_key_size bash -c "printf 'map create type hash key 4 value 4 entries 1 name h\nmap lookup name h key 1 0\n' | '$B' batch - 2>&1 | grep -q 'key expected 4 bytes got 2'"
check map_help bash -c "'$B' map help | grep -q 'map update'"

# BPF_F_LOCK (`lock`): on an object's maps whose value holds a bpf_spin_lock
# (the lock word reads as zero), -EINVAL on a map without one.
LOCKOBJ=$BUILD/progs/diffp_25_spin_lock.bpf.o
V24="1 1 1 1 2 0 0 0 3 0 0 0 0 0 0 0 4 0 0 0 0 0 0 0"
cat >"$tmp/lock.batch" <<B
prog load $LOCKOBJ
map update name h key 1 0 0 0 value $V24 noexist lock
map lookup name h key 1 0 0 0 lock
map update name arr key 1 0 0 0 value $V24 lock exist
map lookup name arr key 1 0 0 0 lock
B
check map_lock_lookup bash -c "'$B' batch '$tmp/lock.batch' | grep -c 'key: 01 00 00 00  value: 00 00 00 00 02 00 00 00 03 00 00 00 00 00 00 00 04 00' | grep -qx 2"
check map_lock_noexist bash -c "printf 'prog load $LOCKOBJ\nmap update name h key 1 0 0 0 value $V24\nmap update name h key 1 0 0 0 value $V24 lock noexist\n' | '$B' batch - 2>&1 | grep -q 'update failed: File exists'"
check map_lock_einval bash -c "printf 'map create type hash key 4 value 4 entries 1 name h\nmap update name h key 1 0 0 0 value 1 0 0 0\nmap lookup name h key 1 0 0 0 lock\n' | '$B' batch - 2>&1 | grep -q 'lookup failed: Invalid argument'"
check map_lock_delete_refused bash -c "printf 'map create type hash key 4 value 4 entries 1 name h\nmap delete name h key 1 0 0 0 lock\n' | '$B' batch - 2>&1 | grep -q \"unexpected argument 'lock'\""
