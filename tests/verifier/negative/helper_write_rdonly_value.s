# helper_write_rdonly_value.s - bpf_map_pop_elem writes into a read-only map value.
# type: xdp
# expect: write into map forbidden
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:3]
call 1
jeq %r0, 0, out
mov %r2, %r0
lddw %r1, map[idx:4]
call 88
out:
mov %r0, 0
exit
