# kfunc_dynptr_uninit.s - bpf_dynptr_size of stack no helper made a dynptr.
# type: xdp
# kernel: needs BTF (kfuncs; 6.18 gives the same message for the C form)
# expect: Expected an initialized dynptr as arg #0
stdw [%r10-16], 0
stdw [%r10-8], 0
mov %r1, %r10
add %r1, -16
call kfunc 8
mov %r0, 0
exit
