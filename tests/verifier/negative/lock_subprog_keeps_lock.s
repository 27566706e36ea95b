# lock_subprog_keeps_lock.s - a subprogram takes the lock; the caller exits holding it.
# type: xdp
# expect: BPF_EXIT instruction in main prog cannot be used inside bpf_spin_lock-ed region
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:9]
call 1
jeq %r0, 0, out
mov %r6, %r0
mov %r1, %r6
call local take
out:
mov %r0, 0
exit
take:
call 93
mov %r0, 0
exit
