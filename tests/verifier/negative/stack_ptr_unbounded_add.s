# stack_ptr_unbounded_add.s - the stack pointer plus an unbounded number.
# type: xdp
# expect: math between fp pointer and register with unbounded min value is not allowed
call 5
mov %r3, %r10
add %r3, %r0
stb [%r3-1], 0
mov %r0, 0
exit
