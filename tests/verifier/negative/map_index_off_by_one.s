# map_index_off_by_one.s - index checked against 8 instead of 7.
# type: xdp
# expect: R0 max value is outside of the allowed memory range
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:0]
call 1
jeq %r0, 0, out
ldxw %r1, [%r0+0]
jgt %r1, 8, out
add %r0, %r1
ldxb %r0, [%r0+0]
exit
out:
mov %r0, 0
exit
