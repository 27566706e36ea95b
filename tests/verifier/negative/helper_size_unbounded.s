# helper_size_unbounded.s - size from the context.
# type: xdp
# expect: R2 unbounded memory access, use 'var &= const' or 'if (var < const)'
ldxw %r2, [%r1+12]
add %r2, 1
mov %r1, %r10
add %r1, -8
call 6
exit
