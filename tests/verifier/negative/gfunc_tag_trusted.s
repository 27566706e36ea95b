# gfunc_tag_trusted.s - "arg:trusted" on a long *: no kernel type matches it.
# type: xdp
# funcs: prog g_trusted
# expect: arg#0 reference type('INT long') has no matches
mov %r1, 0
call local g
mov %r0, 0
exit
g:
mov %r0, 0
exit
