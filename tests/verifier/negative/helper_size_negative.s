# helper_size_negative.s - size that may be negative.
# type: xdp
# expect: R2 min value is negative, either use unsigned or 'var &= const'
ldxdw %r2, [%r10-16]
mov %r1, %r10
add %r1, -8
call 6
exit
