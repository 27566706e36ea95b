# map_key_from_value_past_end.s - a lookup key read from a map value 2 bytes before its end.
# type: xdp
# expect: invalid access to map value, value_size=8 off=6 size=4
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:1]
call 1
jeq %r0, 0, out
mov %r2, %r0
add %r2, 6
lddw %r1, map[idx:0]
call 1
out:
mov %r0, 0
exit
