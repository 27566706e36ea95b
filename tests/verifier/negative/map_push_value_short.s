# map_push_value_short.s - queue push of 4 bytes from fp-2.
# type: xdp
# expect: invalid read from stack R2 off=-2 size=4
mov %r2, %r10
add %r2, -2
mov %r3, 0
lddw %r1, map[idx:4]
call 87
exit
