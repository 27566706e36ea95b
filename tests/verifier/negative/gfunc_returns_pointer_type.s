# gfunc_returns_pointer_type.s - a global function whose BTF returns a pointer.
# type: xdp
# funcs: prog g_ret_ptr
# expect: Global function g_ret_ptr() doesn't return scalar. Only those are supported.
mov %r1, 1
call local g
mov %r0, 0
exit
g:
mov %r0, 0
exit
