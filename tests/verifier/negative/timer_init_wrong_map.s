# timer_init_wrong_map.s - bpf_timer_init with a map other than the timer's.
# type: xdp
# expect: timer pointer in R1 map_uid=0 doesn't match map pointer in R2 map_uid=0
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:12]
call 1
jeq %r0, 0, out
mov %r1, %r0
lddw %r2, map[idx:11]
mov %r3, 1
call 169
out:
mov %r0, 0
exit
