# unpriv_bpf_loop.s - bpf_loop is in the unprivileged base set, but its
# callback is a BPF function, which needs CAP_BPF.
# type: socket_filter
# mode: unpriv
# kernel: needs BTF for callbacks, not compared privileged
# expect: loading/calling other bpf or kernel functions are allowed for CAP_BPF and CAP_SYS_ADMIN
mov %r1, 4
lddw %r2, subprog[cb]
mov %r3, 0
mov %r4, 0
call 181
mov %r0, 0
exit
cb:
mov %r0, 0
exit
