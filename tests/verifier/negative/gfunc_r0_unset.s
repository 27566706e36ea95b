# gfunc_r0_unset.s - the function returns without setting R0.
# type: xdp
# funcs: prog g_scalar
# expect: R0 !read_ok
mov %r1, 1
call local g
mov %r0, 0
exit
g:
exit
