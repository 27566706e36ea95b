# lock_stack_arg.s - the lock argument points to the stack.
# type: xdp
# expect: R1 type=fp expected=map_value
stdw [%r10-8], 0
mov %r1, %r10
add %r1, -8
call 93
mov %r0, 0
exit
