# pkt_var_offset_unchecked.s - variable offset added after the check.
# type: xdp
# expect: invalid access to packet
ldxw %r2, [%r1+0]
ldxw %r3, [%r1+4]
mov %r4, %r2
add %r4, 14
jgt %r4, %r3, out
ldxw %r5, [%r1+12]
and %r5, 7
add %r2, %r5
ldxb %r0, [%r2+0]
exit
out:
mov %r0, 0
exit
