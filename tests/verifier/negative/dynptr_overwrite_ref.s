# dynptr_overwrite_ref.s - a store into the second half of a ring buffer
# dynptr (it holds a reference).
# type: xdp
# expect: cannot overwrite referenced dynptr
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
mov %r4, %r10
add %r4, -16
call 198
stdw [%r10-8], 0
mov %r1, %r10
add %r1, -16
mov %r2, 0
call 199
mov %r0, 0
exit
