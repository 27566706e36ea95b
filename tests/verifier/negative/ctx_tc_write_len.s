# ctx_tc_write_len.s - a tc program writes skb->len.
# type: sched_cls
# expect: invalid bpf_context access off=0 size=4
mov %r2, 1
stxw [%r1+0], %r2
mov %r0, 0
exit
