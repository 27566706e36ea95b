# gfunc_ctx_by_name_other_type.s - struct bpf_raw_tracepoint_args * in an XDP program: plain memory (of size 0), not the context.
# type: xdp
# funcs: prog g_rawtp
# expect: Caller passes invalid args into func#1 ('g_rawtp')
mov %r1, %r10
call local g
exit
g:
mov %r0, 0
exit
