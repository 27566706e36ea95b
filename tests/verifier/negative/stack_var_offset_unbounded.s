# stack_var_offset_unbounded.s - stack pointer plus any number.
# type: xdp
# expect: invalid unbounded variable-offset write to stack R3
ldxw %r2, [%r1+12]
mov %r3, %r10
add %r3, %r2
stb [%r3+0], 0
mov %r0, 0
exit
