# pkt_helper_pop.s - a checked packet pointer for bpf_map_pop_elem's value (written): refused as the kernel refuses it.
# type: xdp
# expect: helper access to the packet is not allowed
ldxw %r2, [%r1+0]
ldxw %r3, [%r1+4]
mov %r4, %r2
add %r4, 16
jgt %r4, %r3, out
lddw %r1, map[idx:4]
call 88
out:
mov %r0, 0
exit
