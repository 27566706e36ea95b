# kfunc_rcu_unmatched.s - bpf_rcu_read_unlock without the lock, on the path
# that skipped it.
# type: xdp
# kernel: needs BTF (kfuncs; 6.18 gives the same message for the C form)
# expect: unmatched rcu read unlock (kernel function bpf_rcu_read_unlock)
ldxw %r2, [%r1+0]
ldxw %r3, [%r1+4]
jeq %r2, %r3, skip
call kfunc 1
skip:
call kfunc 2
mov %r0, 0
exit
