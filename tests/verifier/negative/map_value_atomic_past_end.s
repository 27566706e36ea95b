# map_value_atomic_past_end.s - atomic add past the value.
# type: xdp
# expect: invalid access to map value, value_size=8 off=8 size=8
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:0]
call 1
jeq %r0, 0, out
mov %r1, 1
lock add [%r0+8], %r1
out:
mov %r0, 0
exit
