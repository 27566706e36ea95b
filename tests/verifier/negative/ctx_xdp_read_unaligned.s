# ctx_xdp_read_unaligned.s - u32 read at offset 2.
# type: xdp
# expect: invalid bpf_context access off=2 size=4
ldxw %r0, [%r1+2]
exit
