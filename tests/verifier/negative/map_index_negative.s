# map_index_negative.s - index may be -1.
# type: xdp
# expect: R0 min value is negative
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:0]
call 1
jeq %r0, 0, out
ldxb %r1, [%r0+0]
add %r1, -1
add %r0, %r1
ldxb %r0, [%r0+0]
exit
out:
mov %r0, 0
exit
