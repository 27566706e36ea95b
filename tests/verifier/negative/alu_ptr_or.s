# alu_ptr_or.s - or on a pointer.
# type: xdp
# expect: R0 bitwise operator |= on pointer prohibited
mov %r0, %r10
or %r0, 1
exit
