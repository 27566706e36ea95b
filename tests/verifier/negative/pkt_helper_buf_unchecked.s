# pkt_helper_buf_unchecked.s - packet bytes passed to a helper unchecked.
# type: xdp
# expect: invalid access to packet
ldxw %r2, [%r1+0]
ldxw %r3, [%r1+4]
mov %r1, %r2
mov %r2, 8
call 6
exit
