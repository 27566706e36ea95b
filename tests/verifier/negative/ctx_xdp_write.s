# ctx_xdp_write.s - XDP context is read-only.
# type: xdp
# expect: invalid bpf_context access off=12 size=4
mov %r2, 0
stxw [%r1+12], %r2
mov %r0, 0
exit
