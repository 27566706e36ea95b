# gfunc_ctx_modified.s - the context argument given the context plus 4.
# type: xdp
# funcs: prog g_ctx
# expect: dereference of modified ctx ptr R1 off=4 disallowed
add %r1, 4
call local g
mov %r0, 0
exit
g:
ldxw %r0, [%r1+0]
exit
