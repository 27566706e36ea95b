# call_tail_call_pkt_stale.s - a packet pointer used after a subprogram that tail calls (the target may move the packet).
# type: xdp
# kernel: needs BTF for a tail call in a subprogram, not compared
# expect: R7 invalid mem access 'scalar'
mov %r6, %r1
ldxw %r7, [%r6+0]
ldxw %r8, [%r6+4]
mov %r2, %r7
add %r2, 14
jgt %r2, %r8, out
mov %r1, %r6
call local f
ldxb %r0, [%r7+0]
exit
out:
mov %r0, 0
exit
f:
lddw %r2, map[idx:6]
mov %r3, 0
call 12
mov %r0, 0
exit
