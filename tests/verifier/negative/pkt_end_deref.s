# pkt_end_deref.s - data_end dereferenced.
# type: xdp
# expect: R3 invalid mem access 'pkt_end'
ldxw %r2, [%r1+0]
ldxw %r3, [%r1+4]
ldxb %r0, [%r3+0]
exit
