# stack_var_write_kills_spill.s - a variable-offset stack write overwrites a spilled pointer, then it is used.
# type: xdp
# expect: R2 invalid mem access
stxdw [%r10-16], %r1
ldxw %r3, [%r1+12]
and %r3, 4
mov %r4, %r10
add %r4, -16
add %r4, %r3
stw [%r4+0], 0
ldxdw %r2, [%r10-16]
ldxw %r0, [%r2+0]
exit
