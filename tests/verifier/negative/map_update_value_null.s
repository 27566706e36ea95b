# map_update_value_null.s - update with a NULL value.
# type: xdp
# expect: R3 type=scalar expected=fp
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
mov %r3, 0
mov %r4, 0
lddw %r1, map[idx:0]
call 2
exit
