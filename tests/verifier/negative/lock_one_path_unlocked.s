# lock_one_path_unlocked.s - one path skips the unlock.
# type: xdp
# expect: BPF_EXIT instruction in main prog cannot be used inside bpf_spin_lock-ed region
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:9]
call 1
jeq %r0, 0, out
mov %r6, %r0
call 7
mov %r7, %r0
mov %r1, %r6
call 93
jeq %r7, 0, out
mov %r1, %r6
call 94
out:
mov %r0, 0
exit
