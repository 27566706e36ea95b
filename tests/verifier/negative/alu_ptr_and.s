# alu_ptr_and.s - masking a pointer.
# type: xdp
# expect: R0 bitwise operator &= on pointer prohibited
mov %r0, %r10
and %r0, -8
exit
