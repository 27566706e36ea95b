# dynptr_uninit_arg.s - bpf_dynptr_read from stack that holds no dynptr.
# type: xdp
# expect: Expected an initialized dynptr as arg #2
mov %r1, %r10
add %r1, -32
mov %r2, 8
mov %r3, %r10
add %r3, -16
mov %r4, 0
mov %r5, 0
call 201
mov %r0, 0
exit
