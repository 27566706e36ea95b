# call_three_frames_stack.s - three frames of 176 bytes.
# type: xdp
# expect: combined stack size of 3 calls is 528. Too large
stdw [%r10-176], 0
call local f
exit
f:
stdw [%r10-176], 0
call local g
exit
g:
stdw [%r10-176], 0
mov %r0, 0
exit
