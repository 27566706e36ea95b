# rb_reserve_hash_map.s - reserve from a hash map.
# type: xdp
# expect: cannot pass map_type 1 into func bpf_ringbuf_reserve#131
lddw %r1, map[idx:0]
mov %r2, 8
mov %r3, 0
call 131
mov %r0, 0
exit
