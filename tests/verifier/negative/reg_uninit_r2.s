# reg_uninit_r2.s - R2 read before any write.
# type: xdp
# expect: R2 !read_ok
mov %r0, %r2
exit
