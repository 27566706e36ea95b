# unpriv_scalar_spill_untracked.s - a constant spilled and filled: without
# bpf_capable the kernel keeps no scalar spills, so the fill is any number
# and the map value access it offsets is unbounded.
# type: socket_filter
# mode: unpriv
# expect: math between map_value pointer and register with unbounded min value is not allowed
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:1]
call 1
jeq %r0, 0, out
mov %r2, 4
stxdw [%r10-16], %r2
ldxdw %r2, [%r10-16]
add %r0, %r2
ldxw %r0, [%r0+0]
out:
mov %r0, 0
exit
