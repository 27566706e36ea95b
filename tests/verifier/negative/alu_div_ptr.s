# alu_div_ptr.s - pointer division.
# type: xdp
# expect: R0 pointer arithmetic with /= operator prohibited
mov %r0, %r1
div %r0, 2
exit
