# pkt_helper_skbload.s - a checked packet pointer as bpf_skb_load_bytes's destination.
# type: sched_cls
# expect: helper access to the packet is not allowed
mov %r6, %r1
ldxw %r2, [%r1+76]
ldxw %r3, [%r1+80]
mov %r4, %r2
add %r4, 16
jgt %r4, %r3, out
mov %r1, %r6
mov %r3, %r2
mov %r2, 0
mov %r4, 4
call 26
out:
mov %r0, 0
exit
