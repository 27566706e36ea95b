# pkt_word_past_check.s - a u32 at 12 after checking 14 bytes.
# type: xdp
# expect: invalid access to packet, off=12 size=4, R2(id=0,off=12,r=14)
ldxw %r2, [%r1+0]
ldxw %r3, [%r1+4]
mov %r4, %r2
add %r4, 14
jgt %r4, %r3, out
ldxw %r0, [%r2+12]
exit
out:
mov %r0, 0
exit
