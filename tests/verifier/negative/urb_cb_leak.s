# urb_cb_leak.s - the callback reserves a ring buffer dynptr and keeps it.
# type: xdp
# kernel: needs BTF for callbacks, not compared
# expect: Unreleased reference id=3 alloc_insn=17
stdw [%r10-8], 0
lddw %r1, map[idx:13]
lddw %r2, subprog[cb]
mov %r3, %r10
add %r3, -8
mov %r4, 0
call 209
mov %r0, 0
exit
cb:
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
mov %r4, %r10
add %r4, -16
call 198
mov %r0, 0
exit
