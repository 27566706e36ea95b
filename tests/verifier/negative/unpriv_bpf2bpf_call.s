# unpriv_bpf2bpf_call.s - a BPF-to-BPF call needs CAP_BPF.
# type: socket_filter
# mode: unpriv
# expect: loading/calling other bpf or kernel functions are allowed for CAP_BPF and CAP_SYS_ADMIN
call local f
exit
f:
mov %r0, 0
exit
