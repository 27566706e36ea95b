# pkt_adjust_tail_stale.s - packet pointer used after bpf_xdp_adjust_tail.
# type: xdp
# expect: R7 invalid mem access 'scalar'
mov %r6, %r1
ldxw %r7, [%r1+0]
ldxw %r3, [%r1+4]
mov %r4, %r7
add %r4, 1
jgt %r4, %r3, out
mov %r1, %r6
mov %r2, 0
call 65
ldxb %r0, [%r7+0]
exit
out:
mov %r0, 0
exit
