# alu_shift_negative.s - shift by a negative constant.
# type: xdp
# expect: invalid shift -1
mov %r0, 1
rsh %r0, -1
exit
