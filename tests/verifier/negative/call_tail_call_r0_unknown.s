# call_tail_call_r0_unknown.s - a subprogram that tail calls returns 0, and the caller indexes a map value with it.
# type: xdp
# kernel: needs BTF for a tail call in a subprogram, not compared
# expect: math between map_value pointer and register with unbounded min value is not allowed
mov %r6, %r1
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:1]
call 1
jeq %r0, 0, out
mov %r7, %r0
mov %r1, %r6
call local f
add %r7, %r0
ldxdw %r0, [%r7+0]
exit
out:
mov %r0, 0
exit
f:
lddw %r2, map[idx:6]
mov %r3, 0
call 12
mov %r0, 0
exit
