# lock_value_without_lock.s - the value's BTF type holds no bpf_spin_lock.
# type: xdp
# expect: has no valid bpf_spin_lock
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:11]
call 1
jeq %r0, 0, out
mov %r6, %r0
mov %r1, %r6
call 93
mov %r1, %r6
call 94
out:
mov %r0, 0
exit
