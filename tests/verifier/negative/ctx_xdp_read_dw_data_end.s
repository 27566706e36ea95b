# ctx_xdp_read_dw_data_end.s - data and data_end read as one u64.
# type: xdp
# expect: invalid bpf_context access off=4 size=8
ldxdw %r0, [%r1+4]
exit
