# gfunc_tag_ctx_gets_stack.s - a stack pointer for a `void *ctx __arg_ctx` argument.
# type: xdp
# funcs: prog g_ctx_void
# expect: arg#0 expects pointer to ctx
mov %r1, %r10
call local g
exit
g:
mov %r0, 0
exit
