# pkt_ptr_mul.s - packet pointer multiplied.
# type: xdp
# expect: R2 pointer arithmetic with *= operator prohibited
ldxw %r2, [%r1+0]
ldxw %r3, [%r1+4]
mul %r2, 2
mov %r0, 0
exit
