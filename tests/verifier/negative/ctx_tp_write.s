# ctx_tp_write.s - a tracepoint program writes a field of its record.
# type: tracepoint
# expect: invalid bpf_context access off=8 size=4
mov %r2, 0
stxw [%r1+8], %r2
mov %r0, 0
exit
