# lock_atomic_lock_field.s - an atomic add on the lock word.
# type: xdp
# expect: bpf_spin_lock cannot be accessed directly by load/store
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:9]
call 1
jeq %r0, 0, out
mov %r6, %r0
mov %r1, 1
lock add32 [%r6+0], %r1
out:
mov %r0, 0
exit
