# alu_map_value_huge_const.s - a map value pointer plus 2^29.
# type: xdp
# expect: math between map_value pointer and 536870912 is not allowed
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:0]
call 1
jeq %r0, 0, out
add %r0, 536870912
out:
mov %r0, 0
exit
