# timer_helper_reads_timer.s - a value holding a bpf_timer passed to bpf_map_update_elem.
# type: xdp
# expect: bpf_timer cannot be accessed directly by load/store
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:12]
call 1
jeq %r0, 0, out
mov %r6, %r0
mov %r3, %r6
mov %r2, %r10
add %r2, -4
mov %r4, 0
lddw %r1, map[idx:12]
call 2
out:
mov %r0, 0
exit
