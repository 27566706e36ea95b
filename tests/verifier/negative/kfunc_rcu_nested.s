# kfunc_rcu_nested.s - bpf_rcu_read_lock twice (kfunc 1, bpfhost's id).
# type: xdp
# kernel: needs BTF (kfuncs; 6.18 gives the same message for the C form)
# expect: nested rcu read lock (kernel function bpf_rcu_read_lock)
call kfunc 1
call kfunc 1
call kfunc 2
call kfunc 2
mov %r0, 0
exit
