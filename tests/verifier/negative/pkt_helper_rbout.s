# pkt_helper_rbout.s - a checked packet pointer for bpf_ringbuf_output's data: not a helper that takes packet memory (the kernel's pkt_access).
# type: xdp
# expect: helper access to the packet is not allowed
ldxw %r2, [%r1+0]
ldxw %r3, [%r1+4]
mov %r4, %r2
add %r4, 16
jgt %r4, %r3, out
lddw %r1, map[idx:5]
mov %r3, 8
mov %r4, 0
call 130
out:
mov %r0, 0
exit
