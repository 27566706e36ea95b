# map_key_stack_short.s - 4-byte key at fp-2.
# type: xdp
# expect: invalid read from stack R2 off=-2 size=4
mov %r2, %r10
add %r2, -2
lddw %r1, map[idx:0]
call 1
mov %r0, 0
exit
