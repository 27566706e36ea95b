# ctx_kprobe_write.s - a kprobe program writes a register of its pt_regs.
# type: kprobe
# expect: invalid bpf_context access off=112 size=8
mov %r2, 0
stxdw [%r1+112], %r2
mov %r0, 0
exit
