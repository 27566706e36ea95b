# atomic_cmpxchg_no_r0.s - cmpxchg compares with R0, never set.
# type: xdp
# expect: R0 !read_ok
stdw [%r10-8], 0
mov %r1, 1
lock cmpxchg [%r10-8], %r1
mov %r0, 0
exit
