# gfunc_tag_ctx_is_ctx.s - the function sees `void *ctx __arg_ctx` as the context: a load of ctx->data is a packet pointer, not a number to return.
# type: xdp
# funcs: prog g_ctx_void
# expect: At subprogram exit the register R0 is not a scalar value (pkt)
call local g
exit
g:
ldxw %r0, [%r1+0]
exit
