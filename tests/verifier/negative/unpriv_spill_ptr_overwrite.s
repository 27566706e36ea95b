# unpriv_spill_ptr_overwrite.s - 4 bytes written over a spilled pointer: the
# other 4 would read back as a number.
# type: socket_filter
# mode: unpriv
# expect: attempt to corrupt spilled pointer on stack
stxdw [%r10-8], %r1
stw [%r10-8], 0
ldxdw %r0, [%r10-8]
mov %r0, 0
exit
