# atomic_stack_oob.s - atomic above the frame pointer.
# type: xdp
# expect: invalid read from stack R10 off=0 size=8
mov %r1, 1
lock add [%r10+0], %r1
mov %r0, 0
exit
