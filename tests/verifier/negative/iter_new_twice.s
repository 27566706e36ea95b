# iter_new_twice.s - bpf_iter_num_new over a live iterator.
# type: xdp
# kernel: needs BTF (kfuncs; 6.18 gives the same message for the C form)
# expect: expected uninitialized iter_num as arg #0
mov %r1, %r10
add %r1, -8
mov %r2, 0
mov %r3, 3
call kfunc 10
mov %r1, %r10
add %r1, -8
mov %r2, 0
mov %r3, 3
call kfunc 10
mov %r1, %r10
add %r1, -8
call kfunc 12
mov %r0, 0
exit
