# pkt_end_compare_32.s - a 32-bit compare with data_end proves nothing.
# type: xdp
# expect: invalid access to packet
ldxw %r2, [%r1+0]
ldxw %r3, [%r1+4]
mov %r4, %r2
add %r4, 14
jgt32 %r4, %r3, out
ldxb %r0, [%r2+0]
exit
out:
mov %r0, 0
exit
