# ctx_tc_tstamp_narrow_write.s - a tc program writes 4 bytes of skb->tstamp.
# type: sched_cls
# expect: invalid bpf_context access off=152 size=4
mov %r2, 0
stxw [%r1+152], %r2
mov %r0, 0
exit
