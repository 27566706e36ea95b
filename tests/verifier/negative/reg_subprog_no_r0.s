# reg_subprog_no_r0.s - a subprogram exits without setting R0.
# type: xdp
# expect: R0 !read_ok
call local f
exit
f:
mov %r1, 0
exit
