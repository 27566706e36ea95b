# helper_key_is_map_ptr.s - a map pointer as a lookup key.
# type: xdp
# expect: R2 type=map_ptr expected=fp
lddw %r1, map[idx:0]
mov %r2, %r1
call 1
mov %r0, 0
exit
