# alu_shift_too_far.s - 64-bit shift by 64.
# type: xdp
# expect: invalid shift 64
mov %r0, 1
lsh %r0, 64
exit
