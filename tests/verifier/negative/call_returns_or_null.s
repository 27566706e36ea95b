# call_returns_or_null.s - a subprogram returns a lookup result the caller uses unchecked.
# type: xdp
# expect: R0 invalid mem access 'map_value_or_null'
call local f
ldxdw %r0, [%r0+0]
exit
f:
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:0]
call 1
exit
