# gfunc_scalar_gets_pointer.s - a global function's int argument given a stack pointer.
# type: xdp
# funcs: prog g_scalar
# expect: Caller passes invalid args into func#1 ('g_scalar')
mov %r1, %r10
call local g
mov %r0, 0
exit
g:
mov %r0, %r1
exit
