# stack_helper_below_frame.s - helper buffer below the frame.
# type: xdp
# expect: invalid read from stack R1 off=-520 size=8
mov %r1, %r10
add %r1, -520
mov %r2, 8
call 6
exit
