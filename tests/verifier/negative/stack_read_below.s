# stack_read_below.s - read below the 512-byte frame.
# type: xdp
# expect: invalid read from stack R10 off=-520 size=8
ldxdw %r0, [%r10-520]
exit
