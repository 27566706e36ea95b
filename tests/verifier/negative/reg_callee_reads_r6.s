# reg_callee_reads_r6.s - a subprogram reads R6, which only its caller set.
# type: xdp
# expect: R6 !read_ok
mov %r6, 1
call local f
exit
f:
mov %r0, %r6
exit
