# call_callee_reads_caller_oob.s - callee reads above the caller's buffer.
# type: xdp
# expect: invalid read from stack R1 off=0 size=8
mov %r1, %r10
add %r1, -8
call local f
exit
f:
ldxdw %r0, [%r1+8]
exit
