# stack_fill_ptr_as_u8.s - one byte of a spilled context pointer.
# type: xdp
# expect: invalid size of register fill
stxdw [%r10-8], %r1
ldxb %r0, [%r10-8]
exit
