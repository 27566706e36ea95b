# stack_var_offset_oob.s - variable offset reaching above fp.
# type: xdp
# expect: invalid variable-offset read from stack R3
ldxw %r2, [%r1+12]
and %r2, 16
mov %r3, %r10
add %r3, -16
add %r3, %r2
ldxdw %r0, [%r3+0]
exit
