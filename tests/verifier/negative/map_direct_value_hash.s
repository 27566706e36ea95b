# map_direct_value_hash.s - a direct value address into a hash map.
# type: xdp
# expect: no direct value access support for this map type
lddw %r1, map[idx:0]+0
mov %r0, 0
exit
