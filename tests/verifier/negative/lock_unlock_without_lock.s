# lock_unlock_without_lock.s - bpf_spin_unlock with no lock held.
# type: xdp
# expect: bpf_spin_unlock without taking a lock
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:9]
call 1
jeq %r0, 0, out
mov %r6, %r0
mov %r1, %r6
call 94
out:
mov %r0, 0
exit
