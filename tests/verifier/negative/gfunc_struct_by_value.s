# gfunc_struct_by_value.s - a struct passed by value: no register holds it.
# type: xdp
# funcs: prog g_struct
# expect: Arg#0 type STRUCT in g_struct() is not supported yet.
call local g
exit
g:
mov %r0, 0
exit
