# kfunc_rcu_tail_call.s - a tail call inside the rcu read section.
# type: xdp
# kernel: needs BTF (kfuncs; 6.18 gives the same message for the C form)
# expect: tail_call cannot be used inside bpf_rcu_read_lock-ed region
mov %r6, %r1
call kfunc 1
mov %r1, %r6
lddw %r2, map[idx:6]
mov %r3, 0
call 12
call kfunc 2
mov %r0, 0
exit
