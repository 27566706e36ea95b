# gfunc_tag_ctx_other_type.s - "arg:ctx" on struct xdp_md * in a tc program.
# type: sched_cls
# funcs: prog g_xdp_tag
# expect: arg#0 should be `struct __sk_buff *`
call local g
exit
g:
mov %r0, 0
exit
