# lock_wrong_offset.s - the argument points 4 bytes past the lock.
# type: xdp
# expect: off 4 doesn't point to 'struct bpf_spin_lock' that is at 0
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:9]
call 1
jeq %r0, 0, out
mov %r6, %r0
mov %r1, %r6
add %r1, 4
call 93
mov %r1, %r6
call 94
out:
mov %r0, 0
exit
