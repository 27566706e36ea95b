# pkt_helper_buf_unchecked.s - packet bytes passed to bpf_trace_printk, which is not one of the helpers that take packet memory.
# type: xdp
# expect: helper access to the packet is not allowed
ldxw %r2, [%r1+0]
ldxw %r3, [%r1+4]
mov %r1, %r2
mov %r2, 8
call 6
exit
