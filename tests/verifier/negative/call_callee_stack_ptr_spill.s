# call_callee_stack_ptr_spill.s - callee stores its fp into the caller's stack.
# type: xdp
# expect: cannot spill pointers to stack into stack frame of the caller
mov %r1, %r10
add %r1, -8
call local f
mov %r0, 0
exit
f:
stxdw [%r1+0], %r10
mov %r0, 0
exit
