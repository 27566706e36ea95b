# ctx_raw_tp_past_args.s - a raw tracepoint program reads past its 12 arguments.
# type: raw_tp
# expect: invalid bpf_context access off=96 size=8
ldxdw %r0, [%r1+96]
exit
