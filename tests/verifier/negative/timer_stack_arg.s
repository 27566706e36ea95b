# timer_stack_arg.s - a stack pointer passed as the timer.
# type: xdp
# expect: R1 type=fp expected=map_value
stdw [%r10-16], 0
stdw [%r10-8], 0
mov %r1, %r10
add %r1, -16
call 172
mov %r0, 0
exit
