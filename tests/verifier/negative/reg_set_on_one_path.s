# reg_set_on_one_path.s - R3 set on one side of a branch, read after the join.
# type: xdp
# expect: R3 !read_ok
ldxw %r2, [%r1+0]
ldxw %r4, [%r1+4]
jgt %r2, %r4, skip
mov %r3, 1
skip:
mov %r0, %r3
exit
