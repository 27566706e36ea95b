# alu_mod_reg_ptr.s - pointer modulo.
# type: xdp
# expect: R0 pointer arithmetic with %= operator prohibited
mov %r0, %r10
mod %r0, 8
exit
