# helper_buf_scalar.s - buffer argument is a number.
# type: xdp
# expect: R1 type=scalar expected=fp
mov %r1, 0
mov %r2, 8
call 6
exit
