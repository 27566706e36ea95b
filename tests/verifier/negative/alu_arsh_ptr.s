# alu_arsh_ptr.s - pointer arithmetic shift.
# type: xdp
# expect: R0 pointer arithmetic with s>>= operator prohibited
mov %r0, %r1
arsh %r0, 1
exit
