# gfunc_reads_unpassed_arg.s - the function reads R2, which its prototype does not pass.
# type: xdp
# funcs: prog g_scalar
# expect: R2 !read_ok
mov %r1, 1
mov %r2, 2
call local g
mov %r0, 0
exit
g:
mov %r0, %r2
exit
