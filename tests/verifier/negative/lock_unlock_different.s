# lock_unlock_different.s - the lock of element 0 taken, element 1's released.
# type: xdp
# expect: bpf_spin_unlock of different lock
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:9]
call 1
jeq %r0, 0, out
mov %r6, %r0
stw [%r10-8], 1
mov %r2, %r10
add %r2, -8
lddw %r1, map[idx:9]
call 1
jeq %r0, 0, out
mov %r7, %r0
mov %r1, %r6
call 93
mov %r1, %r7
call 94
out:
mov %r0, 0
exit
