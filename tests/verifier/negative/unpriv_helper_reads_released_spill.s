# unpriv_helper_reads_released_spill.s - a ring buffer record pointer
# spilled, the record submitted, then the spill's bytes handed to
# map_update_elem as the value: they still hold the record's address.
# type: socket_filter
# mode: unpriv
# expect: invalid read from stack R3 off -16+0 size 8
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
call 131
jeq %r0, 0, out
stxdw [%r10-16], %r0
mov %r1, %r0
mov %r2, 0
call 132
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
mov %r3, %r10
add %r3, -16
mov %r4, 0
lddw %r1, map[idx:1]
call 2
out:
mov %r0, 0
exit
