# map_copy_no_check.s - a copy of the unchecked pointer is dereferenced.
# type: xdp
# expect: R6 invalid mem access 'map_value_or_null'
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:0]
call 1
mov %r6, %r0
ldxdw %r0, [%r6+0]
exit
