# pkt_compared_with_data.s - the bound is checked against data, not data_end.
# type: xdp
# expect: invalid access to packet
ldxw %r2, [%r1+0]
ldxw %r3, [%r1+4]
mov %r4, %r2
add %r4, 14
jgt %r4, %r2, out
ldxb %r0, [%r2+0]
exit
out:
mov %r0, 0
exit
