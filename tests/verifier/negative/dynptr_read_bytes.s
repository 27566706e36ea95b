# dynptr_read_bytes.s - the program loads the bytes of a dynptr.
# type: xdp
# expect: invalid read from stack off -16+0 size 8
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
mov %r4, %r10
add %r4, -16
call 198
ldxdw %r0, [%r10-16]
mov %r1, %r10
add %r1, -16
mov %r2, 0
call 199
mov %r0, 0
exit
