# ctx_xdp_past_end.s - read past struct xdp_md.
# type: xdp
# expect: invalid bpf_context access off=24 size=4
ldxw %r0, [%r1+24]
exit
