# timer_wrong_offset.s - the timer argument points 8 bytes past the bpf_timer.
# type: xdp
# expect: off 8 doesn't point to 'struct bpf_timer' that is at 0
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:12]
call 1
jeq %r0, 0, out
mov %r1, %r0
add %r1, 8
lddw %r2, map[idx:12]
mov %r3, 1
call 169
out:
mov %r0, 0
exit
