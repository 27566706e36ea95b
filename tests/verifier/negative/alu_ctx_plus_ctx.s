# alu_ctx_plus_ctx.s - context added to itself.
# type: xdp
# expect: R1 pointer += pointer prohibited
add %r1, %r1
mov %r0, 0
exit
