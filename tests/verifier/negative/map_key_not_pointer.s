# map_key_not_pointer.s - key argument is a number.
# type: xdp
# expect: R2 type=scalar expected=fp
mov %r2, 0
lddw %r1, map[idx:0]
call 1
mov %r0, 0
exit
