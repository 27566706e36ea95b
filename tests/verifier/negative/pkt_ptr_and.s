# pkt_ptr_and.s - packet pointer masked.
# type: xdp
# expect: R2 bitwise operator &= on pointer prohibited
ldxw %r2, [%r1+0]
ldxw %r3, [%r1+4]
and %r2, -4
mov %r0, 0
exit
