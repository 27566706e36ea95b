# ctx_tp_past_record.s - a tracepoint program reads at PERF_MAX_TRACE_SIZE (8192).
# type: tracepoint
# expect: invalid bpf_context access off=8192 size=8
ldxdw %r0, [%r1+8192]
exit
