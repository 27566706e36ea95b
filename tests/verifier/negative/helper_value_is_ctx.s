# helper_value_is_ctx.s - the context as a map update's value.
# type: xdp
# expect: R3 type=ctx expected=fp
stw [%r10-4], 0
mov %r3, %r1
lddw %r1, map[idx:0]
mov %r2, %r10
add %r2, -4
mov %r4, 0
call 2
mov %r0, 0
exit
