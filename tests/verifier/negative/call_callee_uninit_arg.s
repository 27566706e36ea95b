# call_callee_uninit_arg.s - subprogram reads an argument never passed.
# type: xdp
# expect: R2 !read_ok
mov %r1, 1
call local f
exit
f:
mov %r0, %r2
exit
