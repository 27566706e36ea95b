# pkt_jge_too_far.s - p+14 < end allows 15 bytes, reads 16th.
# type: xdp
# expect: invalid access to packet
ldxw %r2, [%r1+0]
ldxw %r3, [%r1+4]
mov %r4, %r2
add %r4, 14
jge %r4, %r3, out
ldxb %r0, [%r2+15]
exit
out:
mov %r0, 0
exit
