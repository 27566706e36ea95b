# alu_div_zero.s - division by the constant 0.
# type: xdp
# expect: div by zero
mov %r0, 1
div %r0, 0
exit
