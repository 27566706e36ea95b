# map_update_key_scalar.s - update with a number as key.
# type: xdp
# expect: R2 type=scalar expected=fp
mov %r2, 4
mov %r3, %r10
add %r3, -8
mov %r4, 0
lddw %r1, map[idx:0]
call 2
exit
