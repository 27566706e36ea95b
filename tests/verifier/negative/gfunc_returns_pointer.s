# gfunc_returns_pointer.s - the function returns its stack pointer.
# type: xdp
# funcs: prog g_scalar
# expect: At subprogram exit the register R0 is not a scalar value (fp)
mov %r1, 1
call local g
mov %r0, 0
exit
g:
mov %r0, %r10
exit
