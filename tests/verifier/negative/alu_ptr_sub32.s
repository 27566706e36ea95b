# alu_ptr_sub32.s - 32-bit add of a number to the context.
# type: xdp
# expect: R0 32-bit pointer arithmetic prohibited
mov %r0, %r1
mov %r2, 4
add32 %r0, %r2
exit
