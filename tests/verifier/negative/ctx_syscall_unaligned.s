# ctx_syscall_unaligned.s - unaligned syscall context read.
# type: syscall
# expect: invalid bpf_context access off=2 size=4
ldxw %r0, [%r1+2]
exit
