# map_null_check_wrong_way.s - the NULL branch is the one that dereferences.
# type: xdp
# expect: R0 invalid mem access 'scalar'
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:0]
call 1
jne %r0, 0, out
ldxdw %r0, [%r0+0]
exit
out:
mov %r0, 0
exit
