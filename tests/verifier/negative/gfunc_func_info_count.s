# gfunc_func_info_count.s - func_info names one function, the program has two.
# type: xdp
# funcs: prog
# expect: number of funcs in func_info doesn't match number of subprogs
mov %r1, 1
call local g
mov %r0, 0
exit
g:
mov %r0, 0
exit
