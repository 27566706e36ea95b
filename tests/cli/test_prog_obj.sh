#!/usr/bin/env bash
# CLI checks of the prog commands on clang-built objects (load, show, dump
# xlated, verify, run), pcap runs (verdicts, --write-pcap, the pcap edge
# cases), --trace / `bpfhost trace`, and the demo's numbers against the
# generator's.  One "ok NAME" / "not ok NAME" / "skip NAME" line per check.
#
#   BUILD=build bash tests/cli/test_prog_obj.sh   (needs `make all`)
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
B=$BUILD/bpfhost
OBJ=$BUILD/examples/xdp_stats.bpf.o
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export B OBJ tmp

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

json_ok() { python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin if l.strip()]'; }
# jq-like check: jcheck 'PYTHON EXPRESSION over d' < json
jcheck() { python3 -c "import json,sys; d=json.load(sys.stdin); sys.exit(0 if ($1) else 1)"; }
export -f json_ok jcheck

if [ ! -x "$B" ] || [ ! -f "$OBJ" ]; then
	echo "not ok prog_obj_prerequisites ($B or $OBJ missing: run make all)"
	exit 1
fi

gen() { python3 scripts/gen-pcap.py "$@"; }
gen --out "$tmp/t.pcap" --expect "$tmp/t.json"
gen --out "$tmp/ns.pcap" --expect "$tmp/ns.json" --nsec --count 50 --seed 7
gen --out "$tmp/be.pcap" --expect "$tmp/be.json" --big-endian --count 50 --seed 8
gen --out "$tmp/nsbe.pcap" --expect "$tmp/nsbe.json" --big-endian --nsec --count 30 --seed 9
gen --out "$tmp/empty.pcap" --count 0
gen --out "$tmp/trunc.pcap" --count 10 --truncate
gen --out "$tmp/raw.pcap" --count 3 --linktype 101
head -c 30 "$tmp/t.pcap" >"$tmp/trunchdr.pcap"
: >"$tmp/zero.pcap"
printf '\x0a\x0d\x0d\x0a\x1c\x00\x00\x00' >"$tmp/ng.pcap"
head -c 100 /dev/urandom >"$tmp/junk.pcap" && printf 'JUNK' | dd of="$tmp/junk.pcap" conv=notrunc 2>/dev/null
# One IPv4 TCP frame from 10.0.0.1 and one from the blocked 203.0.113.66.
python3 - "$tmp" <<'EOF'
import struct, sys
def frame(src):
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 40, 1, 0, 64, 6, 0,
                     bytes(src), bytes([10, 0, 0, 254]))
    return b"\x02\0\x5e\x10\0\xfe" + b"\x02\0\x5e\x10\0\x01" + b"\x08\x00" + ip + bytes(20)
open(sys.argv[1] + "/pkt_ok", "wb").write(frame([10, 0, 0, 1]))
open(sys.argv[1] + "/pkt_blocked", "wb").write(frame([203, 0, 113, 66]))
EOF

printf 'mov %%r0, 42\nexit\n' >"$tmp/answer.s"

# ---- help and trace -------------------------------------------------------
check help_prog_verbs bash -c "'$B' prog help | grep -q 'prog load' && '$B' prog help | grep -q 'prog verify' &&
	'$B' prog help | grep -q 'prog show' && '$B' prog help | grep -q -- '--pcap'"
check help_top_trace bash -c "'$B' --help | grep -q 'trace'"
check trace_explains bash -c "'$B' trace | grep -q 'prog run .*--trace'"
check trace_json bash -c "'$B' trace --json | jcheck 'd[\"in_process\"] is True'"
check trace_bad_arg bash -c "'$B' trace nosuch; [ \$? -eq 255 ]"

# ---- prog load / show -----------------------------------------------------------
check load_text bash -c "'$B' prog load '$OBJ' | grep -q 'name xdp_stats  section xdp  insns' &&
	'$B' prog load '$OBJ' | grep -q 'hash  name src_stats  key 4B  value 16B  max_entries 1024'"
check load_json bash -c "'$B' prog load '$OBJ' --json | jcheck 'd[\"programs\"][0][\"name\"] == \"xdp_stats\" and
	d[\"programs\"][0][\"type\"] == \"xdp\" and d[\"programs\"][0][\"insn_cnt\"] > 50 and
	d[\"programs\"][0][\"id\"] > 0 and
	sorted(m[\"name\"] for m in d[\"maps\"]) == [\".rodata\", \"proto_stats\", \"src_stats\"]'"
check load_prog_unknown bash -c "'$B' prog load '$OBJ' --prog nosuch 2>&1 | grep -q \"no program named 'nosuch' (programs: xdp_stats)\""
check load_not_elf bash -c "'$B' prog load examples/ipv4_csum.s 2>&1 | grep -q 'is not an ELF object'"
printf 'prog load %s\nprog show\nmap dump name proto_stats\n' "$OBJ" >"$tmp/show.batch"
check show_in_batch bash -c "'$B' batch '$tmp/show.batch' | grep -q '^1: xdp  name xdp_stats  insns'"
printf 'prog show\n' >"$tmp/show1.batch"
check show_json_batch bash -c "'$B' --json batch '$tmp/show.batch' | sed -n 2p | jcheck 'd[0][\"name\"] == \"xdp_stats\"'"
check show_empty bash -c "'$B' prog show --json | jcheck 'd == []'"

# ---- prog dump xlated --------------------------------------------------------------
check dump_obj_maps bash -c "'$B' prog dump xlated '$OBJ' | grep -q '(18) r1 = map\[id:1\]'"
check dump_obj_rodata bash -c "'$B' prog dump xlated '$OBJ' | grep -q 'map\[id:3\]\[0\]+0'"
check dump_obj_source bash -c "'$B' prog dump xlated '$OBJ' | grep -q '^; .*bpf_map_lookup_elem(&proto_stats'"
check dump_obj_json bash -c "'$B' prog dump xlated '$OBJ' --json | jcheck 'd[0][\"pc\"] == 0 and any(\"src\" in i for i in d)'"
# the rewritten program: the ARRAY lookup inlined as the kernel's array_map_gen_lookup
check dump_obj_inlined bash -c "'$B' prog dump xlated '$OBJ' | grep -A1 '(61) r0 = \*(u32 \*)(r2 +0)' | grep -q '(35) if r0 >= 0x8 goto pc+5'"
# only the HASH lookup (src_stats) still calls the helper
check dump_obj_one_lookup_call bash -c "test \$('$B' prog dump xlated '$OBJ' | grep -c 'call bpf_map_lookup_elem') = 1"
check dump_raw_still bash -c "'$B' prog dump xlated examples/ipv4_csum.s | grep -q '(dc) r4 = be16 r4'"

# ---- prog verify -------------------------------------------------------------------
check verify_json bash -c "'$B' prog verify '$OBJ' --json | jcheck 'isinstance(d, list) and len(d) == 1 and
	d[0][\"prog\"] == \"xdp_stats\" and d[0][\"verdict\"] == \"accept\" and d[0][\"errno\"] == 0 and
	isinstance(d[0][\"log\"], str)'"
check verify_text bash -c "'$B' prog verify '$OBJ' | grep -q '^xdp_stats: accept'"
check verify_log_level bash -c "'$B' prog verify '$OBJ' --log-level 2 --json | jcheck 'd[0][\"verdict\"] == \"accept\"'"
check verify_prog_unknown bash -c "'$B' prog verify '$OBJ' --prog nosuch; [ \$? -eq 255 ]"
if [ -f "$BUILD/progs/loader_kfunc.bpf.o" ]; then
	check verify_reject bash -c "'$B' prog verify '$BUILD/progs/loader_kfunc.bpf.o' --json > '$tmp/v.json'; rc=\$?;
		[ \$rc -eq 1 ] && jcheck '[(e[\"prog\"], e[\"verdict\"]) for e in d] ==
		[(\"call_kfunc\", \"reject\"), (\"weak_ksym\", \"accept\"), (\"weak_kfunc\", \"accept\"),
		 (\"bad_proto\", \"reject\"), (\"rcu\", \"accept\")] and d[0][\"errno\"] == 3 and
		d[3][\"errno\"] == 22 and
		\"bpf_fake_kfunc\" in d[0][\"log\"]' < '$tmp/v.json'"
	# kfuncs by name and bpfhost's id, as the kernel's xlated dump by BTF id
	check dump_kfunc_names bash -c "'$B' prog dump xlated '$BUILD/progs/loader_kfunc.bpf.o' --prog rcu |
		grep -q 'call bpf_rcu_read_lock#1'"
	check verify_one_prog bash -c "'$B' prog verify '$BUILD/progs/loader_kfunc.bpf.o' --prog weak_ksym --json |
		jcheck 'len(d) == 1 and d[0][\"verdict\"] == \"accept\"'"
else
	echo "skip verify_reject ($BUILD/progs not built)"
	echo "skip verify_one_prog ($BUILD/progs not built)"
fi
if [ -f "$BUILD/progs/diffp_16_tail_call.bpf.o" ]; then
	check verify_tail_calls bash -c "'$B' prog verify '$BUILD/progs/diffp_16_tail_call.bpf.o' --json |
		jcheck 'len(d) > 1 and all(e[\"verdict\"] == \"accept\" for e in d)'"
else
	echo "skip verify_tail_calls ($BUILD/progs not built)"
fi

# ---- malformed objects -------------------------------------------------------------
head -c 700 "$OBJ" >"$tmp/trunc.o"
check malformed_load bash -c "'$B' prog load '$tmp/trunc.o' 2>&1 | grep -q \"cannot open '$tmp/trunc.o' (Invalid argument): .*out of bounds\""
check malformed_load_rc bash -c "'$B' prog load '$tmp/trunc.o'; [ \$? -eq 255 ]"
check malformed_run_json bash -c "'$B' prog run '$tmp/trunc.o' --json | jcheck '\"out of bounds\" in d[\"error\"]'"
check malformed_verify bash -c "'$B' prog verify '$tmp/trunc.o' --json > '$tmp/mv.json'; [ \$? -eq 255 ] &&
	jcheck 'd[0][\"verdict\"] == \"reject\" and d[0][\"errno\"] == 22 and \"out of bounds\" in d[0][\"log\"]' < '$tmp/mv.json'"
python3 -c "
d = bytearray(open('$OBJ', 'rb').read()); d[18] = 62   # e_machine: x86-64
open('$tmp/x86.o', 'wb').write(d)"
check malformed_machine bash -c "'$B' prog load '$tmp/x86.o' 2>&1 | grep -q 'cannot open'"

# ---- prog run on objects -------------------------------------------------------------
check run_obj_json bash -c "'$B' prog run '$OBJ' --data-in '$tmp/pkt_ok' --json | jcheck 'd[\"retval\"] == 2 and
	d[\"data_out\"] == open(\"$tmp/pkt_ok\", \"rb\").read().hex() and isinstance(d[\"duration_ns\"], int) and
	d[\"prog\"] == \"xdp_stats\"'"
python3 -c "import struct; open('$tmp/xdpctx', 'wb').write(struct.pack('<6I', 0, 54, 0, 0, 0, 0))"
check run_obj_ctx_in bash -c "'$B' prog run '$OBJ' --data-in '$tmp/pkt_ok' --ctx-in '$tmp/xdpctx' --json |
	jcheck 'd[\"retval\"] == 2 and d[\"ctx_out\"] == open(\"$tmp/xdpctx\", \"rb\").read().hex()'"
check run_obj_blocked bash -c "'$B' prog run '$OBJ' --data-in '$tmp/pkt_blocked' --json | jcheck 'd[\"retval\"] == 1'"
check run_obj_repeat bash -c "'$B' prog run '$OBJ' --prog xdp_stats --data-in '$tmp/pkt_ok' --repeat 100 --json |
	jcheck 'd[\"retval\"] == 2'"
check run_obj_text bash -c "'$B' prog run '$OBJ' --data-in '$tmp/pkt_ok' | grep -q '^retval: 2 (0x2)'"
check run_obj_dump_maps bash -c "'$B' prog run '$OBJ' --data-in '$tmp/pkt_ok' --repeat 3 --dump-maps --json |
	jcheck '[e[\"fields\"] for m in d[\"maps\"] if m[\"name\"] == \"src_stats\" for e in m[\"entries\"]] ==
	[{\"packets\": 3, \"bytes\": 162}]'"
if [ -f "$BUILD/progs/timer.bpf.o" ]; then
	# bpf_timers armed by the run fire during --wait-timers (docs/timers.md)
	head -c 8 /dev/zero >"$tmp/ctx8"
	check run_timer_wait bash -c "'$B' prog run '$BUILD/progs/timer.bpf.o' --prog start_timers --ctx-in '$tmp/ctx8' --wait-timers 500 --dump-maps --json |
		jcheck '[m[\"vars\"] for m in d[\"maps\"] if m[\"name\"] == \".bss\"] == [{\"array_calls\": \"3\", \"hmap_calls\": \"1\", \"lru_calls\": \"11\", \"abs_calls\": \"1\", \"err\": \"0\"}]'"
	check run_timer_wait_bad bash -c "'$B' prog run '$BUILD/progs/timer.bpf.o' --wait-timers -1; [ \$? -eq 255 ]"
fi
check run_obj_prog_unknown bash -c "'$B' prog run '$OBJ' --prog nosuch --data-in '$tmp/pkt_ok'; [ \$? -eq 255 ]"
check run_obj_no_type bash -c "'$B' prog run '$OBJ' --type xdp 2>&1 | grep -q 'type from SEC'"
check run_raw_prog_flag bash -c "'$B' prog run '$tmp/answer.s' --prog x 2>&1 | grep -q 'picks a program of an ELF object'"
check run_raw_still bash -c "'$B' prog run '$tmp/answer.s' --json | jcheck 'd[\"retval\"] == 42 and d[\"data_out\"] == \"\"'"
check run_raw_elf_magic bash -c "cp '$tmp/answer.s' '$tmp/answer.o' && '$B' prog run '$tmp/answer.o' --json | jcheck 'd[\"retval\"] == 42'"
if [ -f "$BUILD/progs/loader_basic.bpf.o" ]; then
	check run_default_first_prog bash -c "'$B' prog run '$BUILD/progs/loader_basic.bpf.o' --data-in '$tmp/pkt_ok' --json |
		jcheck 'd[\"prog\"] == \"xdp_count\"'"
else
	echo "skip run_default_first_prog ($BUILD/progs not built)"
fi

# ---- --trace -------------------------------------------------------------------------
check trace_single_json bash -c "'$B' prog run '$OBJ' --data-in '$tmp/pkt_blocked' --trace --json |
	jcheck 'd[\"trace\"] == [\"xdp_stats: drop 54 bytes from the blocked source\"]'"
check trace_single_text bash -c "'$B' prog run '$OBJ' --data-in '$tmp/pkt_blocked' --trace | grep -q '^  xdp_stats: drop 54 bytes'"
check trace_hidden_note bash -c "'$B' prog run '$OBJ' --data-in '$tmp/pkt_blocked' | grep -q '1 bpf_trace_printk line not shown'"
check trace_pcap_json bash -c "'$B' prog run '$OBJ' --pcap '$tmp/t.pcap' --trace --json | jcheck '
	len(d[\"trace\"]) == d[\"verdicts\"][\"XDP_DROP\"] and all(t[\"record\"] >= 1 for t in d[\"trace\"])'"

# ---- pcap runs ----------------------------------------------------------------------------
cat >"$tmp/counts.py" <<'EOF'
# counts.py EXPECT.json < run.json: verdicts and maps equal the generator's
import json, sys
want, d = json.load(open(sys.argv[1])), json.load(sys.stdin)
maps = {m["name"]: m for m in d["maps"]}
ok = d["packets"] == want["packets"] and d["bytes"] == want["bytes"]
ok &= all(d["verdicts"][k] == v for k, v in want["verdicts"].items())
ok &= sum(d["verdicts"].values()) == want["packets"]
protos = {e["key_text"]: e["fields"] for e in maps["proto_stats"]["entries"]}
ok &= protos == want["protocols"]
ok &= {e["key_text"]: e["fields"] for e in maps["src_stats"]["entries"]} == want["sources"]
ok &= maps[".rodata"]["vars"]["blocked_src"] == want["blocked"]
sys.exit(0 if ok else 1)
EOF
check pcap_counts bash -c "'$B' prog run '$OBJ' --pcap '$tmp/t.pcap' --dump-maps --json | python3 '$tmp/counts.py' '$tmp/t.json'"
check pcap_text bash -c "'$B' prog run '$OBJ' --pcap '$tmp/t.pcap' --dump-maps > '$tmp/pt' &&
	grep -Eq '^  XDP_DROP +32 ' '$tmp/pt' && grep -Eq '^  203\.0\.113\.66 +32 +9185$' '$tmp/pt' &&
	grep -Eq '^  PROTO_IPV4 +432 +111713$' '$tmp/pt' && grep -q 'blocked_src *= 203.0.113.66' '$tmp/pt'"
check pcap_nsec bash -c "'$B' prog run '$OBJ' --pcap '$tmp/ns.pcap' --dump-maps --json | python3 '$tmp/counts.py' '$tmp/ns.json'"
check pcap_big_endian bash -c "'$B' prog run '$OBJ' --pcap '$tmp/be.pcap' --dump-maps --json | python3 '$tmp/counts.py' '$tmp/be.json'"
check pcap_nsec_big_endian bash -c "'$B' prog run '$OBJ' --pcap '$tmp/nsbe.pcap' --dump-maps --json | python3 '$tmp/counts.py' '$tmp/nsbe.json'"
check pcap_empty bash -c "'$B' prog run '$OBJ' --pcap '$tmp/empty.pcap' --json | jcheck 'd[\"packets\"] == 0 and sum(d[\"verdicts\"].values()) == 0'"
check pcap_zero_bytes bash -c "'$B' prog run '$OBJ' --pcap '$tmp/zero.pcap' 2>&1 | grep -q 'is empty, not a pcap file'"
check pcap_truncated_record bash -c "'$B' prog run '$OBJ' --pcap '$tmp/trunc.pcap' 2>&1 | grep -q 'record 10 is truncated: .* bytes of packet data'"
check pcap_truncated_rc bash -c "'$B' prog run '$OBJ' --pcap '$tmp/trunc.pcap'; [ \$? -eq 255 ]"
check pcap_truncated_header bash -c "'$B' prog run '$OBJ' --pcap '$tmp/trunchdr.pcap' 2>&1 | grep -q 'record 1 is truncated: its header has 6 of 16 bytes'"
check pcap_linktype bash -c "'$B' prog run '$OBJ' --pcap '$tmp/raw.pcap' 2>&1 | grep -q 'link type 101 (LINKTYPE_RAW) is not supported'"
check pcap_pcapng bash -c "'$B' prog run '$OBJ' --pcap '$tmp/ng.pcap' 2>&1 | grep -q 'pcapng'"
check pcap_bad_magic bash -c "'$B' prog run '$OBJ' --pcap '$tmp/junk.pcap' 2>&1 | grep -q 'not a pcap file (bad magic'"
python3 - "$tmp/runt.pcap" <<'EOF'
import struct, sys
d = struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1)
for i, n in enumerate([60, 10, 60]):
    d += struct.pack("<IIII", 1, i, n, n) + bytes(n)
open(sys.argv[1], "wb").write(d)
EOF
check pcap_runt_run_error bash -c "'$B' prog run '$OBJ' --pcap '$tmp/runt.pcap' --json | jcheck 'd[\"run_errors\"] == 1 and
	d[\"errors\"][0][\"record\"] == 2 and d[\"errors\"][0][\"bytes\"] == 10 and d[\"verdicts\"][\"XDP_PASS\"] == 2'"
check pcap_runt_text bash -c "'$B' prog run '$OBJ' --pcap '$tmp/runt.pcap' | grep -q 'record 2 (10 bytes): Invalid argument'"
check pcap_error_json bash -c "'$B' prog run '$OBJ' --pcap '$tmp/trunc.pcap' --json | jcheck '\"record 10\" in d[\"error\"]'"
check pcap_wrong_type bash -c "'$B' prog run '$tmp/answer.s' --type syscall --pcap '$tmp/t.pcap' 2>&1 | grep -q 'runs XDP and TC'"
check pcap_no_data_in bash -c "'$B' prog run '$OBJ' --pcap '$tmp/t.pcap' --data-in '$tmp/pkt_ok'; [ \$? -eq 255 ]"
check pcap_write_needs_pcap bash -c "'$B' prog run '$OBJ' --write-pcap '$tmp/x.pcap' 2>&1 | grep -q 'needs --pcap'"

# --write-pcap: the passed packets, in the input's timestamp resolution
cat >"$tmp/readpcap.py" <<'EOF'
# readpcap.py FILE: prints "MAGIC NRECORDS FIRSTBYTES" of a host-order pcap
import struct, sys
d = open(sys.argv[1], "rb").read()
magic, n, off, first = struct.unpack("<I", d[:4])[0], 0, 24, set()
while off < len(d):
    caplen = struct.unpack("<I", d[off + 8:off + 12])[0]
    first.add(d[off + 16])
    off += 16 + caplen
    n += 1
print("%08x %d %s" % (magic, n, ",".join("%02x" % b for b in sorted(first))))
EOF
check write_pcap_passed bash -c "'$B' prog run '$OBJ' --pcap '$tmp/t.pcap' --write-pcap '$tmp/pass.pcap' --json |
	jcheck 'd[\"written\"] == d[\"verdicts\"][\"XDP_PASS\"] == 568' &&
	[ \"\$(python3 '$tmp/readpcap.py' '$tmp/pass.pcap' | cut -d' ' -f1,2)\" = 'a1b2c3d4 568' ]"
check write_pcap_rerun bash -c "'$B' prog run '$OBJ' --pcap '$tmp/pass.pcap' --json |
	jcheck 'd[\"packets\"] == 568 and d[\"verdicts\"][\"XDP_DROP\"] == 0'"
check write_pcap_nsec bash -c "'$B' prog run '$OBJ' --pcap '$tmp/ns.pcap' --write-pcap '$tmp/ns_out.pcap' >/dev/null &&
	python3 '$tmp/readpcap.py' '$tmp/ns_out.pcap' | grep -q '^a1b23c4d '"
# a rewrite: the program sets the first byte of each frame to 0xaa
cat >"$tmp/rw.s" <<'EOF'
ldxw %r2, [%r1+0]
ldxw %r3, [%r1+4]
mov %r4, %r2
add %r4, 14
jgt %r4, %r3, out
stb [%r2+0], 0xaa
out:
mov %r0, 2
exit
EOF
check write_pcap_rewritten bash -c "'$B' prog run '$tmp/rw.s' --pcap '$tmp/t.pcap' --write-pcap '$tmp/rw.pcap' >/dev/null &&
	[ \"\$(python3 '$tmp/readpcap.py' '$tmp/rw.pcap')\" = 'a1b2c3d4 600 aa' ]"
# TC programs (assembly, --type tc): TC_ACT_SHOT drops all, TC_ACT_OK keeps all
printf 'mov %%r0, 2\nexit\n' >"$tmp/shot.s"
printf 'mov %%r0, 0\nexit\n' >"$tmp/tcok.s"
printf 'mov %%r0, -1\nexit\n' >"$tmp/unspec.s"
printf 'mov %%r0, 77\nexit\n' >"$tmp/odd.s"
check tc_shot bash -c "'$B' prog run '$tmp/shot.s' --type tc --pcap '$tmp/t.pcap' --write-pcap '$tmp/tc0.pcap' --json |
	jcheck 'd[\"type\"] == \"sched_cls\" and d[\"verdicts\"][\"TC_ACT_SHOT\"] == 600 and d[\"written\"] == 0'"
check tc_ok bash -c "'$B' prog run '$tmp/tcok.s' --type tc --pcap '$tmp/t.pcap' --write-pcap '$tmp/tc1.pcap' --json |
	jcheck 'd[\"verdicts\"][\"TC_ACT_OK\"] == 600 and d[\"written\"] == 600'"
check tc_unspec bash -c "'$B' prog run '$tmp/unspec.s' --type tc --pcap '$tmp/ns.pcap' --json |
	jcheck 'd[\"verdicts\"][\"TC_ACT_UNSPEC\"] == 50'"
check tc_text bash -c "'$B' prog run '$tmp/shot.s' --type tc --pcap '$tmp/t.pcap' | grep -Eq '^  TC_ACT_SHOT +600 +100.0%'"
check xdp_unknown_retval bash -c "'$B' prog run '$tmp/odd.s' --pcap '$tmp/ns.pcap' --json | jcheck 'd[\"verdicts\"][\"retval_77\"] == 50'"

# Global data holding a bpf_spin_lock is not mapped: dump xlated still names it.
check xlated_unmapped_global bash -c "'$B' prog dump xlated '$BUILD/progs/diffp_61_global_spin_lock.bpf.o' --prog global_lock | grep -Eq '^ +4: \(18\) r1 = map\[id:[0-9]+\]\[0\]\+8$'"

# ---- the demo -----------------------------------------------------------------------------
check demo_numbers bash -c "scripts/demo.sh '$BUILD' | grep -q '^Checked: the verdicts and both maps match the 600 packets'"
check demo_pcap_deterministic bash -c "python3 scripts/gen-pcap.py --out '$tmp/again.pcap' && cmp -s '$tmp/t.pcap' '$tmp/again.pcap'"
