# dynptr_var_offset.s - a dynptr at a variable stack offset.
# type: xdp
# expect: dynptr has to be at a constant offset
ldxw %r4, [%r1+12]
and %r4, 8
sub %r4, 32
add %r4, %r10
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
call 198
mov %r0, 0
exit
