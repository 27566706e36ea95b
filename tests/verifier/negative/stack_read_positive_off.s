# stack_read_positive_off.s - read above the frame pointer.
# type: xdp
# expect: invalid read from stack R10 off=8 size=8
ldxdw %r0, [%r10+8]
exit
