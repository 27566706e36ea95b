# stack_fp_subtract.s - register subtracted from fp.
# type: xdp
# expect: R0 subtraction from stack pointer prohibited
mov %r0, %r10
mov %r2, 8
sub %r0, %r2
exit
