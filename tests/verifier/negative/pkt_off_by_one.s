# pkt_off_by_one.s - 14 bytes checked, byte 14 read.
# type: xdp
# expect: invalid access to packet, off=14 size=1, R2(id=0,off=14,r=14)
ldxw %r2, [%r1+0]
ldxw %r3, [%r1+4]
mov %r4, %r2
add %r4, 14
jgt %r4, %r3, out
ldxb %r0, [%r2+14]
exit
out:
mov %r0, 0
exit
