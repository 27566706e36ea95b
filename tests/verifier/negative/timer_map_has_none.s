# timer_map_has_none.s - a value with BTF but no bpf_timer passed as a timer.
# type: xdp
# expect: map 'vmap' has no valid bpf_timer
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:11]
call 1
jeq %r0, 0, out
mov %r1, %r0
call 172
out:
mov %r0, 0
exit
