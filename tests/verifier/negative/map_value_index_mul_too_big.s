# map_value_index_mul_too_big.s - index times 4 past the value.
# type: xdp
# expect: R0 max value is outside of the allowed memory range
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:0]
call 1
jeq %r0, 0, out
ldxb %r1, [%r0+0]
and %r1, 3
mul %r1, 4
add %r0, %r1
ldxw %r0, [%r0+0]
exit
out:
mov %r0, 0
exit
