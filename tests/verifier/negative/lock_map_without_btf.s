# lock_map_without_btf.s - a map created without BTF has no known lock.
# type: xdp
# expect: has to have BTF in order to use bpf_spin_lock
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:1]
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
