# timer_var_offset.s - the timer argument at a variable offset (0 or 8).
# type: xdp
# expect: R1 doesn't have constant offset. bpf_timer has to be at the constant offset
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:12]
call 1
jeq %r0, 0, out
mov %r1, %r0
ldxdw %r4, [%r0+16]
and %r4, 8
add %r1, %r4
lddw %r2, map[idx:12]
mov %r3, 1
call 169
out:
mov %r0, 0
exit
