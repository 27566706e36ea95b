# ctx_perf_event_write.s - a perf_event program writes sample_period.
# type: perf_event
# expect: invalid bpf_context access off=168 size=8
mov %r2, 1
stxdw [%r1+168], %r2
mov %r0, 0
exit
