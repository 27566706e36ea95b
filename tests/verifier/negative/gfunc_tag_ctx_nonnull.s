# gfunc_tag_ctx_nonnull.s - "arg:ctx" with "arg:nonnull": a context takes no other tag.
# type: xdp
# funcs: prog g_ctx_nonnull
# expect: arg#0 has invalid combination of tags
call local g
exit
g:
mov %r0, 0
exit
