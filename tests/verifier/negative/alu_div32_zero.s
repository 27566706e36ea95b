# alu_div32_zero.s - 32-bit division by constant 0.
# type: xdp
# expect: div by zero
mov %r0, 1
div32 %r0, 0
exit
