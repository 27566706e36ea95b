# tail_call_hash_map.s - tail call through a hash map.
# type: xdp
# expect: expected prog array map for tail call
lddw %r2, map[idx:0]
mov %r3, 0
call 12
mov %r0, 0
exit
