# call_map_value_oob_in_callee.s - callee reads past a map value it was given.
# type: xdp
# expect: invalid access to map value, value_size=8 off=4 size=8
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:0]
call 1
jeq %r0, 0, out
mov %r1, %r0
call local f
exit
out:
mov %r0, 0
exit
f:
ldxdw %r0, [%r1+4]
exit
