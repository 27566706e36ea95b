# ctx_syscall_st_negative.s - write before the syscall context.
# type: syscall
# expect: invalid bpf_context access off=-8 size=8
mov %r2, 1
stxdw [%r1-8], %r2
mov %r0, 0
exit
