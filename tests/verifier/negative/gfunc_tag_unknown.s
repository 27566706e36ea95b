# gfunc_tag_unknown.s - an "arg:bogus" decl tag: not one the verifier knows.
# type: xdp
# funcs: prog g_bogus
# expect: arg#0 has unsupported set of tags
mov %r1, 0
call local g
mov %r0, 0
exit
g:
mov %r0, 0
exit
