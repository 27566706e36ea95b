# map_spin_lock_in_tracepoint.s - a tracepoint program refers to a map whose values hold a bpf_spin_lock.
# type: tracepoint
# expect: tracing progs cannot use bpf_spin_lock yet
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:9]
call 1
mov %r0, 0
exit
