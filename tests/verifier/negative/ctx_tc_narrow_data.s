# ctx_tc_narrow_data.s - a tc program reads the low half of skb->data.
# type: sched_cls
# expect: invalid bpf_context access off=76 size=2
ldxh %r2, [%r1+76]
mov %r0, 0
exit
