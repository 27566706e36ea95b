# map_value_oob_read.s - read just past the value.
# type: xdp
# expect: invalid access to map value, value_size=8 off=8 size=4
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:0]
call 1
jeq %r0, 0, out
ldxw %r0, [%r0+8]
exit
out:
mov %r0, 0
exit
