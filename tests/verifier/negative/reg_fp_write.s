# reg_fp_write.s - R10 overwritten.
# type: xdp
# expect: frame pointer is read only
mov %r10, 0
mov %r0, 0
exit
