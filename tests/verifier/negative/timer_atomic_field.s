# timer_atomic_field.s - an atomic add on the bpf_timer.
# type: xdp
# expect: bpf_timer cannot be accessed directly by load/store
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:12]
call 1
jeq %r0, 0, out
mov %r6, %r0
mov %r1, 1
lock add [%r6+8], %r1
out:
mov %r0, 0
exit
