# dynptr_double_submit.s - a ring buffer dynptr submitted twice.
# type: xdp
# expect: arg 1 is an unacquired reference
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
mov %r4, %r10
add %r4, -16
call 198
mov %r1, %r10
add %r1, -16
mov %r2, 0
call 199
mov %r1, %r10
add %r1, -16
mov %r2, 0
call 199
mov %r0, 0
exit
