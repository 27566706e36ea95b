# ctx_xdp_st.s - immediate store into the XDP context.
# type: xdp
# expect: BPF_ST stores into R1 ctx is not allowed
stw [%r1+0], 0
mov %r0, 0
exit
