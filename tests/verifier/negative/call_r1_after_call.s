# call_r1_after_call.s - R1 read after a BPF-to-BPF call.
# type: xdp
# expect: R1 !read_ok
mov %r1, 1
call local f
mov %r0, %r1
exit
f:
mov %r0, 0
exit
