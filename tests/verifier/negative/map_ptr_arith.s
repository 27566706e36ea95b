# map_ptr_arith.s - offset added to a map pointer.
# type: xdp
# expect: R1 pointer arithmetic on map_ptr prohibited
lddw %r1, map[idx:0]
add %r1, 8
mov %r0, 0
exit
