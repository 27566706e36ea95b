# map_inner_no_null_check.s - array lookup with an out-of-range constant key.
# type: xdp
# expect: R0 invalid mem access 'map_value_or_null'
stw [%r10-4], 4
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:1]
call 1
ldxw %r0, [%r0+0]
exit
