# map_direct_value_past_end.s - an lddw of a map value address past value_size.
# type: xdp
# expect: invalid access to map value pointer, value_size=16 off=16
lddw %r1, map[idx:2]+16
mov %r0, 0
exit
