# ctx_sockfilter_write_mark.s - a socket filter writes skb->mark.
# type: socket_filter
# expect: invalid bpf_context access off=8 size=4
mov %r2, 1
stxw [%r1+8], %r2
mov %r0, 0
exit
