# map_arith_before_null_check.s - offset added before the NULL check.
# type: xdp
# expect: R0 pointer arithmetic on map_value_or_null prohibited, null-check it first
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:0]
call 1
add %r0, 4
mov %r0, 0
exit
