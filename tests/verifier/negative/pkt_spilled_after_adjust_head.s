# pkt_spilled_after_adjust_head.s - a packet pointer spilled to the stack, reloaded after bpf_xdp_adjust_head.
# type: xdp
# expect: R2 invalid mem access 'scalar'
mov %r6, %r1
ldxw %r2, [%r6+0]
ldxw %r3, [%r6+4]
mov %r4, %r2
add %r4, 14
jgt %r4, %r3, out
stxdw [%r10-8], %r2
mov %r1, %r6
mov %r2, 4
call 44
ldxdw %r2, [%r10-8]
ldxb %r0, [%r2+0]
exit
out:
mov %r0, 0
exit
