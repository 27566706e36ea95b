# pkt_meta_unchecked.s - metadata read without comparing with data.
# type: xdp
# expect: invalid access to packet
ldxw %r2, [%r1+8]
ldxw %r0, [%r2+0]
exit
