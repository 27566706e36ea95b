# alu_ptr32.s - 32-bit add on a pointer.
# type: xdp
# expect: R0 32-bit pointer arithmetic prohibited
mov %r0, %r10
add32 %r0, 8
exit
