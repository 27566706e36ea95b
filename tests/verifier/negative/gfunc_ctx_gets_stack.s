# gfunc_ctx_gets_stack.s - the context argument given a stack pointer.
# type: xdp
# funcs: prog g_ctx
# expect: arg#0 expects pointer to ctx
mov %r1, %r10
add %r1, -8
call local g
mov %r0, 0
exit
g:
ldxw %r0, [%r1+0]
exit
