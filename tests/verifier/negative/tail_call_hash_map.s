# tail_call_hash_map.s - tail call through a hash map.
# type: xdp
# expect: cannot pass map_type 1 into func bpf_tail_call#12
lddw %r2, map[idx:0]
mov %r3, 0
call 12
mov %r0, 0
exit
