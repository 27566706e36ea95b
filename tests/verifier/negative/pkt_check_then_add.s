# pkt_check_then_add.s - pointer advanced after the check.
# type: xdp
# expect: invalid access to packet
ldxw %r2, [%r1+0]
ldxw %r3, [%r1+4]
mov %r4, %r2
add %r4, 4
jgt %r4, %r3, out
add %r2, 4
ldxb %r0, [%r2+0]
exit
out:
mov %r0, 0
exit
