# dynptr_leak.s - a ring buffer dynptr reserved and never submitted.
# type: xdp
# expect: Unreleased reference id=2 alloc_insn=6
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
mov %r4, %r10
add %r4, -16
call 198
mov %r0, 0
exit
