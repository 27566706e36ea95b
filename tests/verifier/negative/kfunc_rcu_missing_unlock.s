# kfunc_rcu_missing_unlock.s - exit inside the rcu read section.
# type: xdp
# kernel: needs BTF (kfuncs; 6.18 gives the same message for the C form)
# expect: BPF_EXIT instruction in main prog cannot be used inside bpf_rcu_read_lock-ed region
call kfunc 1
mov %r0, 0
exit
