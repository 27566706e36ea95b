# call_caller_stack_oob.s - subprogram writes above the caller's slot.
# type: xdp
# expect: invalid write to stack R1 off=0 size=8
mov %r1, %r10
add %r1, -8
call local f
ldxdw %r0, [%r10-8]
exit
f:
stdw [%r1+8], 7
mov %r0, 0
exit
