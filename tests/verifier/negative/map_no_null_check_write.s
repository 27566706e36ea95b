# map_no_null_check_write.s - store through an unchecked lookup result.
# type: xdp
# expect: R0 invalid mem access 'map_value_or_null'
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:0]
call 1
stw [%r0+0], 1
mov %r0, 0
exit
