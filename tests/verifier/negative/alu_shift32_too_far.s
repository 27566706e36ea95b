# alu_shift32_too_far.s - 32-bit shift by 32.
# type: xdp
# expect: invalid shift 32
mov %r0, 1
arsh32 %r0, 32
exit
