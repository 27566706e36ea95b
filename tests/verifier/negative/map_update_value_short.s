# map_update_value_short.s - 8-byte value from a 4-byte slot.
# type: xdp
# expect: invalid read from stack R3 off=-4 size=8
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
mov %r3, %r10
add %r3, -4
mov %r4, 0
lddw %r1, map[idx:0]
call 2
exit
