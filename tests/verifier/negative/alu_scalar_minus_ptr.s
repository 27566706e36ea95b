# alu_scalar_minus_ptr.s - number minus pointer.
# type: xdp
# expect: R0 tried to subtract pointer from scalar
mov %r0, 5
sub %r0, %r10
exit
