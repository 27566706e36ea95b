# alu_stack_too_far.s - a huge constant added to fp.
# type: xdp
# expect: math between fp pointer and 536870912 is not allowed
mov %r0, %r10
lddw %r2, 0x20000000
add %r0, %r2
mov %r0, 0
exit
