# ctx_xdp_write_data.s - data overwritten.
# type: xdp
# expect: invalid bpf_context access off=0 size=4
mov %r2, 0
stxw [%r1+0], %r2
mov %r0, 0
exit
