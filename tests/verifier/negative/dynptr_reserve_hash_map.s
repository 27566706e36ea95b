# dynptr_reserve_hash_map.s - bpf_ringbuf_reserve_dynptr on a hash map.
# type: xdp
# expect: cannot pass map_type 1 into func bpf_ringbuf_reserve_dynptr#198
lddw %r1, map[idx:0]
mov %r2, 8
mov %r3, 0
mov %r4, %r10
add %r4, -16
call 198
mov %r1, %r10
add %r1, -16
mov %r2, 0
call 199
mov %r0, 0
exit
