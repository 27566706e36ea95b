# alu_ptr_mul.s - multiplying a pointer.
# type: xdp
# expect: R0 pointer arithmetic with *= operator prohibited
mov %r0, %r10
mul %r0, 2
exit
