# unpriv_helper_cap_bpf.s - bpf_jiffies64 is in the base set only for
# CAP_BPF.
# type: socket_filter
# mode: unpriv
# expect: program of this type cannot use helper bpf_jiffies64#118
call 118
mov %r0, 0
exit
