# alu_mov32_truncates_ptr.s - a 32-bit move of a pointer, then a dereference.
# type: xdp
# expect: R0 invalid mem access 'scalar'
mov32 %r0, %r10
ldxdw %r0, [%r0-8]
exit
