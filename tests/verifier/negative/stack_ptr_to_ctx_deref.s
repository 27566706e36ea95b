# stack_ptr_to_ctx_deref.s - a stack address loaded back as a number.
# type: xdp
# expect: R2 invalid mem access 'scalar'
stxdw [%r10-8], %r10
stb [%r10-1], 0
ldxdw %r2, [%r10-8]
ldxdw %r0, [%r2+0]
exit
