# helper_buf_map_value_oob.s - 9 bytes from an 8-byte value.
# type: xdp
# expect: invalid access to map value, value_size=8 off=0 size=9
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:0]
call 1
jeq %r0, 0, out
mov %r1, %r0
mov %r2, 9
call 6
out:
mov %r0, 0
exit
