# ctx_kprobe_past_regs.s - a kprobe program reads past the 168 bytes of pt_regs.
# type: kprobe
# expect: invalid bpf_context access off=168 size=8
ldxdw %r0, [%r1+168]
exit
