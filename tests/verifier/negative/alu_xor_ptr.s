# alu_xor_ptr.s - pointer xor.
# type: xdp
# expect: R0 bitwise operator ^= on pointer prohibited
mov %r0, %r10
xor %r0, 1
exit
