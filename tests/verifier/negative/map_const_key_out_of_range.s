# map_const_key_out_of_range.s - array lookup with constant key 4 of 4 entries, no NULL check.
# type: xdp
# expect: R0 invalid mem access 'map_value_or_null'
stw [%r10-4], 4
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:1]
call 1
ldxdw %r0, [%r0+0]
exit
