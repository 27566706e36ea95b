# alu_ptr_lsh.s - shifting a pointer.
# type: xdp
# expect: R0 pointer arithmetic with <<= operator prohibited
mov %r0, %r10
lsh %r0, 1
exit
