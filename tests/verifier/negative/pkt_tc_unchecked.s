# pkt_tc_unchecked.s - a tc program reads its packet without a bounds check.
# type: sched_cls
# expect: invalid access to packet, off=12 size=2
ldxw %r2, [%r1+76]
ldxh %r0, [%r2+12]
exit
