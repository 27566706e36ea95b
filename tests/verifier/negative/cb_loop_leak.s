# cb_loop_leak.s - the callback reserves a record and keeps it.
# type: xdp
# kernel: needs BTF for callbacks, not compared
# expect: Unreleased reference id=2 alloc_insn=14
stdw [%r10-8], 0
mov %r1, 10
lddw %r2, subprog[cb]
mov %r3, %r10
add %r3, -8
mov %r4, 0
call 181
mov %r0, 0
exit
cb:
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
call 131
mov %r0, 0
exit
