#!/usr/bin/env bash
# The README's demo: a BPF program computes the checksum of an IPv4 header.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
bpfhost=$BUILD/bpfhost
prog=examples/ipv4_csum.s
hdr=$(mktemp)
trap 'rm -f "$hdr"' EXIT

# The example header of RFC 1071's usual illustration, checksum zeroed:
# version 4, length 0x73, TTL 64, UDP, 192.168.0.1 -> 192.168.0.199.
printf '\x45\x00\x00\x73\x00\x00\x40\x00\x40\x11\x00\x00\xc0\xa8\x00\x01\xc0\xa8\x00\xc7' >"$hdr"

echo "== bpfhost demo: a BPF program computes an IPv4 header checksum =="
echo
echo "The program ($prog), as 'bpftool prog dump xlated' would print it:"
"$bpfhost" prog dump xlated "$prog"
echo
echo "Input: an IPv4 header (192.168.0.1 -> 192.168.0.199, UDP) with its checksum zeroed:"
od -An -tx1 -v "$hdr"
echo
echo "Running it in bpfhost's interpreter (BPF_PROG_TYPE_SYSCALL, as BPF_PROG_TEST_RUN would):"
"$bpfhost" prog run "$prog" --type syscall --ctx-in "$hdr"
sum=$("$bpfhost" prog run "$prog" --type syscall --ctx-in "$hdr" --json |
	sed -n 's/.*"retval":\([0-9]*\).*/\1/p')
echo
if [ "$sum" = "$((0xb861))" ]; then
	echo "The checksum is 0xb861, the header's correct checksum: the program works."
else
	echo "Unexpected checksum $sum (wanted 0xb861)"
	exit 1
fi
