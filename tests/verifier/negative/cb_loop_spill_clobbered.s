# cb_loop_spill_clobbered.s - a spilled pointer the callback overwrote, used after the loop.
# type: xdp
# kernel: needs BTF for callbacks, not compared
# expect: R1 invalid mem access 'scalar'
stxdw [%r10-16], %r1
stdw [%r10-8], 0
mov %r1, 10
lddw %r2, subprog[cb]
mov %r3, %r10
add %r3, -8
mov %r4, 0
call 181
ldxdw %r1, [%r10-16]
ldxw %r0, [%r1+12]
exit
cb:
stdw [%r2-8], 7
mov %r0, 0
exit
