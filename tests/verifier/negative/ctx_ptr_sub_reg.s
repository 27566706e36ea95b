# ctx_ptr_sub_reg.s - context pointer minus a variable.
# type: xdp
# expect: variable ctx access var_off=
ldxw %r2, [%r1+12]
and %r2, 4
sub %r1, %r2
ldxw %r0, [%r1+4]
exit
