# iter_next_no_null_check.s - a read through bpf_iter_num_next's result
# without checking it: NULL (a number) on the path where the iterator is
# drained.
# type: xdp
# kernel: needs BTF (kfuncs; 6.18 gives the same message for the C form)
# expect: R0 invalid mem access 'scalar'
mov %r1, %r10
add %r1, -8
mov %r2, 0
mov %r3, 3
call kfunc 10
mov %r1, %r10
add %r1, -8
call kfunc 11
ldxw %r6, [%r0+0]
mov %r1, %r10
add %r1, -8
call kfunc 12
mov %r0, %r6
exit
