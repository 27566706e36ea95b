# kfunc_clone_double_release.s - a ring buffer record discarded through its
# clone, then through the original.
# type: xdp
# kernel: needs BTF (kfuncs; 6.18 gives the same message for the C form)
# expect: arg 1 is an unacquired reference
lddw %r1, map[idx:5]
mov %r2, 16
mov %r3, 0
mov %r4, %r10
add %r4, -16
call 198
mov %r1, %r10
add %r1, -16
mov %r2, %r10
add %r2, -32
call kfunc 9
mov %r1, %r10
add %r1, -32
mov %r2, 0
call 200
mov %r1, %r10
add %r1, -16
mov %r2, 0
call 200
mov %r0, 0
exit
