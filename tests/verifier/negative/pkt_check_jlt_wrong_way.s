# pkt_check_jlt_wrong_way.s - reads when p+14 < end is false.
# type: xdp
# expect: invalid access to packet
ldxw %r2, [%r1+0]
ldxw %r3, [%r1+4]
mov %r4, %r2
add %r4, 14
jlt %r4, %r3, out
ldxb %r0, [%r2+0]
exit
out:
mov %r0, 0
exit
