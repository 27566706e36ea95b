# dynptr_misaligned.s - a dynptr at fp-20, not 8-aligned.
# type: xdp
# expect: cannot pass in dynptr at an offset=-20
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
mov %r4, %r10
add %r4, -20
call 198
mov %r0, 0
exit
