# lock_helper_reads_lock.s - a value holding the lock passed to bpf_map_update_elem.
# type: xdp
# expect: bpf_spin_lock cannot be accessed directly by load/store
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:9]
call 1
jeq %r0, 0, out
mov %r6, %r0
mov %r3, %r6
mov %r2, %r10
add %r2, -4
mov %r4, 0
lddw %r1, map[idx:9]
call 2
out:
mov %r0, 0
exit
