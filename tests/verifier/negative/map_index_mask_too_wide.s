# map_index_mask_too_wide.s - index masked with 15 for an 8-byte value.
# type: xdp
# expect: R0 max value is outside of the allowed memory range
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:0]
call 1
jeq %r0, 0, out
ldxw %r1, [%r0+0]
and %r1, 15
add %r0, %r1
ldxb %r0, [%r0+0]
exit
out:
mov %r0, 0
exit
