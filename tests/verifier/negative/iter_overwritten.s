# iter_overwritten.s - a store over a live iterator ends it (the kernel
# accepts the store); destroying it then is refused (and its reference
# would leak).
# type: xdp
# kernel: needs BTF (kfuncs; 6.18 gives the same message for the C form)
# expect: expected an initialized iter_num as arg #0
mov %r1, %r10
add %r1, -8
mov %r2, 0
mov %r3, 3
call kfunc 10
stdw [%r10-8], 5
mov %r1, %r10
add %r1, -8
call kfunc 12
mov %r0, 0
exit
