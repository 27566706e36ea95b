# kfunc_dynptr_arg_scalar.s - a number where bpf_dynptr_size wants a
# struct bpf_dynptr pointer.
# type: xdp
# kernel: needs BTF (kfuncs; 6.18 gives the same message for the C form)
# expect: arg#0 expected pointer to stack or const struct bpf_dynptr
mov %r1, 64
call kfunc 8
mov %r0, 0
exit
