# ctx_negative_ptr.s - context pointer moved backwards.
# type: xdp
# expect: negative offset ctx ptr R1 off=-4 disallowed
add %r1, -4
ldxw %r0, [%r1+4]
exit
