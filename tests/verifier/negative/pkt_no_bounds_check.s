# pkt_no_bounds_check.s - packet byte read without comparing with data_end.
# type: xdp
# expect: invalid access to packet, off=0 size=1, R2(id=0,off=0,r=0)
ldxw %r2, [%r1+0]
ldxw %r3, [%r1+4]
ldxb %r0, [%r2+0]
exit
