# iter_next_without_new.s - bpf_iter_num_next (kfunc 11) on zeroed stack.
# type: xdp
# kernel: needs BTF (kfuncs; 6.18 gives the same message for the C form)
# expect: expected an initialized iter_num as arg #0
stdw [%r10-8], 0
mov %r1, %r10
add %r1, -8
call kfunc 11
mov %r0, 0
exit
