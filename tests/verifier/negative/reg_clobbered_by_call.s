# reg_clobbered_by_call.s - R1 used after a helper call.
# type: xdp
# expect: R1 !read_ok
call 5
mov %r0, %r1
exit
