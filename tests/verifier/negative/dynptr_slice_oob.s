# dynptr_slice_oob.s - an 8-byte store at offset 4 of an 8-byte slice.
# type: xdp
# expect: invalid access to memory, mem_size=8 off=4 size=8
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
mov %r4, %r10
add %r4, -16
call 198
mov %r1, %r10
add %r1, -16
mov %r2, 0
mov %r3, 8
call 203
jeq %r0, 0, out
stdw [%r0+4], 1
out:
mov %r1, %r10
add %r1, -16
mov %r2, 0
call 199
mov %r0, 0
exit
