# map_index_unbounded.s - index from the value with no bound.
# type: xdp
# expect: R0 unbounded memory access, make sure to bounds check any such access
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:0]
call 1
jeq %r0, 0, out
ldxw %r1, [%r0+0]
add %r0, %r1
ldxb %r0, [%r0+0]
exit
out:
mov %r0, 0
exit
