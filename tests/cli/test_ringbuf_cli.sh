#!/usr/bin/env bash
# Ring buffers from the CLI: `bpfhost map consume` on a ring of another
# process (examples/ringbuf_producer, through pidfd_getfd; with and without
# its eventfd), on a ring of this process (in a batch), and the "ringbuf"
# records of `bpfhost prog run` (tests/progs/rb_emit.bpf.c).
# One "ok NAME" / "not ok NAME" / "skip NAME" line per check.
#
#   BUILD=build bash tests/cli/test_ringbuf_cli.sh   (needs `make all`)
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
B=$BUILD/bpfhost
PRODUCER=$BUILD/examples/ringbuf_producer
OBJ=$BUILD/progs/rb_emit.bpf.o
TOBJ=$BUILD/progs/rb_typed.bpf.o
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
head -c 20 /dev/zero >"$tmp/pkt"
export B tmp

check() { # check NAME CMD...: passes when CMD succeeds
	local name=$1
	shift
	if "$@" >"$tmp/out" 2>&1; then
		echo "ok $name"
	else
		echo "not ok $name"
		sed 's/^/    /' "$tmp/out" | head -n 15
	fi
}

# expected N: the text lines of records 0..N-1 of ringbuf_producer
expected() {
	local i b n
	for ((i = 0; i < $1; i++)); do
		n=$((8 + i % 8))
		printf '#%d %d bytes:' "$i" "$n"
		for ((b = 0; b < 8; b++)); do printf ' %02x' $(((i >> (8 * b)) & 255)); done
		for ((b = 8; b < n; b++)); do printf ' %02x' $((i & 255)); done
		printf '\n'
	done
}
export -f expected

# consume_remote NAME N PAUSE_MS WITH_EVENT [ARGS...]: start a producer of
# N records, consume them from this (other) process, compare every record
consume_remote() {
	local name=$1 n=$2 pause=$3 with_event=$4
	shift 4
	local pid mem ev rc
	coproc PROD { "$PRODUCER" "$n" "$pause" 4096; }
	read -r _ pid _ mem _ ev <&"${PROD[0]}"
	if [ $with_event = 1 ]; then
		timeout 60 "$B" map consume pid "$pid" fd "$mem" event "$ev" \
			--count "$n" --timeout 30000 "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	else
		timeout 60 "$B" map consume pid "$pid" fd "$mem" \
			--count "$n" --timeout 30000 "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	fi
	rc=$?
	exec {PROD[1]}>&-
	wait "$PROD_PID" 2>/dev/null
	return $rc
}

if [ ! -x "$PRODUCER" ] || [ ! -x "$B" ]; then
	echo "skip ringbuf_cli (build $PRODUCER and $B: make all)"
	exit 0
fi
# pidfd_getfd needs Linux 5.6 and ptrace rights over the producer
probe=$(coproc P { "$PRODUCER" 1 0 4096; }; read -r _ pid _ mem _ <&"${P[0]}"
	"$B" map consume pid "$pid" fd "$mem" --count 1 --timeout 5000 2>&1
	exec {P[1]}>&-; wait)
if ! grep -q '^#0 8 bytes' <<<"$probe"; then
	echo "skip map_consume_remote (pidfd_getfd refused: $probe)"
else
	# 300 records of 16-23 bytes through a 4 KiB ring: it fills and wraps
	# several times while the consumer reads them as they arrive
	check map_consume_remote_event bash -c "$(declare -f consume_remote); PRODUCER=$PRODUCER
		consume_remote ev 300 1 1 && expected 300 | diff - '$tmp/ev.out'"
	check map_consume_remote_poll bash -c "$(declare -f consume_remote); PRODUCER=$PRODUCER
		consume_remote poll 40 5 0 && expected 40 | diff - '$tmp/poll.out'"
	check map_consume_remote_json bash -c "$(declare -f consume_remote); PRODUCER=$PRODUCER
		consume_remote js 20 2 1 --json && python3 - '$tmp/js.out' <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
assert len(recs) == 20, len(recs)
for i, r in enumerate(recs):
    n = 8 + i % 8
    want = i.to_bytes(8, 'little') + bytes([i & 255]) * (n - 8)
    assert r == {'index': i, 'size': n, 'data': want.hex()}, r
PY"
	# --type: each record as examples/ringbuf_producer's head, struct
	# producer_rec of tests/progs/rb_typed.bpf.o, then its fill bytes
	if [ -f "$TOBJ" ]; then
		check map_consume_remote_typed bash -c "$(declare -f consume_remote); PRODUCER=$PRODUCER
			consume_remote ty 20 1 1 --type producer_rec --btf '$TOBJ' && python3 - '$tmp/ty.out' <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == 20, lines
for i, l in enumerate(lines):
    n = 8 + i % 8
    want = '#%d %d bytes: { .seq = %d }' % (i, n, i)
    if n > 8:
        want += ' +' + ''.join(' %02x' % (i & 255) for _ in range(n - 8))
    assert l == want, (l, want)
PY"
		check map_consume_remote_typed_json bash -c "$(declare -f consume_remote); PRODUCER=$PRODUCER
			consume_remote tj 20 1 1 --json --type 'struct producer_rec' --btf '$TOBJ' && python3 - '$tmp/tj.out' <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
assert len(recs) == 20, len(recs)
for i, r in enumerate(recs):
    n = 8 + i % 8
    want = {'index': i, 'size': n,
            'data': (i.to_bytes(8, 'little') + bytes([i & 255]) * (n - 8)).hex(),
            'value': {'seq': i}}
    if n > 8:
        want['tail'] = (bytes([i & 255]) * (n - 8)).hex()
    assert r == want, (r, want)
PY"
	fi
	# the producer made 3 records and exited before the consumer came:
	# pidfd_open fails, an error and status 255
	check map_consume_remote_gone bash -c "
		'$PRODUCER' 3 0 4096 </dev/null >'$tmp/gone'; read -r _ pid _ mem _ ev <'$tmp/gone'
		'$B' map consume pid \$pid fd \$mem --count 3 --timeout 500 2>&1 | grep -q 'cannot open process'"
	# fewer records than --count before --timeout: an error
	check map_consume_remote_short bash -c "$(declare -f consume_remote); PRODUCER=$PRODUCER
		coproc P { '$PRODUCER' 2 0 4096; }; read -r _ pid _ mem _ ev <&\"\${P[0]}\"
		'$B' map consume pid \$pid fd \$mem event \$ev --count 5 --timeout 300 >'$tmp/short' 2>&1; rc=\$?
		exec {P[1]}>&-; wait
		[ \$rc -eq 255 ] && grep -q 'got 2 of 5 records' '$tmp/short'"
	# a descriptor that is not a ring (its stdin) is refused
	check map_consume_not_ring bash -c "
		coproc P { '$PRODUCER' 1 0 4096; }; read -r _ pid _ mem _ ev <&\"\${P[0]}\"
		'$B' map consume pid \$pid fd \$ev --timeout 100 >'$tmp/nr' 2>&1; rc=\$?
		exec {P[1]}>&-; wait
		[ \$rc -eq 255 ] && grep -q 'not a ring buffer' '$tmp/nr'"
fi

# A ring of this process, in a batch
check map_consume_local_empty bash -c "printf 'map create type ringbuf key 0 value 0 entries 4096 name r\nmap consume name r\n' | '$B' batch - | grep -q '(no records)'"
check map_consume_local_not_ring bash -c "printf 'map create type array key 4 value 4 entries 1 name a\nmap consume name a\n' | '$B' batch - 2>&1 | grep -q 'not a ringbuf'"
# --type and --btf: both or neither; the type must be in the file's BTF
ring='map create type ringbuf key 0 value 0 entries 4096 name r'
check map_consume_type_needs_btf bash -c "printf '$ring\nmap consume name r --type event\n' | '$B' batch - 2>&1 | grep -q -- '--type needs --btf FILE'"
check map_consume_btf_needs_type bash -c "printf '$ring\nmap consume name r --btf x.o\n' | '$B' batch - 2>&1 | grep -q -- '--btf is for --type NAME'"
check map_consume_btf_not_btf bash -c "echo garbage >'$tmp/garbage'; printf '$ring\nmap consume name r --type event --btf $tmp/garbage\n' | '$B' batch - 2>&1 | grep -q 'neither an ELF object nor BTF'"
if [ -f "$TOBJ" ]; then
	check map_consume_type_unknown bash -c "printf '$ring\nmap consume name r --type nope --btf $TOBJ\n' | '$B' batch - 2>&1 | grep -q \"no struct, union or typedef 'nope'\""
	check map_consume_type_empty_ring bash -c "printf '$ring\nmap consume name r --type event --btf $TOBJ\n' | '$B' batch - | grep -q '(no records)'"
	# a raw BTF file (the object's .BTF section) works as well
	objcopy=$(command -v llvm-objcopy-19 || command -v llvm-objcopy || true)
	if [ -n "$objcopy" ] && "$objcopy" --dump-section .BTF="$tmp/raw.btf" "$TOBJ" "$tmp/junk.o"; then
		check map_consume_type_raw_btf bash -c "printf '$ring\nmap consume name r --type event --btf $tmp/raw.btf\nmap consume name r --type nope --btf $tmp/raw.btf\n' | '$B' batch - >'$tmp/rb' 2>&1;
			grep -q '(no records)' '$tmp/rb' && grep -q \"no struct, union or typedef 'nope' in the BTF of $tmp/raw.btf\" '$tmp/rb'"
	else
		echo "skip map_consume_type_raw_btf (no llvm-objcopy)"
	fi
	# prog run --ringbuf-type MAP=TYPE: every kind of member, a record
	# longer than the type (a tail) and a shorter one (bytes)
	check prog_run_ringbuf_typed_text bash -c "'$B' prog run '$TOBJ' --data-in '$tmp/pkt' --ringbuf-type events=event >'$tmp/tt' &&
		grep -qF '  events #0 (48 bytes): { .pid = 20, .delta = -5, .comm = \"hello\", .ports = { 80, 443 }, .pair = { .a = 1, .b = 2 }, .kind = KIND_CLOSE, .flag = 1, .level = -3, .big = -1234567890123 }' '$tmp/tt' &&
		grep -qF '.big = -1234567890123 } + de 00 00 ef 00 00 00 00' '$tmp/tt' &&
		grep -qF '  events #2 (4 bytes): (shorter than event, 48 bytes): dd cc bb aa' '$tmp/tt'"
	check prog_run_ringbuf_typed_json bash -c "'$B' prog run '$TOBJ' --data-in '$tmp/pkt' --ringbuf-type events=event --json | python3 -c '
import json, sys
r = json.load(sys.stdin)[\"ringbuf\"]
v = {\"pid\": 20, \"delta\": -5, \"comm\": \"hello\", \"ports\": [80, 443], \"pair\": {\"a\": 1, \"b\": 2},
     \"kind\": \"KIND_CLOSE\", \"flag\": 1, \"level\": -3, \"big\": -1234567890123}
assert len(r) == 3, r
assert r[0][\"value\"] == v and \"tail\" not in r[0], r[0]
assert r[1][\"value\"] == v and r[1][\"tail\"] == \"de0000ef00000000\", r[1]
assert r[2] == {\"map\": \"events\", \"size\": 4, \"data\": \"ddccbbaa\", \"type_error\": \"record shorter than its type\"}, r[2]
'"
	check prog_run_ringbuf_type_bad_spec bash -c "'$B' prog run '$TOBJ' --data-in '$tmp/pkt' --ringbuf-type event 2>&1 | grep -q 'wants MAP=TYPE'"
	check prog_run_ringbuf_type_not_ring bash -c "'$B' prog run '$TOBJ' --data-in '$tmp/pkt' --ringbuf-type nomap=event 2>&1 | grep -q \"'nomap' is not a ringbuf map\""
	check prog_run_ringbuf_type_unknown bash -c "'$B' prog run '$TOBJ' --data-in '$tmp/pkt' --ringbuf-type events=nope 2>&1 | grep -q \"no struct, union or typedef 'nope'\""
fi

# prog run: the "ringbuf" array (JSON) and the text section
if [ ! -f "$OBJ" ]; then
	echo "skip prog_run_ringbuf (no $OBJ: make all)"
	exit 0
fi
check prog_run_ringbuf_json bash -c "'$B' prog run '$OBJ' --data-in '$tmp/pkt' --repeat 2 --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
ev = {\"map\": \"events\", \"size\": 16, \"data\": (0x11223344).to_bytes(8, \"little\").hex() + (20).to_bytes(8, \"little\").hex()}
hello = {\"map\": \"events\", \"size\": 5, \"data\": b\"hello\".hex()}
other = [{\"map\": \"other\", \"size\": 8, \"data\": (i).to_bytes(8, \"little\").hex()} for i in (1, 2)]
assert d[\"ringbuf\"] == [ev, hello, ev, hello] + other, d[\"ringbuf\"]
'"
check prog_run_ringbuf_text bash -c "'$B' prog run '$OBJ' --data-in '$tmp/pkt' >'$tmp/text' &&
	grep -q '^ringbuf events:' '$tmp/text' &&
	grep -q '^  events #0 (16 bytes): 44 33 22 11 00 00 00 00 14 00 00 00 00 00 00 00' '$tmp/text' &&
	grep -q '^  events #1 (5 bytes): 68 65 6c 6c 6f' '$tmp/text' &&
	! grep -q 'events #2' '$tmp/text' && ! grep -q 'ad de' '$tmp/text' &&
	grep -q '^  other #0 (8 bytes): 01 00' '$tmp/text'"
# objects without a RINGBUF have no "ringbuf" key
if [ -f "$BUILD/examples/xdp_stats.bpf.o" ]; then
	check prog_run_no_ringbuf bash -c "'$B' prog run '$BUILD/examples/xdp_stats.bpf.o' --data-in '$tmp/pkt' --json | python3 -c 'import json,sys; assert \"ringbuf\" not in json.load(sys.stdin)'"
fi

# prog run --pcap: each packet's records are consumed after its run and carry
# its pcap record number; 200 packets make 600 records (about 11 KiB), more
# than the 4 KiB rings hold at once, so none may be lost either
python3 scripts/gen-pcap.py --out "$tmp/rb.pcap" --count 200 --seed 3
check prog_run_pcap_ringbuf_json bash -c "'$B' prog run '$OBJ' --pcap '$tmp/rb.pcap' --json | python3 -c '
import json, struct, sys
d = json.load(sys.stdin)
raw = open(\"$tmp/rb.pcap\", \"rb\").read()
lens, off = [], 24
while off < len(raw):
    caplen = struct.unpack_from(\"<I\", raw, off + 8)[0]
    lens.append(caplen)
    off += 16 + caplen
assert len(lens) == 200, len(lens)
want = []
for i, n in enumerate(lens, 1):
    want += [{\"record\": i, \"map\": \"events\", \"size\": 16,
              \"data\": (0x11223344).to_bytes(8, \"little\").hex() + n.to_bytes(8, \"little\").hex()},
             {\"record\": i, \"map\": \"events\", \"size\": 5, \"data\": b\"hello\".hex()},
             {\"record\": i, \"map\": \"other\", \"size\": 8, \"data\": i.to_bytes(8, \"little\").hex()}]
assert d[\"ringbuf\"] == want, [r for r, w in zip(d[\"ringbuf\"], want) if r != w][:3]
assert \"ringbuf_dropped\" not in d
'"
check prog_run_pcap_ringbuf_text bash -c "'$B' prog run '$OBJ' --pcap '$tmp/rb.pcap' >'$tmp/pt' &&
	grep -q '^ringbuf (600 records, by pcap record):' '$tmp/pt' &&
	grep -q '^  record 1      events #0 (16 bytes): 44 33 22 11' '$tmp/pt' &&
	grep -q '^  record 200    other #199 (8 bytes): c8 00 00 00 00 00 00 00' '$tmp/pt'"
