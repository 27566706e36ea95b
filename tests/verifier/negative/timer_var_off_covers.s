# timer_var_off_covers.s - a load at a variable offset (0 or 8) inside the bpf_timer.
# type: xdp
# expect: bpf_timer cannot be accessed directly by load/store
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:12]
call 1
jeq %r0, 0, out
mov %r6, %r0
call 7
and %r0, 8
mov %r1, %r6
add %r1, %r0
ldxdw %r0, [%r1+0]
out:
mov %r0, 0
exit
