# ctx_perf_event_narrow_regs.s - a perf_event program reads half a register (only sample_period and addr allow narrow reads).
# type: perf_event
# expect: invalid bpf_context access off=128 size=4
ldxw %r0, [%r1+128]
exit
