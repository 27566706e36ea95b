# tail_call_no_ctx.s - tail call without the context.
# type: xdp
# expect: R1 type=scalar expected=ctx
mov %r1, 0
lddw %r2, map[idx:6]
mov %r3, 0
call 12
mov %r0, 0
exit
