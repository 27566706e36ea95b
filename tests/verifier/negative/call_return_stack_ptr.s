# call_return_stack_ptr.s - subprogram returns its own stack.
# type: xdp
# expect: cannot return stack pointer to the caller
call local f
mov %r0, 0
exit
f:
mov %r0, %r10
exit
