# ctx_raw_tp_write.s - a raw tracepoint program writes its arguments.
# type: raw_tp
# expect: invalid bpf_context access off=0 size=8
mov %r2, 1
stxdw [%r1+0], %r2
mov %r0, 0
exit
