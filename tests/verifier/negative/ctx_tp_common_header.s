# ctx_tp_common_header.s - a tracepoint program reads the record's common header (common_pid).
# type: tracepoint
# expect: invalid bpf_context access off=4 size=4
ldxw %r0, [%r1+4]
exit
