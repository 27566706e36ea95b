# helper_push_hash.s - bpf_map_push_elem on a hash map.
# type: xdp
# expect: cannot pass map_type 1 into func bpf_map_push_elem#87
stdw [%r10-8], 0
lddw %r1, map[idx:0]
mov %r2, %r10
add %r2, -8
mov %r3, 0
call 87
mov %r0, 0
exit
