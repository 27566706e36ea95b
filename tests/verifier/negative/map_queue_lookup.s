# map_queue_lookup.s - lookup on a queue.
# type: xdp
# expect: invalid zero-sized read
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:4]
call 1
mov %r0, 0
exit
