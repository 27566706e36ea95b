# ctx_helper_moved.s - a moved context pointer given to a helper.
# type: xdp
# expect: dereference of modified ctx ptr R1 off=4 disallowed
add %r1, 4
mov %r2, 0
call 44
mov %r0, 0
exit
