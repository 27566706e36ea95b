# map_delete_no_key.s - delete with R2 never set.
# type: xdp
# expect: R2 !read_ok
lddw %r1, map[idx:0]
call 3
exit
