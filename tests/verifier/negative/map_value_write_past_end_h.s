# map_value_write_past_end_h.s - 2-byte store at the last byte.
# type: xdp
# expect: invalid access to map value, value_size=8 off=7 size=2
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:0]
call 1
jeq %r0, 0, out
sth [%r0+7], 1
out:
mov %r0, 0
exit
