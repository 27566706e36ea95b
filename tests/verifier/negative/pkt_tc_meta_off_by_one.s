# pkt_tc_meta_off_by_one.s - tc metadata: 4 bytes checked, 8 read.
# type: sched_cls
# expect: invalid access to packet
ldxw %r2, [%r1+140]
ldxw %r3, [%r1+76]
mov %r4, %r2
add %r4, 4
jgt %r4, %r3, out
ldxdw %r0, [%r2+0]
exit
out:
mov %r0, 0
exit
