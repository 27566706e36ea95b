# stack_partial_pointer_spill.s - a pointer stored in 4 bytes.
# type: xdp
# expect: invalid size of register spill
stxw [%r10-8], %r1
mov %r0, 0
exit
