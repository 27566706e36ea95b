# map_arg_ctx.s - map argument is the context.
# type: xdp
# expect: R1 type=ctx expected=map_ptr
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
call 1
mov %r0, 0
exit
