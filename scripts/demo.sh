#!/usr/bin/env bash
# The README's demo (`make demo`): a clang-built XDP program counts a
# generated capture's traffic per protocol and per IPv4 sender in maps and
# drops one blocked sender; bpfhost runs it over every packet and prints
# the verdicts and the maps.  Then the numbers are checked against what the
# capture's generator knows it put in.
#
#   scripts/demo.sh [BUILD]     (default build/; `make demo` builds first)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
bpfhost=$BUILD/bpfhost
obj=$BUILD/examples/xdp_stats.bpf.o
pcap=$BUILD/demo/traffic.pcap
expect=$BUILD/demo/traffic.expect.json

if [ ! -x "$bpfhost" ] || [ ! -f "$obj" ]; then
	echo "demo: $bpfhost or $obj is missing: run 'make demo'" >&2
	exit 1
fi
if [ ! -f "$pcap" ] || [ ! -f "$expect" ] || [ scripts/gen-pcap.py -nt "$pcap" ]; then
	mkdir -p "$(dirname "$pcap")"
	python3 scripts/gen-pcap.py --out "$pcap" --expect "$expect"
fi

echo "== bpfhost demo: an XDP program counts traffic in BPF maps =="
echo
echo "Program: examples/xdp_stats.bpf.c, built by clang into $obj."
echo "  It counts packets and bytes per protocol (ARRAY map proto_stats) and per"
echo "  IPv4 sender (HASH map src_stats), and drops packets from the sender held"
echo "  in .rodata (blocked_src)."
echo "Traffic: $pcap, $(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['packets'])" "$expect")" \
	"Ethernet frames written by scripts/gen-pcap.py from a fixed seed:"
echo "  ARP, IPv4 and IPv6 carrying TCP, UDP, ICMP and ICMPv6, from 7 IPv4 senders."
echo
echo "\$ bpfhost prog load $obj"
"$bpfhost" prog load "$obj"
echo
echo "\$ bpfhost prog run $obj --pcap $pcap --dump-maps"
"$bpfhost" prog run "$obj" --pcap "$pcap" --dump-maps
echo

# The same run as JSON, compared with the generator's own counts.
json=$("$bpfhost" prog run "$obj" --pcap "$pcap" --dump-maps --json)
python3 - "$expect" "$json" <<'EOF'
import json, sys
want = json.load(open(sys.argv[1]))
got = json.loads(sys.argv[2])
maps = {m["name"]: m for m in got["maps"]}
bad = []
for v, n in want["verdicts"].items():
    if got["verdicts"].get(v) != n:
        bad.append("%s: %s packets, expected %d" % (v, got["verdicts"].get(v), n))
protos = {e["key_text"]: e["fields"] for e in maps["proto_stats"]["entries"]}
for p, c in want["protocols"].items():
    if protos.get(p) != c:
        bad.append("%s: %s, expected %s" % (p, protos.get(p), c))
srcs = {e["key_text"]: e["fields"] for e in maps["src_stats"]["entries"]}
if srcs != want["sources"]:
    bad.append("per-sender counts differ: %s" % srcs)
if bad:
    print("MISMATCH with the generator's counts:\n  " + "\n  ".join(bad))
    sys.exit(1)
print("Checked: the verdicts and both maps match the %d packets the generator wrote"
      % want["packets"])
print("(%d passed, %d dropped from %s)." % (want["verdicts"].get("XDP_PASS", 0),
      want["verdicts"].get("XDP_DROP", 0), want["blocked"]))
EOF
echo
echo "More: add --trace to see the program's bpf_trace_printk lines, --json for"
echo "machine-readable output, --write-pcap OUT to keep the passed packets;"
echo "'bpfhost prog dump xlated $obj' shows its instructions with source lines."
