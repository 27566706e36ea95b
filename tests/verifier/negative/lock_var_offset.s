# lock_var_offset.s - the argument has a variable offset.
# type: xdp
# expect: R1 doesn't have constant offset. bpf_spin_lock has to be at the constant offset
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:9]
call 1
jeq %r0, 0, out
mov %r6, %r0
call 7
and %r0, 4
mov %r1, %r6
add %r1, %r0
call 93
mov %r1, %r6
call 94
out:
mov %r0, 0
exit
