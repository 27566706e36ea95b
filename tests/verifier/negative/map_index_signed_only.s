# map_index_signed_only.s - only a signed upper bound.
# type: xdp
# expect: math between map_value pointer and register with unbounded min value is not allowed
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:0]
call 1
jeq %r0, 0, out
ldxdw %r1, [%r0+0]
jsgt %r1, 7, out
add %r0, %r1
ldxb %r0, [%r0+0]
exit
out:
mov %r0, 0
exit
