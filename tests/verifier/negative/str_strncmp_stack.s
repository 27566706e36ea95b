# str_strncmp_stack.s - the constant string is on the stack.
# type: xdp
# expect: R3 type=fp expected=map_value
stdw [%r10-8], 0
mov %r1, %r10
add %r1, -8
mov %r2, 8
mov %r3, %r10
add %r3, -8
call 182
mov %r0, 0
exit
