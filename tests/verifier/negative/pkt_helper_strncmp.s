# pkt_helper_strncmp.s - a checked packet pointer as bpf_strncmp's string.
# type: xdp
# expect: helper access to the packet is not allowed
ldxw %r2, [%r1+0]
ldxw %r3, [%r1+4]
mov %r4, %r2
add %r4, 16
jgt %r4, %r3, out
mov %r1, %r2
mov %r2, 4
lddw %r3, map[idx:8]+14
call 182
out:
mov %r0, 0
exit
