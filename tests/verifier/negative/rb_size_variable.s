# rb_size_variable.s - record size from the context.
# type: xdp
# expect: R2 is not a known constant'
ldxw %r2, [%r1+12]
lddw %r1, map[idx:5]
mov %r3, 0
call 131
mov %r0, 0
exit
