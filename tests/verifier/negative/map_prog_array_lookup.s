# map_prog_array_lookup.s - lookup in a program array.
# type: xdp
# expect: cannot pass map_type 3 into func bpf_map_lookup_elem#1
stw [%r10-4], 0
mov %r2, %r10
add %r2, -4
lddw %r1, map[idx:6]
call 1
mov %r0, 0
exit
