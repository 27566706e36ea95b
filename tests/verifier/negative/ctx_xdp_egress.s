# ctx_xdp_egress.s - egress_ifindex outside devmap programs.
# type: xdp
# expect: invalid bpf_context access off=20 size=4
ldxw %r0, [%r1+20]
exit
