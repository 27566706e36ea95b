# dynptr_from_mem_stack.s - a local dynptr over the stack (the kernel allows
# map values only).
# type: xdp
# expect: Unsupported reg type fp for bpf_dynptr_from_mem data
stdw [%r10-24], 0
mov %r1, %r10
add %r1, -24
mov %r2, 8
mov %r3, 0
mov %r4, %r10
add %r4, -16
call 197
mov %r0, 0
exit
