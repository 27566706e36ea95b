# stack_write_above_fp.s - write at the frame pointer.
# type: xdp
# expect: invalid write to stack R10 off=0 size=8
stdw [%r10+0], 1
mov %r0, 0
exit
