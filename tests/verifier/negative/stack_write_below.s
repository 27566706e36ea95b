# stack_write_below.s - write below the frame.
# type: xdp
# expect: invalid write to stack R10 off=-520 size=8
stdw [%r10-520], 1
mov %r0, 0
exit
