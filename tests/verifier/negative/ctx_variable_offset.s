# ctx_variable_offset.s - variable offset into the context.
# type: xdp
# expect: variable ctx access var_off=
ldxw %r2, [%r1+12]
and %r2, 4
add %r1, %r2
ldxw %r0, [%r1+0]
exit
