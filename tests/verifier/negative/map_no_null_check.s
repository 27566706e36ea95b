# map_no_null_check.s - map lookup result used without a NULL check.
# type: xdp
# expect: R0 invalid mem access 'map_value_or_null'
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:0]
call 1
ldxdw %r0, [%r0+0]
exit
