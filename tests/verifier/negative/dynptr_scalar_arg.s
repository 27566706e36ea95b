# dynptr_scalar_arg.s - a number where bpf_dynptr_read wants a dynptr.
# type: xdp
# expect: R3 type=scalar expected=fp, dynptr_ptr
mov %r1, %r10
add %r1, -32
mov %r2, 4
mov %r3, 0
mov %r4, 0
mov %r5, 0
call 201
mov %r0, 0
exit
