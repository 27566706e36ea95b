# pkt_var_offset_unbounded.s - 64-bit unknown added to a packet pointer.
# type: xdp
# expect: math between pkt pointer and register with unbounded min value is not allowed
ldxw %r2, [%r1+0]
ldxw %r3, [%r1+4]
ldxdw %r5, [%r10-8]
add %r2, %r5
mov %r0, 0
exit
