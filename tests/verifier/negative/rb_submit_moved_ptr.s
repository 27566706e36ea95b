# rb_submit_moved_ptr.s - submit of a pointer into the record.
# type: xdp
# expect: R1 must have zero offset when passed to release func
lddw %r1, map[idx:5]
mov %r2, 8
mov %r3, 0
call 131
jeq %r0, 0, out
mov %r1, %r0
add %r1, 4
mov %r2, 0
call 132
out:
mov %r0, 0
exit
