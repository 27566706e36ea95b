# ld_abs_r6_not_ctx.s - a legacy packet load with R6 not the context.
# type: socket_filter
# expect: at the time of BPF_LD_ABS|IND R6 != pointer to skb
mov %r6, %r10
ldabsb 0
exit
