# ctx_xdp_narrow_read.s - 2-byte read of ingress_ifindex.
# type: xdp
# expect: invalid bpf_context access off=12 size=2
ldxh %r0, [%r1+12]
exit
