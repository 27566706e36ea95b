# ctx_sockfilter_read_data.s - a socket filter reads skb->data.
# type: socket_filter
# expect: invalid bpf_context access off=76 size=4
ldxw %r2, [%r1+76]
mov %r0, 0
exit
