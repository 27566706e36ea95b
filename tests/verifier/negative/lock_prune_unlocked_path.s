# lock_prune_unlocked_path.s - the path that never locked reaches the unlock after the locked one.
# type: xdp
# expect: bpf_spin_unlock without taking a lock
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:9]
call 1
jeq %r0, 0, out
mov %r6, %r0
call 7
jeq %r0, 0, join
mov %r1, %r6
call 93
join:
mov %r1, %r6
call 94
out:
mov %r0, 0
exit
