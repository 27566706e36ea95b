# reg_uninit_r0.s - exit without setting R0.
# type: xdp
# expect: R0 !read_ok
exit
