# stack_misaligned.s - 4-byte store at fp-6.
# type: xdp
# expect: misaligned stack access
mov %r2, 1
stxw [%r10-6], %r2
mov %r0, 0
exit
