# gfunc_tag_on_scalar.s - "arg:nonnull" on an int argument.
# type: xdp
# funcs: prog g_scalar_tag
# expect: arg#0 has pointer tag, but is not a pointer type
mov %r1, 0
call local g
mov %r0, 0
exit
g:
mov %r0, 0
exit
