# iter_elem_write.s - a store through the element bpf_iter_num_next gives
# (read-only: the iterator's own number).
# type: xdp
# kernel: needs BTF (kfuncs)
# expect: R0 cannot write into rdonly_mem
mov %r1, %r10
add %r1, -8
mov %r2, 0
mov %r3, 3
call kfunc 10
mov %r1, %r10
add %r1, -8
call kfunc 11
jeq %r0, 0, out
stw [%r0+0], 7
out:
mov %r1, %r10
add %r1, -8
call kfunc 12
mov %r0, 0
exit
