# ctx_perf_event_past_addr.s - a perf_event program reads past addr, the end of bpf_perf_event_data.
# type: perf_event
# expect: invalid bpf_context access off=184 size=8
ldxdw %r0, [%r1+184]
exit
