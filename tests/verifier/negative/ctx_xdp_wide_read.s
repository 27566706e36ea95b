# ctx_xdp_wide_read.s - 8-byte read of a u32 field.
# type: xdp
# expect: invalid bpf_context access off=0 size=8
ldxdw %r0, [%r1+0]
exit
