# call_stack_too_large.s - two frames of 304 bytes.
# type: xdp
# expect: combined stack size of 2 calls is 608. Too large
stdw [%r10-304], 0
call local f
exit
f:
stdw [%r10-304], 0
mov %r0, 0
exit
