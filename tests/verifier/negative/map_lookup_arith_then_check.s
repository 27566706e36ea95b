# map_lookup_arith_then_check.s - subtraction before the NULL check.
# type: xdp
# expect: R0 pointer arithmetic on map_value_or_null prohibited, null-check it first
stw [%r10-4], 9
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:1]
call 1
sub %r0, 1
mov %r0, 0
exit
