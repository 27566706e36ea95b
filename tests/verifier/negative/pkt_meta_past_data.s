# pkt_meta_past_data.s - meta read past the checked bytes.
# type: xdp
# expect: invalid access to packet
ldxw %r2, [%r1+8]
ldxw %r3, [%r1+0]
mov %r4, %r2
add %r4, 4
jgt %r4, %r3, out
ldxw %r0, [%r2+4]
exit
out:
mov %r0, 0
exit
