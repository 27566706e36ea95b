# stack_spill_clobbered.s - a spilled pointer partly overwritten, then used.
# type: xdp
# expect: R2 invalid mem access 'scalar'
stxdw [%r10-8], %r1
stb [%r10-8], 0
ldxdw %r2, [%r10-8]
ldxw %r0, [%r2+12]
exit
