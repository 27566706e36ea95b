# helper_ctx_arg_fp.s - bpf_xdp_adjust_head given a stack pointer for its context.
# type: xdp
# expect: R1 type=fp expected=ctx
mov %r1, %r10
mov %r2, 4
call 44
mov %r0, 0
exit
