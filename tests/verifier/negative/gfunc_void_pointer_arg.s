# gfunc_void_pointer_arg.s - a void * argument: no size to check.
# type: xdp
# funcs: prog g_void
# expect: arg#0 reference type('UNKNOWN ') size cannot be determined: -22
mov %r1, %r10
call local g
mov %r0, 0
exit
g:
mov %r0, 0
exit
