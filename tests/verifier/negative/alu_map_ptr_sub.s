# alu_map_ptr_sub.s - map pointer minus a constant.
# type: xdp
# expect: R1 pointer arithmetic on map_ptr prohibited
lddw %r1, map[idx:0]
sub %r1, 8
mov %r0, 0
exit
