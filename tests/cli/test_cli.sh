#!/usr/bin/env bash
# CLI checks: every level has --help, --json output is valid JSON, bad input
# gives an error and exit 255.  One "ok NAME" / "not ok NAME" line per check.
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

json_ok() { python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin if l.strip()]'; }
export -f json_ok

check cli_version "$B" --version
check cli_version_json bash -c "'$B' --json version | json_ok"
check cli_help_top bash -c "'$B' --help | grep -q 'OBJECT :='"
check cli_help_prog bash -c "'$B' prog help | grep -q 'prog run'"
check cli_help_asm bash -c "'$B' asm help | grep -q Usage"
check cli_help_disasm bash -c "'$B' disasm --help | grep -q Usage"
check cli_unknown_object bash -c "'$B' nosuch; [ \$? -eq 255 ]"
check cli_unknown_verb bash -c "'$B' prog nosuch 2>&1 | grep -q 'unknown verb'"
check cli_error_json bash -c "'$B' --json prog run /nonexistent | json_ok"

# Assemble, write raw instructions, disassemble them back in both syntaxes.
check cli_asm_to_file "$B" asm examples/ipv4_csum.s -o "$tmp/csum.bin"
check cli_asm_size bash -c "[ \$(stat -c %s '$tmp/csum.bin') -eq $((42 * 8)) ]"
check cli_disasm_kernel bash -c "'$B' disasm '$tmp/csum.bin' | grep -q '(dc) r4 = be16 r4'"
check cli_disasm_roundtrip bash -c "'$B' disasm --syntax asm '$tmp/csum.bin' > '$tmp/rt.s' &&
	'$B' asm '$tmp/rt.s' -o '$tmp/rt.bin' && cmp '$tmp/csum.bin' '$tmp/rt.bin'"
check cli_disasm_json bash -c "'$B' --json disasm '$tmp/csum.bin' | json_ok"
check cli_asm_bad_syntax bash -c "printf 'mov %%r0, %%r99\nexit\n' > '$tmp/bad.s';
	'$B' asm '$tmp/bad.s' 2>&1 | grep -q 'Invalid register'"

# Run: the demo's program computes the RFC 1071 checksum of a header.
printf '\x45\x00\x00\x73\x00\x00\x40\x00\x40\x11\x00\x00\xc0\xa8\x00\x01\xc0\xa8\x00\xc7' >"$tmp/hdr"
check cli_run_retval bash -c "'$B' prog run examples/ipv4_csum.s --type syscall --ctx-in '$tmp/hdr' --json |
	grep -q '\"retval\":47201'"
check cli_run_ctx_out bash -c "'$B' prog run examples/ipv4_csum.s --type syscall --ctx-in '$tmp/hdr' --json |
	grep -q '\"ctx_out\":\"45000073000040004011b861c0a80001c0a800c7\"'"
check cli_run_json_valid bash -c "'$B' prog run examples/ipv4_csum.s --type syscall --ctx-in '$tmp/hdr' --json | json_ok"
# An XDP program reading the packet through xdp_md, on 64 bytes of data
# (with the bounds check against data_end the verifier demands).
printf 'ldxw %%r2, [%%r1+0]\nldxw %%r3, [%%r1+4]\nmov %%r4, %%r2\nadd %%r4, 13\nmov %%r0, 0\njgt %%r4, %%r3, out\nldxb %%r0, [%%r2+12]\nout:\nexit\n' >"$tmp/xdp.s"
head -c 64 /dev/zero | tr '\0' '\7' >"$tmp/pkt"
check cli_run_xdp bash -c "'$B' prog run '$tmp/xdp.s' --type xdp --data-in '$tmp/pkt' --repeat 10 --json |
	grep -q '\"retval\":7'"
check cli_run_refused bash -c "printf 'exit\n' > '$tmp/noinit.s';
	'$B' prog run '$tmp/noinit.s' 2>&1 | grep -q 'R0 !read_ok'"
# A read 4 KiB into the context: the verifier lets a SYSCALL program read up
# to 64 KiB of it, and the run, as the kernel's, refuses a smaller ctx-in.
# Unverified (--no-verify), the checked interpreter catches the access.
check cli_run_out_of_bounds bash -c "printf 'ldxdw %%r0, [%%r1+4096]\nexit\n' > '$tmp/oob.s';
	'$B' prog run '$tmp/oob.s' --ctx-in '$tmp/hdr' 2>&1 | grep -q 'Invalid argument'"
check cli_run_out_of_bounds_no_verify bash -c "'$B' prog run '$tmp/oob.s' --no-verify --ctx-in '$tmp/hdr' 2>&1 |
	grep -q 'Bad address'"
# --unpriv: the kernel's rules for a loader without CAP_BPF/CAP_PERFMON.  A
# socket filter returning its context pointer runs privileged (R0 is just a
# number then) and is refused unprivileged; an XDP program cannot be loaded.
printf 'mov %%r0, %%r1\nexit\n' >"$tmp/leak.s"
printf 'mov %%r0, 7\nexit\n' >"$tmp/seven.s"
check cli_run_priv_leak bash -c "'$B' prog run '$tmp/leak.s' --type socket --data-in '$tmp/pkt' --json | json_ok"
check cli_run_unpriv_leak bash -c "'$B' prog run '$tmp/leak.s' --type socket --data-in '$tmp/pkt' --unpriv 2>&1 |
	grep -q 'R0 leaks addr as return value'"
check cli_run_unpriv_ok bash -c "'$B' prog run '$tmp/seven.s' --type socket --data-in '$tmp/pkt' --unpriv --json |
	grep -q '\"retval\":7'"
check cli_run_unpriv_xdp bash -c "'$B' prog run '$tmp/seven.s' --type xdp --data-in '$tmp/pkt' --unpriv 2>&1 |
	grep -q 'Operation not permitted'"
# A probe unit-tested with chosen registers: trace_kprobe's k_write returns
# rdx (offset 96) when orig_rax (offset 120) is 1, the write syscall.
python3 -c 'import struct,sys; r=[0]*21; r[12]=42; r[15]=1; sys.stdout.buffer.write(struct.pack("<21Q",*r))' >"$tmp/regs"
check cli_run_kprobe bash -c "'$B' prog run '$BUILD/progs/trace_kprobe.bpf.o' --prog k_write --ctx-in '$tmp/regs' --json |
	grep -q '\"retval\":42'"
printf 'ldxdw %%r0, [%%r1+112]\nexit\n' >"$tmp/kp_di.s"
check cli_run_kprobe_asm bash -c "'$B' prog run '$tmp/kp_di.s' --type kprobe --ctx-in '$tmp/regs' --json |
	grep -q '\"retval\":0'"
check cli_run_kprobe_short_ctx bash -c "'$B' prog run '$tmp/kp_di.s' --type kprobe --ctx-in '$tmp/hdr' 2>&1 |
	grep -q 'Invalid argument'"
check cli_demo scripts/demo.sh "$BUILD"
