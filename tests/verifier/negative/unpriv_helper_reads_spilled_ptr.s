# unpriv_helper_reads_spilled_ptr.s - map_update_elem copies a value whose
# bytes are a spilled context pointer into the map.
# type: socket_filter
# mode: unpriv
# expect: invalid read from stack R3 off -16+0 size 8
stw [%r10-4], 0
stxdw [%r10-16], %r1
mov %r2, %r10
add %r2, -4
mov %r3, %r10
add %r3, -16
mov %r4, 0
lddw %r1, map[idx:1]
call 2
mov %r0, 0
exit
