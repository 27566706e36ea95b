# gfunc_tag_ctx_wrong_struct.s - "arg:ctx" on a long *: XDP's context is struct xdp_md.
# type: xdp
# funcs: prog g_ctx_long
# expect: arg#0 should be `struct xdp_md *`
call local g
exit
g:
mov %r0, 0
exit
