# ctx_xdp_st.s - immediate store into the XDP context.
# type: xdp
# expect: invalid bpf_context access off=0 size=4
stw [%r1+0], 0
mov %r0, 0
exit
