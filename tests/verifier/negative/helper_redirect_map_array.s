# helper_redirect_map_array.s - bpf_redirect_map on an array map.
# type: xdp
# expect: cannot pass map_type 2 into func bpf_redirect_map#51
lddw %r1, map[idx:1]
mov %r2, 0
mov %r3, 0
call 51
exit
